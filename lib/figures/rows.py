"""One row of figures: the columns, the checks of a header and a row, typed values, duplicates.

Shared by reading a CSV, importing a spreadsheet and the editing grid, so a figure is judged the
same way wherever it is entered.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from lib import fmt
from lib.figures.entry import allows_decimals
from lib.figures.history import describe_key
from lib.plan.periods import parse_date
from lib.plan.schema import MAX_DIGITS, MAX_NUMBER, NUMERIC_KINDS, Plan
from lib.problems import Problem

REQUIRED_COLUMNS = ("indicator", "year", "district", "value")
OPTIONAL_COLUMNS = ("counted_on", "source", "note", "changed_at", "changed_by")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
FRAME_COLUMNS = list(COLUMNS) + ["number", "reached_on", "flag", "row"]
_NUMBER = re.compile(r"^\d+([.,]\d+)?$")
# Dutch thousands separators: 1.234,5 and 1.234.567 can only mean one thing; 1.234 cannot.
_DUTCH_THOUSANDS = re.compile(r"^[1-9]\d{0,2}((\.\d{3})+,\d+|(\.\d{3}){2,})$")
_AMBIGUOUS_THOUSANDS = re.compile(r"^[1-9]\d{0,2}\.\d{3}$")
# A figure above MAX_NUMBER is a typing or file error, and one with more than MAX_DIGITS
# significant digits would be stored rounded: both are refused, as in targets.yaml.


def check_header(columns: list[str], file: str, line: int) -> list[Problem]:
    problems = []
    clean = [(c or "").strip() for c in columns]
    for column in REQUIRED_COLUMNS:
        if column not in clean:
            problems.append(Problem(file, f"kolom '{column}' ontbreekt", row=line, field=column))
    for column in clean:
        if column not in COLUMNS:
            known = ", ".join(COLUMNS)
            problems.append(
                Problem(
                    file,
                    f"onbekende kolom '{column}' (toegestaan: {known})",
                    row=line,
                    field=column,
                )
            )
    return problems


def check_row(
    record: dict, plan: Plan, file: str, row: int, *, stored: bool = False
) -> tuple[dict | None, list[Problem]]:
    """Check one figure; return the typed record (None if unusable) and its problems.

    A figure being entered must be a whole number where the plan counts whole things (groups,
    children: `allows_decimals`). `stored=True` reads a figure the database already holds,
    which is kept as it was saved: a rule added later must not make saved figures unreadable.
    """
    values = {c: (record.get(c) or "").strip() for c in COLUMNS}
    problems: list[Problem] = []

    def problem(field_name: str, message: str) -> None:
        problems.append(Problem(file, message, row=row, field=field_name))

    indicator = plan.indicators_by_id.get(values["indicator"])
    if indicator is None:
        problem("indicator", f"onbekende indicator '{values['indicator']}'")
    year = fmt.digits(values["year"])
    if year is None:
        problem("year", f"'{values['year']}' is geen jaartal")
    elif not plan.plan.first_year <= year <= plan.plan.last_year:
        problem(
            "year",
            f"jaar {year} valt buiten de planperiode {plan.plan.first_year}-{plan.plan.last_year}",
        )
    district = values["district"]
    if district and district not in plan.district_ids():
        problem("district", f"onbekende wijk '{district}'")
    elif district and indicator and not indicator.per_district:
        problem(
            "district", f"'{indicator.id}' wordt alleen voor de hele stad geteld; laat wijk leeg"
        )
    for date_field in ("counted_on",):
        if values[date_field] and parse_date(values[date_field]) is None:
            problem(date_field, f"'{values[date_field]}' is geen datum (gebruik JJJJ-MM-DD)")
    typed = {"number": None, "reached_on": None, "flag": None}
    if indicator is not None:
        typed, message = parse_value(indicator.kind, values["value"])
        if message:
            problem("value", message)
        elif not stored and not _whole_enough(indicator, typed["number"]):
            problem(
                "value",
                f"'{values['value']}' is geen geheel getal; '{indicator.name}' telt "
                f"{indicator.unit}, dus alleen hele getallen",
            )
        if indicator.kind == "milestone" and year is not None and indicator.deadline:
            if year != indicator.deadline.year:
                problem(
                    "year",
                    f"deze mijlpaal hoort bij {indicator.deadline.year} (deadline {indicator.deadline.isoformat()})",
                )
    if problems:
        return None, problems
    counted = parse_date(values["counted_on"]) if values["counted_on"] else None
    values["counted_on"] = counted.isoformat() if counted else ""
    return {**values, "year": year, **typed, "row": row}, []


def _whole_enough(indicator, number: float | None) -> bool:
    return number is None or number == int(number) or allows_decimals(indicator)


def stored_value(kind: str, value: str | None) -> object:
    """A value as the store spells it ('3,2', '2014-08-01', 'ja') typed: numbers as numbers
    (whole ones as int), a milestone's date as a date, the rest as it is."""
    if value is None:
        return None
    if kind in NUMERIC_KINDS:
        number = float(value.replace(",", "."))
        return int(number) if number.is_integer() else number
    if kind == "milestone" and value != "nee":
        return date.fromisoformat(value)
    return value


