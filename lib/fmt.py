"""Dutch formatting of numbers, percentages and dates (1.234,5 and 1 oktober 2014), via Babel;
and the one reading of a whole number typed as plain digits (digits)."""

from __future__ import annotations

import math
from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

LOCALE = "nl_NL"


def digits(text: str) -> int | None:
    """'2014' -> 2014; None unless `text` is ASCII digits only. str.isdigit() alone also accepts
    '²' and other digits that int() refuses with a traceback (a link, a cell, an action number)."""
    return int(text) if text.isascii() and text.isdigit() else None


def number(value: float | int | None, decimals: int = 1, empty: str = "–") -> str:
    """1234.5 -> '1.234,5'; whole numbers without decimals; None/NaN -> empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    value = round(float(value), decimals)
    pattern = "#,##0" if value == int(value) else "#,##0." + "0" * decimals
    return format_decimal(value, format=pattern, locale=LOCALE)


def signed(value: float | None, decimals: int = 1, empty: str = "–") -> str:
    """Difference with an explicit sign: +5, −2,5."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    text = number(abs(value), decimals)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def percent(value: float | None, empty: str = "–") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    return number(value, 0) + "%"


def long_date(value: date | datetime | str | None, empty: str = "–") -> str:
    """date(2014, 10, 1) -> '1 oktober 2014'."""
    if value in (None, ""):
        return empty
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return _day(value)


@lru_cache(maxsize=4096)
def _day(value: date) -> str:
    # Babel takes about 0.08 ms a date; a history of 500 changes has a few dozen distinct days.
    return _babel_date(value, format="d MMMM y", locale=LOCALE)


def moment(value: str | None, empty: str = "–") -> str:
    """'2014-09-23T08:50:00' -> '23 september 2014, 08:50'; a date alone stays a date."""
    if not value:
        return empty
    clock = str(value)[11:16]
    return long_date(value) + (f", {clock}" if clock else "")


def file_name(name: str) -> str:
    """A file name as a person would give it, without the characters Windows refuses."""
    return "".join(c for c in name if c not in '<>:"/\\|?*').strip()


def quantity(value: float | None, unit: str, decimals: int = 1, singular: str | None = None) -> str:
    """'24 groepen', '1 groep'; units are stored spelled out in the plan."""
    if singular and value is not None and round(float(value), decimals) == 1:
        unit = singular
    return f"{number(value, decimals)} {unit}".strip()


def waiting_concepts(count: int) -> str:
    """'Geen conceptcijfers wachten', '1 conceptcijfer wacht', '3 conceptcijfers wachten'."""
    if count == 0:
        return "Geen conceptcijfers wachten"
    if count == 1:
        return "1 conceptcijfer wacht"
    return f"{number(count)} conceptcijfers wachten"


CONCEPT_MARK = " (concept)"


def concept(text: str, figure_status: object) -> str:
    """A shown value marked when its figure is a concept (not yet approved): '26 (concept)'."""
    return text + CONCEPT_MARK if figure_status == "concept" else text


def listing(items: list[str]) -> str:
    """'A', 'A en B', 'A, B en C': a Dutch enumeration."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def count(n: int, singular: str, plural: str) -> str:
    """'1 doel', '3 doelen', '1.250 kinderen': a count with the word in the right number."""
    return f"{number(n)} {singular if n == 1 else plural}"


def import_summary(changes: int, texts: int, unchanged: int, skipped: int, bad: int) -> str:
    """'1 cijfer en 0 toelichtingen veranderen, 3 blijven gelijk, 1 lege rij overgeslagen,
    0 rijen met fouten': what an import would do, as the page and the command line say it."""
    return (
        f"{count(changes, 'cijfer', 'cijfers')} en {count(texts, 'toelichting', 'toelichtingen')} "
        f"veranderen, {number(unchanged)} {'blijft' if unchanged == 1 else 'blijven'} gelijk, "
        f"{count(skipped, 'lege rij', 'lege rijen')} overgeslagen, "
        f"{count(bad, 'rij', 'rijen')} met fouten"
    )


def saved(changed: int, with_texts: bool) -> str:
    """'1 cijfer', '3 cijfers', or '4 wijzigingen (cijfers en toelichtingen)' when texts came
    with the figures: what an import or save changed, counted as the store counts it."""
    if with_texts:
        return count(changed, "wijziging", "wijzigingen") + " (cijfers en toelichtingen)"
    return count(changed, "cijfer", "cijfers")
