"""What can be entered: every figure the plan asks for, its target, and how to write its value.

Shared by the Excel template and the editing grid, so both offer exactly the same figures: one
per indicator and plan year (a milestone only in its deadline year) for the city, and one per
district where the plan counts per district.
"""

from __future__ import annotations

from datetime import date

from lib import fmt
from lib.figures.history import Key
from lib.plan.schema import Indicator, Plan

VALUE_HINTS = {
    "milestone": "datum bereikt (JJJJ-MM-DD) of nee",
    "commitment": "ja of nee",
}


def figure_keys(plan: Plan) -> list[Key]:
    keys = []
    for indicator in plan.indicators:
        years = (
            [indicator.deadline.year]
            if indicator.kind == "milestone" and indicator.deadline
            else plan.plan.years
        )
        districts = [""] + (plan.district_ids() if indicator.per_district else [])
        keys += [(indicator.id, year, district) for year in years for district in districts]
    return keys


def allows_decimals(indicator: Indicator) -> bool:
    """FTE and other shares may have decimals; counts of groups or children may not. The plan's
    own `decimals` decides where it is given."""
    if indicator.decimals is not None:
        return indicator.decimals
    levels = list(indicator.levels().values())
    return "fte" in indicator.unit.lower() or any(v != int(v) for v in levels)


def value_hint(indicator: Indicator) -> str:
    if indicator.kind in VALUE_HINTS:
        return VALUE_HINTS[indicator.kind]
    return "getal, mag decimalen" if allows_decimals(indicator) else "geheel getal"


def target(indicator: Indicator, year: int, district: str) -> float | str | date | None:
    """The plan's target for the figure: a number, a range or words as text, a deadline, or None."""
    if district:
        return indicator.district_target(district, year)
    if indicator.kind == "milestone":
        return indicator.deadline
    if indicator.kind == "commitment":
        return (indicator.commitments or {}).get(year)
    if indicator.kind == "range":
        low, high = indicator.bounds(year)
        return None if low is None else f"{fmt.number(low)} tot {fmt.number(high)}"
    return indicator.levels().get(year)


def target_text(indicator: Indicator, year: int, district: str) -> str:
    value = target(indicator, year, district)
    if value is None:
        return "alleen stadsdoel" if district and indicator.per_district else "geen doel"
    if isinstance(value, date):
        return "uiterlijk " + fmt.long_date(value)
    if isinstance(value, float | int):
        return fmt.quantity(value, indicator.unit, singular=indicator.unit_singular)
    return str(value)
