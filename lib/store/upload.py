"""Reading an uploaded spreadsheet (.xlsx) or CSV into text cells, within limits.

An upload comes from anyone with an editor account and may be broken or hostile: a truncated
workbook, a zip bomb, a cell of megabytes, a million rows. Each ends in a Dutch problem naming
the file (and row where there is one), never a traceback, and is refused before it costs much
memory: the size of the file, the unpacked size the workbook's zip declares (checked before
openpyxl reads anything), the number of filled rows and the length of a cell are limited.
`LIMITS_TEXT` states the limits for the page; Streamlit's `server.maxUploadSize` matches
`MAX_FILE_MB`.

Formula cells are read as the value the spreadsheet program last calculated; a formula saved
without one (as some tools write them) is reported, not read as an empty cell. A CSV cell that
a spreadsheet would read as a formula (lib/cells.py) refuses the file, naming row and column.
"""

from __future__ import annotations

import csv
import io
import os
import re
import select
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from lib.cells import formula_problem, restore
from lib.figures.actuals import csv_problem, decode_csv
from lib.problems import Problem, ValidationFailed, summarise

MAX_FILE_MB = 5
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 50  # cells further right are not read
MAX_CELL_CHARS = 1_000
LIMITS_TEXT = (
    f"Grenzen: een bestand van hoogstens {MAX_FILE_MB} MB (een Excel-bestand uitgepakt hoogstens "
    f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB), hoogstens {MAX_ROWS:_} gevulde rijen en "
    f"hoogstens {MAX_CELL_CHARS:_} tekens per cel."
).replace("_", ".")
SHEET = "Cijfers"
_FORMULA = re.compile(rb"<(\w+:)?f[ >/]")
_NOT_XLSX = "geen geldig Excel-bestand (.xlsx); sla het op als Excel-werkmap"


@dataclass
class Sheet:
    """An upload as text: its label for messages, its columns and numbered rows.

    `formulas` holds the cells (row number, column index) that contain a formula without a
    calculated value, with the formula's text.
    """

    label: str
    columns: list[str]
    rows: list[tuple[int, list[str]]]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    delimiter: str = ""  # a CSV's, for the hint when a row has more cells than the header


def read_limited(path: Path, wait: float = 3.0) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes of a file of any kind (a named pipe, /dev/zero): enough
    for read_upload to refuse one that is too large without holding it. OSError when it cannot
    be read; TimeoutError when it gives no byte for `wait` seconds (a pipe nobody writes to)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe without writer would block open()
    chunks: list[bytes] = []
    wanted = MAX_FILE_BYTES + 1
    try:
        while wanted > 0:
            if not select.select([fd], [], [], wait)[0]:
                raise TimeoutError(f"{path} gaf {wait:.0f} seconden lang niets")
            try:
                chunk = os.read(fd, min(wanted, 1 << 20))
            except BlockingIOError:
                continue
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_upload(raw: bytes, file: str, name_of: Callable[[str], str] | None = None) -> Sheet:
    """The upload's cells as text; ValidationFailed when it is not a readable sheet at all.

    `name_of` turns a header cell into the column's Dutch name for messages ("Toelichting").
    """
    if len(raw) > MAX_FILE_BYTES:
        size = f"{len(raw) / (1024 * 1024):.1f}".replace(".", ",")
        if len(raw) == MAX_FILE_BYTES + 1:  # read_limited read no further
            size = f"meer dan {MAX_FILE_MB}"
        raise ValidationFailed(
            [Problem(file, f"het bestand is {size} MB; de grens is {MAX_FILE_MB} MB")]
        )
    if file.lower().endswith(".xlsx"):
        return _read_xlsx(raw, file, name_of)
    if file.lower().endswith(".csv"):
        return _read_csv(raw, file, name_of)
    raise ValidationFailed(
        [Problem(file, "alleen .xlsx- en .csv-bestanden kunnen worden geïmporteerd")]
    )


