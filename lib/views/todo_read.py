"""Reading what Te doen needs from the store (lib/views/todo.py builds the list from it), and
the words that count it: the sidebar's "3 wachten op vaststelling: 2 cijfers, 1 toelichting" and
the counts above the list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

import pandas as pd

from lib import fmt
from lib.figures.actuals import Actuals
from lib.plan.schema import Plan
from lib.progress.compare import progress_table
from lib.steering.book import Steering
from lib.steering.model import OPEN
from lib.store.meetings import due_before
from lib.store.store import Store
from lib.views.todo import OpenAction, TodoInputs, TodoItem, todo_items

# kind -> (singular, plural) of what the counts above the list say.
KIND_WORDS = {
    "rejected": ("afgewezen concept van u", "afgewezen concepten van u"),
    "no_explanation": (
        "doel achter zonder toelichting of actiepunt",
        "doelen achter zonder toelichting of actiepunt",
    ),
    "overdue_action": ("actie over de deadline", "acties over de deadline"),
    "milestone_due": ("mijlpaal nog niet bereikt", "mijlpalen nog niet bereikt"),
    "no_figure": ("indicator zonder cijfer", "indicatoren zonder cijfer"),
}
SUBJECT_WORDS = {"figure": ("cijfer", "cijfers"), "text": ("toelichting", "toelichtingen")}


def read_inputs(
    plan: Plan,
    store: Store,
    as_of: date,
    actuals: Actuals | None = None,
    progress: pd.DataFrame | None = None,
) -> TodoInputs:
    """What the list is made from; `progress` (every year, city and districts) where the caller
    has it, else judged here from `actuals` (else the approved figures)."""
    if progress is None:
        actuals = actuals or store.read_actuals()
        progress = progress_table(plan, actuals, as_of, district="all")
    layers, versions, entered = store.layers()
    history = store.history().to_dict("records")
    return TodoInputs(
        layers=layers,
        versions=versions,
        entered=entered,
        text_layers=store.text_layers(),
        history=history,
        text_history=store.text_history(),
        progress=progress,
        due_before=due_before(store.meetings(), as_of),
    )


def open_actions(store: Store) -> list[OpenAction]:
    """The stuurgroep's open actions (lib/steering/): an action about a goal keeps it off
    'no_explanation', and one past its deadline at the peildatum is an 'overdue_action'."""
    return [
        OpenAction(
            indicator=action.indicator or "",
            year=action.year,
            district=action.district or "",
            title=f"{action.label} {action.text}",
            deadline=action.deadline,
            owner=action.owner,
            since=action.changed_at or None,
        )
        for action in Steering.open(store).actions()
        if action.status == OPEN
    ]


def todo_for(
    plan: Plan,
    store: Store,
    editor: str,
    as_of: date,
    actions: Iterable[OpenAction] | None = None,
    **known,
) -> list[TodoItem]:
    """The list for `editor` at the peildatum `as_of`, read from `store` (`known`: actuals or
    progress the caller has already; `actions`: the store's open actions unless given)."""
    actions = open_actions(store) if actions is None else actions
    return todo_items(plan, editor, as_of, read_inputs(plan, store, as_of, **known), actions)


def waiting_line(figures: int, texts: int) -> str:
    """'3 wachten op vaststelling: 2 cijfers, 1 toelichting'; 'Niets wacht op vaststelling'."""
    total = figures + texts
    if not total:
        return "Niets wacht op vaststelling"
    parts = [
        fmt.count(n, *SUBJECT_WORDS[s]) for s, n in (("figure", figures), ("text", texts)) if n
    ]
    verb = "wacht" if total == 1 else "wachten"
    return f"{fmt.number(total)} {verb} op vaststelling: {', '.join(parts)}"


def approval_line(items: list[TodoItem]) -> str:
    """'3 wachten op uw vaststelling: 2 cijfers, 1 toelichting', or '' when none does."""
    subjects = Counter(i.subject for i in items if i.kind == "approve")
    if not subjects:
        return ""
    line = waiting_line(subjects["figure"], subjects["text"])
    return line.replace("op vaststelling", "op uw vaststelling")


def kind_counts(items: list[TodoItem]) -> list[str]:
    """Per kind after approval: '1 afgewezen concept van u', '2 mijlpalen nog niet bereikt'."""
    counts = Counter(i.kind for i in items)
    return [fmt.count(counts[k], *KIND_WORDS[k]) for k in KIND_WORDS if counts[k]]
