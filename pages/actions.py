"""Actiepunten: what the stuurgroep agreed, late first; what was done since the previous
meeting; the decisions per meeting. Filters (agenda item in the sidebar, owner and status here)
live in the link."""

import streamlit as st

from lib import fmt
from lib.steering.model import STATUSES
from lib.steering.since import actions_since
from lib.store.meetings import previous_meeting
from lib.views.actions import action_table, decision_table, filter_actions, overview_line
from lib.views.html_text import escape_markdown as md
from ui import components, context, since, steering

ALL = "alle"


def _choice(label: str, options: list[str], param: str, default: str) -> str:
    """A select box whose value is also in the link (?eigenaar=GGD&status=gereed)."""
    key = f"actions_{param}"
    if key not in st.session_state:
        linked = st.query_params.get(param, default)
        st.session_state[key] = linked if linked in options else default
    value = st.selectbox(label, options, key=key)
    if value == default:
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = value
    return value


def render() -> None:
    ctx = context.current()
    st.title("Actiepunten")
    if context.actuals_path() is not None:
        name = context.actuals_path().name
        st.info(since.NEEDS_DATABASE.format(file=name), icon=":material/lock:")
        return
    loop = steering.loop(ctx)
    scope = "alle agendapunten" if ctx.agenda is None else f"agendapunt {ctx.agenda}"
    with st.container(key="headline"):  # the counts first, before any control or table
        st.markdown(
            f"**{overview_line(filter_actions(ctx.plan, loop.actions, agenda=ctx.agenda), ctx.as_of)}**"
            f" · {scope} · over de deadline beoordeeld op de peildatum {fmt.long_date(ctx.as_of)}"
        )
    owners = sorted({a.owner for a in loop.actions})
    # The choices behind a button, what is chosen in words: the select boxes' code is loaded when
    # the popover opens, not before the page can settle (bench/README.md, "lighter first screens").
    with st.popover("Eigenaar en status kiezen", icon=":material/filter_list:", key="actions_pick"):
        owner = _choice("Eigenaar", [ALL, *owners], "eigenaar", ALL)
        status = _choice("Status", [*STATUSES, ALL], "status", STATUSES[0])
    st.markdown(
        f"Eigenaar: **{'alle eigenaren' if owner == ALL else md(owner)}** · "
        f"status: **{'alle' if status == ALL else status}**"
    )
    chosen = filter_actions(
        ctx.plan,
        loop.actions,
        agenda=ctx.agenda,
        owner=None if owner == ALL else owner,
        status=None if status == ALL else status,
    )
    if chosen:
        caption = f"Actiepunten ({status}), eerst wat over de deadline is, dan op deadline"
        table = action_table(ctx.plan, chosen, ctx.as_of, ctx.progress)
        components.table(table, caption, status_column="Stand indicator")
    else:
        st.markdown("Geen actiepunten bij deze keuze.")
    previous = previous_meeting(since.meetings(ctx), ctx.as_of)
    if previous is not None:
        st.header(f"Afgerond sinds de vorige vergadering ({fmt.long_date(previous.day)})")
        moved = actions_since(loop.actions, loop.history, [], previous.day, ctx.as_of)
        finished = filter_actions(
            ctx.plan, moved.done + moved.dropped, agenda=ctx.agenda, status=None
        )
        if finished:
            table = action_table(ctx.plan, finished, ctx.as_of, ctx.progress)
            caption = "Gereed of vervallen sinds de vorige vergadering"
            components.table(table, caption, status_column="Stand indicator")
        else:
            st.markdown("Geen actiepunt gereed of vervallen sinds de vorige vergadering.")
    st.header("Besluiten per vergadering")
    if loop.decisions:
        newest = sorted(loop.decisions, key=lambda d: (d.meeting, -d.number), reverse=True)
        components.table(decision_table(newest), "Besluiten, de laatste vergadering eerst")
    else:
        st.markdown("Nog geen besluiten vastgelegd.")


render()
