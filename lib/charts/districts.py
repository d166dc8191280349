"""Comparing the districts: indicator x district matrix, heatmap, and a ranking per indicator.

The plan sets (almost) only city targets, so these charts show how the actual figures are
distributed over the districts; district targets are drawn only where the plan sets them.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from lib import fmt
from lib.charts.style import (
    ACTUAL,
    AXIS_TITLE_ROOM,
    INK,
    MUTED,
    SEQUENTIAL,
    TARGET,
    TICK_FONT_SIZE,
    TICK_GAP,
    apply_style,
    as_text,
    fixed_margins,
    label_axis_room,
    new_figure,
    set_height,
    wrap,
)
from lib.plan.schema import Indicator, Plan


def district_rows(progress: pd.DataFrame, year: int) -> pd.DataFrame:
    """District rows (not the city) of one year."""
    return progress[(progress["district"] != "") & (progress["year"] == year)]


def district_matrix(progress: pd.DataFrame, plan: Plan, year: int, value: str) -> pd.DataFrame:
    """Indicators (rows) x districts (columns, plan order) of `actual` or `share_of_city`."""
    rows = district_rows(progress, year)
    names = {i.id: i.name for i in plan.indicators}
    # Every indicator with district rows, also one whose values are all empty (no shares where
    # the city's total is 0): the matrices of one year have the same rows, whatever `value`.
    matrix = rows.pivot_table(
        index="indicator", columns="district", values=value, aggfunc="first", dropna=False
    )
    present = set(rows["indicator"])
    order = [i.id for i in plan.indicators if i.id in present]
    matrix = matrix.reindex(index=order, columns=plan.district_ids())
    matrix.index = [names[i] for i in matrix.index]
    matrix.columns = [plan.district_names()[d] for d in matrix.columns]
    return matrix


def district_heatmap(
    actual: pd.DataFrame, share: pd.DataFrame, subtitle: str, concept: pd.DataFrame | None = None
) -> go.Figure:
    """Share of the city total per cell (colour), with the actual figure as text.

    `concept`: the figure_status matrix; a concept figure says so in its cell.
    """
    text = [
        [
            "geen<br>cijfer"
            if pd.isna(a)
            else f"{fmt.number(a)}<br>({fmt.percent(s)})"
            if pd.notna(s)
            else fmt.number(a)
            for a, s in zip(actual.loc[i], share.loc[i], strict=True)
        ]
        for i in actual.index
    ]
    if concept is not None:
        marked = concept.reindex(index=actual.index, columns=actual.columns) == "concept"
        text = [
            [t + ("<br>concept" if m else "") for t, m in zip(row, flags, strict=True)]
            for row, flags in zip(text, marked.to_numpy().tolist(), strict=True)
        ]
    fig = new_figure(
        go.Heatmap(
            z=share.values,
            x=[_column_label(c) for c in share.columns],
            y=[_short(i) for i in share.index],
            text=text,
            texttemplate="%{text}",
            textfont={"size": 13, "color": INK},
            colorscale=SEQUENTIAL,
            zmin=0,
            colorbar={"title": {"text": "% van stad"}, "ticksuffix": "%"},
            hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(tickangle=0, showgrid=False)
    fig = apply_style(fig, "Stand per wijk en aandeel in het stadstotaal", subtitle)
    fig.update_xaxes(tickfont={"size": COLUMN_FONT_SIZE})
    rows = [_short(i) for i in share.index]
    lines_per_row = max(
        [r.count("<br>") + 1 for r in rows] + [c.count("<br>") + 1 for row in text for c in row],
        default=1,
    )
    set_height(fig, 180 + max(48, 20 * lines_per_row + 12) * len(share.index))
    lines = max((_column_label(c).count("<br>") + 1 for c in share.columns), default=1)
    return fixed_margins(
        fig,
        label_axis_room(rows),
        bottom=TICK_GAP + math.ceil(lines * COLUMN_FONT_SIZE * 1.3) + TICK_GAP,
    )


COLUMN_FONT_SIZE = 13  # ten districts side by side


def _column_label(name: str) -> str:
    """District names stacked word by word (and after a hyphen), so ten fit side by side."""
    return as_text([word for word in re.split(r" |(?<=-)", name) if word])


def _short(name: str, width: int = 36) -> str:
    """An indicator's full name over as many lines as it needs: never cut off."""
    return wrap(name, width)