def _check_zip(raw: bytes, file: str) -> None:
    """Refuse a workbook whose parts unpack to more than the limit, before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationFailed([Problem(file, _NOT_XLSX)]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationFailed(
            [
                Problem(
                    file,
                    f"het Excel-bestand is uitgepakt {unpacked // (1024 * 1024):,} MB; de grens is "
                    f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB".replace(",", "."),
                )
            ]
        )


def _read_xlsx(raw: bytes, file: str, name_of: Callable[[str], str] | None) -> Sheet:
    _check_zip(raw, file)
    try:
        title, values = _xlsx_rows(raw, data_only=True)
        # A formula saved without a calculated value reads as None; only the formulas tell.
        formulas = _xlsx_rows(raw, data_only=False)[1] if _has_formulas(raw) else {}
    except ValidationFailed as exc:
        raise ValidationFailed([replace(p, file=file) for p in exc.problems]) from None
    except Exception:  # a broken workbook fails in many ways; to the user they are one
        raise ValidationFailed(
            [
                Problem(
                    file,
                    "het Excel-bestand is beschadigd of onvolledig; sla het opnieuw op als Excel-werkmap (.xlsx)",
                )
            ]
        ) from None
    label = f"{file}, blad '{title}'"
    sheet = Sheet(label, [], [])
    for number in sorted(set(values) | set(formulas)):
        cells = values.get(number, ())
        texts = [_cell_text(v) for v in cells]
        header = sheet.rows[0][1] if sheet.rows else []
        _check_cells(texts, label, number, _names(header, name_of))
        for index, text in enumerate(formulas.get(number, ())):
            if isinstance(text, str) and text.startswith("=") and _at(cells, index) is None:
                sheet.formulas[(number, index)] = text[:40]
        sheet.rows.append((number, texts))
    if sheet.rows:
        sheet.columns = sheet.rows.pop(0)[1]
    return sheet


def _has_formulas(raw: bytes) -> bool:
    """Whether a worksheet of the workbook holds a formula (an <f> element)."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return any(
            _FORMULA.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def _at(cells: tuple, index: int) -> object:
    return cells[index] if index < len(cells) else None


def _xlsx_rows(raw: bytes, data_only: bool) -> tuple[str, dict[int, tuple]]:
    """The sheet's title and its filled rows by number (at most MAX_ROWS besides the header)."""
    book = load_workbook(io.BytesIO(raw), read_only=True, data_only=data_only)
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        sheet.reset_dimensions()  # the size a file declares may hide rows beyond it
        rows: dict[int, tuple] = {}
        for number, cells in enumerate(
            sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            if all(v is None for v in cells):
                continue  # empty rows (a formatted column has a million) cost next to nothing
            if len(rows) > MAX_ROWS:  # the header is not counted
                raise ValidationFailed([_too_many_rows("", number)])
            rows[number] = tuple(cells)
        return sheet.title, rows
    finally:
        book.close()


def _too_many_rows(file: str, row: int) -> Problem:
    return Problem(
        file, f"het bestand heeft meer dan {MAX_ROWS:,} gevulde rijen".replace(",", "."), row=row
    )


def _read_csv(raw: bytes, file: str, name_of: Callable[[str], str] | None) -> Sheet:
    """The CSV's cells; a cell that a spreadsheet would read as a formula is refused (a CSV has
    no formulas, so it can only be text that would become one when the file is opened)."""
    text, _meta, skip, delimiter = decode_csv(raw, file)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows, filled, formulas = [], 0, []
    try:
        for number, cells in enumerate(reader, start=1):
            if number <= skip or not any(c.strip() for c in cells):
                continue
            filled += 1
            if filled > MAX_ROWS + 1:  # the header is not counted
                raise ValidationFailed([_too_many_rows(file, number)])
            names = _names(rows[0][1] if rows else [], name_of)
            cells = [c.strip() for c in cells]
            formulas += [  # as written: a cell our export made inert starts with its apostrophe
                found
                for index, cell in enumerate(cells)
                if (found := formula_problem(file, cell, number, _field(names, index)))
            ]
            cells = [restore(c) for c in cells]
            _check_cells(cells, file, number, names)
            rows.append((number, cells))
    except csv.Error as exc:
        raise ValidationFailed([csv_problem(exc, file, reader.line_num)]) from None
    if formulas:
        raise ValidationFailed(summarise(formulas))
    header = rows[0][1] if rows else []
    return Sheet(file, header, rows[1:], delimiter=delimiter)


def _names(header: list[str], name_of: Callable[[str], str] | None) -> list[str]:
    return [name_of(h) if name_of and h else "" for h in header]


def _check_cells(cells: list[str], label: str, number: int, names: list[str]) -> None:
    for index, text in enumerate(cells):
        if len(text) > MAX_CELL_CHARS:
            raise ValidationFailed(
                [
                    Problem(
                        label,
                        f"de cel heeft {len(text):,} tekens; de grens is {MAX_CELL_CHARS:,} "
                        "tekens per cel".replace(",", "."),
                        row=number,
                        field=_field(names, index),
                    )
                ]
            )


def _field(names: list[str], index: int) -> str:
    """'Notitie (kolom F)', or 'kolom F' where the column has no name."""
    letter = get_column_letter(index + 1)
    return (
        f"{names[index]} (kolom {letter})"
        if index < len(names) and names[index]
        else f"kolom {letter}"
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return _float_text(value)
    return restore(str(value)).strip()


def _float_text(value: float) -> str:
    """A number as the spreadsheet shows it: at most 15 significant digits, never 1e+20 (the
    value checks then judge its size), a decimal comma; inf and nan stay words, no number."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".15g")
    if "e" in text:
        text = format(Decimal(text), "f")
    # With a decimal comma, as Dutch Excel shows it: a number cell is never ambiguous, while
    # '1.234' as text reads as 1234 as likely as 1,234 (and was refused as such).
    return text.replace(".", ",")
