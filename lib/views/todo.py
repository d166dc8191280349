"""Te doen: what waits for one editor, as one list (the tab *Te doen* and `python -m lib todo`).

Kinds, in the order the list shows them:
- `approve`: a concept of another editor (a figure, or a toelichting with its maatregelen) to
  approve or reject, with who entered it, when, old -> new and the doubt of a mistyped figure;
- `rejected`: the editor's own concept (a figure or a text) that a second editor turned down,
  with the reason, until something new happens to that figure or text;
- `no_explanation`: a figure behind (status achter) in the peildatum's year without a
  toelichting, and without an open action for it;
- `overdue_action`: an open action past its deadline at the peildatum;
- `milestone_due`: a milestone not reached whose deadline is before the next meeting (or already
  passed);
- `no_figure`: an indicator the plan counts in the peildatum's year without any figure for it.

`todo_items` is pure: it takes what the store holds as plain data (lib/views/todo_model.py); the
two kinds of concepts are made in lib/views/todo_concepts.py. Actions (decisions of the
stuurgroep) come in as `OpenAction`s; without them the two action conditions are simply absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from lib import fmt
from lib.figures.history import Key, Layers
from lib.plan.schema import Plan
from lib.status import BEHIND
from lib.views.todo_concepts import approvals, rejections
from lib.views.todo_model import FIELDS, KINDS, OpenAction, TodoInputs, TodoItem, indicator_name

__all__ = ["FIELDS", "KINDS", "OpenAction", "TodoInputs", "TodoItem", "todo_items"]


def todo_items(
    plan: Plan,
    editor: str,
    as_of: date,
    data: TodoInputs,
    actions: Iterable[OpenAction] = (),
) -> list[TodoItem]:
    """Everything waiting for `editor` at the peildatum `as_of`, in the order of KINDS."""
    actions = list(actions)
    year = as_of.year
    return [
        *approvals(plan, editor, data),
        *rejections(plan, editor, data.history, data.text_history),
        *unexplained(plan, year, data, actions),
        *overdue_actions(plan, as_of, actions),
        *milestones_due(plan, as_of, data.progress, data.due_before),
        *missing_figures(plan, year, data.layers),
    ]


def _has_text(text_layers: dict[Key, dict], key: Key) -> bool:
    """A toelichting is written (approved, or a concept on its way)."""
    slot = text_layers.get(key) or {}
    rows = [slot.get("approved"), slot.get("concept")]
    return any(r and r["explanation"].strip() for r in rows)


def unexplained(
    plan: Plan, year: int, data: TodoInputs, actions: list[OpenAction]
) -> list[TodoItem]:
    """Figures behind in `year` without a toelichting and without an open action."""
    acted = {(a.indicator, a.year, a.district) for a in actions}
    rows = data.progress[(data.progress["year"] == year) & (data.progress["status"] == BEHIND)]
    items = []
    for row in rows.itertuples(index=False):
        key = (row.indicator, int(row.year), row.district)
        keys = [key]
        deadline = plan.indicator(row.indicator).deadline
        if deadline is not None:  # a milestone carried on: its text may be in its own year
            keys.append((row.indicator, deadline.year, row.district))
        if any(_has_text(data.text_layers, k) for k in keys) or any(k in acted for k in keys):
            continue
        items.append(
            TodoItem(
                "no_explanation", *key[:1], row.name, key[1], key[2],
                what=f"{BEHIND}: {row.detail}; geen toelichting, geen actiepunt",
            )
        )  # fmt: skip
    return items


def overdue_actions(plan: Plan, as_of: date, actions: list[OpenAction]) -> list[TodoItem]:
    """Open actions whose deadline lies before the peildatum (never the computer's clock)."""
    late = [a for a in actions if a.deadline is not None and a.deadline < as_of]
    return [
        TodoItem(
            "overdue_action",
            a.indicator,
            indicator_name(plan, a.indicator),
            a.year,
            a.district,
            what=f"{a.title}: deadline {fmt.long_date(a.deadline)} verstreken",
            since=a.deadline.isoformat(),
            by=a.owner or None,
        )  # fmt: skip
        for a in sorted(late, key=lambda a: (a.deadline, a.indicator))
    ]


def milestones_due(
    plan: Plan, as_of: date, progress: pd.DataFrame, due_before: date
) -> list[TodoItem]:
    """City milestones not reached whose deadline is on or before `due_before`, earliest first."""
    city = progress[(progress["district"] == "") & (progress["kind"] == "milestone")]
    reached = {
        (i, int(y)): a
        for i, y, a in zip(city["indicator"], city["year"], city["actual"], strict=True)
    }
    items = []
    for indicator in plan.indicators:
        deadline = indicator.deadline
        if deadline is None or deadline > due_before:
            continue
        if isinstance(reached.get((indicator.id, deadline.year)), str):
            continue  # a date reached (progress keeps 'nee' as no date)
        when = "verstreken" if deadline <= as_of else "vóór de volgende vergadering"
        items.append(
            TodoItem(
                "milestone_due", indicator.id, indicator.name, deadline.year, "",
                what=f"deadline {fmt.long_date(deadline)} {when}, nog niet bereikt",
                since=deadline.isoformat(),
            )
        )  # fmt: skip
    return sorted(items, key=lambda i: i.since)


def missing_figures(plan: Plan, year: int, layers: dict[Key, Layers]) -> list[TodoItem]:
    """Indicators the plan sets something for in `year` without any figure, concept or approved."""
    present = {
        key[0] for key, slot in layers.items() if key[1] == year and slot.effective() is not None
    }
    return [
        TodoItem(
            "no_figure",
            i.id,
            i.name,
            year,
            "",
            what=f"nog geen cijfer voor {year}",
        )  # fmt: skip
        for i in plan.indicators
        if year in i.years() and i.id not in present
    ]
