"""Overzicht: where are we behind, by how much, and what needs attention first."""

import pandas as pd
import streamlit as st

from lib import fmt
from lib.status import STATUSES
from lib.views.agenda import NO_TARGETS
from lib.views.html_table import html_table
from lib.views.html_text import editor_texts, reason_cell, status_badge
from lib.views.html_text import escape_markdown as md
from lib.views.overview import TILE_STATUSES, latest_change, overview_table, tiles
from lib.views.sparkline import sparkline
from ui import components, context, since, steering, texts

# The reason next to the status, wrapped: readable without scrolling sideways.
OVERVIEW_COLUMNS = [
    "Indicator",
    "Status",
    "Waarom deze status",
    "Doel",
    "Stand",
    "Verschil",
    "% van doel",
    "Verloop",
    "Agendapunt",
]
SHORT_HEADERS = {"Agendapunt": "Agenda\u00adpunt"}  # may break: the column stays narrow


def _all_targets(ctx: context.Context, table: pd.DataFrame) -> None:
    """Every target of the year in one table, what is behind first, with the reason of each."""
    st.subheader(f"Alle doelen {ctx.year}, {scope_words(ctx)}: wat achter ligt staat bovenaan")
    behind = (table["Status"] == f"{STATUSES['achter'].icon} achter").sum()
    st.markdown(
        f"**{behind}** van de {fmt.count(len(table), 'doel', 'doelen')} "
        f"{'ligt' if behind == 1 else 'liggen'} achter."
    )
    # Made once per view and shared: a year change back to a year seen before redraws it
    # without building 40 rows of HTML again (the key holds the figures' revision, so a saved
    # figure, text or action makes it anew).
    st.html(
        context.shared(ctx, "overview_html", lambda: _table_html(ctx, table), ctx.year, ctx.agenda)
    )


def _table_html(ctx: context.Context, table: pd.DataFrame) -> str:
    written = texts.texts_of(ctx)
    pairs = [written.get((i, ctx.year, ""), ("", "")) for i in table["indicator"]]
    missing = steering.missing_notes(ctx, list(table["indicator"]), written)
    years = ctx.plan.plan.years
    course = f"Verloop {years[0]}-{years[-1]}"
    shown = table.assign(
        **{
            # The status's detail, the editors' toelichting and maatregelen, the computed
            # reason folded under them (all escaped).
            "Waarom deze status": [
                reason_cell(detail, why, editor_texts(*pair) + flag)
                for detail, why, pair, flag in zip(
                    table["Toelichting"], table["Waarom deze status"], pairs, missing, strict=True
                )
            ],
            "Verloop": [sparkline(v, years) if v else None for v in table["Verloop"]],
        }
    )[OVERVIEW_COLUMNS].rename(columns={"Verloop": course, **SHORT_HEADERS})
    return html_table(
        shown,
        f"Alle doelen {ctx.year}, {scope_words(ctx)}, met de reden van elke status",
        status_column="Status",
        column_classes={
            "Indicator": "hjk-name",
            "Waarom deze status": "hjk-why",
            course: "hjk-spark-cell",
        },
        table_class="hjk-overview",
        html_columns={"Waarom deze status", course},
    )


def scope_words(ctx: context.Context) -> str:
    return "alle agendapunten" if ctx.agenda is None else f"agendapunt {ctx.agenda}"


def render() -> None:
    ctx = context.current()
    plan = ctx.plan.plan
    st.title(f"Voortgang {md(plan.title)} {ctx.year}")
    changed = latest_change(ctx.actuals.frame)
    st.markdown(
        f"**{md(plan.title)}** ({md(plan.version)}), gemeente {md(plan.municipality)}. "
        f"Stand op **{fmt.long_date(ctx.as_of)}** (peildatum) · hele stad · "
        f"laatste wijziging in de cijfers: **{fmt.long_date(changed) if changed else 'onbekend'}**"
    )
    # The block on top is filled last: the tiles below do not wait for its replay of the history.
    since_slot = st.container()
    components.report_buttons()
    st.subheader("Per agendapunt")
    all_tiles = context.shared(
        ctx, "tiles", lambda: tiles(ctx.progress, ctx.plan, ctx.year), ctx.year
    )
    columns = [c for start in range(0, len(all_tiles), 3) for c in st.columns(3)]
    for column, tile in zip(columns, all_tiles, strict=False):
        with column.container(border=True):
            st.markdown(f"**{tile['number']}. {md(tile['name'])}**")
            st.markdown(  # the badges the agenda page and the tables show: escaped HTML
                "  \n".join(f"{status_badge(s)} **{tile['counts'][s]}**" for s in TILE_STATUSES),
                unsafe_allow_html=True,
            )
            later = tile["counts"]["nog niet aan de orde"]
            st.caption(
                f"{fmt.count(tile['targets'], 'doel', 'doelen')} in {ctx.year}"
                + (f", {later} nog niet aan de orde" if later else "")
                + (f", {tile['concepts']} op een conceptcijfer" if tile.get("concepts") else "")
            )
    table = context.shared(
        ctx,
        "overview_table",
        lambda: overview_table(ctx.progress, ctx.plan, ctx.year, ctx.agenda),
        ctx.year,
        ctx.agenda,
    )
    if table.empty:  # an agenda item without indicators yet
        st.info(NO_TARGETS, icon=":material/info:")
    else:
        _all_targets(ctx, table)

    with since_slot:
        since.overview_block(ctx)
        steering.overview_block(ctx)


render()
