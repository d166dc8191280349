"""Mijlpalen: every milestone of the plan on one timeline, with the plan's baseline facts as context."""

import streamlit as st

from lib.timeline import (
    baseline_facts_table,
    describe_milestones,
    milestone_rows,
    milestone_table,
    milestone_timeline,
)
from ui import components, context


def render() -> None:
    ctx = context.current()
    rows = milestone_rows(ctx.city())
    if ctx.agenda is not None:
        rows = rows[rows["agenda_item"] == ctx.agenda].reset_index(drop=True)
    scope = "alle agendapunten" if ctx.agenda is None else f"agendapunt {ctx.agenda}"
    st.title(f"Mijlpalen {ctx.plan.plan.first_year}-{ctx.plan.plan.last_year}")
    st.markdown(
        f"Stand op {ctx.subtitle().split(' · ')[-1]}, {scope}. Te laat behaalde mijlpalen tellen als behaald, met de vertraging erbij."
    )
    if rows.empty:
        st.info("Dit agendapunt heeft geen mijlpalen.")
    else:
        with st.container(key="headline"):  # the summary first: it does not wait for the chart
            st.markdown(describe_milestones(rows))
        fig = milestone_timeline(rows, ctx.as_of, ctx.subtitle(agenda=ctx.agenda))
        components.chart(fig, describe_milestones(rows), "milestones_timeline")
        st.dataframe(
            components.status_styler(milestone_table(rows)), hide_index=True, key="milestones_table"
        )
    st.header("De feiten: de uitgangssituatie volgens het plan")
    st.caption("Uit het hoofdstuk ‘De feiten’ van het plan; ter vergelijking, geen doelen.")
    st.dataframe(baseline_facts_table(ctx.plan), hide_index=True, key="milestones_facts")


render()
