"""Importing the actielijst (.xlsx or .csv with the Dutch columns of lib.steering.exchange):
every row checked, every change previewed, and all rows written in one transaction or none.

A row without a number (Nr) is a new action; a row with one changes that action. A formula in a
workbook cell is refused (the list holds text and dates, nothing to calculate), and so is a CSV
cell that a spreadsheet would read as one (lib/store/upload.py, with lib/cells.py). Each problem
names the row as the spreadsheet shows it (header = row 1) and the column.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from lib.problems import Problem, ValidationFailed, summarise
from lib.steering.actions import change_action, fields_of, insert_action, unknown
from lib.steering.exchange import SHEET_COLUMNS
from lib.steering.model import OPEN, Action, action_label, parse_number
from lib.steering.rules import FIELD_NAMES, ActionFields, check_action
from lib.store.db import writing
from lib.store.upload import read_upload

REQUIRED = ("Actie", "Eigenaar", "Deadline")
# The sheet's columns: as the pages name the fields, but an agenda item comes from its indicator.
_FIELD_NAMES = {**FIELD_NAMES, "agenda_item": "Indicator", "id": "Nr"}


@dataclass(frozen=True)
class ImportRow:
    """One checked row: the action it changes (None: a new one) and its typed fields."""

    row: int
    number: int | None
    typed: dict
    before: Action | None

    def describe(self) -> str:
        """The preview line: what this row adds or changes."""
        if self.before is None:
            return f"nieuw: {self.typed['text']} ({self.typed['owner']}, {self.typed['deadline']})"
        old = {k: getattr(self.before, k) for k in self.typed}
        old = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in old.items()}
        moved = [
            f"{_FIELD_NAMES[k].lower()} {old[k] or '(leeg)'} -> {v or '(leeg)'}"
            for k, v in self.typed.items()
            if old[k] != v
        ]
        return f"{action_label(self.number)}: " + "; ".join(moved)


def read_import(raw: bytes, file: str, steering) -> list[ImportRow]:
    """The rows that change something; ValidationFailed with every problem (nothing written)."""
    sheet = read_upload(raw, file, lambda h: h)
    problems = _header_problems(sheet.label, sheet.columns)
    problems += _formulas(raw, sheet.label) if file.lower().endswith(".xlsx") else []
    if problems:
        raise ValidationFailed(problems)
    known = {a.number: a for a in steering.actions()}
    meetings = {m.day for m in steering.store.meetings()}
    index = {h: i for i, h in enumerate(sheet.columns)}
    out: list[ImportRow] = []
    seen: set[int] = set()
    for number, cells in sheet.rows:
        cell = {h: cells[i] if i < len(cells) else "" for h, i in index.items()}
        found = _row(steering.plan, meetings, known, seen, number, cell, sheet.label)
        if isinstance(found, list):
            problems += found
        elif found is not None:
            out.append(found)
    if problems:
        raise ValidationFailed(summarise(problems))
    return out


def _row(plan, meetings, known, seen, number: int, cell: dict, label: str):
    """An ImportRow, None when the row changes nothing, or the row's problems."""
    raw_id = cell.get("Nr", "").strip()
    action_number = parse_number(raw_id) if raw_id else None
    if raw_id and action_number is None:
        message = f"'{raw_id[:20]}' is geen actienummer (zoals A12; leeg voor een nieuw actiepunt)"
        return [Problem(label, message, row=number, field="Nr")]
    if raw_id and action_number not in known:
        return [replace(unknown(action_number, number), file=label, field="Nr")]
    if action_number in seen:
        return [
            Problem(
                label,
                f"{action_label(action_number)} staat twee keer in het bestand",
                row=number,
                field="Nr",
            )
        ]
    before = known.get(action_number)
    base = fields_of(before) if before else ActionFields("", "", "")
    given = {f: cell[h] for h, f in SHEET_COLUMNS.items() if f != "id" and h in cell}
    fields = replace(base, **given)
    if before is not None and not any(given.get(k) for k in ("indicator", "year")):
        fields = replace(fields, agenda_item=before.agenda_item)
    status = (fields.status or OPEN).strip().lower()
    moved = status != (before.status if before else OPEN)
    typed, problems = check_action(plan, meetings, fields, status_changed=moved, row=number)
    if problems:
        return [replace(p, file=label, field=_column(p.field)) for p in problems]
    if action_number:
        seen.add(action_number)
    if before is not None and all(_same(getattr(before, k), v) for k, v in typed.items()):
        return None
    return ImportRow(number, action_number, typed, before)


def _same(old, new) -> bool:
    return (old.isoformat() if hasattr(old, "isoformat") else old) == new


def _column(field: str | None) -> str | None:
    """The sheet's column of a problem's field (lib.steering.rules names it as the pages do):
    the sheet has no Agendapunt column, an agenda item comes from its indicator."""
    return "Indicator" if field == "Agendapunt" else _FIELD_NAMES.get(field or "", field)


def _header_problems(label: str, columns: list[str]) -> list[Problem]:
    problems = [
        Problem(label, f"onbekende kolom '{c}'; bekend zijn {', '.join(SHEET_COLUMNS)}", row=1)
        for c in columns
        if c and c not in SHEET_COLUMNS
    ]
    problems += [
        Problem(label, f"de kolom '{c}' ontbreekt", row=1) for c in REQUIRED if c not in columns
    ]
    problems += [  # which of the two holds the change? refuse, never guess
        Problem(
            label,
            f"de kolom '{c}' staat twee keer in de kopregel; laat er een over",
            row=1,
            field=f"kolom {get_column_letter(n + 1)}",
        )
        for n, c in enumerate(columns)
        if c and c in columns[:n]
    ]
    return problems


def _formulas(raw: bytes, label: str) -> list[Problem]:
    """Every workbook cell that holds a formula, by row and column."""
    book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    sheet = book.worksheets[0]
    problems = []
    for r, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        for c, value in enumerate(cells, start=1):
            if isinstance(value, str) and value.startswith("="):
                problems.append(
                    Problem(
                        label,
                        "een formule in een cel; typ de waarde zelf in",
                        row=r,
                        field=f"kolom {get_column_letter(c)}",
                    )
                )
    book.close()
    return problems


def apply_import(steering, rows: list[ImportRow], editor: str) -> int:
    """Write the checked rows in one transaction; how many actions were added or changed."""
    with writing(steering.engine) as (conn, revision):
        for item in rows:
            if item.number is None:
                insert_action(conn, revision, item.typed, editor, "import")
            else:
                change_action(
                    conn, revision, item.number, item.typed, editor, "import", None, item.row
                )
    return len(rows)
