"""Importing figures from an uploaded spreadsheet (.xlsx) or CSV: read, check, preview, apply.

Every row is checked with the same rules as the figures file (lib/actuals.check_row), plus what
only an upload can get wrong: unknown columns, duplicate rows, figures for a closed year. Every
problem names the sheet, the row as the spreadsheet shows it (header = row 1) and the column.
The preview lists exactly which figures change (old -> new). Nothing is written unless the
whole upload is valid, or the caller explicitly imports only the valid rows.

A row with no value and nothing else filled in is skipped: the template has a row for every
figure, and most stay empty. Removing a figure is done in the app, not by an upload.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from openpyxl.utils import get_column_letter

from lib import fmt
from lib.figures.history import Key, describe_key, describe_value, other_changes
from lib.figures.plausible import warnings
from lib.figures.rows import check_row, duplicate_row, extra_cells_problem, split_value_problem
from lib.problems import Problem, ValidationFailed, summarise
from lib.store.headers import (
    DUTCH_HEADERS,
    INPUT_COLUMNS,
    KEY_COLUMNS,
    column_problems,
    machine_name,
    where_of,
)
from lib.store.store import FigureInput, Store
from lib.store.text_imports import TextState, take_texts
from lib.store.upload import Sheet, read_upload

_OPTIONAL = INPUT_COLUMNS[1:]  # an upload may leave these out (not the value)


@dataclass(frozen=True)
class PreviewChange:
    key: Key
    label: str  # the figure as a message names it (lib/figures/history.describe_key)
    row: int
    old: str | None
    new: str | None
    old_status: str
    also: str = ""  # what else changes: "bron: 'A' -> 'B'" (lib/figures/history.other_changes)
    doubt: str = ""  # why the value looks mistyped (lib/figures/plausible), shown as "Let op"

    def __str__(self) -> str:
        also = f" ({self.also})" if self.also else ""
        doubt = f" [Let op: {self.doubt}]" if self.doubt else ""
        return (
            f"rij {self.row}: {self.label}: "
            f"{describe_value(self.old)} -> {describe_value(self.new)}{also}{doubt}"
        )


@dataclass
class ImportPreview:
    file: str
    changes: list[PreviewChange] = field(default_factory=list)
    wishes: list[FigureInput] = field(default_factory=list)  # the changing rows, ready to save
    text_changes: list = field(default_factory=list)  # editors' texts (lib/store/text_imports)
    text_wishes: list = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)  # at most LISTED_PER_KIND per kind
    bad_rows: int = 0
    refused: bool = False  # the file as a whole (unreadable, over a limit, wrong columns)

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def summary(self) -> str:
        """'1 cijfer en 0 toelichtingen veranderen, 3 blijven gelijk, ...' (lib/fmt)."""
        return fmt.import_summary(
            len(self.changes), len(self.text_changes), self.unchanged, self.skipped, self.bad_rows
        )


def preview_import(raw: bytes, file: str, store: Store, as_of: date | None = None) -> ImportPreview:
    """Read and check an upload against the stored figures; write nothing. A figure counted
    after the peildatum `as_of` gets a "Let op" that says from when it counts."""
    try:
        sheet = read_upload(
            raw, file, lambda header: DUTCH_HEADERS.get(machine_name(header), header)
        )
    except ValidationFailed as exc:
        rows = {p.row for p in exc.problems if p.row and p.row > 1}
        return ImportPreview(file, problems=exc.problems, bad_rows=len(rows), refused=True)
    positions, problems = column_problems(sheet)
    preview = ImportPreview(file, problems=problems, refused=bool(problems))
    if problems:
        return preview
    layers, versions, _entered = store.layers()
    closed = store.closed_years()
    first_row: dict[tuple, int] = {}
    width = max((i + 1 for i, c in enumerate(sheet.columns) if c.strip()), default=0)
    text_state = TextState.of(store)
    doubled: set[int] = set()  # the first rows of figures that are in the file twice
    for number, cells in sheet.rows:
        found = _shape_problems(sheet, number, cells, width, positions)
        if found:
            preview.problems += found
            continue
        record = {name: cells[i] if i < len(cells) else "" for name, i in positions.items()}
        where = lambda name: where_of(name, positions)  # noqa: E731
        texts = take_texts(preview, record, number, sheet.label, store, text_state, where)
        if not record.get("value") and not any(record.get(c) for c in INPUT_COLUMNS):
            if not texts and (any(record.get(c) for c in KEY_COLUMNS) or any(cells)):
                preview.skipped += 1
            continue
        first = first_row.get((record["indicator"], record["year"], record["district"]))
        found = _check(record, number, sheet.label, positions, store, first_row)
        if found:
            preview.problems += found
            if first is not None:
                doubled.add(first)
            continue
        wish = store.validate([_wish(record, number)], sheet.label)[0]
        current = layers.get(wish.key)
        before = (current.concept or current.approved) if current else None
        if before is not None:  # a column the file does not have keeps what is stored
            wish = replace(wish, **{f: getattr(before, f) for f in _OPTIONAL if f not in positions})
        if before == wish.record:
            preview.unchanged += 1
            continue
        if wish.year in closed:
            preview.problems.append(
                Problem(
                    sheet.label,
                    f"jaar {wish.year} is afgesloten; een redacteur moet het eerst heropenen",
                    row=number,
                    field=where_of("year", positions),
                )
            )
            continue
        wish = replace(wish, expected_version=versions.get(wish.key, 0))
        preview.wishes.append(wish)
        preview.changes.append(
            PreviewChange(
                wish.key,
                describe_key(store.plan, wish.key),
                number,
                before.value if before else None,
                wish.value,
                "concept" if current and current.concept else "vastgesteld",
                other_changes(before, wish.record),
                warnings(
                    store.plan,
                    wish.key,
                    before.value if before else None,
                    wish.value,
                    wish.counted_on,
                    as_of,
                ),
            )
        )
    _drop_doubled(preview, doubled)
    preview.bad_rows = len({p.row for p in preview.problems if p.row and p.row > 1})
    preview.problems = summarise(preview.problems)
    return preview


def _shape_problems(sheet: Sheet, number: int, cells: list[str], width: int, positions) -> list:
    """A row that cannot be read as it stands: more cells than the header (a decimal comma in
    a comma-separated file), or a formula the spreadsheet program never calculated."""
    extra = [c for c in cells[width:] if c]
    if extra and sheet.delimiter:
        return [extra_cells_problem(sheet.label, number, extra, sheet.delimiter)]
    split = sheet.delimiter and split_value_problem(
        sheet.label, number, [machine_name(c) for c in sheet.columns], cells, sheet.delimiter
    )
    if split:
        return [replace(split, field=where_of("value", positions))]
    if extra:
        letter = get_column_letter(width + 1 + next(i for i, c in enumerate(cells[width:]) if c))
        return [
            Problem(
                sheet.label,
                f"de cel staat in een kolom zonder kop ('{extra[0][:20]}'); zet hem in de goede "
                "kolom of maak hem leeg",
                row=number,
                field=f"kolom {letter}",
            )
        ]
    return [
        Problem(
            sheet.label,
            f"de cel bevat een formule ({formula}) zonder berekende waarde; vul de waarde zelf in "
            "(of open het bestand in Excel en sla het daar op, dan wordt de waarde berekend)",
            row=number,
            field=where_of(name, positions),
        )
        for name, index in positions.items()
        if (formula := sheet.formulas.get((number, index)))
    ]


def _wish(record: dict, number: int) -> FigureInput:
    return FigureInput(
        record["indicator"],
        int(record["year"]),
        record["district"],
        record["value"],
        record.get("counted_on", ""),
        record.get("source", ""),
        record.get("note", ""),
        row=number,
    )


def _drop_doubled(preview: ImportPreview, rows: set[int]) -> None:
    """A figure in the file twice is in doubt in both rows: its first row is not saved either
    (with --only-valid the first of two different values was stored)."""
    keep = [n for n, change in enumerate(preview.changes) if change.row not in rows]
    preview.wishes = [preview.wishes[n] for n in keep]
    preview.changes = [preview.changes[n] for n in keep]


def _check(record, number, label, positions, store, first_row) -> list[Problem]:
    _typed, problems = check_row(record, store.plan, label, number)
    problems = [
        Problem(p.file, p.message, row=p.row, field=where_of(p.field or "value", positions))
        for p in problems
    ]
    key = (record["indicator"], record["year"], record["district"])
    duplicate = duplicate_row(
        store.plan, key, number, first_row, label, where_of("indicator", positions)
    )
    if duplicate:
        problems.append(duplicate)
    return problems


def apply_import(
    preview: ImportPreview, store: Store, editor: str, only_valid: bool = False
) -> int:
    """Save the previewed changes as concepts in one transaction; return how many changed.

    Refused (ValidationFailed) when the upload has problems, unless `only_valid` is given.
    """
    if preview.problems and not only_valid:
        raise ValidationFailed(preview.problems)
    if not preview.wishes and not preview.text_wishes:
        return 0
    return store.save(preview.wishes, editor, action="import", texts=preview.text_wishes)
