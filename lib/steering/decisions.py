"""Decisions in the database: per meeting a numbered list, each change in `decision_changes`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, insert, select, update

from lib.problems import Problem, ValidationFailed
from lib.steering.model import Decision
from lib.steering.rules import DECISIONS, check_decision
from lib.steering.tables import decision_changes, decisions
from lib.store.clock import now
from lib.store.db import reading, writing


def _decision(row) -> Decision:
    return Decision(
        date.fromisoformat(row["meeting"]),
        row["number"],
        row["text"],
        row["changed_at"],
        row["changed_by"],
    )


class DecisionBook:
    """The decision methods of lib.steering.book.Steering (which supplies engine and store)."""

    def decisions(self, meeting: date | None = None) -> list[Decision]:
        """The decisions of one meeting, or of every meeting; by meeting, then number."""
        query = select(decisions).order_by(decisions.c.meeting, decisions.c.number)
        if meeting is not None:
            query = query.where(decisions.c.meeting == meeting.isoformat())
        with reading(self.engine) as conn:
            return [_decision(r) for r in conn.execute(query).mappings()]

    def decision_history(self) -> list[dict]:
        with reading(self.engine) as conn:
            query = select(decision_changes).order_by(decision_changes.c.id)
            return [dict(r) for r in conn.execute(query).mappings()]

    def _checked(self, meeting: date | str, text: str) -> tuple[str, str]:
        known = {m.day for m in self.store.meetings()}
        (day, clean), problems = check_decision(known, meeting, text)
        if problems:
            raise ValidationFailed(problems)
        return day, clean

    def add_decision(self, meeting: date | str, text: str, editor: str) -> Decision:
        """Add a decision to a meeting's list; it gets the next number of that meeting."""
        day, clean = self._checked(meeting, text)
        with writing(self.engine) as (conn, revision):
            return insert_decision(conn, revision, day, clean, editor)

    def edit_decision(
        self, meeting: date, number: int, text: str, editor: str, was: str | None = None
    ) -> bool:
        """Change a decision's text; False when it already read so. `was`: the text the editor
        saw; changed since (by another editor), the change is refused, not written over it."""
        day, clean = self._checked(meeting, text)
        where = and_(decisions.c.meeting == day, decisions.c.number == number)
        with writing(self.engine) as (conn, revision):
            found = conn.execute(select(decisions.c.text, decisions.c.changed_by).where(where))
            old, by = found.one_or_none() or (None, None)
            if old is None:
                message = f"besluit {number} van {day} bestaat niet"
                raise ValidationFailed([Problem(DECISIONS, message, field="number")])
            if was is not None and old != was:
                message = f"besluit {number} is intussen gewijzigd door {by}: '{old}'"
                raise ValidationFailed([Problem(DECISIONS, message, field="Besluit")])
            if old == clean:
                return False
            at = now()
            values = {"text": clean, "changed_at": at, "changed_by": editor}
            conn.execute(update(decisions).where(where).values(**values))
            _record(conn, revision, at, editor, "edit", day, number, clean, old)
        return True


def insert_decision(conn, revision: int, day: str, text: str, editor: str) -> Decision:
    """Add a checked decision inside a write transaction; the next number of its meeting."""
    last = select(func.max(decisions.c.number)).where(decisions.c.meeting == day)
    number = (conn.execute(last).scalar() or 0) + 1
    at = now()
    conn.execute(
        insert(decisions).values(
            meeting=day, number=number, text=text, changed_at=at, changed_by=editor
        )
    )
    _record(conn, revision, at, editor, "add", day, number, text, None)
    return Decision(date.fromisoformat(day), number, text, at, editor)


def _record(conn, revision, at, editor, kind, day, number, text, old) -> None:
    conn.execute(
        insert(decision_changes).values(
            revision=revision,
            at=at,
            editor=editor,
            kind=kind,
            meeting=day,
            number=number,
            text=text,
            old_text=old,
        )
    )
