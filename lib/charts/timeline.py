"""Milestones on a timeline: deadline, date reached, status and detail from lib.compare."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import plotly.graph_objects as go

from lib import fmt
from lib.charts.export import EXPORT_WIDTH
from lib.charts.presentation import FONT_SCALE
from lib.charts.style import (
    INK,
    MUTED,
    RIGHT_MARGIN,
    STATUS_MARKER_COLOURS,
    STATUS_SYMBOLS,
    TITLE_WIDTH,
    apply_style,
    as_text,
    fixed_margins,
    label_axis_room,
    label_width,
    new_figure,
    set_height,
    wrap,
)
from lib.status import STATUSES

ROW_HEIGHT = 54
LABEL_WIDTH = 42  # characters per line of a milestone's name beside the timeline
NO_MILESTONES = "Het plan heeft geen mijlpalen."  # a plan may set dated milestones or not


def milestone_rows(progress: pd.DataFrame, agenda: int | None = None) -> pd.DataFrame:
    """City rows of milestones in their deadline year, earliest deadline first.

    With `agenda`, only the milestones of that agenda item.
    """
    rows = progress[(progress["kind"] == "milestone") & (progress["district"] == "")]
    if agenda is not None:
        rows = rows[rows["agenda_item"] == agenda]
    rows = rows[rows["target"].notna()].copy()
    rows["deadline"] = [date.fromisoformat(d) for d in rows["target"]]
    # Plain dates or None (object column): pandas would turn a column of only None into NaT.
    rows["reached"] = pd.Series(
        [date.fromisoformat(a) if isinstance(a, str) else None for a in rows["actual"]],
        index=rows.index,
        dtype=object,
    )
    # A missed milestone also appears in later years; on the timeline it is shown once.
    in_deadline_year = [d.year == y for d, y in zip(rows["deadline"], rows["year"], strict=True)]
    rows = rows.loc[pd.Series(in_deadline_year, index=rows.index, dtype=bool)]
    return rows.sort_values(["deadline", "name"]).reset_index(drop=True)


def milestone_timeline(
    rows: pd.DataFrame, as_of: date, subtitle: str, scope: str = "van het plan"
) -> go.Figure:
    """Deadlines (open diamonds) and dates reached (status symbols), late stretches as lines.

    `scope` says whose milestones these are, in the title (lib/views/agenda.py milestones_of):
    a downloaded chart or a slide must say it without the page around it.
    """
    fig = new_figure()
    labels = [wrap(n, LABEL_WIDTH) for n in rows["name"]]
    for label, row in zip(labels, rows.itertuples(), strict=True):
        end = row.reached or (as_of if row.status == "achter" else None)
        if end and end > row.deadline:
            fig.add_trace(
                go.Scatter(
                    x=[row.deadline, end],
                    y=[label, label],
                    mode="lines",
                    line={
                        "color": STATUS_MARKER_COLOURS["achter"],
                        "width": 4,
                        "dash": "solid" if row.reached else "dot",
                    },
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    fig.add_trace(
        go.Scatter(
            x=list(rows["deadline"]),
            y=labels,
            mode="markers",
            name="Deadline volgens plan",
            marker={"symbol": "diamond-open", "size": 16, "color": INK, "line": {"width": 3}},
            customdata=[fmt.long_date(d) for d in rows["deadline"]],
            hovertemplate="Deadline %{customdata}<extra></extra>",  # one way: 1 oktober 2014
        )
    )
    for status in ("behaald", "achter", "nog niet aan de orde"):
        part = rows[rows["status"] == status]
        if part.empty:
            continue
        x = [r.reached or (as_of if status == "achter" else r.deadline) for r in part.itertuples()]
        fig.add_trace(
            go.Scatter(
                x=x,
                y=[labels[i] for i in part.index],
                mode="markers",
                name=f"{STATUSES[status].icon} {status}",
                marker={
                    "symbol": STATUS_SYMBOLS[status],
                    "size": 15,
                    "color": STATUS_MARKER_COLOURS[status],
                    "line": {
                        "color": INK
                        if status != "nog niet aan de orde"
                        else STATUS_MARKER_COLOURS[status],
                        "width": 2,
                    },
                },
                hovertext=[as_text([e]) for e in part["explanation"]],
                hoverinfo="text",
            )
        )
    ends = _add_labels(fig, rows, labels, as_of)
    fig.add_vline(x=as_of, line={"color": MUTED, "dash": "dash", "width": 2})
    peildatum = f"peildatum {fmt.long_date(as_of)}"
    fig.add_annotation(
        x=as_of,
        y=1,
        yref="paper",
        text=peildatum,
        showarrow=False,
        yanchor="top",
        xanchor="left",
        xshift=4,
        font={"color": MUTED, "size": 14},
    )
    first = min(rows["deadline"].min(), as_of) if len(rows) else as_of
    last = max(rows["deadline"].max(), as_of) if len(rows) else as_of
    # Year labels sit in the middle of their year, so a deadline of 31 December is read as that year.
    start = date(first.year, 1, 1)
    # The peildatum's label runs right of its line too (its 4 px shift: the leading space).
    ends = [*ends, (as_of, f" {peildatum}")]
    end = _room_for_labels(start, date(last.year + 1, 9, 30), ends, label_axis_room(labels))
    fig.update_xaxes(
        range=[start, end],
        tickformat="%Y",
        dtick="M12",
        ticklabelmode="period",
    )
    # Reversed, with an empty band above the first row where the peildatum label sits.
    fig.update_yaxes(
        range=[len(rows) - 0.5, -1.1], categoryorder="array", categoryarray=labels, showgrid=True
    )
    fig = apply_style(fig, f"Mijlpalen {scope}: deadline en stand", subtitle)
    set_height(fig, max(360, 160 + ROW_HEIGHT * len(rows)))
    return fixed_margins(fig, label_axis_room(labels))


# The x-axis reaches far enough right for every label, on a chart this wide (a full-width chart
# beside the sidebar on a 1280-pixel screen; wider screens have room to spare).
CHART_WIDTH = TITLE_WIDTH
LABEL_SIZE = 14


# The report draws the same chart EXPORT_WIDTH wide with every text and margin FONT_SCALE larger
# (lib/charts/presentation.py), in the server's font rather than the browser's Source Sans: in
# DejaVu Sans, all a Debian server may have, the labels measured up to 9% wider than the estimate.
EXPORT_FONT_WIDER = 1.12


def _room_for_labels(
    start: date, end: date, labels: list[tuple[date, str]], left_margin: int
) -> date:
    """The axis' end, moved right until each (x, text) label fits before it, on the screen and
    in the report."""
    plots = [
        (CHART_WIDTH - left_margin - RIGHT_MARGIN, 1.0),
        (
            (EXPORT_WIDTH - (left_margin + RIGHT_MARGIN) * FONT_SCALE),
            FONT_SCALE * EXPORT_FONT_WIDER,
        ),
    ]
    days = (end - start).days
    for x, text in labels:
        for plot_px, scale in plots:
            share = min(0.8, label_width([text], LABEL_SIZE) * scale / max(plot_px, 1))
            days = max(days, int((x - start).days / (1 - share)) + 1)
    return start + timedelta(days=days)


def _add_labels(
    fig: go.Figure, rows: pd.DataFrame, labels: list[str], as_of: date
) -> list[tuple[date, str]]:
    """Status and delay as text right of the later of deadline and date reached, clear of both
    markers; each label's place and text. Open items get none: the legend names their symbol,
    and text would run off."""
    shown = rows[rows["status"] != "nog niet aan de orde"]
    if shown.empty:
        return []
    x = [
        max(r.deadline, r.reached or (as_of if r.status == "achter" else r.deadline))
        for r in shown.itertuples()
    ]
    texts = [
        f"    {STATUSES[s].icon} {d}" + (" · concept" if c == "concept" else "")
        for s, d, c in zip(
            shown["status"],
            shown["detail"],
            shown["figure_status"] if "figure_status" in shown else [None] * len(shown),
            strict=True,
        )
    ]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=[labels[i] for i in shown.index],
            mode="text",
            text=texts,
            textposition="middle right",
            textfont={"color": INK, "size": LABEL_SIZE},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    return list(zip(x, texts, strict=True))


def describe_milestones(rows: pd.DataFrame) -> str:
    counts = rows["status"].value_counts()
    parts = [f"{counts[s]} {s}" for s in STATUSES if s in counts]
    late = rows[rows["detail"].str.contains("te laat", na=False)]
    text = f"{fmt.count(len(rows), 'mijlpaal', 'mijlpalen')}: " + ", ".join(parts) + "."
    if len(late):
        text += (
            " Te laat behaald: "
            + "; ".join(f"{r.name} ({r.detail})" for r in late.itertuples())
            + "."
        )
    return text


def milestone_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The milestones as a Dutch table: also the text alternative of the timeline."""
    from lib.status import label

    return pd.DataFrame(
        {
            "Mijlpaal": rows["name"],
            "Agendapunt": rows["agenda_item"].astype(int),
            "Deadline": [fmt.long_date(d) for d in rows["deadline"]],
            "Bereikt op": [fmt.long_date(d) if d else "nog niet" for d in rows["reached"]],
            "Status": [label(s) for s in rows["status"]],
            "Toelichting": rows["detail"],
        }
    )


def baseline_facts_table(plan) -> pd.DataFrame:
    """The plan's 'De feiten' as a table for context."""
    return pd.DataFrame(
        {
            "Feit": [f.name for f in plan.baseline_facts],
            "Waarde": [
                f"{fmt.number(f.value)}%" if f.unit == "procent" else fmt.quantity(f.value, f.unit)
                for f in plan.baseline_facts
            ],
            "Peilmoment": [f.period for f in plan.baseline_facts],
            "Uit het plan": [f"“{f.source.quote}”" for f in plan.baseline_facts],
        }
    )
