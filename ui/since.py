"""Streamlit glue for "what changed since the last meeting": the changes (made once per view and
shared, lib/progress/changes.py), the meeting choice, and Overzicht's block.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from lib import fmt
from lib.progress.changes import changes_since
from lib.store.meetings import (
    Meeting,
    default_since,
    due_before,
    next_meeting,
    previous_meeting,
)
from lib.views.html_table import Markup
from lib.views.overview_html import page_link, since_box
from lib.views.since import summary
from ui import context, links, texts
from ui.context import Context

PAGE = "pages/since.py"
OTHER_DATE = "other"
NEEDS_DATABASE = (
    "Wat er sinds een vergadering veranderde, staat in de geschiedenis van de database. Het "
    "dashboard toont nu cijfers uit het bestand {file} (HJK_ACTUALS), zonder geschiedenis: start "
    "het dashboard zonder HJK_ACTUALS om de wijzigingen te zien."
)


def meetings(ctx: Context) -> list[Meeting]:
    """The meetings in the database (none when the figures come from a file)."""
    if context.actuals_path() is not None:
        return []
    return context.shared(ctx, "meetings", lambda: context.store(ctx.plan).meetings())


def changes(ctx: Context, since: date, district: str | None) -> list[dict]:
    """Every change since `since` for the sidebar's year, at the peildatum; shared per view."""
    include = bool(st.session_state.get("include_concept", False))
    store = context.store(ctx.plan)
    return context.shared(
        ctx,
        "changes",
        lambda: changes_since(
            ctx.plan,
            store,
            since,
            year=ctx.year,
            district=district,
            include_concept=include,
            today=ctx.as_of,
            actuals=ctx.actuals,  # the figures and the comparison every page already has
            progress=ctx.progress,
        ),
        since,
        ctx.year,
        district,
        include,
    )


def choose_since(ctx: Context, all_meetings: list[Meeting]) -> tuple[date, str]:
    """The date to count from: a meeting (default the previous one) or any date; and its words."""
    previous = previous_meeting(all_meetings, ctx.as_of)
    options = [m.day for m in sorted(all_meetings, key=lambda m: m.day, reverse=True)]
    labels = {m.day: m.label() for m in all_meetings}
    choice = st.selectbox(
        "Sinds",
        [*options, OTHER_DATE],
        index=options.index(previous.day) if previous else len(options),
        format_func=lambda d: "een andere datum" if d == OTHER_DATE else labels[d],
        key="since_meeting",
        help="De vorige vergadering is de laatste op of vóór de peildatum.",
    )
    if choice != OTHER_DATE:
        words = "de vorige vergadering" if previous and choice == previous.day else "de vergadering"
        title = next(m.title for m in all_meetings if m.day == choice)
        title = texts.escape_markdown(title)  # the editor's words, shown as typed
        named = f"{title}, {fmt.long_date(choice)}" if title else fmt.long_date(choice)
        return choice, f"{words} ({named})"
    day = st.date_input(
        "Datum",
        value=default_since(ctx.as_of),
        format="DD-MM-YYYY",
        key="since_date",
        max_value=date(2100, 1, 1),
    )
    return day, fmt.long_date(day)


def due_words(ctx: Context, all_meetings: list[Meeting]) -> str:
    """'vóór de volgende vergadering (27 oktober 2014)' or 'in de komende zes weken (tot ...)'."""
    following = next_meeting(all_meetings, ctx.as_of)
    if following:
        # Title and date in one pair of brackets: the meeting's label has brackets of its own.
        title = texts.escape_markdown(following.title)
        when = fmt.long_date(following.day)
        named = f"{title}, {when}" if title and following.title != when else when
        return f"vóór de volgende vergadering ({named})"
    return f"in de zes weken na de peildatum (tot {fmt.long_date(due_before([], ctx.as_of))})"


def overview_block(ctx: Context) -> Markup | None:
    """'Sinds de vorige vergadering (15 september 2014): 6 cijfers gewijzigd, ...' with a link;
    None without a previous meeting or without a database."""
    if context.actuals_path() is not None:
        return None
    previous = previous_meeting(meetings(ctx), ctx.as_of)
    if previous is None:
        return None
    rows = changes(ctx, previous.day, None)
    link = page_link(links.url_path(PAGE), "Bekijk wat er veranderde", st.query_params.to_dict())
    return since_box(fmt.long_date(previous.day), summary(rows), f"in {ctx.year}, hele stad.", link)
