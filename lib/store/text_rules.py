"""The rules of the editors' texts (toelichting, maatregelen) without the database: cleaning,
the checks of a key and the 1.000-character limit, and rebuilding them from their history.
Used by lib/store/texts.py and the import of texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from lib.figures.history import Key
from lib.plan.schema import Plan
from lib.problems import Problem
from lib.store.db import CONCEPT

MAX_CHARS = 1000
FILE = "toelichting"


@dataclass(frozen=True)
class TextCounted:
    """The texts (toelichting, maatregelen) of one key and the change that made them so."""

    texts: tuple[str, str]
    changed_at: str
    changed_by: str
    approved_by: str | None


@dataclass(frozen=True)
class TextWish:
    """A wish for the texts of one key; `expected_version` None: no check of the version."""

    key: Key
    explanation: str
    measures: str
    expected_version: int | None = None
    row: int | None = None

    @property
    def texts(self) -> tuple[str, str]:
        return (self.explanation, self.measures)

    def cleaned(self) -> TextWish:
        key = (self.key[0], int(self.key[1]), self.key[2] or "")
        return TextWish(
            key,
            clean_text(self.explanation),
            clean_text(self.measures),
            self.expected_version,
            self.row,
        )


# Control characters (but tab and line end) and the bidirectional embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069), which make a text read otherwise than it is stored.
_HIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# The fields as people know them, in the messages of the pages and the command line.
TEXT_FIELD_NAMES = {
    "indicator": "Indicator",
    "year": "Jaar",
    "district": "Wijk",
    "explanation": "Toelichting",
    "measures": "Maatregelen",
}


def clean_text(text: str | None) -> str:
    """As typed, with line ends made one kind, hidden control and direction characters taken
    out and outer white space taken off."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _HIDDEN.sub("", text).strip()


def check_texts(plan: Plan, key: Key, explanation: str, measures: str, row=None) -> list[Problem]:
    """Dutch problems with the key or the length of the texts (none: fine)."""
    problems = []
    indicator = plan.indicators_by_id.get(key[0])
    if indicator is None:
        problems.append(
            Problem(FILE, f"onbekende indicator '{key[0]}'", row=row, field="indicator")
        )
    if key[1] not in plan.plan.years:
        problems.append(
            Problem(FILE, f"jaar {key[1]} hoort niet bij het plan", row=row, field="year")
        )
    if key[2] and key[2] not in plan.district_ids():
        problems.append(Problem(FILE, f"onbekende wijk '{key[2]}'", row=row, field="district"))
    elif key[2] and indicator is not None and not indicator.per_district:
        message = f"'{indicator.id}' wordt alleen voor de hele stad geteld; laat wijk leeg"
        problems.append(Problem(FILE, message, row=row, field="district"))
    for field, label, text in (
        ("explanation", "de toelichting", explanation),
        ("measures", "de maatregelen", measures),
    ):
        if len(text) > MAX_CHARS:
            message = f"{label}: {len(text):,} tekens; het maximum is {MAX_CHARS:,}"
            message = message.replace(",", ".")
            problems.append(Problem(FILE, message, row=row, field=field))
    return problems


def replay_texts(
    rows: list[dict], before: str | None = None, up_to: int | None = None
) -> tuple[dict[Key, TextCounted], dict[Key, TextCounted]]:
    """(approved, concept) texts per key after the changes before the moment `before`, or up to
    and including change `up_to`; rebuilt from the history alone."""
    approved: dict[Key, TextCounted] = {}
    concept: dict[Key, TextCounted] = {}
    for row in sorted(rows, key=lambda r: r["id"]):
        if (before is not None and row["at"] >= before) or (
            up_to is not None and row["id"] > up_to
        ):
            continue
        key = (row["indicator"], int(row["year"]), row["district"])
        pair = (row["explanation"], row["measures"])
        if row["action"] in ("withdraw", "reject"):  # the concept is gone, the approved stays
            concept.pop(key, None)
        elif row["status"] == CONCEPT:
            concept[key] = TextCounted(pair, row["at"], row["editor"], None)
        else:
            entered = concept.pop(key, None)
            approved.pop(key, None)
            if any(pair):
                by = entered.changed_by if entered else row["editor"]
                approved[key] = TextCounted(pair, row["at"], by, row["editor"])
    return approved, concept


def named(problems: list[Problem], file: str) -> list[Problem]:
    """Problems of check_texts for `file`, their fields as people know them (Toelichting, not
    'explanation'), for the pages and the command line."""
    return [replace(p, file=file, field=TEXT_FIELD_NAMES.get(p.field, p.field)) for p in problems]
