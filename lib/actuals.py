"""Actual figures: the one module that reads and writes them, and checks every row.

A figure is identified by (indicator, year, district); district "" is the city as a whole.
Files are CSV with columns indicator, year, district, value and optionally counted_on, source,
note, changed_at, changed_by. Leading lines `# key: value` carry metadata about the whole file
(`example: ja` marks example figures, `reporting_date` the moment they describe).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from lib.history import describe_key
from lib.periods import parse_date
from lib.plan import Plan
from lib.problems import Problem, ValidationFailed

REQUIRED_COLUMNS = ("indicator", "year", "district", "value")
OPTIONAL_COLUMNS = ("counted_on", "source", "note", "changed_at", "changed_by")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
FRAME_COLUMNS = list(COLUMNS) + ["number", "reached_on", "flag", "row"]
_NUMBER = re.compile(r"^\d+([.,]\d+)?$")
# Dutch thousands separators: 1.234,5 and 1.234.567 can only mean one thing; 1.234 cannot.
_DUTCH_THOUSANDS = re.compile(r"^[1-9]\d{0,2}((\.\d{3})+,\d+|(\.\d{3}){2,})$")
_AMBIGUOUS_THOUSANDS = re.compile(r"^[1-9]\d{0,2}\.\d{3}$")
DEFAULT_ACTUALS = Path(__file__).resolve().parent.parent / "data" / "example_actuals.csv"


@dataclass(frozen=True)
class ActualsMeta:
    is_example: bool = False
    reporting_date: date | None = None
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Actuals:
    """Validated figures: one row per (indicator, year, district), typed value columns filled."""

    frame: pd.DataFrame
    meta: ActualsMeta
    version: str
    file: str = ""

    def last_changed(self) -> str | None:
        changed = self.frame["changed_at"].replace("", pd.NA).dropna()
        return str(changed.max()) if len(changed) else None


def empty_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in FRAME_COLUMNS})


def read_actuals(path: str | Path, plan: Plan) -> Actuals:
    """Read and validate an actuals CSV; raise ValidationFailed with every problem in it."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationFailed([Problem(str(path), "bestand niet gevonden")]) from None
    except OSError as exc:
        raise ValidationFailed(
            [Problem(str(path), f"kan het bestand niet lezen ({exc.strerror})")]
        ) from None
    return parse_actuals(raw, plan, path.name)


def decode_csv(raw: bytes, file: str) -> tuple[str, ActualsMeta, int, str]:
    """The text of a CSV file, its `# key: value` metadata, how many lines that takes, and the
    delimiter; a file that is not UTF-8 is a Dutch problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(
            [Problem(file, "bestand is geen UTF-8-tekst (sla op als CSV UTF-8)")]
        ) from None
    meta, body_start = read_meta(text)
    return text, meta, body_start, sniff_delimiter(text, body_start)


def parse_actuals(raw: bytes, plan: Plan, file: str) -> Actuals:
    text, meta, body_start, delimiter = decode_csv(raw, file)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    for _ in range(body_start):
        next(reader.reader, None)
    problems = _check_header(reader.fieldnames or [], file, body_start + 1)
    if problems:
        raise ValidationFailed(problems)
    reader.fieldnames = [(c or "").strip() for c in reader.fieldnames or []]
    records, problems = [], []
    for record in reader:
        row = reader.line_num
        if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
            continue
        if record.get(None):  # DictReader's place for cells beyond the header
            problems.append(
                Problem(
                    file,
                    f"de rij heeft meer cellen dan er kolommen zijn (extra: {', '.join(record[None])}); "
                    "staat er een komma in een getal? Gebruik dan aanhalingstekens of een punt",
                    row=row,
                )
            )
            continue
        parsed, row_problems = check_row(record, plan, file, row)
        problems += row_problems
        if parsed:
            records.append(parsed)
    problems += _check_duplicates(records, file)
    if problems:
        raise ValidationFailed(problems)
    frame = pd.DataFrame(records, columns=FRAME_COLUMNS) if records else empty_frame()
    return Actuals(frame, meta, hashlib.sha256(raw).hexdigest(), file)


def sniff_delimiter(text: str, body_start: int) -> str:
    """',' or ';' for the CSV whose header is on line `body_start` (0-based)."""
    # Dutch spreadsheet programs save CSV with semicolons.
    header = text.splitlines()[body_start] if len(text.splitlines()) > body_start else ""
    return ";" if header.count(";") > header.count(",") else ","


def read_meta(text: str) -> tuple[ActualsMeta, int]:
    """The `# key: value` lines at the top of a CSV, and how many lines they take."""
    values: dict[str, str] = {}
    count = 0
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        count += 1
        key, sep, value = line[1:].partition(":")
        if sep:
            values[key.strip().lower()] = value.strip()
    is_example = values.pop("example", "nee").lower() in ("ja", "yes", "true")
    reporting = parse_date(values.pop("reporting_date", ""))
    description = values.pop("description", "")
    return ActualsMeta(is_example, reporting, description, values), count


def _check_header(columns: list[str], file: str, line: int) -> list[Problem]:
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


def check_row(record: dict, plan: Plan, file: str, row: int) -> tuple[dict | None, list[Problem]]:
    """Check one figure; return the typed record (None if unusable) and its problems."""
    values = {c: (record.get(c) or "").strip() for c in COLUMNS}
    problems: list[Problem] = []

    def problem(field_name: str, message: str) -> None:
        problems.append(Problem(file, message, row=row, field=field_name))

    indicator = plan.indicators_by_id.get(values["indicator"])
    if indicator is None:
        problem("indicator", f"onbekende indicator '{values['indicator']}'")
    year = int(values["year"]) if values["year"].isdigit() else None
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
            problem(date_field, f"'{values[date_field]}' is geen datum (gebruik 2014-10-01)")
    typed = {"number": None, "reached_on": None, "flag": None}
    if indicator is not None:
        typed, message = parse_value(indicator.kind, values["value"])
        if message:
            problem("value", message)
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
                f"'{text}' is geen datum; vul de datum in waarop de mijlpaal is bereikt (2014-08-01) of 'nee'",
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
    typed["number"] = float(text.replace(",", "."))
    return typed, None


def _check_duplicates(records: list[dict], file: str) -> list[Problem]:
    first_rows: dict[tuple, int] = {}
    problems = []
    for record in records:
        key = (record["indicator"], record["year"], record["district"])
        found = duplicate_row(key, record["row"], first_rows, file, "indicator")
        if found:
            problems.append(found)
    return problems


def duplicate_row(
    key: tuple, row: int, first_rows: dict[tuple, int], file: str, field: str
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
        f"dubbele rij: {describe_key(key)} staat in rij {first_rows[key]} en nog eens in rij "
        f"{row}; laat er één staan",
        row=row,
        field=field,
    )


def write_actuals(actuals: Actuals, path: str | Path) -> None:
    """Write atomically: the old file stays whole until the new one is complete."""
    path = Path(path)
    lines = []
    if actuals.meta.is_example:
        lines.append("# example: ja")
    if actuals.meta.reporting_date:
        lines.append(f"# reporting_date: {actuals.meta.reporting_date.isoformat()}")
    if actuals.meta.description:
        lines.append(f"# description: {actuals.meta.description}")
    buffer = io.StringIO()
    for line in lines:
        buffer.write(line + "\n")
    actuals.frame[list(COLUMNS)].to_csv(buffer, index=False, lineterminator="\n")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(buffer.getvalue())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
