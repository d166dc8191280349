"""Chart builders for one indicator: the plan's yearly path against the actual figures.

Each builder takes rows of the progress table (lib.progress.compare) and returns a Plotly figure in the
house style (lib.style); `describe_*` gives the same content as one Dutch sentence, the text
alternative shown with the chart.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from lib import fmt
from lib.charts.style import (
    ACTUAL,
    ACTUAL_LIGHT,
    PROJECTION,
    STATUS_MARKER_COLOURS,
    STATUS_SYMBOLS,
    TICK_GAP,
    apply_style,
    as_text,
    fixed_margins,
    new_figure,
    numeric_axis_room,
    set_height,
)
from lib.charts.target_marks import (
    add_range_bands,
    add_target_lines,
    add_value_labels,
    target_lines,
)
from lib.plan.schema import STOCK_KINDS, Indicator
from lib.status import STATUSES

BAR_WIDTH = 0.42  # of the distance between two years; a bar stands on its year's tick
HEADROOM = 1.18  # the value axis reaches this far above the highest value: room for labels
CONCEPT_EDGE = "#6A3D9A"  # concept bars: white with a purple cross-hatch, labelled "concept"


def _numbers(series: pd.Series) -> list[float | None]:
    return [None if pd.isna(v) else float(v) for v in series]


def indicator_chart(
    indicator: Indicator, rows: pd.DataFrame, title_suffix: str, as_of_year: int
) -> go.Figure:
    """Yearly target path (line, or band for a range) against actual figures (bars) and projection."""
    rows = rows.sort_values("year")
    years = [int(y) for y in rows["year"]]
    unit = as_text([indicator.unit])  # the plan's words, shown as written in legend and hover
    fig = new_figure()
    if indicator.kind == "range":
        add_range_bands(fig, rows, unit)
    actual = _numbers(rows["actual"])
    in_progress = [y == as_of_year for y in years]
    concept = _concept(rows)
    # Each bar on its year's tick, the running year's too; the year's target a line across it.
    bar = {"width": BAR_WIDTH, "offset": -BAR_WIDTH / 2, "cliponaxis": False}
    labels = [_bar_label(a, s, c) for a, s, c in zip(actual, rows["status"], concept, strict=True)]
    fig.add_trace(
        go.Bar(
            x=years,
            y=[None if c else a for a, c in zip(actual, concept, strict=True)],
            name="Stand (gestreept: lopend jaar)",
            marker={
                "color": [ACTUAL_LIGHT if p else ACTUAL for p in in_progress],
                "line": {"color": ACTUAL, "width": 2},
                "pattern": {"shape": ["/" if p else "" for p in in_progress], "fgcolor": ACTUAL},
            },
            hovertemplate="%{x}: %{y:,.1~f} " + unit + "<extra>Stand</extra>",
            **bar,
        )
    )
    if any(concept):
        fig.add_trace(
            go.Bar(
                x=years,
                y=[a if c else None for a, c in zip(actual, concept, strict=True)],
                name="Conceptcijfer, nog niet vastgesteld (geruit)",
                marker={
                    "color": "white",
                    "line": {"color": CONCEPT_EDGE, "width": 3},
                    "pattern": {"shape": "x", "fgcolor": CONCEPT_EDGE, "size": 10},
                },
                hovertemplate="%{x}: %{y:,.1~f} " + unit + "<extra>Concept</extra>",
                **bar,
            )
        )
    fig.update_layout(barmode="overlay")
    top = (_highest(rows) or 1) * HEADROOM
    lines = target_lines(indicator, rows)
    add_value_labels(fig, years, actual, labels, lines, top)
    if indicator.kind != "range":
        add_target_lines(fig, years, _numbers(rows["target"]), unit)
    _add_projection(fig, indicator, rows, unit)
    fig.update_xaxes(
        tickmode="array",
        tickvals=years,
        ticktext=[str(y) for y in years],
        range=[min(years) - 0.5, max(years) + 0.5] if years else None,
    )
    fig.update_yaxes(title_text=unit, range=[0, top])
    apply_style(fig, f"{indicator.name}: doel en stand", title_suffix)
    return fixed_margins(fig, numeric_axis_room(_highest(rows)))


def _highest(rows: pd.DataFrame) -> float | None:
    """The highest value the chart's value axis has to show: figure, target, bound, projection."""
    columns = [c for c in ("actual", "target", "target_max", "projection") if c in rows]
    values = rows[columns].apply(pd.to_numeric, errors="coerce").max().max()
    return None if pd.isna(values) else float(values)


def _bar_label(actual: float | None, status: str, concept: bool = False) -> str:
    if actual is None:
        return ""
    return f"{fmt.number(actual)} {STATUSES[status].icon}" + (" concept" if concept else "")


