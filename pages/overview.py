"""Overzicht: where are we behind, by how much, and what needs attention first."""

import pandas as pd
import streamlit as st

from lib import fmt
from lib.views.agenda import NO_TARGETS
from lib.views.html_table import html_table
from lib.views.html_text import block, editor_texts, reason_cell
from lib.views.html_text import escape_markdown as md
from lib.views.overview import TILE_STATUSES, latest_change, overview_table, tiles
from lib.views.overview_html import heading, targets_view, tile_grid, view_link
from lib.views.sparkline import sparkline
from ui import components, context, filters, since, steering, texts
from ui.filters import EVERY, EVERY_PARAM

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


def _targets(ctx: context.Context, table: pd.DataFrame, every: bool) -> list[str]:
    """What needs attention (behind, or without figures), or with ?doelen=alle every target of
    the year; what is behind first, with the reason of each."""
    shown, caption, parts = targets_view(table, every, ctx.year, scope_words(ctx))
    # The long list waits for a click: the first screen (and every year change) draws what
    # needs attention only (bench/README.md, "lighter first screens").
    switch = _switch_link(every, len(table))
    if shown.empty:
        return [*parts, "<p>Geen doel ligt achter of is zonder gegevens.</p>", switch]
    # Made once per view and shared: a year change back to a year seen before redraws it
    # without building the rows of HTML again (the key holds the figures' revision, so a saved
    # figure, text or action makes it anew).
    html = context.shared(
        ctx, "overview_html", lambda: _table_html(ctx, shown, caption), ctx.year, ctx.agenda, every
    )
    return [*parts, html, switch]


def _switch_link(every: bool, targets: int) -> str:
    """Under the table: every target, or back to what needs attention; the choice in the link."""
    params = {k: v for k, v in st.query_params.to_dict().items() if k != EVERY_PARAM}
    if every:
        return view_link(params, "Alleen wat aandacht vraagt")
    return view_link({**params, EVERY_PARAM: EVERY}, f"Alle {targets} doelen tonen")


def _table_html(ctx: context.Context, table: pd.DataFrame, caption: str) -> str:
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
        f"{caption}, met de reden van elke status",
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
    filters.year_choice(ctx.plan)
    changed = context.shared(ctx, "latest_change", lambda: latest_change(ctx.actuals.frame))
    st.markdown(
        f"**{md(plan.title)}** ({md(plan.version)}), gemeente {md(plan.municipality)}. "
        f"Stand op **{fmt.long_date(ctx.as_of)}** (peildatum) · hele stad · "
        f"laatste wijziging in de cijfers: **{fmt.long_date(changed) if changed else 'onbekend'}**"
    )
    components.report_buttons()
    tile_html = context.shared(
        ctx,
        "tiles_html",
        lambda: tile_grid(tiles(ctx.progress, ctx.plan, ctx.year), TILE_STATUSES, ctx.year),
        ctx.year,
    )
    # The rest of the first screen is one piece of HTML (see lib/views/overview_html.py): the
    # browser draws it at once, with no code of its own to load for Markdown or page links.
    parts = [since.overview_block(ctx), steering.overview_block(ctx)]
    parts += [heading("Per agendapunt"), tile_html]
    table = context.shared(
        ctx,
        "overview_table",
        lambda: overview_table(ctx.progress, ctx.plan, ctx.year, ctx.agenda),
        ctx.year,
        ctx.agenda,
    )
    every = st.query_params.get(EVERY_PARAM) == EVERY
    if not table.empty:
        # Shared by every visitor of the same view: the links under the table carry the query.
        query = tuple(sorted(st.query_params.to_dict().items()))
        parts += context.shared(
            ctx, "targets", lambda: _targets(ctx, table, every), ctx.year, ctx.agenda, query
        )
    st.html(block(*(p for p in parts if p)), width="stretch")
    if table.empty:  # an agenda item without indicators yet
        st.info(NO_TARGETS, icon=":material/info:")


filters.with_year_on_page(render)
