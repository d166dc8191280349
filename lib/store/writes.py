"""One figure's changes inside a write transaction (lib/db.writing): the rows it touches, the
conflict check against the version the editor started from, and the history line it leaves.

Used by lib/store/store.py, which opens the transaction, checks closed years and validates values.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Connection, and_, delete, insert, select, update

from lib import fmt
from lib.accounts.identity import same_editor
from lib.figures.history import Key, Layers, Record, describe_key, describe_value
from lib.plan.schema import Plan
from lib.store.clock import now
from lib.store.db import APPROVED, CONCEPT, changes, figure_values, figures


@dataclass(frozen=True)
class FigureInput:
    """A wish for one figure. `value` None proposes removing it; `expected_version` None: no check."""

    indicator: str
    year: int
    district: str
    value: str | None
    counted_on: str = ""
    source: str = ""
    note: str = ""
    expected_version: int | None = None
    row: int | None = None

    @property
    def key(self) -> Key:
        return (self.indicator, int(self.year), self.district)

    @property
    def record(self) -> Record:
        return Record(self.value, self.counted_on, self.source, self.note)


@dataclass(frozen=True)
class ConflictDetail:
    key: Key
    label: str  # the figure as a message names it (lib/figures/history.describe_key)
    expected: int
    current: int
    editor: str
    at: str
    old_value: str | None
    new_value: str | None

    def __str__(self) -> str:
        return (
            f"{self.label} is intussen gewijzigd door {self.editor} "
            f"op {fmt.moment(self.at)}: {describe_value(self.old_value)} -> "
            f"{describe_value(self.new_value)}"
        )


class Conflict(Exception):
    """A save started from an older version of a figure; nothing of it was written."""

    def __init__(self, details: list[ConflictDetail]) -> None:
        self.details = details
        super().__init__(
            "Niet opgeslagen, want iemand anders was u voor:\n"
            + "\n".join(f"- {d}" for d in details)
        )


def canonical_value(kind: str, typed: dict) -> str:
    """One spelling per value ('3,2', '2014-08-01', 'ja'), so equal figures compare equal."""
    if kind == "milestone":
        return typed["reached_on"].isoformat() if typed["reached_on"] else "nee"
    if kind == "commitment":
        return "ja" if typed["flag"] else "nee"
    text = format(Decimal(str(typed["number"])).normalize(), "f")
    return text.replace(".", ",")


def key_filter(table, key: Key):
    return and_(table.c.indicator == key[0], table.c.year == key[1], table.c.district == key[2])


def record_change(
    conn, revision, editor, action, key_cols, old, new: Record, version, dropped=False
):
    conn.execute(
        insert(changes).values(
            **key_cols,
            revision=revision,
            at=now(),
            editor=editor,
            action=action,
            dropped=dropped,
            old_value=old,
            new_value=new.value,
            counted_on=new.counted_on,
            source=new.source,
            note=new.note,
            version=version,
        )
    )


def current_layers(conn: Connection, key: Key) -> tuple[int, Layers, dict]:
    """The figure's version (0: never written), its layers, and its concept row as stored."""
    version = conn.execute(select(figures.c.version).where(key_filter(figures, key))).scalar()
    layers, concept_row = Layers(), {}
    for row in conn.execute(select(figure_values).where(key_filter(figure_values, key))):
        row = row._mapping
        if row["status"] == APPROVED:
            layers.approved = Record.of(row)
        else:
            layers.concept, concept_row = Record.of(row), dict(row)
    return version or 0, layers, concept_row


def conflict_with(conn: Connection, plan: Plan, key: Key, expected: int, current: int):
    """The refusal for a stale save, with the last recorded change of the figure."""
    last = conn.execute(
        select(changes).where(key_filter(changes, key)).order_by(changes.c.id.desc()).limit(1)
    ).mappings().first() or {"editor": "?", "at": "?", "old_value": None, "new_value": None}
    return ConflictDetail(
        key,
        describe_key(plan, key),
        expected,
        current,
        last["editor"],
        last["at"],
        last["old_value"],
        last["new_value"],
    )


def bump_version(conn: Connection, key: Key, version: int) -> int:
    """Raise the figure's version by one (creating its row at 1); return the new version."""
    if version == 0:
        conn.execute(
            insert(figures).values(indicator=key[0], year=key[1], district=key[2], version=1)
        )
    else:
        conn.execute(update(figures).where(key_filter(figures, key)).values(version=version + 1))
    return version + 1


