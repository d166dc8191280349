"""Te doen: what waits for one editor, as one list (the tab *Te doen* and `python -m lib todo`).

Kinds, in the order the list shows them:
- `approve`: a concept of another editor (a figure, or a toelichting with its maatregelen) to
  approve or reject, with who entered it, when, old -> new and the doubt of a mistyped figure;
- `rejected`: the editor's own concept that a second editor turned down, with the reason, until
  something new happens to that figure;
- `no_explanation`: a figure behind (status achter) in the peildatum's year without a
  toelichting, and without an open action for it;
- `overdue_action`: an open action past its deadline at the peildatum;
- `milestone_due`: a milestone not reached whose deadline is before the next meeting (or already
  passed);
- `no_figure`: an indicator the plan counts in the peildatum's year without any figure for it.

`todo_items` is pure: it takes what the store holds as plain data. Actions (decisions of the
stuurgroep) come in as `OpenAction`s; without them the two action conditions are simply absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date

import pandas as pd

from lib import fmt
from lib.accounts.identity import same_editor
from lib.figures.history import Key, Layers
from lib.figures.plausible import doubt
from lib.plan.schema import Plan
from lib.status import BEHIND
from lib.views.since import value_for_people

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
    progress: pd.DataFrame  # progress_table of every year, the city and every district
    due_before: date


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
        *rejections(plan, editor, data.history),
        *unexplained(plan, year, data, actions),
        *overdue_actions(plan, as_of, actions),
        *milestones_due(plan, as_of, data.progress, data.due_before),
        *missing_figures(plan, year, data.layers),
    ]


def _name(plan: Plan, indicator: str) -> str:
    item = plan.indicators_by_id.get(indicator)
    return item.name if item else indicator


def _value(plan: Plan, indicator: str, value: str | None) -> str:
    item = plan.indicators_by_id.get(indicator)
    if item is None:
        return value or "(leeg)"
    if item.kind == "milestone" and value == "nee":
        return "niet bereikt"
    return value_for_people(value, item.kind, item.unit)


def approvals(plan: Plan, editor: str, data: TodoInputs) -> list[TodoItem]:
    """Concepts of other editors, figures before texts, each in key order."""
    items = []
    for key, slot in sorted(data.layers.items()):
        who = data.entered.get(key, {})
        if slot.concept is None or same_editor(who.get("by", ""), editor):
            continue
        old = slot.approved.value if slot.approved else None
        before = _value(plan, key[0], old) if slot.approved else "(leeg)"
        new = slot.concept.value
        after = "(verwijderen)" if new is None else _value(plan, key[0], new)
        items.append(
            TodoItem(
                "approve", *key[:1], _name(plan, key[0]), key[1], key[2],
                what=f"cijfer: {before} -> {after}", since=who.get("at"), by=who.get("by"),
                subject="figure", before=before, after=after,
                doubt=doubt(plan, key, old, new), version=data.versions.get(key, 0),
            )
        )  # fmt: skip
    for key, slot in sorted(data.text_layers.items()):
        concept = slot.get("concept")
        if concept is None or same_editor(concept["changed_by"], editor):
            continue
        approved = slot.get("approved") or {"explanation": "", "measures": ""}
        before, after = _text_pair(approved), _text_pair(concept)
        items.append(
            TodoItem(
                "approve", key[0], _name(plan, key[0]), key[1], key[2],
                what=after, since=concept["changed_at"],
                by=concept["changed_by"], subject="text", before=before, after=after,
                version=slot.get("version", 0),
                extra={"explanation": concept["explanation"], "measures": concept["measures"]},
            )
        )  # fmt: skip
    return items


def _text_pair(row: dict) -> str:
    """'Toelichting: ... Maatregelen: ...' as typed; '(leeg)' when both are empty."""
    parts = []
    if row["explanation"]:
        parts.append(f"Toelichting: {row['explanation']}")
    if row["measures"]:
        parts.append(f"Maatregelen: {row['measures']}")
    return " ".join(parts) or "(leeg)"


def rejections(plan: Plan, editor: str, history: list[dict]) -> list[TodoItem]:
    """The editor's concepts turned down, where the rejection is still the figure's last change."""
    by_key: dict[Key, list[dict]] = {}
    for row in sorted(history, key=lambda r: r["id"]):
        if row.get("indicator") and row.get("year") is not None:
            key = (row["indicator"], int(row["year"]), row["district"] or "")
            by_key.setdefault(key, []).append(row)
    items = []
    for key, rows in sorted(by_key.items()):
        last = rows[-1]
        if last["action"] != "reject":
            continue
        entries = [r for r in rows[:-1] if r["action"] in ENTERED]
        if not entries or not same_editor(entries[-1]["editor"], editor):
            continue
        value = _value(plan, key[0], last["old_value"])
        items.append(
            TodoItem(
                "rejected", key[0], _name(plan, key[0]), key[1], key[2],
                what=f"{value} afgewezen; reden: {last['note']}", since=last["at"],
                by=last["editor"], subject="figure", after=value, extra={"reason": last["note"]},
            )
        )  # fmt: skip
    return items


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
            _name(plan, a.indicator),
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
