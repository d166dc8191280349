"""The actions and decisions as tables for people (Dutch headers, dates and words): the page
*Actiepunten*, Overzicht's line, the agenda page, *Sinds de vorige vergadering* and the reports.

An action's status is icon and word ("⚠ 16 dagen over de deadline"); its indicator's status
beside it is the dashboard's own (colour, icon and word). Late is judged at the peildatum.
"""

from __future__ import annotations

import html
from datetime import date

import pandas as pd

from lib import fmt
from lib.plan.schema import Plan
from lib.status import BEHIND, label
from lib.steering.model import (
    LATE_ICON,
    OPEN,
    STATUS_ICONS,
    Action,
    Decision,
    ordered,
)
from lib.views.html_table import Markup

ACTION_COLUMNS = ["Nr", "Actie", "Eigenaar", "Deadline", "Status", "Gaat over", "Stand indicator"]
NO_TEXT, NO_ACTION = "geen toelichting", "geen actiepunt"


def days(n: int) -> str:
    return fmt.count(n, "dag", "dagen")


def status_words(action: Action, as_of: date) -> str:
    """'⚠ 16 dagen over de deadline', '○ open', '✔ gereed: <note>'."""
    late = action.days_overdue(as_of)
    if late:
        return f"{LATE_ICON} {days(late)} over de deadline"
    word = f"{STATUS_ICONS[action.status]} {action.status}"
    return f"{word}: {action.note}" if action.note and action.status != OPEN else word


def agenda_of(plan: Plan, action: Action) -> int | None:
    """The agenda item an action belongs to: its own, or its indicator's."""
    if action.indicator and action.indicator in plan.indicators_by_id:
        return plan.indicators_by_id[action.indicator].agenda_item
    return action.agenda_item


def about(plan: Plan, action: Action) -> str:
    """What the action is about, in words: the indicator's name, year and place, or the item."""
    if action.indicator and action.indicator in plan.indicators_by_id:
        where = plan.district_names().get(action.district or "", "") if action.district else ""
        parts = [plan.indicators_by_id[action.indicator].name, str(action.year)]
        return ", ".join(p for p in [*parts, where] if p)
    if action.agenda_item is not None:
        return f"agendapunt {action.agenda_item}: {plan.agenda_names()[action.agenda_item]}"
    return "het hele plan"


def _statuses(progress: pd.DataFrame) -> dict[tuple[str, int, str], str]:
    """Every row's status by (indicator, year, district): read once per table, not per action."""
    if progress.empty:
        return {}
    keys = zip(progress["indicator"], progress["year"], progress["district"], strict=True)
    return dict(zip(keys, progress["status"], strict=True))


def indicator_status(statuses: dict[tuple[str, int, str], str], action: Action) -> str | None:
    """The indicator's status now (in the year and place the action is about), as shown."""
    if not action.indicator:
        return None
    found = statuses.get((action.indicator, action.year, action.district or ""))
    return label(found) if found is not None else None


def filter_actions(
    plan: Plan,
    actions: list[Action],
    *,
    agenda: int | None = None,
    owner: str | None = None,
    status: str | None = OPEN,
) -> list[Action]:
    """The actions of one agenda item, owner and status (None: any)."""
    return [
        a
        for a in actions
        if (agenda is None or agenda_of(plan, a) == agenda)
        and (not owner or a.owner == owner)
        and (status is None or a.status == status)
    ]


def action_table(
    plan: Plan, actions: list[Action], as_of: date, progress: pd.DataFrame
) -> pd.DataFrame:
    """One row per action, late first, then by deadline; the indicator's status beside it."""
    statuses = _statuses(progress)
    rows = [
        {
            "Nr": a.label,
            "Actie": a.text,
            "Eigenaar": a.owner,
            "Deadline": fmt.long_date(a.deadline),
            "Status": status_words(a, as_of),
            "Gaat over": about(plan, a),
            "Stand indicator": indicator_status(statuses, a) or "–",
        }
        for a in ordered(actions, as_of)
    ]
    return pd.DataFrame(rows, columns=ACTION_COLUMNS)


def open_counts(actions: list[Action], as_of: date) -> tuple[int, int]:
    """(open, of which late at the peildatum)."""
    still = [a for a in actions if a.status == OPEN]
    return len(still), sum(a.is_late(as_of) for a in still)


def overview_line(actions: list[Action], as_of: date, agenda: int | None = None) -> str:
    """'Actiepunten: 5 open, waarvan 2 over de deadline'; of one agenda item, 'Actiepunten bij
    agendapunt 1: ...' (`actions` already those of that item)."""
    still, late = open_counts(actions, as_of)
    where = "" if agenda is None else f" bij agendapunt {agenda}"
    text = f"Actiepunten{where}: {fmt.number(still, 0)} open"
    return text + (f", waarvan {fmt.number(late, 0)} over de deadline" if late else "")


def late_lines(actions: list[Action], as_of: date) -> list[str]:
    """Per late action: 'A2 Text (owner, deadline 15 september 2014, 16 dagen te laat)'."""
    return [
        f"{a.label} {a.text} ({a.owner}, deadline {fmt.long_date(a.deadline)}, "
        f"{days(a.days_overdue(as_of))} te laat)"
        for a in ordered(actions, as_of)
        if a.is_late(as_of)
    ]


def decision_table(decisions: list[Decision]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"Vergadering": fmt.long_date(d.meeting), "Nr": d.number, "Besluit": d.text}
            for d in decisions
        ],
        columns=["Vergadering", "Nr", "Besluit"],
    )


def missing_words(
    status: str,
    indicator: str,
    year: int,
    texts: dict,
    actions: list[Action],
) -> str | None:
    """'geen toelichting, geen actiepunt' for a goal behind (`status`) with neither a text of the
    editors for the year nor an open action about it: 'what is being done?' never meets a blank.
    None otherwise."""
    if status != BEHIND or any(texts.get((indicator, year, ""), ("", ""))):
        return None
    if any(a.status == OPEN and a.indicator == indicator for a in actions):
        return None
    return f"{NO_TEXT}, {NO_ACTION}"


def open_for(actions: list[Action], indicator: str) -> list[Action]:
    """The open actions about an indicator (any year or wijk)."""
    return [a for a in actions if a.status == OPEN and a.indicator == indicator]


def actions_note(actions: list[Action], as_of: date) -> Markup:
    """'Actiepunten:' and per open action its number, text, owner, deadline (late: how late),
    escaped, as one paragraph beside the editors' texts."""
    lines = [
        f"{a.label} {a.text} ({a.owner}, deadline {fmt.long_date(a.deadline)}"
        + (f", {days(a.days_overdue(as_of))} te laat)" if a.is_late(as_of) else ")")
        for a in ordered(actions, as_of)
    ]
    body = "<br>".join(html.escape(line) for line in lines)
    return Markup(f'<p style="margin: 0 0 0.5rem 0;"><strong>Actiepunten:</strong><br>{body}</p>')


def missing_note(words: str | None) -> Markup:
    """'Ontbreekt: geen toelichting, geen actiepunt' in words (never a silent blank), or ''."""
    if not words:
        return Markup("")
    return Markup(  # hjk-texts: in a table cell at the cell's size, as the texts above it
        f'<p class="hjk-texts" style="margin: 0 0 0.5rem 0;"><strong>Ontbreekt:</strong> '
        f"{html.escape(words)}</p>"
    )
