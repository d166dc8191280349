"""Spreadsheet safety: text that a spreadsheet would run as a formula is refused when a CSV is
imported, and made inert when a CSV or workbook is exported.

A note such as `=HYPERLINK("http://...")` must not become a live formula in Excel or
LibreOffice. On export, text cells that start with = + - @ tab or carriage return get a leading
apostrophe (`neutralise`). A CSV cell needs more (`csv_cell`): Excel with Dutch settings opens a
comma-separated file split at semicolons, and an unquoted line break ends its row, so a part of
a text after a comma, semicolon or line break can become a cell of its own; such a part that
starts like a formula gets the apostrophe too. Numbers stay numbers. Importing strips those
apostrophes again (`restore`), so a note does not grow on every round trip.

On import, a CSV cell that starts like a formula (`starts_like_formula`) is refused with a Dutch
problem naming row and column (`formula_problem`): the figures, texts and actielijst readers
use that one check.
"""

from __future__ import annotations

import re

from lib.problems import Problem

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
# A formula's start: = + or @, or - followed by something other than a digit or a space
# ('-5 groepen' and '- zie notitie' are text, and so is the bullet of a list).
_FORMULA = r"(?:[=+@]|-[^0-9 ])"
# Inside a CSV cell, after a comma, semicolon or line break (and a quote of the CSV's own).
_INNER = re.compile(rf'(?<=[,;\n\r])(?="*{_FORMULA})')
_INNER_GUARDED = re.compile(rf"(?<=[,;\n\r]){GUARD}(?=\"*{_FORMULA})")


def neutralise(value: object) -> object:
    """The value to write into an Excel cell (for a CSV: `csv_cell`)."""
    if isinstance(value, str) and value.startswith(DANGEROUS_STARTS):
        return GUARD + value
    return value


def csv_cell(value: object) -> object:
    """The value to write into a CSV cell: neutralised, and inert where Excel may split it."""
    if isinstance(value, str):
        value = _INNER.sub(GUARD, value)
    return neutralise(value)


def restore(text: str) -> str:
    """The original text of a cell written by `neutralise` or `csv_cell`."""
    text = _INNER_GUARDED.sub("", text)
    if text.startswith(GUARD) and text[1:].startswith(DANGEROUS_STARTS):
        return text[1:]
    return text


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read a cell with this text as a formula."""
    return re.match(_FORMULA, text) is not None


def formula_problem(file: str, text: str, row: int, field: str | None) -> Problem | None:
    """The refusal of a cell of an imported CSV that starts like a formula; None for text."""
    if not starts_like_formula(text):
        return None
    shown = text if len(text) <= 40 else text[:40] + "…"
    return Problem(
        file,
        f"de cel begint met '{text[0]}' en zou in een spreadsheet een formule worden "
        f"({shown}); begin de tekst anders",
        row=row,
        field=field,
    )
