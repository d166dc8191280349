"""Actual figures: the one module that reads and writes their files (the checks of each row are in
lib/figures/rows.py).

A figure is identified by (indicator, year, district); district "" is the city as a whole.
Files are CSV with columns indicator, year, district, value and optionally counted_on, source,
note, changed_at, changed_by. Leading lines `# key: value` carry metadata about the whole file
(`example: ja` marks example figures, `reporting_date` the moment they describe). A cell that a
spreadsheet would read as a formula is refused (lib/cells.py).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from lib.cells import formula_problem, restore
from lib.figures.rows import (
    COLUMNS,
    FRAME_COLUMNS,
    check_duplicates,
    check_header,
    check_row,
    extra_cells_problem,
    split_value_problem,
)
from lib.plan.periods import parse_date
from lib.plan.schema import Plan
from lib.problems import Problem, ValidationFailed, os_reason, summarise

DEFAULT_ACTUALS = Path(__file__).resolve().parents[2] / "data" / "example_actuals.csv"


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
    # Figures counted before the ones in `frame` (from a database's history; a CSV has none),
    # in `frame`'s columns plus `order` (oldest first): lib/figures/index.py takes the one known
    # at a peildatum before which the current figure was counted.
    earlier: pd.DataFrame | None = None

    def last_changed(self) -> str | None:
        changed = self.frame["changed_at"].replace("", pd.NA).dropna()
        return str(changed.max()) if len(changed) else None

    @cached_property
    def counts_concept(self) -> bool:
        """Whether concept figures (not yet approved by a second editor) are among these.

        Asked by every chart's subtitle and source line; the frame is never changed in place."""
        return "status" in self.frame and bool((self.frame["status"] == "concept").any())


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
            [Problem(str(path), f"kan het bestand niet lezen ({os_reason(exc)})")]
        ) from None
    return parse_actuals(raw, plan, path.name)


def _windows_text(raw: bytes) -> str | None:
    """Windows-1252 text; None for what is no such text (UTF-16 has a BOM or NUL bytes)."""
    if b"\x00" in raw or raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves undefined
        return None


def decode_csv(raw: bytes, file: str) -> tuple[str, ActualsMeta, int, str]:
    """The text of a CSV file, its `# key: value` metadata, how many lines that takes, and the
    delimiter. UTF-8, or else Windows-1252: what Dutch Excel writes as 'CSV (gescheiden door
    lijstscheidingsteken)', refused before though its figures are plain digits. Anything else
    (UTF-16, a binary file) is a Dutch problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _windows_text(raw)
    if text is None:
        raise ValidationFailed(
            [Problem(file, "bestand is geen UTF-8-tekst (sla op als CSV UTF-8)")]
        )
    meta, body_start = read_meta(text)
    return text, meta, body_start, sniff_delimiter(text, body_start)


def parse_actuals(raw: bytes, plan: Plan, file: str) -> Actuals:
    text, meta, body_start, delimiter = decode_csv(raw, file)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    for _ in range(body_start):
        next(reader.reader, None)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise ValidationFailed([csv_problem(exc, file, body_start + 1)]) from None
    problems = check_header(header, file, body_start + 1)
    if problems:
        raise ValidationFailed(problems)
    reader.fieldnames = [(c or "").strip() for c in reader.fieldnames or []]
    records, problems = [], []
    for row, record in _records(reader, file):
        if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
            continue
        extra = [c for c in record.get(None) or [] if c.strip()]  # cells beyond the header
        if extra:
            problems.append(extra_cells_problem(file, row, extra, delimiter))
            continue
        split = split_value_problem(file, row, header, list(record.values()), delimiter)
        if split:
            problems.append(split)
            continue
        formulas = [  # text a spreadsheet would run, refused as in an upload (lib/cells.py)
            found
            for name, cell in record.items()
            if isinstance(cell, str) and (found := formula_problem(file, cell.strip(), row, name))
        ]
        if formulas:
            problems += formulas
            continue
        parsed, row_problems = check_row(record, plan, file, row)
        problems += row_problems
        if parsed:
            records.append(parsed)
    problems += check_duplicates(plan, records, file)
    if problems:
        raise ValidationFailed(summarise(problems))
    frame = pd.DataFrame(records, columns=FRAME_COLUMNS) if records else empty_frame()
    return Actuals(frame, meta, hashlib.sha256(raw).hexdigest(), file)


def _records(reader: csv.DictReader, file: str) -> Iterator[tuple[int, dict]]:
    """(line number, record) per row; a cell too long for the csv module is a Dutch problem."""
    try:
        for record in reader:
            yield reader.line_num, record
    except csv.Error as exc:
        raise ValidationFailed([csv_problem(exc, file, reader.line_num)]) from None


def csv_problem(exc: csv.Error, file: str, row: int) -> Problem:
    if "field larger than field limit" in str(exc):
        limit = csv.field_size_limit() // 1024
        return Problem(
            file, f"een cel is langer dan {limit} kB; is dit wel een cijferbestand?", row=row
        )
    return Problem(file, f"geen leesbare CSV ({exc})", row=row)


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
        if sep:  # an export made parts of a value inert (lib/cells.csv_cell)
            values[key.strip().lower()] = restore(value.strip())
    is_example = values.pop("example", "nee").lower() in ("ja", "yes", "true")
    reporting = parse_date(values.pop("reporting_date", ""))
    description = values.pop("description", "")
    return ActualsMeta(is_example, reporting, description, values), count


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
