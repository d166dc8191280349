"""Per agendapunt: each goal with the plan's words, and per indicator its target path against the figures."""

import streamlit as st

from lib.charts import commitment_chart, describe_commitment, describe_indicator, indicator_chart
from lib.plan import NUMERIC_KINDS, Indicator
from lib.timeline import describe_milestones, milestone_rows, milestone_timeline
from ui import components, context


def _choose_agenda(ctx: context.Context) -> int:
    numbers = [a.number for a in ctx.plan.agenda_items]
    names = ctx.plan.agenda_names()
    st.session_state["agenda_item"] = ctx.agenda if ctx.agenda is not None else numbers[0]

    def follow() -> None:  # the choice here is the sidebar filter too, so it lands in the URL
        st.session_state["filter_agenda"] = st.session_state["agenda_item"]

    return st.radio(
        "Agendapunt",
        numbers,
        key="agenda_item",
        horizontal=True,
        format_func=lambda n: f"{n}. {names[n]}",
        on_change=follow,
    )


def _indicator(ctx: context.Context, indicator: Indicator, number: int) -> None:
    own = ctx.city()[lambda rows: rows["indicator"] == indicator.id]
    now = own[own["year"] == ctx.year].iloc[0]
    st.subheader(indicator.name)
    st.markdown(f"{ctx.year}: {components.badge(now['status'])} {now['detail'] or ''}")
    subtitle = ctx.subtitle(agenda=number)
    if indicator.kind in NUMERIC_KINDS:
        fig = indicator_chart(indicator, own, subtitle, ctx.as_of.year)
        components.chart(fig, describe_indicator(indicator, own, ctx.year), f"chart_{indicator.id}")
    else:
        fig = commitment_chart(indicator, own, subtitle)
        components.chart(fig, describe_commitment(indicator, own), f"chart_{indicator.id}")
    with st.expander("Waarom deze status, en waar staat dit in het plan?"):
        st.markdown(f"**{ctx.year}:** {now['explanation']}")
        st.markdown(f"**Plan** ({indicator.source.section}): “{indicator.source.quote}”")
        if indicator.reading:
            st.markdown(f"**Gekozen lezing:** {indicator.reading}")


def _milestones(ctx: context.Context, ids: list[str], number: int, key: str) -> None:
    own = milestone_rows(ctx.city()[lambda rows: rows["indicator"].isin(ids)])
    st.subheader("Mijlpalen")
    fig = milestone_timeline(own, ctx.as_of, ctx.subtitle(agenda=number))
    components.chart(fig, describe_milestones(own), key)


def render() -> None:
    ctx = context.current()
    number = _choose_agenda(ctx)
    st.title(f"Agendapunt {number}: {ctx.plan.agenda_names()[number]}")
    st.caption(
        f"Doelen en stand per jaar voor de hele stad; status voor {ctx.year} · {ctx.subtitle()}"
    )
    for goal in ctx.plan.goals_of(number):
        indicators = ctx.plan.indicators_of(number, goal)
        if not indicators:
            continue
        st.header(f"{goal.label}: {goal.theme}" if goal else "Overige doelen")
        if goal:
            st.markdown(f"*Uit het plan:* {goal.text}")
        blocks = [i for i in indicators if i.kind != "milestone"]
        milestones = [i.id for i in indicators if i.kind == "milestone"]
        cells = st.columns(2) if len(blocks) + bool(milestones) > 1 else [st.container()]
        for n, indicator in enumerate(blocks):
            with cells[n % len(cells)]:
                _indicator(ctx, indicator, number)
        if milestones:
            with cells[len(blocks) % len(cells)]:
                _milestones(ctx, milestones, number, f"timeline_{goal.id if goal else number}")


render()
