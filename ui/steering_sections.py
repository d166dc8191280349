"""The tab *Actiepunten en besluiten* of Gegevens bijwerken: per meeting, add an action or a
decision, change an action (text, owner, deadline, status with a note), see its history and
restore it. Every save is shown first and kept only after "Ja, opslaan", as figures are.

The work is done by lib/steering/; widget keys start with `edit_steering_`. Editors' texts are
shown in data grids or with st.text, never as Markdown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import streamlit as st

from lib import fmt
from lib.problems import ValidationFailed
from lib.steering.actions import fields_of
from lib.steering.book import Steering
from lib.steering.model import DECISION_MAX, NOTE_MAX, STATUSES, TEXT_MAX, Action
from lib.steering.rules import FIELD_NAMES, ActionFields
from lib.store.meetings import due_before
from lib.store.store import Store
from lib.views.actions import about, action_table, decision_table
from ui import steering as loop_of
from ui.context import Context
from ui.editing import flash, show_error
from ui.texts import escape_markdown

CONFIRM = "edit_steering_confirm"
NO_MEETING = "none"
KINDS = {"add": "nieuw", "edit": "gewijzigd", "status": "status", "restore": "teruggezet"}
KINDS["import"] = "geïmporteerd"


def steering_section(ctx: Context, store: Store, editor: str) -> None:
    st.markdown(
        "Wat de stuurgroep afsprak (actiepunten) en besloot, per vergadering. Een actiepunt telt "
        "meteen; elke wijziging wordt vastgelegd (wie, wanneer) en kan worden teruggezet. Wie "
        "een actiepunt op gereed of vervallen zet, schrijft er een notitie bij."
    )
    book = loop_of.steering(ctx)
    # On top while it waits; the forms stay drawn under it, so what was chosen stays chosen.
    _confirm_panel(book, editor)
    meetings = store.meetings()
    options = [m.day for m in reversed(meetings)] + [NO_MEETING]
    labels = {m.day: m.label() for m in meetings} | {NO_MEETING: "zonder vergadering"}
    meeting = st.selectbox(
        "Vergadering", options, format_func=labels.get, key="edit_steering_meeting"
    )
    day = None if meeting == NO_MEETING else meeting
    actions = book.actions()
    here = [a for a in actions if a.meeting == day]
    if here:
        st.dataframe(
            action_table(ctx.plan, here, ctx.as_of, ctx.progress),
            hide_index=True,
            key="edit_steering_list",
        )
    _add_form(ctx, day, due_before(meetings, ctx.as_of))
    if day is not None:
        _decisions(book, day)
    if actions:
        _change_form(ctx, book, actions, editor)


def _add_form(ctx: Context, day: date | None, due: date) -> None:
    """A new action; its deadline starts at the next meeting (or six weeks on)."""
    indicators = {i.id: i for i in ctx.plan.indicators}
    items = {
        f"agenda:{a.number}": f"Agendapunt {a.number}: {a.name}" for a in ctx.plan.agenda_items
    }
    subjects = {"": "Het hele plan", **items, **{i: n.name for i, n in indicators.items()}}
    names = ctx.plan.district_names()
    with st.form("edit_steering_add", clear_on_submit=False):
        st.markdown("**Nieuw actiepunt**")
        text = st.text_input("Actie", max_chars=TEXT_MAX, key="edit_steering_text")
        owner = st.text_input("Eigenaar (rol of organisatie)", key="edit_steering_owner")
        deadline = st.date_input(
            "Deadline", value=due, format="DD-MM-YYYY", key="edit_steering_deadline"
        )
        subject = st.selectbox(
            "Gaat over", list(subjects), format_func=subjects.get, key="edit_steering_subject"
        )
        year = st.selectbox(
            "Jaar (bij een indicator)",
            ctx.plan.plan.years,
            index=ctx.plan.plan.years.index(ctx.year),
            key="edit_steering_year",
        )
        district = st.selectbox(
            "Wijk (bij een indicator, mag leeg)",
            ["", *ctx.plan.district_ids()],
            format_func=lambda d: names.get(d, "Hele stad") if d else "Hele stad",
            key="edit_steering_district",
        )
        if st.form_submit_button("Actiepunt toevoegen"):
            fields = ActionFields(text, owner, deadline or "", meeting=day)
            if subject.startswith("agenda:"):
                fields = replace(fields, agenda_item=int(subject.split(":")[1]))
            elif subject:
                fields = replace(fields, indicator=subject, year=year, district=district or None)
            st.session_state[CONFIRM] = ("add", fields)
            st.rerun()


def _decisions(book: Steering, day: date) -> None:
    decisions = book.decisions(day)
    if decisions:
        st.dataframe(decision_table(decisions), hide_index=True, key="edit_steering_decisions")
    with st.form("edit_steering_decision", clear_on_submit=False):
        text = st.text_area(
            "Nieuw besluit", max_chars=DECISION_MAX, key="edit_steering_decision_text"
        )
        if st.form_submit_button("Besluit toevoegen"):
            st.session_state[CONFIRM] = ("decision", day, text)
            st.rerun()
    if not decisions:
        return
    by_number = {d.number: d for d in decisions}
    number = st.selectbox(
        "Besluit wijzigen",
        list(by_number),
        format_func=lambda n: f"{n}. {by_number[n].text[:80]}",
        key="edit_steering_decision_pick",
    )
    suffix = f"{day.isoformat()}_{number}"
    with st.form(f"edit_steering_decision_edit_{suffix}"):
        text = st.text_area(
            "Tekst van het besluit",
            value=by_number[number].text,
            max_chars=DECISION_MAX,
            key=f"edit_steering_decision_edit_text_{suffix}",
        )
        if st.form_submit_button("Wijziging bekijken"):
            shown = by_number[number].text  # what the editor changed: another's edit is refused
            st.session_state[CONFIRM] = ("decision_edit", day, number, text, shown)
            st.rerun()


def _change_form(ctx: Context, book: Steering, actions: list[Action], editor: str) -> None:
    by_number = {a.number: a for a in actions}
    number = st.selectbox(
        "Actiepunt wijzigen",
        sorted(by_number, reverse=True),
        format_func=lambda n: f"{by_number[n].label} {by_number[n].text[:80]}",
        key="edit_steering_pick",
    )
    action = by_number[number]
    st.caption(f"Gaat over: {escape_markdown(about(ctx.plan, action))}")  # plan text: data
    suffix = f"{number}_{action.version}"  # a changed action gets fresh fields
    with st.form(f"edit_steering_change_{suffix}"):
        text = st.text_input(
            "Actie", value=action.text, max_chars=TEXT_MAX, key=f"edit_steering_ctext_{suffix}"
        )
        owner = st.text_input("Eigenaar", value=action.owner, key=f"edit_steering_cowner_{suffix}")
        deadline = st.date_input(
            "Deadline",
            value=action.deadline,
            format="DD-MM-YYYY",
            key=f"edit_steering_cdeadline_{suffix}",
        )
        status = st.selectbox(
            "Status",
            STATUSES,
            index=STATUSES.index(action.status),
            key=f"edit_steering_cstatus_{suffix}",
        )
        note = st.text_input(
            "Notitie (nodig bij gereed of vervallen)",
            value=action.note,
            max_chars=NOTE_MAX,
            key=f"edit_steering_cnote_{suffix}",
        )
        if st.form_submit_button("Wijziging bekijken"):
            changes = {
                "text": text,
                "owner": owner,
                "deadline": deadline,
                "status": status,
                "note": note,
            }
            st.session_state[CONFIRM] = ("edit", number, changes, action.version)
            st.rerun()
    _history(book, number, editor)


def _history(book: Steering, number: int, editor: str) -> None:
    rows = list(reversed(book.action_history(number)))
    st.dataframe(
        pd.DataFrame(
            {
                "Nr": [r["id"] for r in rows],
                "Wanneer": [fmt.moment(r["at"]) for r in rows],
                "Wie": [r["editor"] for r in rows],
                "Wat": [KINDS.get(r["kind"], r["kind"]) for r in rows],
                "Status": [r["status"] for r in rows],
                "Actie": [r["text"] for r in rows],
                "Eigenaar": [r["owner"] for r in rows],
                "Deadline": [fmt.long_date(r["deadline"]) for r in rows],
                "Notitie": [r["note"] for r in rows],
            }
        ),
        hide_index=True,
        key="edit_steering_history",
    )
    target = st.selectbox(
        "Terugzetten naar de stand direct na wijziging nr.",
        [r["id"] for r in rows],
        key="edit_steering_restore_to",
    )
    if st.button("Actiepunt terugzetten", key="edit_steering_restore"):
        seen = book.action(number).version  # another editor's change since is refused
        st.session_state[CONFIRM] = ("restore", number, int(target), seen)
        st.rerun()


def _describe(book: Steering, pending: tuple) -> list[str]:
    """What a pending save changes, in lines for the confirmation."""
    kind = pending[0]
    if kind == "add":
        f = pending[1]
        return [
            f"Nieuw actiepunt: {f.text}",
            f"Eigenaar: {f.owner}",
            f"Deadline: {fmt.long_date(f.deadline) if f.deadline else '(leeg)'}",
        ]
    if kind == "decision":
        return [f"Nieuw besluit voor {fmt.long_date(pending[1])}: {pending[2]}"]
    if kind == "decision_edit":
        when = fmt.long_date(pending[1])  # pending[4]: the text the editor saw and changed
        return [f"Besluit {pending[2]} van {when}:", f"was: {pending[4]}", f"wordt: {pending[3]}"]
    current = book.action(pending[1])
    if kind == "restore":
        then = next(r for r in book.action_history(pending[1]) if r["id"] == pending[2])
        return [
            f"{current.label} terug naar de stand na wijziging {pending[2]}: {then['status']}, {then['owner']}, {then['text']}"
        ]
    old = fields_of(current)
    lines = []
    for name, value in pending[2].items():
        before = getattr(old, name)
        iso = [v.isoformat() if isinstance(v, date) else v for v in (value, before)]
        if (iso[0] or "") != (iso[1] or ""):
            shown, was = (fmt.long_date(v) if isinstance(v, date) else v for v in (value, before))
            field = FIELD_NAMES.get(name, name).lower()  # 'notitie', never 'note'
            lines.append(f"{current.label} {field}: {was or '(leeg)'} -> {shown or '(leeg)'}")
    return lines or [f"{current.label}: niets veranderd"]


def _save(book: Steering, pending: tuple, editor: str) -> str:
    kind = pending[0]
    if kind == "add":
        return f"Actiepunt {book.add_action(pending[1], editor).label} vastgelegd."
    if kind == "decision":
        decision = book.add_decision(pending[1], pending[2], editor)
        return f"Besluit {decision.number} van {fmt.long_date(decision.meeting)} vastgelegd."
    if kind == "decision_edit":
        changed = book.edit_decision(pending[1], pending[2], pending[3], editor, was=pending[4])
        when = fmt.long_date(pending[1])
        return f"Besluit {pending[2]} van {when} gewijzigd." if changed else "Niets veranderd."
    if kind == "restore":
        action, _ = book.restore_action(pending[2], editor, expected_version=pending[3])
        return f"Actiepunt {action.label} teruggezet."
    action, changed = book.update_action(
        pending[1], editor, pending[2], expected_version=pending[3]
    )
    return f"Actiepunt {action.label} gewijzigd." if changed else "Niets veranderd."


def _confirm_panel(book: Steering, editor: str) -> None:
    """The pending save, kept only after 'Ja, opslaan'."""
    pending = st.session_state.get(CONFIRM)
    if not pending:
        return
    with st.container(border=True, key="edit_steering_confirm_box"):
        st.markdown("**Controleer dit voordat u opslaat.**")
        st.text("\n".join(_describe(book, pending)))
        save, back = st.columns(2)
        if save.button("Ja, opslaan", key="edit_steering_save", type="primary"):
            st.session_state.pop(CONFIRM, None)
            try:
                message = _save(book, pending, editor)
            except ValidationFailed as exc:  # the Dutch problems; nothing was written
                show_error(exc)
                return
            flash(message)
            st.rerun()
        if back.button("Nee, terug", key="edit_steering_back"):
            st.session_state.pop(CONFIRM, None)
            st.rerun()
