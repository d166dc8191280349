"""The actions as rows: the fields of `actions list` (CSV/JSON) and the actielijst as the
municipality keeps it in Excel (Dutch headers), exported as .xlsx or .csv.

Text that a spreadsheet would run as a formula is made inert on export (lib/cells.py).
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd

from lib.cells import csv_cell
from lib.steering.model import OPEN, Action, Decision
from lib.store.workbook import table_xlsx

LIST_FIELDS = [
    "id",
    "text",
    "owner",
    "deadline",
    "status",
    "indicator",
    "year",
    "district",
    "agenda_item",
    "meeting",
    "days_overdue",
    "note",
    "changed_at",
    "changed_by",
]
DECISION_FIELDS = ["meeting", "number", "text", "changed_at", "changed_by"]
# The actielijst's columns: Dutch header -> the field it holds.
SHEET_COLUMNS = {
    "Nr": "id",
    "Actie": "text",
    "Eigenaar": "owner",
    "Deadline": "deadline",
    "Status": "status",
    "Notitie": "note",
    "Indicator": "indicator",
    "Jaar": "year",
    "Wijk": "district",
    "Vergadering": "meeting",
}
SHEET_TITLE = "Actiepunten"


def list_row(action: Action, as_of: date) -> dict:
    """One action with the fields of LIST_FIELDS; None where a field does not apply."""
    return {
        "id": action.label,
        "text": action.text,
        "owner": action.owner,
        "deadline": action.deadline.isoformat(),
        "status": action.status,
        "indicator": action.indicator,
        "year": action.year,
        "district": action.district,
        "agenda_item": action.agenda_item,
        "meeting": action.meeting.isoformat() if action.meeting else None,
        "days_overdue": action.days_overdue(as_of) if action.status == OPEN else None,
        "note": action.note or None,
        "changed_at": action.changed_at,
        "changed_by": action.changed_by,
    }


def decision_row(decision: Decision) -> dict:
    return {
        "meeting": decision.meeting.isoformat(),
        "number": decision.number,
        "text": decision.text,
        "changed_at": decision.changed_at,
        "changed_by": decision.changed_by,
    }


def csv_text(rows: list[dict], fields: list[str]) -> str:
    """Rows as CSV with a header; empty where a field does not apply, text made inert."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row[k] is None else csv_cell(row[k]) for k in fields})
    return out.getvalue()


def sheet_table(actions: list[Action], as_of: date) -> pd.DataFrame:
    """The actielijst: one row per action, the Dutch columns of SHEET_COLUMNS."""
    rows = [list_row(a, as_of) for a in actions]
    return pd.DataFrame(
        [{header: row[field] for header, field in SHEET_COLUMNS.items()} for row in rows],
        columns=list(SHEET_COLUMNS),
        dtype=object,
    )


# Above the example's rows, as the figures' CSV has it; the import skips such `# key: value` lines.
EXAMPLE_LINES = (
    "# example: ja\n"
    "# description: VOORBEELDGEGEVENS - verzonnen actiepunten om het dashboard te tonen; dit zijn "
    "geen afspraken van de gemeente.\n"
)


def export_csv(actions: list[Action], as_of: date, example: bool = False) -> str:
    table = sheet_table(actions, as_of)
    rows = table.to_dict("records")
    return (EXAMPLE_LINES if example else "") + csv_text(rows, list(SHEET_COLUMNS))


def export_xlsx(actions: list[Action], as_of: date, example: bool) -> bytes:
    return table_xlsx(sheet_table(actions, as_of), SHEET_TITLE, example=example)
