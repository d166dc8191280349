"""A report of some goals only: the agenda items or indicators the office picks for a deck or a
council letter (`report --agenda-item N --indicator ID`, and the report popover). Without a
choice, everything. The report is built from the plan narrowed to the choice, so its summary,
tables and charts all count the same goals, and its title and file name say it is a selection.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.plan.schema import Plan
from lib.problems import UsageError


@dataclass(frozen=True)
class Selection:
    agenda_items: tuple[int, ...] = ()
    indicators: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.agenda_items or self.indicators)

    def indicator_ids(self, plan: Plan) -> list[str]:
        """The chosen indicators and those of the chosen agenda items, in plan order."""
        return [
            i.id
            for i in plan.indicators
            if i.id in self.indicators or i.agenda_item in self.agenda_items
        ]

    def label(self) -> str:
        """'selectie: agendapunt 1 en 3, 2 indicatoren': what a title or file name says."""
        parts = []
        if self.agenda_items:
            numbers = [str(n) for n in sorted(self.agenda_items)]
            listed = (
                ", ".join(numbers[:-1]) + " en " + numbers[-1] if len(numbers) > 1 else numbers[0]
            )
            parts.append(f"agendapunt{'en' if len(numbers) > 1 else ''} {listed}")
        if self.indicators:
            count = len(self.indicators)
            parts.append(f"{count} {'indicator' if count == 1 else 'indicatoren'}")
        return "selectie: " + ", ".join(parts)

    def sentence(self, plan: Plan) -> str:
        """What the summary says first: which goals this report holds, and that the rest of
        the plan is left out."""
        names = [plan.indicator(i).name for i in self.indicator_ids(plan)]
        return (
            f"Dit rapport is een selectie ({self.label().removeprefix('selectie: ')}): "
            f"{'; '.join(names)}. De andere doelen van het plan staan er niet in."
        )


def check_selection(plan: Plan, selection: Selection) -> None:
    """An agenda item or indicator the plan does not have is refused, in Dutch."""
    numbers = {a.number for a in plan.agenda_items}
    unknown = [str(n) for n in selection.agenda_items if n not in numbers]
    unknown += [i for i in selection.indicators if i not in plan.indicators_by_id]
    if unknown:
        raise UsageError(
            "onbekend in het plan: "
            + ", ".join(unknown)
            + " (kies agendapunten "
            + ", ".join(str(n) for n in sorted(numbers))
            + " of indicatoren uit targets.yaml)"
        )


def narrowed(plan: Plan, selection: Selection | None) -> Plan:
    """`plan` with only the chosen indicators, and the agenda items that hold one of them."""
    if not selection:
        return plan
    ids = set(selection.indicator_ids(plan))
    indicators = [i for i in plan.indicators if i.id in ids]
    items = {i.agenda_item for i in indicators}
    copy = plan.model_copy(
        update={
            "indicators": indicators,
            "agenda_items": [a for a in plan.agenda_items if a.number in items],
            "goals": [g for g in plan.goals if any(i.goal == g.id for i in indicators)],
        }
    )
    copy.__dict__.pop("indicators_by_id", None)  # cached from the whole plan: built anew
    return copy
