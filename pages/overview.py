"""Overzicht: where are we behind, by how much, and what needs attention first."""

import streamlit as st

from lib import fmt
from lib.status import STATUSES
from lib.views.overview import TILE_STATUSES, latest_change, overview_table, tiles
from lib.views.plan_text import plan_line
from ui import components, context, since, texts

OVERVIEW_COLUMNS = [
    "Indicator",
    "Status",
    "Doel",
    "Stand",
    "Verschil",
    "% van doel",
    "Kort",
    "Toelichting",
    "Maatregelen",
    "Verloop",
    "Agendapunt",
    "Waarom deze status",
]


def render() -> None:
    ctx = context.current()
    st.title(f"Voortgang {ctx.plan.plan.title} {ctx.year}")
    st.markdown(plan_line(ctx.plan))
    changed = latest_change(ctx.actuals.frame)
    st.markdown(
        f"Stand op **{fmt.long_date(ctx.as_of)}** (peildatum) · hele stad · "
        f"laatste wijziging in de cijfers: **{fmt.long_date(changed) if changed else 'onbekend'}**"
    )
    # The block on top is filled last: the tiles below do not wait for its replay of the history.
    since_slot = st.container()
    components.report_buttons()
    st.subheader("Per agendapunt")
    all_tiles = tiles(ctx.progress, ctx.plan, ctx.year)
    columns = [c for start in range(0, len(all_tiles), 3) for c in st.columns(3)]
    for column, tile in zip(columns, all_tiles, strict=False):
        with column.container(border=True):
            st.markdown(f"**{tile['number']}. {tile['name']}**")
            st.markdown(
                "  \n".join(f"{components.badge(s)} **{tile['counts'][s]}**" for s in TILE_STATUSES)
            )
            later = tile["counts"]["nog niet aan de orde"]
            st.caption(
                f"{tile['targets']} doelen in {ctx.year}"
                + (f", {later} nog niet aan de orde" if later else "")
            )
    table = overview_table(ctx.progress, ctx.plan, ctx.year, ctx.agenda)
    scope = "alle agendapunten" if ctx.agenda is None else f"agendapunt {ctx.agenda}"
    st.subheader(f"Alle doelen {ctx.year}, {scope}: wat achter ligt staat bovenaan")
    behind = (table["Status"] == f"{STATUSES['achter'].icon} achter").sum()
    st.markdown(f"**{behind}** van de {len(table)} doelen liggen achter.")
    written = texts.texts_of(ctx)  # the editors' texts; the computed reason is "Waarom ..."
    pairs = [written.get((i, ctx.year, ""), ("", "")) for i in table["indicator"]]
    table = table.rename(columns={"Toelichting": "Kort"}).assign(
        Toelichting=[p[0] for p in pairs], Maatregelen=[p[1] for p in pairs]
    )
    shown = table[OVERVIEW_COLUMNS]
    st.dataframe(
        components.status_styler(shown),
        hide_index=True,
        key="overview_table",
        height=35 * (len(shown) + 1) + 3,  # every row in view: no scrolling inside the table
        column_config={
            "Verloop": st.column_config.LineChartColumn(
                f"Verloop {ctx.plan.plan.first_year}-{ctx.plan.plan.last_year}", width="small"
            ),
            "Waarom deze status": st.column_config.TextColumn(width="large"),
            "Toelichting": st.column_config.TextColumn(width="large"),
            "Maatregelen": st.column_config.TextColumn(width="large"),
            "Indicator": st.column_config.TextColumn(width="large"),
            "Stand": st.column_config.TextColumn(width="medium"),
            "Doel": st.column_config.TextColumn(width="medium"),
        },
    )

    with since_slot:
        since.overview_block(ctx)


render()
