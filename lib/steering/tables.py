"""The tables of actions and decisions, beside the store's own in the same database.

They have their own MetaData, created on first use (`ensure_tables`), so lib/store does not
need to know them. Every write goes through lib.store.db.writing: it bumps the dataset's
revision, so a page cached on it sees an action the moment it is saved.

- `actions`: one row per action (its number is stable), as it stands now, with its `version`.
- `action_changes`: every change of an action: who, when, what kind, and the whole action
  after it (so any earlier state can be restored) plus the status before it.
- `decisions`: per meeting a numbered list of decisions.
- `decision_changes`: every change of a decision, the text after and before it.
"""

from __future__ import annotations

from weakref import WeakSet

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, Text, inspect
from sqlalchemy.exc import DBAPIError

metadata = MetaData()


def _action_fields() -> list[Column]:
    """What an action is, in `actions` and again (as it was after a change) in `action_changes`."""
    return [
        Column("text", Text, nullable=False),
        Column("owner", Text, nullable=False),
        Column("deadline", String(10), nullable=False),
        Column("status", String(12), nullable=False),
        Column("note", Text, nullable=False),
        Column("meeting", String(10)),
        Column("indicator", String(100)),
        Column("year", Integer),
        Column("district", String(50)),
        Column("agenda_item", Integer),
    ]


actions = Table(
    "actions",
    metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    *_action_fields(),
    Column("version", Integer, nullable=False),
    Column("changed_at", String(19), nullable=False),
    Column("changed_by", Text, nullable=False),
)

action_changes = Table(
    "action_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("revision", Integer, nullable=False),
    Column("at", String(19), nullable=False),
    Column("editor", Text, nullable=False),
    Column("kind", String(20), nullable=False),  # add, edit, status, restore, import
    Column("number", Integer, nullable=False, index=True),
    Column("old_status", String(12)),
    *_action_fields(),
    Column("version", Integer, nullable=False),
)

decisions = Table(
    "decisions",
    metadata,
    Column("meeting", String(10), primary_key=True),
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("text", Text, nullable=False),
    Column("changed_at", String(19), nullable=False),
    Column("changed_by", Text, nullable=False),
)

decision_changes = Table(
    "decision_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("revision", Integer, nullable=False),
    Column("at", String(19), nullable=False),
    Column("editor", Text, nullable=False),
    Column("kind", String(20), nullable=False),  # add, edit
    Column("meeting", String(10), nullable=False),
    Column("number", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("old_text", Text),
)

_READY: WeakSet[Engine] = WeakSet()


def ensure_tables(engine: Engine) -> bool:
    """Create the tables where they are missing; True when this call created them."""
    if engine in _READY:
        return False
    missing = [t for t in metadata.sorted_tables if not inspect(engine).has_table(t.name)]
    if missing:
        try:
            metadata.create_all(engine, tables=missing)
        except DBAPIError:  # another instance created them at the same moment
            pass
    _READY.add(engine)
    return bool(missing)
