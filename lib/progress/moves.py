"""The rows of lib/progress/changes.py: their fields, status moves sorted worst first, the
milestones due, and the counts a summary gives.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd

from lib.figures.history import Key
from lib.plan.schema import Plan
from lib.status import BEHIND, MET, NO_DATA, ON_TRACK

FIELDS = [
    "kind",
    "indicator",
    "name",
    "year",
    "district",
    "before",
    "after",
    "status_before",
    "status_now",
    "changed_at",
    "changed_by",
    "approved_by",
]
KINDS = ("figure", "total", "status", "milestone", "explanation")


_KEY = ["indicator", "year", "district"]


def status_rows(before: pd.DataFrame, after: pd.DataFrame) -> list[dict]:
    """Statuses that moved, worst first: into achter, into geen gegevens, out of achter into
    op koers or behaald, then the rest; within a group by agenda item (then plan order)."""
    old = before[_KEY + ["status", "actual"]]
    new = after[_KEY + ["name", "agenda_item", "status", "actual"]].reset_index(drop=True)
    both = new.reset_index().merge(old, on=_KEY, suffixes=("", "_before"))
    both = both[both["status"] != both["status_before"]]
    rows = []
    for row in both.to_dict("records"):
        moved = make_row(
            "status",
            (row["indicator"], int(row["year"]), row["district"]),
            row["name"],
            before=shown_value(row["actual_before"]),
            after=shown_value(row["actual"]),
            status_before=row["status_before"],
            status_now=row["status"],
        )
        order = (_group(row["status_before"], row["status"]), row["agenda_item"], row["index"])
        rows.append((order, moved))
    return [moved for _order, moved in sorted(rows, key=lambda r: r[0])]


def _group(was: str, now: str) -> int:
    if now == BEHIND:
        return 0
    if now == NO_DATA:
        return 1
    if was == BEHIND and now in (ON_TRACK, MET):
        return 2
    return 3


def shown_value(actual: object) -> str | None:
    """A figure as the history writes it: '3,2', '2014-08-01', 'ja'."""
    if actual is None or (isinstance(actual, float) and pd.isna(actual)):
        return None
    if isinstance(actual, (int, float)) and not isinstance(actual, bool):
        return format(Decimal(str(actual)).normalize(), "f").replace(".", ",")
    return str(actual)


def milestone_rows(
    plan: Plan, before: pd.DataFrame, after: pd.DataFrame, since: date, today: date, due: date
) -> list[dict]:
    """Milestones whose deadline fell on or after `since` up to `today`, or falls up to `due`."""
    city_before = before[before["district"] == ""].set_index(["indicator", "year"])
    city_after = after[after["district"] == ""].set_index(["indicator", "year"])
    rows = []
    for indicator in plan.indicators:
        deadline = indicator.deadline if indicator.kind == "milestone" else None
        if deadline is None or not since <= deadline <= max(today, due):
            continue
        key = (indicator.id, deadline.year)
        if key not in city_after.index:
            continue  # another year was asked for
        now = city_after.loc[key]
        was = city_before.loc[key] if key in city_before.index else None
        rows.append(
            make_row(
                "milestone",
                (indicator.id, deadline.year, ""),
                indicator.name,
                before=shown_value(was["actual"]) if was is not None else None,
                after=shown_value(now["actual"]),
                status_before=was["status"] if was is not None else None,
                status_now=now["status"],
                changed_at=deadline.isoformat(),
            )
        )
    return sorted(rows, key=lambda r: r["changed_at"])


def text_line(pair: tuple[str, str]) -> str:
    """'Toelichting · Maatregelen: ...' on one line, as the `explanation` rows carry them."""
    explanation, measures = pair
    return explanation + (f" · Maatregelen: {measures}" if measures else "")


def make_row(kind: str, key: Key, name: str, **fields) -> dict:
    row = dict.fromkeys(FIELDS)
    row.update(kind=kind, indicator=key[0], name=name, year=key[1], district=key[2], **fields)
    return row


def summary_counts(rows: list[dict]) -> dict[str, int]:
    """How many figures changed (city totals made from changed district figures among them),
    statuses moved, moved into achter, milestones fell due, texts are new or changed."""
    return {
        "figures": sum(r["kind"] in ("figure", "total") for r in rows),
        "totals": sum(r["kind"] == "total" for r in rows),
        "statuses": sum(r["kind"] == "status" for r in rows),
        "into_behind": sum(r["kind"] == "status" and r["status_now"] == BEHIND for r in rows),
        "milestones": sum(r["kind"] == "milestone" for r in rows),
        "explanations": sum(r["kind"] == "explanation" for r in rows),
    }