def district_ranking(indicator: Indicator, rows: pd.DataFrame, subtitle: str) -> go.Figure:
    """Districts sorted by their actual figure, with the average per district for reference."""
    rows = rows.sort_values("actual", ascending=True, na_position="first")
    values = [None if pd.isna(v) else float(v) for v in rows["actual"]]
    names = [as_text([n]) for n in rows["district_name"]]
    unit = as_text([indicator.unit])
    concept = [s == "concept" for s in rows.get("figure_status", [None] * len(rows))]
    fig = new_figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            # a concept figure's bar is hatched and says so, as on the indicator charts
            marker={"color": ACTUAL, "pattern": {"shape": ["x" if c else "" for c in concept]}},
            text=[
                "geen cijfer" if v is None else fmt.concept(fmt.number(v), "concept" if c else None)
                for v, c in zip(values, concept, strict=True)
            ],
            customdata=[fmt.CONCEPT_MARK if c else "" for c in concept],
            textposition="outside",
            cliponaxis=False,
            name="Stand per wijk",
            hovertemplate="%{y}: %{x:,.1~f} " + unit + "%{customdata}<extra></extra>",
        )
    )
    known = [v for v in values if v is not None]
    if known:
        mean = sum(known) / len(known)
        # A legend entry rather than a label on the chart, which would cover the top bar.
        fig.add_trace(
            go.Scatter(
                x=[mean, mean],
                y=[names[0], names[-1]],
                mode="lines",
                line={"color": MUTED, "dash": "dash", "width": 2},
                name=f"Gemiddelde per wijk: {fmt.number(mean)}",
                hoverinfo="skip",
            )
        )
    if rows["target"].notna().any():
        fig.add_trace(
            go.Scatter(
                x=list(rows["target"]),
                y=names,
                mode="markers",
                name="Wijkdoel volgens plan",
                marker={"symbol": "line-ns", "size": 24, "line": {"width": 4, "color": TARGET}},
            )
        )
    fig.update_xaxes(title_text=unit, rangemode="tozero")
    if known and all(float(v).is_integer() for v in known):
        # Counts of groups or locations: no ticks at half a group.
        fig.update_xaxes(tick0=0, dtick=max(1, math.ceil(max(known) / 6)))
    fig = apply_style(fig, f"{indicator.name}: rangorde van de wijken", subtitle)
    set_height(fig, 200 + 34 * len(rows))
    return fixed_margins(
        fig,
        label_axis_room(names),
        bottom=TICK_GAP + TICK_FONT_SIZE + AXIS_TITLE_ROOM + TICK_GAP,
    )


def describe_ranking(indicator: Indicator, rows: pd.DataFrame) -> str:
    known = rows.dropna(subset=["actual"])
    if known.empty:
        return f"{indicator.name}: nog geen cijfers per wijk."

    def names_at(value: float) -> str:
        return fmt.listing(list(known[known["actual"] == value]["district_name"]))

    top, bottom = known["actual"].max(), known["actual"].min()
    text = (
        f"{indicator.name}: hoogste stand in {names_at(top)} ({fmt.number(top)}), "
        f"laagste in {names_at(bottom)} ({fmt.number(bottom)})"
    )
    missing = len(rows) - len(known)
    if missing:
        text += f"; {fmt.count(missing, 'wijk', 'wijken')} zonder cijfer"
    return text + "."


def district_profile(
    progress: pd.DataFrame, district: str, year: int, plan: Plan | None = None
) -> pd.DataFrame:
    """One district's figures beside the city's, per indicator counted per district (Dutch headers).

    With `plan`, a count of one is written with the unit's singular ("1 locatie").
    """
    from lib.status import label

    singular = {i.id: i.unit_singular for i in plan.indicators} if plan else {}

    rows = district_rows(progress, year)
    own = rows[rows["district"] == district].set_index("indicator")
    city = progress[(progress["district"] == "") & (progress["year"] == year)].set_index(
        "indicator"
    )
    city = city.reindex(own.index)
    return pd.DataFrame(
        {
            "Indicator": own["name"],
            "Stand wijk": _stands(own, singular),
            "Stand stad": _stands(city, singular),
            "Aandeel wijk in stad": [fmt.percent(v) for v in own["share_of_city"]],
            "Wijkdoel": [fmt.number(v) if pd.notna(v) else "geen wijkdoel" for v in own["target"]],
            "Status wijk": [label(s) for s in own["status"]],
            "Status stad": [label(s) for s in city["status"]],
        }
    ).reset_index(drop=True)


def _stands(rows: pd.DataFrame, singular: dict) -> list[str]:
    """Each row's figure with its unit, marked where it is a concept."""
    return [
        fmt.concept(fmt.quantity(v, u, singular=singular.get(i)), c)
        if pd.notna(v)
        else "geen cijfer"
        for v, u, i, c in zip(
            rows["actual"], rows["unit"], rows.index, rows["figure_status"], strict=True
        )
    ]


def heatmap_view(
    progress: pd.DataFrame, plan: Plan, year: int, subtitle: str
) -> tuple[pd.DataFrame, go.Figure]:
    """The district figures of `year` as a table (indicators x districts) and as its heatmap."""
    actual = district_matrix(progress, plan, year, "actual")
    share = district_matrix(progress, plan, year, "share_of_city")
    concept = district_matrix(progress, plan, year, "figure_status")
    return actual, district_heatmap(actual, share, subtitle, concept)


def ranking_view(
    progress: pd.DataFrame, indicator: Indicator, year: int, subtitle: str
) -> tuple[go.Figure, str]:
    """One indicator's districts in `year`, ranked, and the sentence that says the same."""
    rows = district_rows(progress, year)
    rows = rows[rows["indicator"] == indicator.id]
    return district_ranking(indicator, rows, subtitle), describe_ranking(indicator, rows)
