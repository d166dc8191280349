"""The report summary's milestones due: not reached, with a deadline up to the next meeting,
those whose deadline has passed included (the editors' to-do list has the same ones,
lib/views/todo.py milestones_due)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib import fmt
from lib.status import STATUSES


@dataclass(frozen=True)
class DueItem:
    name: str
    deadline: date
    status: str
    passed: bool = False  # the deadline is on or before the peildatum (as in the to-do list)

    @property
    def line(self) -> str:
        passed = ", verstreken" if self.passed else ""
        shown = f"{STATUSES[self.status].icon} {self.status}" if self.status in STATUSES else ""
        return (
            f"{self.name}: deadline {fmt.long_date(self.deadline)}{passed} ({shown or self.status})"
        )


def milestones_due(progress: pd.DataFrame, as_of: date, due_before: date) -> list[DueItem]:
    """City milestones of `progress` (a progress table) not reached whose deadline is on or
    before `due_before`, earliest first."""
    rows = progress[(progress["kind"] == "milestone") & (progress["district"] == "")]
    rows = rows[rows["target"].notna() & rows["actual"].isna()]
    found = {}
    for _, row in rows.iterrows():
        deadline = date.fromisoformat(row["target"])
        if deadline <= due_before:
            found[row["indicator"]] = DueItem(
                row["name"], deadline, row["status"], deadline <= as_of
            )
    return sorted(found.values(), key=lambda d: (d.deadline, d.name))
