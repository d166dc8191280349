"""The stuurgroep meetings: kept by editors in the database, recorded in the history like figures
(no four eyes: a meeting date is a fact, not a figure), and the lookups around a date.

"De vorige vergadering" is the latest meeting on or before a day; "de volgende" the first one
after it. Without a later meeting, "before the next meeting" means the next six weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, delete, insert, select

from lib import fmt
from lib.figures.history import Record
from lib.problems import Problem, ValidationFailed
from lib.store.clock import now
from lib.store.db import meetings, reading, writing
from lib.store.text_rules import clean_text
from lib.store.writes import record_change

NEXT_MEETING_FALLBACK = timedelta(weeks=6)
TITLE_MAX = 200


@dataclass(frozen=True)
class Meeting:
    day: date
    title: str = ""

    def label(self) -> str:
        """'Stuurgroep 15 september 2014 (15 september 2014)', or just the date without a title."""
        when = fmt.long_date(self.day)
        return f"{self.title} ({when})" if self.title and self.title != when else when


def previous_meeting(all_meetings: list[Meeting], today: date) -> Meeting | None:
    """The latest meeting on or before `today`."""
    earlier = [m for m in all_meetings if m.day <= today]
    return max(earlier, key=lambda m: m.day) if earlier else None


def next_meeting(all_meetings: list[Meeting], today: date) -> Meeting | None:
    """The first meeting after `today`."""
    later = [m for m in all_meetings if m.day > today]
    return min(later, key=lambda m: m.day) if later else None


def default_since(today: date) -> date:
    """Without a meeting to count from, one cycle back: six weeks before `today` (the peildatum),
    as 'before the next meeting' is six weeks on. The peildatum itself would show no change."""
    return today - NEXT_MEETING_FALLBACK


def due_before(all_meetings: list[Meeting], today: date) -> date:
    """The day by which something is 'before the next meeting': that meeting, or six weeks on."""
    following = next_meeting(all_meetings, today)
    return following.day if following else today + NEXT_MEETING_FALLBACK


def far_meeting(day: date, last_year: int, as_of: date) -> str | None:
    """A Dutch warning for a meeting more than a year after the later of the plan's last day
    and the peildatum (2099 for 2014, say): saved all the same, it may be a typing error."""
    later = max(date(last_year, 12, 31), as_of)
    a_year_on = later.replace(
        year=later.year + 1, day=min(later.day, 28) if later.month == 2 else later.day
    )
    if day <= a_year_on:
        return None
    which = "de peildatum" if later == as_of else "het einde van het plan"
    return (
        f"Let op: {fmt.long_date(day)} ligt meer dan een jaar na {which} "
        f"({fmt.long_date(later)}). Klopt het jaar?"
    )


class MeetingStore:
    """The meeting methods of lib.store.store.Store (which supplies `engine`)."""

    engine: Engine

    def meetings(self) -> list[Meeting]:
        """Every meeting, oldest first."""
        with reading(self.engine) as conn:
            rows = conn.execute(select(meetings).order_by(meetings.c.day)).mappings().all()
        return [Meeting(date.fromisoformat(r["day"]), r["title"]) for r in rows]

    def add_meeting(self, day: date, title: str, editor: str) -> None:
        """Add a meeting; a date that already has one is refused in Dutch."""
        title = clean_text(title)
        if len(title) > TITLE_MAX:
            raise ValidationFailed(
                [Problem("vergaderingen", f"titel langer dan {TITLE_MAX} tekens", field="title")]
            )
        with writing(self.engine) as (conn, revision):
            known = conn.execute(select(meetings.c.day).where(meetings.c.day == day.isoformat()))
            if known.first() is not None:
                raise ValidationFailed(
                    [Problem("vergaderingen", f"op {fmt.long_date(day)} staat al een vergadering")]
                )
            conn.execute(
                insert(meetings).values(
                    day=day.isoformat(), title=title, added_at=now(), added_by=editor
                )
            )
            _record(
                conn, revision, editor, "meeting_add", None, Record(day.isoformat(), note=title)
            )

    def remove_meeting(self, day: date, editor: str) -> None:
        """Remove the meeting on `day`; no meeting that day is refused in Dutch."""
        with writing(self.engine) as (conn, revision):
            row = conn.execute(select(meetings).where(meetings.c.day == day.isoformat()))
            found = row.mappings().first()
            if found is None:
                raise ValidationFailed(
                    [Problem("vergaderingen", f"op {fmt.long_date(day)} staat geen vergadering")]
                )
            conn.execute(delete(meetings).where(meetings.c.day == day.isoformat()))
            _record(
                conn,
                revision,
                editor,
                "meeting_remove",
                day.isoformat(),
                Record(None, note=found["title"]),
            )


def _record(conn, revision: int, editor: str, action: str, old: str | None, new: Record) -> None:
    key_cols = {"indicator": None, "year": None, "district": None, "status": None}
    record_change(conn, revision, editor, action, key_cols, old, new, None)
