"""Actions in the database: add, change, list, their history and restoring an earlier state.

They count at once (they record what the stuurgroep agreed; no four eyes), but every change is a
row in `action_changes` with who and when and the whole action after it. A change carries the
version the editor started from where there is one; a change on an older version is refused with
the other person's change. The `insert_action`/`change_action` functions write inside a transaction a
caller holds, so an import writes all its rows or none.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date

from sqlalchemy import Connection, func, insert, select, update

from lib import fmt
from lib.problems import Problem, ValidationFailed
from lib.steering.model import OPEN, Action, action_label
from lib.steering.rules import FILE, ActionFields, check_action
from lib.steering.tables import action_changes, actions
from lib.store.clock import now
from lib.store.db import reading, writing

FIELDS = tuple(ActionFields.__dataclass_fields__)


def to_action(row: dict) -> Action:
    return Action(
        number=row["number"],
        text=row["text"],
        owner=row["owner"],
        deadline=date.fromisoformat(row["deadline"]),
        status=row["status"],
        note=row["note"],
        meeting=date.fromisoformat(row["meeting"]) if row["meeting"] else None,
        indicator=row["indicator"],
        year=row["year"],
        district=row["district"],
        agenda_item=row["agenda_item"],
        version=row.get("version", 0),
        changed_at=row.get("changed_at") or row.get("at", ""),
        changed_by=row.get("changed_by") or row.get("editor", ""),
    )


def fields_of(action: Action) -> ActionFields:
    return ActionFields(**{f: getattr(action, f) for f in FIELDS})


class ActionBook:
    """The action methods of lib.steering.book.Steering (which supplies engine, plan, meetings)."""

    def actions(self) -> list[Action]:
        """Every action, by number."""
        with reading(self.engine) as conn:
            rows = conn.execute(select(actions).order_by(actions.c.number)).mappings()
            return [to_action(dict(r)) for r in rows]

    def action(self, number: int) -> Action:
        found = next((a for a in self.actions() if a.number == number), None)
        if found is None:
            raise ValidationFailed([unknown(number)])
        return found

    def action_history(self, number: int | None = None) -> list[dict]:
        """Every change of the actions (of one when given), oldest first."""
        query = select(action_changes).order_by(action_changes.c.id)
        if number is not None:
            query = query.where(action_changes.c.number == number)
        with reading(self.engine) as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def check(self, fields: ActionFields, **options) -> dict:
        """The typed fields; ValidationFailed with every problem otherwise."""
        meetings = {m.day for m in self.store.meetings()}
        typed, problems = check_action(self.plan, meetings, fields, **options)
        if problems:
            raise ValidationFailed(problems)
        return typed

    def add_action(self, fields: ActionFields, editor: str) -> Action:
        """Record a new action (open unless said otherwise); its number is the next free one."""
        typed = self.check(fields, status_changed=fields.status != OPEN)
        with writing(self.engine) as (conn, revision):
            number = insert_action(conn, revision, typed, editor, "add")
        return self.action(number)

    def update_action(
        self,
        number: int,
        editor: str,
        changes: dict,
        expected_version: int | None = None,
    ) -> tuple[Action, bool]:
        """Change the given fields of action `number`; (the action, whether anything changed).
        A status moved to gereed or vervallen needs a note; a moved status without a new note
        clears the old one."""
        current = self.action(number)
        fields = replace(fields_of(current), **changes)
        moved = fields.status.strip().lower() != current.status
        if moved and "note" not in changes:
            fields = replace(fields, note="")
        typed = self.check(fields, status_changed=moved)
        with writing(self.engine) as (conn, revision):
            changed = change_action(conn, revision, number, typed, editor, "edit", expected_version)
        return self.action(number), changed

    def restore_action(
        self, change_id: int, editor: str, expected_version: int | None = None
    ) -> tuple[Action, bool]:
        """Bring an action back to how it was right after change `change_id` (a change itself);
        with `expected_version` (the action as the editor saw it), refused when changed since."""
        chosen = next((r for r in self.action_history() if r["id"] == change_id), None)
        if chosen is None:
            raise ValidationFailed([Problem(FILE, f"wijziging {change_id} bestaat niet")])
        then = to_action(chosen)
        typed = self.check(fields_of(then))
        with writing(self.engine) as (conn, revision):
            changed = change_action(
                conn, revision, then.number, typed, editor, "restore", expected_version
            )
        return self.action(then.number), changed


def unknown(number: int, row: int | None = None) -> Problem:
    return Problem(FILE, f"actiepunt {action_label(number)} bestaat niet", row=row, field="id")


def insert_action(conn: Connection, revision: int, typed: dict, editor: str, kind: str) -> int:
    number = (conn.execute(select(func.max(actions.c.number))).scalar() or 0) + 1
    at = now()
    conn.execute(
        insert(actions).values(number=number, **typed, version=1, changed_at=at, changed_by=editor)
    )
    _record(conn, revision, at, editor, kind, number, typed, None, 1)
    return number


def change_action(
    conn: Connection,
    revision: int,
    number: int,
    typed: dict,
    editor: str,
    kind: str,
    expected_version: int | None,
    row: int | None = None,
) -> bool:
    """Write the new state of one action; False when it already was so."""
    found = conn.execute(select(actions).where(actions.c.number == number)).mappings().first()
    if found is None:
        raise ValidationFailed([unknown(number, row)])
    if expected_version is not None and found["version"] != expected_version:
        raise ValidationFailed([_changed_meanwhile(dict(found), row)])
    if all(found[k] == v for k, v in typed.items()):
        return False
    at, version = now(), found["version"] + 1
    conn.execute(
        update(actions)
        .where(actions.c.number == number)
        .values(**typed, version=version, changed_at=at, changed_by=editor)
    )
    if kind == "edit" and typed["status"] != found["status"]:
        kind = "status"
    _record(conn, revision, at, editor, kind, number, typed, found["status"], version)
    return True


def _changed_meanwhile(found: dict, row: int | None) -> Problem:
    message = (
        f"actiepunt {action_label(found['number'])} is intussen gewijzigd door "
        f"{found['changed_by']} ({fmt.moment(found['changed_at'])}); laad het opnieuw"
    )
    return Problem(FILE, message, row=row, field="id")


def _record(conn, revision, at, editor, kind, number, typed, old_status, version) -> None:
    conn.execute(
        insert(action_changes).values(
            revision=revision,
            at=at,
            editor=editor,
            kind=kind,
            number=number,
            old_status=old_status,
            **typed,
            version=version,
        )
    )


def as_dict(action: Action) -> dict:
    return asdict(action)
