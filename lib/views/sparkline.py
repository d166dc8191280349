"""A sparkline as inline SVG: a table cell that shows the course of a figure over the plan years.

Drawn as markup, not by a chart library: a table of forty rows gets forty small images in one
HTML element, with no script and no data grid. The SVG travels as an image (a data URL), since
Streamlit's st.html removes inline <svg>; its figures are its text alternative (`alt`) and its
tooltip (`title`), so a screen reader and a mouse reader get the numbers.
"""

from __future__ import annotations

import base64
import html
import math

from lib import fmt
from lib.views.html_table import Markup

WIDTH, HEIGHT, PAD = 84, 28, 4
LINE = "#0072B2"  # the chart palette's actual-figure blue
DOT_RADIUS = 2.5


def _known(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def describe(values: list[float | None], years: list[int]) -> str:
    """'2012: geen cijfer; 2013: 26; 2014: 132,5': the figures the sparkline draws, in words."""
    return "; ".join(
        f"{year}: {fmt.number(v) if _known(v) else 'geen cijfer'}"
        for year, v in zip(years, values, strict=True)
    )


def sparkline(values: list[float | None], years: list[int], label: str = "Verloop") -> Markup:
    """An SVG line through the known `values` (one per year of `years`), a gap where one is missing.

    Every known value gets a dot, so a single figure shows too; the last known one is larger.
    No known value at all: the text "geen cijfers".
    """
    if len(values) != len(years):
        raise ValueError("one value per year")
    known = [(n, float(v)) for n, v in enumerate(values) if _known(v)]
    text = f"{label}: {describe(values, years)}"
    if not known:
        return Markup(f'<span title="{html.escape(text, quote=True)}">geen cijfers</span>')
    low = min(v for _, v in known)
    high = max(v for _, v in known)
    low = min(low, 0.0) if low >= 0 else low  # counts start from zero: a flat line is not "low"
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def point(n: int, v: float) -> tuple[float, float]:
        return PAD + n * step, HEIGHT - PAD - (v - low) / span * (HEIGHT - 2 * PAD)

    # Consecutive known years form one line; a missing year breaks it.
    runs: list[list[tuple[float, float]]] = []
    previous = None
    for n, v in known:
        if previous is None or n != previous + 1:
            runs.append([])
        runs[-1].append(point(n, v))
        previous = n
    parts = [
        f'<svg width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'xmlns="http://www.w3.org/2000/svg">'
    ]
    for run in runs:
        if len(run) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            parts.append(
                f'<polyline points="{coords}" fill="none" stroke="{LINE}" stroke-width="2"/>'
            )
    for index, (n, v) in enumerate(known):
        x, y = point(n, v)
        radius = DOT_RADIUS + (1 if index == len(known) - 1 else 0)
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{LINE}"/>')
    parts.append("</svg>")
    data = base64.b64encode("".join(parts).encode("utf-8")).decode("ascii")
    said = html.escape(text, quote=True)
    return Markup(
        f'<img class="hjk-spark" src="data:image/svg+xml;base64,{data}" alt="{said}" '
        f'title="{said}" width="{WIDTH}" height="{HEIGHT}">'
    )