def write_figure(
    conn: Connection, plan: Plan, wish: FigureInput, editor: str, action: str, revision: int
) -> int | ConflictDetail:
    """Write one wish into the concept layer; 1 if something changed, 0 if it was already so."""
    key = wish.key
    version, layers, _concept_row = current_layers(conn, key)
    if wish.expected_version is not None and wish.expected_version != version:
        return conflict_with(conn, plan, key, wish.expected_version, version)
    wanted = wish.record
    before = layers.concept or layers.approved
    key_cols = {"indicator": key[0], "year": key[1], "district": key[2]}
    back_to_approved = wanted == layers.approved or (
        wanted.value is None and layers.approved is None
    )
    if back_to_approved:
        if layers.concept is None:
            return 0
        conn.execute(
            delete(figure_values).where(
                key_filter(figure_values, key), figure_values.c.status == CONCEPT
            )
        )
        new_version = bump_version(conn, key, version)
        shown = layers.approved or Record(None)
        kind = "withdraw" if action == "edit" else action
        record_change(
            conn,
            revision,
            editor,
            kind,
            {**key_cols, "status": CONCEPT},
            layers.concept.value,
            shown,
            new_version,
            dropped=True,
        )
        return 1
    if layers.concept == wanted:
        return 0
    if version == 0:
        new_version = bump_version(conn, key, version)
    else:
        conn.execute(
            delete(figure_values).where(
                key_filter(figure_values, key), figure_values.c.status == CONCEPT
            )
        )
        new_version = bump_version(conn, key, version)
    conn.execute(
        insert(figure_values).values(
            **key_cols,
            status=CONCEPT,
            value=wanted.value,
            counted_on=wanted.counted_on,
            source=wanted.source,
            note=wanted.note,
            changed_at=now(),
            changed_by=editor,
            approved_by="",
        )
    )
    old = before.value if before else None
    record_change(
        conn, revision, editor, action, {**key_cols, "status": CONCEPT}, old, wanted, new_version
    )
    return 1


def _waiting_concept(
    conn: Connection, plan: Plan, key: Key, seen: int, action: str
) -> tuple[int, Layers, dict] | ConflictDetail | str:
    """The key's version, layers and concept row when a concept waits at the version the editor
    saw; else the conflict, or the Dutch refusal ("er is geen conceptcijfer om <action>")."""
    version, layers, concept_row = current_layers(conn, key)
    if version != seen:
        return conflict_with(conn, plan, key, seen, version)
    if layers.concept is None:
        return f"er is geen conceptcijfer om {action}"
    return version, layers, concept_row


def _own_entry(concept_row: dict, editor: str, verb: str) -> str | None:
    """The four-eyes refusal when `editor` entered the concept; None when another did."""
    if not same_editor(concept_row["changed_by"], editor):
        return None
    return (
        f"u ({editor}) heeft dit cijfer zelf ingevoerd; een andere redacteur moet het {verb} "
        "(vier ogen)"
    )


def approve_figure(
    conn: Connection, plan: Plan, key: Key, seen: int, editor: str, revision: int
) -> ConflictDetail | str | None:
    """Make a concept the approved figure; a conflict, a Dutch refusal, or None when done."""
    found = _waiting_concept(conn, plan, key, seen, "vast te stellen")
    if not isinstance(found, tuple):
        return found
    version, layers, concept_row = found
    if own := _own_entry(concept_row, editor, "vaststellen"):
        return own
    conn.execute(delete(figure_values).where(key_filter(figure_values, key)))
    new = layers.concept
    if new.value is not None:
        conn.execute(
            insert(figure_values).values({**concept_row, "status": APPROVED, "approved_by": editor})
        )
    new_version = bump_version(conn, key, version)
    old = layers.approved.value if layers.approved else None
    key_cols = {"indicator": key[0], "year": key[1], "district": key[2], "status": APPROVED}
    record_change(conn, revision, editor, "approve", key_cols, old, new, new_version)
    return None


def reject_figure(
    conn: Connection, plan: Plan, key: Key, seen: int, editor: str, revision: int, reason: str
) -> ConflictDetail | str | None:
    """Turn a concept down: it is dropped, the approved figure stays, the reason is recorded.
    Never one's own entry: that is changed back, or turned down by another editor."""
    found = _waiting_concept(conn, plan, key, seen, "af te wijzen")
    if not isinstance(found, tuple):
        return found
    version, layers, concept_row = found
    if own := _own_entry(concept_row, editor, "afwijzen"):
        return own
    conn.execute(
        delete(figure_values).where(
            key_filter(figure_values, key), figure_values.c.status == CONCEPT
        )
    )
    new_version = bump_version(conn, key, version)
    kept = layers.approved or Record(None)
    key_cols = {"indicator": key[0], "year": key[1], "district": key[2], "status": CONCEPT}
    shown = Record(kept.value, kept.counted_on, kept.source, reason)
    record_change(
        conn, revision, editor, "reject", key_cols, layers.concept.value, shown, new_version, True
    )
    return None