def _concept(rows: pd.DataFrame) -> list[bool]:
    """Per row whether its figure is a concept (not yet approved by a second editor)."""
    if "figure_status" not in rows:
        return [False] * len(rows)
    return [s == "concept" for s in rows["figure_status"]]


def _add_projection(fig: go.Figure, indicator: Indicator, rows: pd.DataFrame, unit: str) -> None:
    city = rows.dropna(subset=["projection"])
    known = rows.dropna(subset=["actual"])
    if city.empty or known.empty:
        return
    last_year = int(rows["year"].max())
    start_year = int(known["year"].max())
    if start_year >= last_year:
        return
    projected = float(city["projection"].iloc[0])
    start_value = float(known.sort_values("year")["actual"].iloc[-1])
    if indicator.kind not in STOCK_KINDS:
        start_value = projected  # a flow's projection is a yearly amount, drawn as a level
    fig.add_trace(
        go.Scatter(
            # from the bar's right edge: its value label stands above the bar's middle
            x=[start_year + BAR_WIDTH / 2, last_year],
            y=[start_value, projected],
            mode="lines+markers",
            name=f"Prognose {last_year} bij huidig tempo",
            line={"color": PROJECTION, "dash": "dot", "width": 3},
            marker={"symbol": "circle-open", "size": 12, "color": PROJECTION, "line": {"width": 3}},
            hovertemplate="%{x}: prognose %{y:,.1~f} " + unit + "<extra></extra>",
        )
    )


def describe_indicator(indicator: Indicator, rows: pd.DataFrame, year: int) -> str:
    """One Dutch sentence with what the chart shows for the chosen year."""
    row = rows[rows["year"] == year]
    if row.empty:
        return f"{indicator.name}: geen gegevens voor {year}."
    r = row.iloc[0]
    target = (
        f"een bereik van {fmt.number(r['target_min'])} tot {fmt.number(r['target_max'])}"
        if indicator.kind == "range"
        else f"een doel van {fmt.quantity(r['target'], indicator.unit, singular=indicator.unit_singular)}"
        if pd.notna(r["target"])
        else "geen doel"
    )
    actual = (
        "nog geen cijfer"
        if pd.isna(r["actual"])
        else fmt.concept(
            fmt.quantity(r["actual"], indicator.unit, singular=indicator.unit_singular),
            r.get("figure_status"),
        )
    )
    text = f"{indicator.name} in {year}: {actual} tegen {target}; status {r['status']}"
    if r["detail"]:  # after a colon: the detail may hold brackets of its own ("(29,9)")
        text += f": {r['detail']}"
    if pd.notna(r.get("projection")):
        verdict = "haalt het doel" if r["projection_reached"] else "haalt het doel niet"
        text += f". Prognose {int(rows['year'].max())}: {fmt.number(r['projection'])}, {verdict}"
    return text + "."


def commitment_chart(indicator: Indicator, rows: pd.DataFrame, title_suffix: str) -> go.Figure:
    """Yes/no commitments per year as a strip of status symbols."""
    rows = rows.sort_values("year")
    years = [int(y) for y in rows["year"]]
    fig = new_figure(
        go.Scatter(
            x=years,
            y=[0] * len(years),
            mode="markers+text",
            marker={
                "symbol": [STATUS_SYMBOLS[s] for s in rows["status"]],
                "color": [STATUS_MARKER_COLOURS[s] for s in rows["status"]],
                "size": 26,
                "line": {"color": "#333333", "width": 2},
            },
            # Years without a commitment keep their dash symbol but no words, which would collide.
            text=[
                "" if s == "geen doel" else f"{STATUSES[s].icon} {s}" + (" (concept)" if c else "")
                for s, c in zip(rows["status"], _concept(rows), strict=True)
            ],
            textposition="bottom center",
            hovertext=[as_text([e]) for e in rows["explanation"]],
            hoverinfo="text",
            showlegend=False,
        )
    )
    fig.update_yaxes(visible=False, range=[-1, 0.6])
    fig.update_xaxes(
        tickmode="array",
        tickvals=years,
        ticktext=[str(y) for y in years],
        range=[min(years) - 0.5, max(years) + 0.5],
    )
    fig = apply_style(fig, f"{indicator.name}: toezegging per jaar", title_suffix)
    set_height(fig, 260)
    return fixed_margins(fig, TICK_GAP + 20)  # no value axis; room for the first year's words


def describe_commitment(indicator: Indicator, rows: pd.DataFrame) -> str:
    parts = [f"{int(r.year)}: {r.status}" for r in rows.sort_values("year").itertuples()]
    return f"{indicator.name}, per jaar: " + "; ".join(parts) + "."
