"""What Te doen is made of (lib/views/todo.py): its items, what the store holds as plain data
for them, and the open actions of the stuurgroep that feed two of its kinds."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

import pandas as pd

from lib.figures.history import Key, Layers
from lib.plan.schema import Plan

KINDS = ("approve", "rejected", "no_explanation", "overdue_action", "milestone_due", "no_figure")
FIELDS = ["kind", "indicator", "name", "year", "district", "what", "since", "by"]
ENTERED = ("edit", "import", "restore")  # the history actions that leave a concept behind


@dataclass(frozen=True)
class OpenAction:
    """An action (a decision of the stuurgroep) that is still open, for the hook of the actions
    feature: it keeps its goal off `no_explanation`, and is `overdue_action` past its deadline."""

    indicator: str
    year: int
    district: str
    title: str
    deadline: date | None = None
    owner: str = ""
    since: str | None = None  # when it was decided (ISO)


@dataclass(frozen=True)
class TodoItem:
    kind: str
    indicator: str
    name: str
    year: int
    district: str
    what: str
    since: str | None = None
    by: str | None = None
    # For the page: what is approved (figure or text), shown old and new, the version seen.
    subject: str = ""
    before: str = ""
    after: str = ""
    doubt: str = ""
    version: int = 0
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def key(self) -> Key:
        return (self.indicator, self.year, self.district)

    def row(self) -> dict:
        """The fields of the command line (FIELDS); one that does not apply is None."""
        values = asdict(self)
        return {f: (values[f] if values[f] != "" or f == "district" else None) for f in FIELDS}


@dataclass(frozen=True)
class TodoInputs:
    """What the store holds, read once (lib/views/todo_read.py reads it from a Store)."""

    layers: dict[Key, Layers]
    versions: dict[Key, int]
    entered: dict[Key, dict]
    text_layers: dict[Key, dict]
    history: list[dict]  # the figure changes, any order
    text_history: list[dict]  # the changes of the texts, any order
    progress: pd.DataFrame  # progress_table of every year, the city and every district
    due_before: date


def indicator_name(plan: Plan, indicator: str) -> str:
    """The indicator's name in the plan; its id when the plan no longer has it."""
    item = plan.indicators_by_id.get(indicator)
    return item.name if item else indicator
