"""Sinds de vorige vergadering: the figures, statuses and milestones that changed since a meeting
(or any date), for the sidebar's year and wijk; "then" comes from the history."""

import streamlit as st

from lib import fmt
from lib.views.since import (
    explanation_table,
    figure_table,
    milestone_table,
    status_table,
    summary,
)
from ui import components, context, filters, since, steering, texts


def render() -> None:
    ctx = context.current()
    st.title("Sinds de vorige vergadering")
    if context.actuals_path() is not None:
        st.info(
            since.NEEDS_DATABASE.format(file=context.actuals_path().name), icon=":material/lock:"
        )
        return
    filters.year_choice(ctx.plan)
    all_meetings = since.meetings(ctx)
    if not all_meetings:
        st.info(
            "Er zijn nog geen vergaderingen vastgelegd. Redacteuren voegen ze toe op "
            "*Gegevens bijwerken*. Tot dan telt deze pagina vanaf zes weken vóór de peildatum, "
            "of vanaf een datum die u hieronder kiest.",
            icon=":material/event:",
        )
    # The choice behind a button, its outcome in the headline: the select box's code is loaded
    # when the popover opens, not before the page can settle (bench/README.md, "lighter first screens").
    with st.popover("Ander moment kiezen", icon=":material/event:", key="since_choice"):
        day, words = since.choose_since(ctx, all_meetings)
    where = ctx.plan.district_names()[ctx.district] if ctx.district else "hele stad"
    rows = since.changes(ctx, day, "all" if ctx.district else None)
    mine = [r for r in rows if r["kind"] == "milestone" or r["district"] == (ctx.district or "")]
    with st.container(key="headline"):
        st.markdown(f"**Sinds {words}:** {summary(mine)} · {ctx.year}, {where}.")
    st.caption(
        f"Toen: de cijfers zoals ze op {fmt.long_date(day)} om 0:00 uur telden, uit de "
        f"geschiedenis. Nu: de cijfers van nu. Beide beoordeeld op de peildatum "
        f"{fmt.long_date(ctx.as_of)}; een cijfer geteld na de peildatum telt nog niet mee."
    )
    with st.container(key="since_report"):  # the report with these moves in its summary
        components.report_buttons(since=day)
    view = (ctx.year, ctx.district, day)
    st.header("Gewijzigde cijfers")
    components.shared_table(
        "since_figures",
        lambda: figure_table(ctx.plan, mine),
        f"Gewijzigde cijfers sinds {fmt.long_date(day)}",
        "Geen cijfers gewijzigd.",
        *view,
    )
    st.header("Veranderde statussen")
    components.shared_table(
        "since_statuses",
        lambda: status_table(ctx.plan, mine, texts.texts_of(ctx)),
        "Veranderde statussen, eerst wat naar achter ging",
        "Geen status veranderd.",
        *view,
        status_column="Status",
    )
    st.header("Nieuwe of gewijzigde toelichtingen")
    components.shared_table(
        "since_texts",
        lambda: explanation_table(ctx.plan, mine, texts.texts_of(ctx)),
        "Toelichting en maatregelen, nieuw of gewijzigd",
        "Geen toelichting nieuw of gewijzigd.",
        *view,
    )
    steering.since_section(ctx, day)
    st.header("Mijlpalen")
    if ctx.district:
        st.caption("Mijlpalen gelden voor de hele stad.")
    for due, heading in (
        (False, f"Deadline verstreken sinds {fmt.long_date(day)}"),
        (True, f"Deadline {since.due_words(ctx, all_meetings)}"),
    ):
        st.subheader(heading)
        components.shared_table(
            "since_milestones",
            lambda due=due: milestone_table(ctx.plan, mine, ctx.as_of, due),
            heading,
            "Geen mijlpaal met een deadline in deze periode.",
            *view,
            due,
            heading,
            status_column="Status",
        )


filters.with_year_on_page(render)
