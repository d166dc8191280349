"""The history of the figures: replaying recorded changes to the state at any earlier moment.

Each change row belongs to one layer of one figure (`vastgesteld` or `concept`) and carries the
full new record of that layer, so the state after any change can be rebuilt from the changes
alone, without trusting the current tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib import fmt
from lib.plan.schema import Plan

Key = tuple[str, int, str]

ACTION_LABELS = {
    "seed": "startgegevens",
    "edit": "ingevoerd",
    "import": "geïmporteerd",
    "approve": "vastgesteld",
    "withdraw": "concept ingetrokken",
    "reject": "afgewezen",
    "restore": "teruggezet",
    "close_year": "jaar afgesloten",
    "reopen_year": "jaar heropend",
    "meeting_add": "vergadering toegevoegd",
    "meeting_remove": "vergadering verwijderd",
}


@dataclass(frozen=True)
class Record:
    """One layer's content: the value (None proposes removal) and where it came from."""

    value: str | None
    counted_on: str = ""
    source: str = ""
    note: str = ""

    @classmethod
    def of(cls, row: dict) -> Record:
        return cls(row["value"], row["counted_on"] or "", row["source"] or "", row["note"] or "")


@dataclass
class Layers:
    approved: Record | None = None
    concept: Record | None = None

    def effective(self) -> Record | None:
        """What the figure will be once its concept (if any) is approved; None: no figure."""
        chosen = self.concept or self.approved
        return chosen if chosen and chosen.value is not None else None


def replay(change_rows: list[dict], up_to: int) -> dict[Key, Layers]:
    """Layers of every figure right after change `up_to` (change ids increase with time)."""
    state: dict[Key, Layers] = {}
    for row in sorted(change_rows, key=lambda r: r["id"]):
        if row["id"] > up_to:
            break
        if row["indicator"] is None:  # closing or reopening a year
            continue
        key = (row["indicator"], int(row["year"]), row["district"])
        layers = state.setdefault(key, Layers())
        record = Record(row["new_value"], row["counted_on"], row["source"], row["note"])
        if row["dropped"]:
            layers.concept = None
        elif row["status"] == "concept":
            layers.concept = record
        else:  # seed or approve: the approved layer becomes the record, the concept is used up
            layers.approved = record if record.value is not None else None
            layers.concept = None
    return state


def describe_value(value: str | None) -> str:
    """A stored value as the history shows it; no value (None, '', NaN) is '(leeg)'."""
    if value is None or value == "" or value != value:  # NaN is the one value unequal to itself
        return "(leeg)"
    return str(value)


_OTHER_FIELDS = (("counted_on", "teldatum"), ("source", "bron"), ("note", "opmerking"))


def other_changes(before: Record | None, after: Record) -> str:
    """What changes besides the value ("bron: 'A' -> 'B'"), for the grid's confirmation and an
    import's preview: a row whose value stays 3,2 but whose source changes is a change, and must
    say which. Nothing for a removal."""
    if after.value is None:
        return ""
    before = before or Record(None)
    parts = [
        f"{label}: {_shown(name, getattr(before, name))} -> {_shown(name, getattr(after, name))}"
        for name, label in _OTHER_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]
    return "; ".join(parts)


def _shown(name: str, text: str) -> str:
    if not text:
        return "(leeg)"
    return fmt.long_date(text) if name == "counted_on" else f"'{text}'"


def describe_key(plan: Plan, key: Key) -> str:
    """'VVE-groepen 2014 (Almere Haven)' or '... (hele stad)': a figure as a message names it, by
    the plan's names (an id the plan does not know stays as it was given, e.g. from a file)."""
    indicator, year, district = key
    item = plan.indicators_by_id.get(indicator)
    where = plan.district_names().get(district, f"wijk {district}") if district else "hele stad"
    return f"{item.name if item else indicator} {year} ({where})"


@dataclass(frozen=True)
class Counted:
    """A figure as the dashboard counted it at a moment, and the change that made it so.

    changed_at: when it became what is counted (the approval, or for a concept its entry);
    changed_by: who entered the value; approved_by: who approved it (None for a concept).
    """

    record: Record
    changed_at: str
    changed_by: str
    approved_by: str | None


class _Counting:
    """The approved and concept layers of every figure while changes are applied in order."""

    def __init__(self) -> None:
        self.approved: dict[Key, Counted] = {}
        self.concept: dict[Key, Counted] = {}

    def apply(self, row: dict, key: Key) -> None:
        record = Record(row["new_value"], row["counted_on"], row["source"], row["note"])
        if row["dropped"]:
            self.concept.pop(key, None)
        elif row["status"] == "concept":
            self.concept[key] = Counted(record, row["at"], row["editor"], None)
        else:  # seed or approve
            entered = self.concept.pop(key, None)
            if record.value is None:
                self.approved.pop(key, None)
            else:
                by = entered.changed_by if entered else row["editor"]
                self.approved[key] = Counted(record, row["at"], by, row["editor"])

    def counted_record(self, key: Key, include_concept: bool) -> Record | None:
        """The record of one figure as counted now; None when none is."""
        shown = (self.concept.get(key) if include_concept else None) or self.approved.get(key)
        return shown.record if shown and shown.record.value is not None else None

    def counted(self, include_concept: bool) -> dict[Key, Counted]:
        counted = dict(self.approved)
        if include_concept:
            for key, shown in self.concept.items():
                if shown.record.value is None:
                    counted.pop(key, None)
                else:
                    counted[key] = shown
        return counted


def counted_then_and_now(
    change_rows: list[dict], before: str, include_concept: bool = False
) -> tuple[dict[Key, Counted], dict[Key, Counted]]:
    """The figures counted right before the moment `before` (ISO text), and after every change.

    Rebuilt from the history alone, in one pass. Figures from the starting file (action
    `seed`) were there before any moment, whenever they were loaded. Approved figures only,
    unless `include_concept`: then a concept stands in for its approved figure (a concept
    without a value proposes removal, so that figure is not counted).
    """
    then, now = _Counting(), _Counting()
    for row in sorted(change_rows, key=lambda r: r["id"]):
        if row["indicator"] is None:  # a year closed or reopened, a meeting
            continue
        key = (row["indicator"], int(row["year"]), row["district"])
        now.apply(row, key)
        if row["action"] == "seed" or row["at"] < before:
            then.apply(row, key)
    return then.counted(include_concept), now.counted(include_concept)


def superseded(change_rows: list[dict], include_concept: bool = False) -> dict[Key, list[Record]]:
    """Per figure the records that were counted before the one counted now, oldest first.

    A figure counted after a peildatum was not known then; the one it replaced may have been
    (lib/figures/index.py looks there). Approved figures only, unless `include_concept`."""
    state, earlier = _Counting(), {}
    for row in sorted(change_rows, key=lambda r: r["id"]):
        if row["indicator"] is None:  # a year closed or reopened, a meeting
            continue
        key = (row["indicator"], int(row["year"]), row["district"])
        before = state.counted_record(key, include_concept)
        state.apply(row, key)
        if before is not None and before != state.counted_record(key, include_concept):
            earlier.setdefault(key, []).append(before)
    return earlier