def parse_value(kind: str, text: str) -> tuple[dict, str | None]:
    """Typed value for a kind of target, or a Dutch message saying what is wrong with it."""
    typed: dict = {"number": None, "reached_on": None, "flag": None}
    if kind == "milestone":
        if text.lower() in ("", "nee"):
            return typed, None
        reached = parse_date(text)
        if reached is None:
            return (
                typed,
                f"'{text}' is geen datum; vul de datum in waarop de mijlpaal is bereikt (JJJJ-MM-DD) of 'nee'",
            )
        typed["reached_on"] = reached
        return typed, None
    if kind == "commitment":
        if text.lower() not in ("ja", "nee"):
            return typed, f"'{text}' is geen ja of nee"
        typed["flag"] = text.lower() == "ja"
        return typed, None
    if text == "":
        return typed, "waarde ontbreekt"
    if _DUTCH_THOUSANDS.match(text.lstrip("-")):
        text = text.replace(".", "")  # 1.234,5 is the Dutch way of writing 1234.5
    elif _AMBIGUOUS_THOUSANDS.match(text.lstrip("-")):
        return typed, (
            f"'{text}' is dubbelzinnig: bedoelt u {text.replace('.', '')} (schrijf dan zonder punt) "
            f"of {text.replace('.', ',')} (schrijf dan met een komma)?"
        )
    if text.startswith("-") and _NUMBER.match(text[1:]):
        return typed, f"{text} is negatief; een aantal kan niet negatief zijn"
    if not _NUMBER.match(text):
        return typed, f"'{text}' is geen getal (gebruik cijfers, bijvoorbeeld 12 of 12,5)"
    message = _out_of_range(text.replace(",", "."))
    if message:
        return typed, message
    typed["number"] = float(text.replace(",", "."))
    return typed, None


def _out_of_range(text: str) -> str | None:
    """Why a plain decimal number ('12.5') cannot be stored exactly and sensibly, or None."""
    exact = Decimal(text)
    if exact > MAX_NUMBER:
        return (
            f"{_short(text)} is groter dan 1.000.000.000; zo'n groot getal kan niet kloppen "
            "(controleer de waarde)"
        )
    digits = exact.normalize().as_tuple().digits
    if exact and len(digits) > MAX_DIGITS:
        return (
            f"{_short(text)} heeft meer dan {MAX_DIGITS} cijfers; zoveel cijfers kunnen niet "
            "precies worden opgeslagen (rond de waarde zelf af)"
        )
    return None


def _short(text: str) -> str:
    text = text.replace(".", ",")
    return f"'{text}'" if len(text) <= 30 else f"'{text[:12]}…{text[-6:]}' ({len(text)} tekens)"


def extra_cells_problem(file: str, row: int, extra: list[str], delimiter: str) -> Problem:
    """A CSV row with more cells than its header: most likely a decimal comma in a comma-separated
    file (12,5 read as 12 and 5), or a ';' inside a cell of a semicolon file."""
    shown = ", ".join(f"'{c[:20]}'" for c in extra[:3]) + (" …" if len(extra) > 3 else "")
    return Problem(
        file,
        f"de rij heeft meer cellen dan de kop kolommen heeft (extra: {shown}); "
        f"staat er {_split_hint(delimiter)}",
        row=row,
    )


def split_value_problem(
    file: str, row: int, header: list[str], cells: list[str], delimiter: str
) -> Problem | None:
    """The problem when a number seems split over the value column and the next one: '12' and
    '5' where 12,5 was meant, in a file whose delimiter is the comma (or ';' and 12;5)."""
    names = [(c or "").strip() for c in header]
    if "value" not in names or names.index("value") + 1 >= len(names):
        return None
    at = names.index("value")
    if names[at + 1] not in ("counted_on", "source", "note"):
        return None  # a number beside the value (a target, say) is no decimal part
    value, following = ((cells[i] or "").strip() if i < len(cells) else "" for i in (at, at + 1))
    # Decimals people type are short (12,5 or 3,25); a longer number there (a year as the
    # source, say) is more likely meant as it stands.
    if not (value.isdigit() and following.isdigit() and len(following) <= 3):
        return None
    return Problem(
        file,
        f"waarde '{value}' en daarna '{following}' in kolom '{names[at + 1]}': staat er "
        f"{_split_hint(delimiter)}",
        row=row,
        field="value",
    )


def _split_hint(delimiter: str) -> str:
    if delimiter == ",":
        return (
            "12,5 met een komma in een bestand met komma's als scheiding? Gebruik ; als scheiding "
            "of zet de waarde tussen aanhalingstekens"
        )
    return "een ; in een waarde? Zet die waarde tussen aanhalingstekens"


def check_duplicates(plan: Plan, records: list[dict], file: str) -> list[Problem]:
    first_rows: dict[tuple, int] = {}
    problems = []
    for record in records:
        key = (record["indicator"], record["year"], record["district"])
        found = duplicate_row(plan, key, record["row"], first_rows, file, "indicator")
        if found:
            problems.append(found)
    return problems


def duplicate_row(
    plan: Plan, key: tuple, row: int, first_rows: dict[tuple, int], file: str, field: str
) -> Problem | None:
    """The problem when figure `key` (indicator, year, district) already appeared in an earlier
    row of the same file, else None; `first_rows` remembers where each key first appeared.

    Rows are numbered as the person sees them in the spreadsheet or CSV; the caller knows how.
    """
    if key not in first_rows:
        first_rows[key] = row
        return None
    return Problem(
        file,
        f"dubbele rij: {describe_key(plan, key)} staat in rij {first_rows[key]} en nog eens in rij "
        f"{row}; laat er één staan",
        row=row,
        field=field,
    )
