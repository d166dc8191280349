"""Per wijk: how the figures are spread over the districts, one district against the city, rankings."""

import streamlit as st

from lib.charts.districts import district_profile, heatmap_view, ranking_view
from lib.plan.schema import Indicator
from lib.views.districts import (
    district_intro,
    per_district_facts,
    per_hundred,
    status_matrix,
    where_behind,
    why_no_rate,
)
from lib.views.html_table import html_table
from lib.views.html_text import escape_markdown as md
from ui import components, context, filters, texts


def _choose_district(ctx: context.Context) -> str | None:
    """The page's own wijk choice, behind a button that names it (see _choose_indicator)."""
    names = ctx.plan.district_names()
    st.session_state["districts_district"] = ctx.district or ""

    def follow() -> None:  # same choice as the sidebar filter, so it lands in the URL
        st.session_state["filter_district"] = st.session_state["districts_district"]

    label = f"Wijk: {md(names[ctx.district])}" if ctx.district else "Kies een wijk"
    with st.popover(label, icon=":material/location_on:", key="districts_district_popover"):
        chosen = st.selectbox(
            "Wijk vergelijken met de stad",
            ["", *names],
            key="districts_district",
            format_func=lambda d: "Geen wijk" if d == "" else names[d],
            on_change=follow,
        )
    filters.chosen_on_page(filters.DISTRICT, chosen or None)  # the sidebar shows it, greyed out
    return chosen or None


def _choose_indicator(counted: list[Indicator]) -> Indicator:
    """The ranking's indicator, behind a button that names it: a select box in a popover is drawn
    only when opened, not before the page's charts (bench/README.md, the wijken page's (b))."""
    before = st.session_state.get("districts_indicator")
    current = next((i for i in counted if before is not None and i.id == before.id), counted[0])
    with st.popover(
        f"Indicator: {md(current.name)}",
        icon=":material/swap_vert:",
        key="districts_indicator_popover",
    ):
        return st.selectbox(  # wide: the names are long, the popover as wide as its content
            "Indicator", counted, key="districts_indicator", format_func=lambda i: i.name, width=480
        )


def _status(progress, plan, year: int) -> tuple[list[str], str]:
    """Where the city is behind, as lines and as the status table's HTML (built once per view)."""
    text, fills = status_matrix(progress, plan, year)
    caption = (
        f"Status per wijk in {year} waar het plan een wijkdoel stelt; elders alleen de stand "
        "(– : geen cijfer), zonder status: daar vraagt het plan niets van de wijk"
    )
    table = html_table(text.rename_axis("Indicator"), caption, index=True, fills=fills)
    return where_behind(progress, plan, year), table


def render() -> None:
    ctx = context.current()
    st.title(f"Per wijk: stand {ctx.year} in de {len(ctx.plan.districts.list)} wijken")
    filters.year_choice(ctx.plan)
    st.info(md(district_intro(ctx.plan)), icon=":material/info:")
    counted = ctx.plan.counted_per_district()
    if not counted:
        return
    st.header("Waar in de stad liggen we achter?")
    lines, status_table = context.shared(
        ctx, "district_status", lambda: _status(ctx.progress, ctx.plan, ctx.year), ctx.year
    )
    for line in lines:
        st.markdown(line)
    st.html(status_table)
    subtitle = ctx.subtitle(year=ctx.year)
    actual, fig = context.shared(
        ctx,
        "district_heatmap",
        lambda: heatmap_view(ctx.progress, ctx.plan, ctx.year, subtitle),
        ctx.year,
        subtitle,
    )
    st.header("Alle wijken naast elkaar")
    st.caption("De kleur is het aandeel van de wijk in het stadstotaal, geen status.")
    components.chart(fig, "de tabel hieronder bevat dezelfde cijfers.", "district_heatmap")
    with st.expander("Tabel bij de heatmap (stand per wijk)"):
        caption = f"Stand per indicator en wijk in {ctx.year} (–: geen cijfer)"
        st.html(
            context.shared(
                ctx,
                "district_heatmap_table",
                lambda: html_table(actual.rename_axis("Indicator"), caption, index=True),
                ctx.year,
            )
        )

    st.header("Eén wijk tegenover de stad")
    district = _choose_district(ctx)
    if district:
        components.table(
            district_profile(ctx.progress, district, ctx.year, ctx.plan),
            f"{ctx.plan.district_names()[district]} tegenover de stad in {ctx.year}",
        )
        written = texts.texts_of(ctx)
        for indicator in ctx.plan.indicators:  # texts written for this wijk, in plan order
            pair = written.get((indicator.id, ctx.year, district))
            if pair:
                wijk = ctx.plan.district_names()[district]
                st.markdown(f"**{md(indicator.name)}** ({md(wijk)})")
                texts.show_texts(pair)

    st.header("Rangorde per indicator")
    chosen = _choose_indicator(counted)
    fig, description = context.shared(
        ctx,
        "district_ranking",
        lambda: ranking_view(ctx.progress, chosen, ctx.year, subtitle),
        ctx.year,
        chosen.id,
        subtitle,
    )
    components.chart(fig, description, "district_ranking")
    facts = per_district_facts(ctx.plan)
    if not facts:
        st.info(why_no_rate(ctx.plan), icon=":material/info:")
        return
    fact = st.selectbox("Per 100 van", facts, key="districts_fact", format_func=lambda f: f.name)
    components.table(
        per_hundred(ctx.progress, ctx.plan, chosen.id, ctx.year, fact),
        f"{chosen.name} per 100 ({fact.name.lower()}, {fact.period}) per wijk in {ctx.year}",
    )


filters.with_year_on_page(render)
