"""The checks of an action or decision before anything is written, as Dutch problems naming the
field (and the row of an import): a deadline that is no date, an unknown indicator, year, wijk,
agenda item or meeting, an empty owner or text, text over its limit, a status change
to gereed or vervallen without a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lib import fmt
from lib.plan.schema import Plan
from lib.problems import Problem
from lib.steering.model import DECISION_MAX, NOTE_MAX, OPEN, OWNER_MAX, STATUSES, TEXT_MAX

FILE = "actiepunten"
DECISIONS = "besluiten"
# The fields as the pages, the actielijst and the messages name them (never 'owner').
FIELD_NAMES = {
    "text": "Actie",
    "owner": "Eigenaar",
    "deadline": "Deadline",
    "status": "Status",
    "note": "Notitie",
    "indicator": "Indicator",
    "year": "Jaar",
    "district": "Wijk",
    "meeting": "Vergadering",
    "agenda_item": "Agendapunt",
}
DECISION_FIELD_NAMES = {"meeting": "Vergadering", "text": "Besluit"}


@dataclass(frozen=True)
class ActionFields:
    """What an editor gives for an action: every field as typed, checked by `check_action`."""

    text: str
    owner: str
    deadline: date | str
    status: str = OPEN
    note: str = ""
    meeting: date | str | None = None
    indicator: str | None = None
    year: int | str | None = None
    district: str | None = None
    agenda_item: int | str | None = None


def clean(text: str | None) -> str:
    return " ".join(str(text or "").replace("\r", "\n").split("\n")).strip()


def as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


def check_action(
    plan: Plan,
    meetings: set[date],
    fields: ActionFields,
    *,
    status_changed: bool = False,
    row: int | None = None,
    file: str = FILE,
) -> tuple[dict, list[Problem]]:
    """The typed fields (as stored) and every problem with them."""
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(file, message, row=row, field=FIELD_NAMES.get(field, field)))

    text, owner, note = clean(fields.text), clean(fields.owner), clean(fields.note)
    for field, value in (("text", text), ("owner", owner)):
        if not value:
            problem(field, "mag niet leeg zijn")
    for field, value, limit in (
        ("text", text, TEXT_MAX),
        ("owner", owner, OWNER_MAX),
        ("note", note, NOTE_MAX),
    ):
        if len(value) > limit:
            problem(field, f"{fmt.number(len(value), 0)} tekens; het maximum is {limit}")
    deadline = _date(fields.deadline, "deadline", problem)
    meeting = _date(fields.meeting, "meeting", problem) if fields.meeting else None
    if meeting and meeting not in meetings:
        problem("meeting", f"op {fmt.long_date(meeting)} staat geen vergadering")
    status = clean(fields.status).lower() or OPEN
    if status not in STATUSES:
        problem("status", f"'{status}' is geen status; kies open, gereed of vervallen")
    elif status_changed and status != OPEN and not note:
        problem("note", f"wie een actiepunt op {status} zet, schrijft er een notitie bij")
    about = _subject(plan, fields, problem)
    typed = {
        "text": text,
        "owner": owner,
        "deadline": deadline.isoformat() if deadline else None,
        "status": status,
        "note": note,
        "meeting": meeting.isoformat() if meeting else None,
        **about,
    }
    return typed, problems


def _date(value, field: str, problem) -> date | None:
    if value in (None, ""):
        problem(field, "mag niet leeg zijn; een datum als 2014-12-31")
        return None
    try:
        return as_date(value)
    except ValueError:
        problem(field, f"'{value}' is geen datum; schrijf JJJJ-MM-DD, bijv. 2014-12-31")
        return None


def _whole(value, field: str, problem) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        problem(field, f"'{value}' is geen geheel getal")
        return None


def _subject(plan: Plan, fields: ActionFields, problem) -> dict:
    """indicator/year/district, or agenda_item, or nothing (the plan as a whole)."""
    indicator = clean(fields.indicator) or None
    district = clean(fields.district) or None
    year = _whole(fields.year, "year", problem)
    item = _whole(fields.agenda_item, "agenda_item", problem)
    found = plan.indicators_by_id.get(indicator) if indicator else None
    if indicator and found is None:
        problem("indicator", f"onbekende indicator '{indicator}'")
    if indicator and year is None:
        problem("year", "bij een indicator hoort een jaar")
    if year is not None and year not in plan.plan.years:
        problem("year", f"jaar {year} hoort niet bij het plan")
    if year is not None and not indicator:
        problem("indicator", "een jaar hoort bij een indicator; noem de indicator")
    if district and district not in plan.district_ids():
        problem("district", f"onbekende wijk '{district}'")
    elif district and not indicator:
        problem("indicator", "een wijk hoort bij een indicator; noem de indicator")
    elif district and found is not None and not found.per_district:
        problem("district", f"'{found.id}' wordt alleen voor de hele stad geteld; laat wijk leeg")
    if item is not None and item not in {a.number for a in plan.agenda_items}:
        problem("agenda_item", f"onbekend agendapunt {item}")
    elif item is not None and indicator:
        problem("agenda_item", "noem een indicator of een agendapunt, niet allebei")
    if found is not None:
        item = None
    return {"indicator": indicator, "year": year, "district": district, "agenda_item": item}


def check_decision(
    meetings: set[date], meeting: date | str, text: str, row: int | None = None
) -> tuple[tuple[str, str], list[Problem]]:
    """(meeting as stored, clean text) and the problems with them."""
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        name = DECISION_FIELD_NAMES.get(field, field)
        problems.append(Problem(DECISIONS, message, row=row, field=name))

    day = _date(meeting, "meeting", problem)
    if day and day not in meetings:
        problem("meeting", f"op {fmt.long_date(day)} staat geen vergadering")
    text = clean(text)
    if not text:
        problem("text", "mag niet leeg zijn")
    if len(text) > DECISION_MAX:
        problem("text", f"{fmt.number(len(text), 0)} tekens; het maximum is {DECISION_MAX}")
    return (day.isoformat() if day else "", text), problems
