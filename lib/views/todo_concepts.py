"""The concepts in Te doen (lib/views/todo.py): those of other editors, to approve or reject
(`approve`), and the editor's own that a second editor turned down (`rejected`), figures and
texts (a toelichting with its maatregelen) alike. Pure: it reads what the store holds as data.
"""

from __future__ import annotations

from lib.accounts.identity import same_editor
from lib.figures.history import Key
from lib.figures.plausible import doubt
from lib.plan.schema import Plan
from lib.views.since import value_for_people
from lib.views.todo_model import ENTERED, TodoInputs, TodoItem, indicator_name


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
                "approve", *key[:1], indicator_name(plan, key[0]), key[1], key[2],
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
                "approve", key[0], indicator_name(plan, key[0]), key[1], key[2],
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


def rejections(
    plan: Plan, editor: str, history: list[dict], text_history: list[dict]
) -> list[TodoItem]:
    """The editor's concepts turned down, figures before texts, while the rejection is still the
    last change of that figure or text: `after` is what was turned down, `extra` the reason."""
    items = []
    for key, last in _turned_down(history, editor):
        value = _value(plan, key[0], last["old_value"])
        items.append(
            TodoItem(
                "rejected", key[0], indicator_name(plan, key[0]), key[1], key[2],
                what=f"{value} afgewezen; reden: {last['note']}", since=last["at"],
                by=last["editor"], subject="figure", after=value, extra={"reason": last["note"]},
            )
        )  # fmt: skip
    for key, last in _turned_down(text_history, editor):
        old = {"explanation": last["old_explanation"], "measures": last["old_measures"]}
        items.append(
            TodoItem(
                "rejected", key[0], indicator_name(plan, key[0]), key[1], key[2],
                what=f"toelichting afgewezen; reden: {last['note']}", since=last["at"],
                by=last["editor"], subject="text", after=_text_pair(old),
                extra={"reason": last["note"]},
            )
        )  # fmt: skip
    return items


def _turned_down(history: list[dict], editor: str) -> list[tuple[Key, dict]]:
    """(key, its rejection) per figure or text whose last change turned down a concept that
    `editor` entered, in key order."""
    by_key: dict[Key, list[dict]] = {}
    for row in sorted(history, key=lambda r: r["id"]):
        if row.get("indicator") and row.get("year") is not None:
            key = (row["indicator"], int(row["year"]), row["district"] or "")
            by_key.setdefault(key, []).append(row)
    found = []
    for key, rows in sorted(by_key.items()):
        last, entries = rows[-1], [r for r in rows[:-1] if r["action"] in ENTERED]
        if last["action"] == "reject" and entries and same_editor(entries[-1]["editor"], editor):
            found.append((key, last))
    return found
