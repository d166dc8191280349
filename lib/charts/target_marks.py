"""How a bar chart shows the plan's targets (lib/charts/indicators.py): a line across each
year's bar (or a range's box around it), and each bar's value label placed where no target line
crosses it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib.charts.style import RANGE_FILL, TARGET
from lib.plan.schema import Indicator

TARGET_REACH = 0.3  # a year's target: a line across its bar, this far each side of the tick
# A value label is about this share of the value axis high (20 px of a 180-300 px plot, on
# screen and at presentation size): a target line within it above a bar would cross the label.
LABEL_SHARE = 0.13


def add_range_bands(fig: go.Figure, rows: pd.DataFrame, unit: str) -> None:
    """Each year's range as a shaded box behind that year's bar, bounds as dashed edges; `unit`
    is escaped for Plotly (as_text)."""
    for row in rows.itertuples():
        if pd.isna(row.target_min):
            continue
        fig.add_shape(
            type="rect",
            x0=row.year - TARGET_REACH,  # around the bar, which stands on the year's tick
            x1=row.year + TARGET_REACH,
            y0=row.target_min,
            y1=row.target_max,
            fillcolor=RANGE_FILL,
            line={"color": TARGET, "dash": "dash", "width": 2},
            layer="below",
        )
    # Shapes have no legend entry; an invisible trace gives the band one.
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=f"Doel: bereik in {unit} (vak)",
            marker={
                "symbol": "square",
                "size": 16,
                "color": RANGE_FILL,
                "line": {"color": TARGET, "width": 2},
            },
        )
    )


def target_lines(indicator: Indicator, rows: pd.DataFrame) -> list[list[float]]:
    """Per year the heights of the target's lines across its bar: the target, or a range's
    bounds."""
    columns = ["target_min", "target_max"] if indicator.kind == "range" else ["target"]
    return [[float(v) for v in row if pd.notna(v)] for row in rows[columns].itertuples(False)]


def label_height(value: float, lines: list[float], top: float) -> float:
    """Where a bar's value label stands: on the bar, or above a target line that would cross
    it there (a target just above the bar): never with a line through it."""
    height = value
    for line in sorted(lines):
        if height <= line < height + LABEL_SHARE * top:
            height = line
    return height


def add_target_lines(fig: go.Figure, years: list[int], targets: list, unit: str) -> None:
    """Each year's target as a line across its bar; no line from year to year, which ran
    through the value labels."""
    x: list = []
    y: list = []
    for year, target in zip(years, targets, strict=True):
        if target is not None:
            x += [year - TARGET_REACH, year + TARGET_REACH, None]
            y += [target, target, None]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="lines",
            name="Doel volgens plan",
            line={"color": TARGET, "dash": "dash", "width": 3},
            hovertemplate="doel %{y:,.1~f} " + unit + "<extra></extra>",
        )
    )


def add_value_labels(
    fig: go.Figure,
    years: list[int],
    actual: list[float | None],
    labels: list[str],
    lines: list[list[float]],
    top: float,
) -> None:
    """Each bar's value above it, on a white ground, clear of its year's target lines."""
    for year, value, text, own in zip(years, actual, labels, lines, strict=True):
        if value is None:
            continue
        fig.add_annotation(
            x=year,
            y=label_height(value, own, top),
            text=text,
            showarrow=False,
            yanchor="bottom",
            yshift=4,  # clear of the line's width
            bgcolor="rgba(255, 255, 255, 0.9)",
            borderpad=1,
            name="value",
        )
