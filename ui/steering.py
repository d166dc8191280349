"""Streamlit glue for the steering loop: the actions and decisions (read once per view and
shared, keyed on the figures' revision, which every write of an action bumps), and Overzicht's
line with the late actions."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lib.steering.book import Steering
from lib.steering.model import Action, Decision
from lib.store.store import Store
from lib.views.actions import late_lines, overview_line
from ui import context, texts
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


def overview_block(ctx: Context) -> None:
    """'Actiepunten: 5 open, waarvan 2 over de deadline', the late ones, a link to the page."""
    actions = loop(ctx).actions
    if not actions:
        return
    late = late_lines(actions, ctx.as_of)
    with st.container(key="actions_line"):
        lines = [f"**{overview_line(actions, ctx.as_of)}**"]
        lines += [f"- {texts.escape_markdown(line)}" for line in late]
        st.markdown("\n".join(lines))
        st.page_link(
            PAGE,
            label="Bekijk de actiepunten",
            icon=":material/checklist:",
            query_params=st.query_params.to_dict(),
        )
