"""A simple projection to the plan's last year: where the current pace leads.

Stocks (level, cumulative, maintain) are fitted as a straight line through the figures at the
moment they describe (end of a finished year, the reporting date for the current year).
Flows (per_year, range) are fitted through the yearly amounts, the current year's amount
scaled up to a whole year. At least two years of figures are needed.
"""

from __future__ import annotations

from datetime import date

from lib.plan.periods import year_fraction
from lib.plan.schema import STOCK_KINDS, Indicator

MIN_SHARE = 0.25  # below a quarter of a year, scaling a flow to a whole year is too noisy


def _fit(points: list[tuple[float, float]], at: float) -> float:
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / var if var else 0.0
    return mean_y + slope * (at - mean_x)


def project(
    indicator: Indicator, values: dict[int, float], as_of: date, last_year: int
) -> tuple[float | None, bool | None]:
    """Projected value in `last_year` and whether it reaches that year's target."""
    end_target = indicator.levels().get(last_year)
    if end_target is None or len(values) < 2:
        return None, None
    points: list[tuple[float, float]] = []
    stock = indicator.kind in STOCK_KINDS
    for year, value in sorted(values.items()):
        share = year_fraction(as_of, year)
        if share <= 0:
            continue
        if stock:
            points.append((year + share, value))
        elif share >= MIN_SHARE:
            points.append((year, value / share))
    if len(points) < 2:
        return None, None
    at = last_year + 1.0 if stock else float(last_year)
    projected = max(_fit(points, at), 0.0)
    return round(projected, 1), projected >= end_target - 1e-9
