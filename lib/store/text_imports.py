"""The editors' texts in an upload: the columns Toelichting [explanation] and Maatregelen
[measures] of the Excel template, read with the figures (lib/store/imports.py) and shown in the
same preview.

A text cell left empty leaves that text as it is (removing a text is done in the app, as
removing a figure is). A row with texts and no value changes the texts and leaves the figure
alone. The checks of a text (known key, 1.000 characters, closed year) name sheet, row and
column like every problem of an upload.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib import fmt
from lib.figures.history import Key, describe_key
from lib.problems import Problem
from lib.store.text_rules import TextWish, check_texts, clean_text

TEXT_COLUMNS = ("explanation", "measures")
TEXT_HEADERS = {"explanation": "Toelichting", "measures": "Maatregelen"}
_KEY_FIELDS = ("indicator", "year", "district")


@dataclass(frozen=True)
class TextChange:
    key: Key
    label: str  # the figure as a message names it (lib/figures/history.describe_key)
    row: int
    old: tuple[str, str]
    new: tuple[str, str]

    def __str__(self) -> str:
        parts = [
            f"{word} '{old}' -> '{new}'"
            for word, old, new in zip(
                ("toelichting", "maatregelen"), self.old, self.new, strict=True
            )
            if old != new
        ]
        return f"rij {self.row}: {self.label}: " + "; ".join(parts)


@dataclass
class TextState:
    """What the texts are now (concept or approved) and their versions, read once per upload."""

    current: dict[Key, tuple[tuple[str, str], int]]
    closed: set[int]
    seen: dict[Key, int]

    @classmethod
    def of(cls, store) -> TextState:
        current = {}
        for key, layers in store.text_layers().items():
            row = layers["concept"] or layers["approved"]
            current[key] = ((row["explanation"], row["measures"]), layers["version"])
        return cls(current, store.closed_years(), {})


def take_texts(preview, record: dict, row: int, label: str, store, state: TextState, where) -> bool:
    """Add the row's texts to the preview (a change, unchanged, or problems); False: no texts.

    `where(name)` names a column for messages. Key problems are left to the figure's checks
    when the row has a value.
    """
    typed = {c: clean_text(record.get(c)) for c in TEXT_COLUMNS}
    if not any(typed.values()):
        return False
    has_value = bool(record.get("value"))
    year = record.get("year", "")
    if fmt.digits(year) is None:
        if not has_value:
            preview.problems.append(
                Problem(label, f"'{year}' is geen jaartal", row=row, field=where("year"))
            )
        return True
    key = (record.get("indicator", ""), int(year), record.get("district", ""))
    (old, version) = state.current.get(key, (("", ""), 0))
    new = tuple(typed[c] or old[i] for i, c in enumerate(TEXT_COLUMNS))
    problems = [
        Problem(label, p.message, row=row, field=where(p.field))
        for p in check_texts(store.plan, key, *new)
        if not (has_value and p.field in _KEY_FIELDS)
    ]
    if key in state.seen and not has_value:
        problems.append(
            Problem(
                label,
                f"deze teksten staan ook op rij {state.seen[key]}",
                row=row,
                field=where("indicator"),
            )
        )
    state.seen.setdefault(key, row)
    if problems or (has_value and key[0] not in store.plan.indicators_by_id):
        preview.problems += problems
        return True
    if new == old:
        preview.unchanged += 0 if has_value else 1
        return True
    if key[1] in state.closed:
        preview.problems.append(
            Problem(
                label,
                f"jaar {key[1]} is afgesloten; een redacteur moet het eerst heropenen",
                row=row,
                field=where("year"),
            )
        )
        return True
    preview.text_wishes.append(TextWish(key, new[0], new[1], version, row))
    label = describe_key(store.plan, key)
    preview.text_changes.append(TextChange(key, label, row, old, new))
    return True
