"""What happened to the actions and decisions since a day (the previous meeting): added, done,
dropped and gone late, and the decisions recorded since; also as rows of `changes --since`.

"Since" counts from 00:00 on that day, as the figures' changes do; "gone late" is judged at the
peildatum: open now, with a deadline from that day up to the peildatum.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from lib.steering.model import DONE, DROPPED, OPEN, Action, Decision, ordered


@dataclass(frozen=True)
class ActionsSince:
    since: date
    as_of: date
    added: list[Action] = field(default_factory=list)
    done: list[Action] = field(default_factory=list)
    dropped: list[Action] = field(default_factory=list)
    gone_late: list[Action] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.added or self.done or self.dropped or self.gone_late or self.decisions)


def status_moves(history: list[dict], since: date) -> dict[int, dict]:
    """Per action the last change since `since` that moved its status (or added it)."""
    moves: dict[int, dict] = {}
    for row in history:
        if row["at"] < since.isoformat():
            continue
        if row["old_status"] != row["status"]:
            moves[row["number"]] = row
    return moves


def actions_since(
    actions: list[Action],
    history: list[dict],
    decisions: list[Decision],
    since: date,
    as_of: date,
) -> ActionsSince:
    """What changed in the actions from 00:00 on `since`, judged at the peildatum `as_of`."""
    moves = status_moves(history, since)
    added_numbers = {r["number"] for r in history if r["old_status"] is None and _after(r, since)}
    by_status = {
        status: [a for a in actions if a.number in moves and a.status == status]
        for status in (DONE, DROPPED)
    }
    gone_late = [
        a for a in actions if a.status == OPEN and since <= a.deadline < as_of and a.is_late(as_of)
    ]
    return ActionsSince(
        since,
        as_of,
        added=ordered([a for a in actions if a.number in added_numbers], as_of),
        done=by_status[DONE],
        dropped=by_status[DROPPED],
        gone_late=ordered(gone_late, as_of),
        decisions=[d for d in decisions if d.meeting >= since or _after_text(d, since)],
    )


def _after(row: dict, since: date) -> bool:
    return row["at"] >= since.isoformat()


def _after_text(decision: Decision, since: date) -> bool:
    return decision.changed_at >= since.isoformat()


def change_rows(history: list[dict], decisions: list[Decision], since: date) -> list[dict]:
    """The rows of `changes --since` for actions (before/after: the status) and decisions."""
    rows = []
    for row in sorted(status_moves(history, since).values(), key=lambda r: r["id"]):
        rows.append(
            _row(
                "action",
                row,
                row["text"],
                row["old_status"],
                row["status"],
            )
        )
    for decision in decisions:
        if _after_text(decision, since):
            rows.append(
                _row(
                    "decision",
                    {"at": decision.changed_at, "editor": decision.changed_by},
                    decision.text,
                    None,
                    None,
                )
            )
    return rows


def _row(kind: str, row: dict, name: str, before, after) -> dict:
    return {
        "kind": kind,
        "indicator": row.get("indicator"),
        "name": name,
        "year": row.get("year"),
        # As the figures' rows: '' is the city; None where no indicator applies.
        "district": (row.get("district") or "") if row.get("indicator") else None,
        "before": before,
        "after": after,
        "status_before": None,
        "status_now": None,
        "changed_at": row["at"],
        "changed_by": row["editor"],
        "approved_by": None,
    }
