"""Actions and decisions as data, without the database: their fields, limits and statuses, and
when an action is late.

"Over de deadline" is judged at the dashboard's peildatum (the date every page uses), never at
the computer's clock: an open action whose deadline lies before the peildatum is late by that
many days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lib import fmt

OPEN, DONE, DROPPED = "open", "gereed", "vervallen"
STATUSES = (OPEN, DONE, DROPPED)
STATUS_WORDS = {OPEN: "open", DONE: "gereed", DROPPED: "vervallen"}
STATUS_ICONS = {OPEN: "○", DONE: "✔", DROPPED: "⊘"}
LATE_ICON = "⚠"
TEXT_MAX = 300
OWNER_MAX = 100
NOTE_MAX = 300
DECISION_MAX = 500


@dataclass(frozen=True)
class Action:
    """One agreed action as it stands; `number` is stable and shown as 'A12'."""

    number: int
    text: str
    owner: str
    deadline: date
    status: str = OPEN
    note: str = ""
    meeting: date | None = None
    indicator: str | None = None
    year: int | None = None
    district: str | None = None
    agenda_item: int | None = None
    version: int = 0
    changed_at: str = ""
    changed_by: str = ""

    @property
    def label(self) -> str:
        return action_label(self.number)

    def days_overdue(self, as_of: date) -> int:
        """Days past the deadline at the peildatum `as_of`; 0 when not late (or not open)."""
        if self.status != OPEN or self.deadline >= as_of:
            return 0
        return (as_of - self.deadline).days

    def is_late(self, as_of: date) -> bool:
        return self.days_overdue(as_of) > 0


@dataclass(frozen=True)
class Decision:
    """One decision of a meeting; numbered per meeting from 1."""

    meeting: date
    number: int
    text: str
    changed_at: str = ""
    changed_by: str = ""


def action_label(number: int) -> str:
    return f"A{number}"


def parse_number(text: str | int) -> int | None:
    """'A12', 'a12' or '12' -> 12; None when it is no action number."""
    raw = str(text).strip().upper().removeprefix("A").strip()
    number = fmt.digits(raw)
    return number if number is not None and number > 0 else None


def ordered(actions: list[Action], as_of: date) -> list[Action]:
    """Open ones first, the late among them first (longest late first), then by deadline."""
    return sorted(
        actions,
        key=lambda a: (a.status != OPEN, -a.days_overdue(as_of), a.deadline, a.number),
    )


def subject(action: Action) -> str:
    """What the action is about, in the form of the key: 'indicator 2014 w01', 'agendapunt 2',
    or 'het hele plan'."""
    if action.indicator:
        return " ".join(str(p) for p in (action.indicator, action.year, action.district) if p)
    if action.agenda_item is not None:
        return f"agendapunt {action.agenda_item}"
    return "het hele plan"
