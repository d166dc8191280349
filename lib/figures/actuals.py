"""Actual figures: the one module that reads and writes their files (the checks of each row are in
lib/figures/rows.py).

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
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from lib.figures.rows import (
    COLUMNS,
    FRAME_COLUMNS,
    check_duplicates,
    check_header,
    check_row,
)
from lib.plan.periods import parse_date
from lib.plan.schema import Plan
from lib.problems import Problem, ValidationFailed

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

    def last_changed(self) -> str | None:
        changed = self.frame["changed_at"].replace("", pd.NA).dropna()
        return str(changed.max()) if len(changed) else None

    @property
    def counts_concept(self) -> bool:
        """Whether concept figures (not yet approved by a second editor) are among these."""
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
    problems = check_header(reader.fieldnames or [], file, body_start + 1)
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
    problems += check_duplicates(records, file)
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
