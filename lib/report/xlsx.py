"""The progress report as an Excel workbook: the summary, progress, figures and targets, a sheet
each. Numbers and dates are stored as numbers and dates, names and kinds in Dutch."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lib import fmt
from lib.cells import neutralise
from lib.report import actions as report_actions
from lib.report.model import Report
from lib.report.summary import TEXT_LABELS, WHY, blocks
from lib.views.tables import targets_table

KIND_NAMES = {
    "level": "niveau",
    "cumulative": "cumulatief",
    "per_year": "per jaar",
    "range": "bereik",
    "maintain": "vasthouden",
    "milestone": "mijlpaal",
    "commitment": "toezegging",
}
PROGRESS_HEADERS = {
    "agenda_item": "Agendapunt",
    "indicator": "Indicator (id)",
    "name": "Indicator",
    "unit": "Eenheid",
    "kind": "Soort doel",
    "year": "Jaar",
    "district_name": "Wijk",
    "target": "Doel",
    "target_min": "Ondergrens",
    "target_max": "Bovengrens",
    "actual": "Stand",
    "difference": "Verschil",
    "percentage": "% van doel",
    "status": "Status",
    "detail": WHY,
    "explanation": f"{WHY} (uitgebreid)",
    "share_of_city": "Aandeel in stad (%)",
    "projection": "Prognose laatste planjaar",
    "figure_status": "Cijfer vastgesteld of concept",
}
TARGET_HEADERS = {
    "indicator": "Indicator (id)",
    "agenda_item": "Agendapunt",
    "name": "Indicator of toezegging",
    "unit": "Eenheid",
    "kind": "Soort doel",
    "year": "Jaar",
    "target": "Doel (niveau of deadline)",
    "target_min": "Ondergrens",
    "target_max": "Bovengrens",
    "per_district": "Per wijk geteld",
    "additive": "Wijken tellen op tot stad",
    "source_section": "Waar in het plan",
    "source_quote": "Woorden van het plan",
}
NUMBER_FORMATS = {"% van doel": "0.0", "Aandeel in stad (%)": "0.0", "Verschil": "#,##0.0;-#,##0.0"}
DATE_FORMAT = "d mmmm yyyy"
HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")


def _sheet(book: Workbook, title: str, frame: pd.DataFrame, notes: list[str]) -> None:
    sheet = book.create_sheet(title)
    for note in notes:
        sheet.append([note])
        sheet.cell(sheet.max_row, 1).font = Font(italic=True, color="595959")
    header_row = sheet.max_row + 1
    sheet.append(list(frame.columns))
    for cell in sheet[header_row]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for record in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in record])
    sheet.freeze_panes = f"A{header_row + 1}"
    last = get_column_letter(len(frame.columns))
    sheet.auto_filter.ref = f"A{header_row}:{last}{len(frame) + header_row}"
    for n, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(n)
        width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
        sheet.column_dimensions[letter].width = min(max(width + 2, 10), 60)
        for cell in sheet[letter][header_row:]:
            if column in NUMBER_FORMATS:
                cell.number_format = NUMBER_FORMATS[column]
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT


def _cell(value: object) -> object:
    """A number stays a number, an ISO date becomes a date, text is made formula-safe."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    return neutralise(value)


def _summary_sheet(book: Workbook, report: Report) -> None:
    sheet = book.create_sheet("Samenvatting")
    sheet.append([report.title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in [*report.notices, report.source]:
        sheet.append([line])
        sheet.cell(sheet.max_row, 1).font = Font(italic=True, color="7A4A00")
    for block in blocks(report.summary):
        if block[0] == "h":
            sheet.append([])
            sheet.append([block[1]])
            sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        elif block[0] == "p":
            sheet.append([neutralise(block[1])])
        elif block[0] == "list":
            for line in block[1]:
                sheet.append([neutralise(line)])
        else:
            sheet.append(block[1])
            for cell in sheet[sheet.max_row]:
                cell.font, cell.fill = Font(bold=True), HEADER_FILL
            for row in block[2]:
                sheet.append([_cell(v) if (n := fmt.digits(v)) is None else n for v in row])
    for letter, width in zip("ABCDE", (55, 25, 35, 50, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _progress(report: Report) -> pd.DataFrame:
    rows = report.progress[report.progress["year"] == report.year]
    frame = rows[list(PROGRESS_HEADERS)].assign(kind=rows["kind"].map(KIND_NAMES))
    texts = [
        report.texts_of(i, d) for i, d in zip(rows["indicator"], rows["district"], strict=True)
    ]
    frame = frame.rename(columns=PROGRESS_HEADERS)
    frame[TEXT_LABELS[0]] = [t[0] or None for t in texts]
    frame[TEXT_LABELS[1]] = [t[1] or None for t in texts]
    return frame


def _figures(report: Report) -> pd.DataFrame:
    """Every figure with its value as a number, a date or ja/nee: never a number as text."""
    plan, frame = report.plan, report.actuals.frame
    names = {i.id: i.name for i in plan.indicators}
    districts = plan.district_names()
    ordered = frame.sort_values(["changed_at", "indicator", "year"], ascending=[False, True, True])
    values = [
        n if pd.notna(n) else r if r else ("ja" if f else "nee") if f is not None else v
        for n, r, f, v in zip(
            ordered["number"], ordered["reached_on"], ordered["flag"], ordered["value"], strict=True
        )
    ]
    status = ordered["status"] if "status" in ordered else [None] * len(ordered)
    return pd.DataFrame(
        {
            "Indicator": [names.get(i, i) for i in ordered["indicator"]],
            "Jaar": ordered["year"].astype(int).tolist(),
            "Wijk": [districts.get(d, "hele stad") for d in ordered["district"]],
            "Waarde": values,
            "Vastgesteld of concept": list(status),
            "Teldatum": list(ordered["counted_on"]),
            "Bron": list(ordered["source"]),
            "Laatst gewijzigd": list(ordered["changed_at"]),
            "Door": list(ordered["changed_by"]),
            "Opmerking": list(ordered["note"]),
        }
    )


def write(report: Report) -> bytes:
    notes = [*report.notices, report.source]
    targets = targets_table(report.plan)
    targets = targets.assign(kind=targets["kind"].map(KIND_NAMES))
    targets = targets[list(TARGET_HEADERS)].rename(columns=TARGET_HEADERS)
    book = Workbook()
    book.remove(book.active)
    _summary_sheet(book, report)
    report_actions.add_sheet(book, report, _sheet, notes)
    _sheet(book, f"Voortgang {report.year}", _progress(report), notes)
    _sheet(book, "Cijfers", _figures(report), notes)
    _sheet(book, "Doelen", targets, [f"Doelen uit {report.plan.plan.source}."])
    book.properties.title = report.title
    book.properties.creator = f"Gemeente {report.plan.plan.municipality}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
