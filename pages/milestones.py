"""Mijlpalen: every milestone of the plan on one timeline, with the plan's baseline facts as context."""

import pandas as pd
import streamlit as st

from lib import fmt
from lib.charts.timeline import (
    NO_MILESTONES,
    baseline_facts_table,
    describe_milestones,
    milestone_rows,
    milestone_table,
    milestone_timeline,
)
from lib.views.agenda import milestones_of
from lib.views.html_table import html_table
from ui import components, context


def _view(ctx: context.Context) -> tuple[pd.DataFrame, str, str, str]:
    """The milestones, their summary, and the two tables as HTML: built once per view."""
    rows = milestone_rows(ctx.city(), ctx.agenda)
    summary = "" if rows.empty else describe_milestones(rows)
    table = (
        ""
        if rows.empty
        else html_table(
            # "Toelichting" is the editors' text now; the computed phrase is "Kort".
            milestone_table(rows).rename(columns={"Toelichting": "Kort"}),
            "Mijlpalen met deadline en status",
            status_column="Status",
        )
    )
    facts = html_table(baseline_facts_table(ctx.plan), "De uitgangssituatie volgens het plan")
    return rows, summary, table, facts


def render() -> None:
    ctx = context.current()
    rows, summary, table, facts = context.shared(ctx, "milestones", lambda: _view(ctx), ctx.agenda)
    scope = "alle agendapunten" if ctx.agenda is None else f"agendapunt {ctx.agenda}"
    st.title(f"Mijlpalen {ctx.plan.plan.first_year}-{ctx.plan.plan.last_year}")
    st.markdown(
        f"Stand op peildatum {fmt.long_date(ctx.as_of)}, {scope}. Te laat behaalde mijlpalen tellen als behaald, met de vertraging erbij."
    )
    if rows.empty:
        st.info("Dit agendapunt heeft geen mijlpalen." if ctx.agenda else NO_MILESTONES)
    else:
        with st.container(key="headline"):  # the summary first: it does not wait for the chart
            st.markdown(summary)
        subtitle = ctx.subtitle(agenda=ctx.agenda)
        fig = context.shared(
            ctx,
            "milestone_timeline",
            lambda: milestone_timeline(rows, ctx.as_of, subtitle, milestones_of(ctx.agenda)),
            ctx.agenda,
            subtitle,
        )
        components.chart(fig, summary, "milestones_timeline")
        st.html(table)
    st.header("De feiten: de uitgangssituatie volgens het plan")
    st.caption("Uit het hoofdstuk ‘De feiten’ van het plan; ter vergelijking, geen doelen.")
    st.html(facts)


render()
