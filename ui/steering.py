"""Streamlit glue for the steering loop: the actions and decisions (read once per view and
shared, keyed on the figures' revision, which every write of an action bumps), and Overzicht's
line with the late actions."""

from __future__ import annotations

import html
from dataclasses import dataclass

import streamlit as st

from lib import fmt
from lib.steering.book import Steering
from lib.steering.model import Action, Decision
from lib.steering.since import actions_since
from lib.store.store import Store
from lib.views.actions import (
    action_table,
    actions_note,
    decision_table,
    filter_actions,
    late_lines,
    missing_note,
    missing_words,
    open_for,
    overview_line,
)
from lib.views.html_table import Markup, html_table
from lib.views.overview_html import actions_box, page_link
from ui import context, links, texts
from ui.context import Context

PAGE = "pages/actions.py"


@dataclass(frozen=True)
class Loop:
    actions: list[Action]
    decisions: list[Decision]
    history: list[dict]


@st.cache_resource(show_spinner=False, max_entries=4)
def _steering(url: str, plan_hash: str, _store: Store) -> Steering:
    return Steering.open(_store)


def steering(ctx: Context) -> Steering | None:
    """The steering loop of the database; None when the figures come from a file."""
    if context.actuals_path() is not None:
        return None
    store = context.store(ctx.plan)
    return _steering(store.url, ctx.plan.content_hash, store)


def loop(ctx: Context) -> Loop:
    """Every action, decision and action change; empty without a database."""
    book = steering(ctx)
    if book is None:
        return Loop([], [], [])
    return context.shared(
        ctx, "steering", lambda: Loop(book.actions(), book.decisions(), book.action_history())
    )


def overview_block(ctx: Context) -> Markup | None:
    """'Actiepunten: 5 open, waarvan 2 over de deadline', the late ones, a link; None when
    there are no actions. With an agenda item chosen, its actions only, as on the actions page
    the link opens with the same filters."""
    actions = loop(ctx).actions
    if not actions:
        return None
    shown = filter_actions(ctx.plan, actions, agenda=ctx.agenda, status=None)
    link = page_link(links.url_path(PAGE), "Bekijk de actiepunten", st.query_params.to_dict())
    line = overview_line(shown, ctx.as_of, ctx.agenda)
    return actions_box(line, late_lines(shown, ctx.as_of), link)


def agenda_notes(ctx: Context, indicator: str, status: str, written) -> list[Markup]:
    """Beside an indicator's toelichting on Per agendapunt: its open actions, and for a goal
    behind without a text and without an action, what is missing, in words."""
    actions = loop(ctx).actions
    shown = open_for(actions, indicator)
    notes = [actions_note(shown, ctx.as_of)] if shown else []
    texts_here = {(indicator, ctx.year, ""): written} if written else {}
    words = missing_words(status, indicator, ctx.year, texts_here, actions)
    return [*notes, missing_note(words)] if words else notes


def milestone_notes(ctx: Context, number: int, goal) -> list[Markup]:
    """Under a goal's milestone timeline on Per agendapunt: per milestone (by name) its open
    actions and, when behind without a text or an action, what is missing."""
    city = ctx.city(ctx.year).set_index("indicator")["status"]
    written = texts.texts_of(ctx)
    notes: list[Markup] = []
    for indicator in ctx.plan.indicators_of(number, goal):
        if indicator.kind != "milestone":
            continue
        status = city.get(indicator.id, "")
        found = agenda_notes(ctx, indicator.id, status, written.get((indicator.id, ctx.year, "")))
        if found:
            notes += [Markup(f"<p><strong>{html.escape(indicator.name)}</strong></p>"), *found]
    return notes


def missing_notes(ctx: Context, indicators: list[str], written: dict) -> list[Markup]:
    """Per indicator of Overzicht's table: '' or the note of what is missing for a goal behind."""
    if context.actuals_path() is not None:
        return [Markup("")] * len(indicators)
    actions = loop(ctx).actions
    city = ctx.city(ctx.year).set_index("indicator")["status"]
    return [
        missing_note(missing_words(city.get(i, ""), i, ctx.year, written, actions))
        for i in indicators
    ]


def since_section(ctx: Context, day) -> None:
    """On Sinds de vorige vergadering: actions added, done, dropped and gone late since `day`,
    and the decisions of that meeting and after. The tables' HTML is made once per view and
    shared (context.shared): a new visitor's first run made them anew, about 45 ms."""
    st.header("Actiepunten en besluiten")
    tables = context.shared(ctx, "since_actions", lambda: _since_tables(ctx, day), day)
    if not tables:
        st.markdown("Geen actiepunt nieuw, afgerond of over de deadline, en geen besluit.")
    for table in tables:
        st.html(table)


def _since_tables(ctx: Context, day) -> list[str]:
    data = loop(ctx)
    moved = actions_since(data.actions, data.history, data.decisions, day, ctx.as_of)
    if moved.is_empty():
        return []
    when = fmt.long_date(day)
    tables = [
        html_table(
            action_table(ctx.plan, items, ctx.as_of, ctx.progress),
            title,
            status_column="Stand indicator",
        )
        for title, items in (
            (f"Nieuwe actiepunten sinds {when}", moved.added),
            (f"Gereed sinds {when}", moved.done),
            (f"Vervallen sinds {when}", moved.dropped),
            (f"Over de deadline geraakt sinds {when}", moved.gone_late),
        )
        if items
    ]
    if moved.decisions:
        tables.append(html_table(decision_table(moved.decisions), f"Besluiten sinds {when}"))
    return tables
