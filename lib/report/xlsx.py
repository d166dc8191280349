"""The progress report as an Excel workbook: progress, actual figures and targets, one sheet each."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lib.cells import neutralise
from lib.report.model import Report
from lib.views.tables import figures_table, targets_table

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
    "detail": "Toelichting",
    "explanation": "Waarom deze status",
    "share_of_city": "Aandeel in stad (%)",
    "projection": "Prognose laatste planjaar",
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
HEADER_FILL = PatternFill("solid", fgColor="E8E8E8")


def _sheet(book: Workbook, title: str, frame: pd.DataFrame, note: str) -> None:
    sheet = book.create_sheet(title)
    sheet.append([note])
    sheet["A1"].font = Font(italic=True, color="595959")
    sheet.append(list(frame.columns))
    for cell in sheet[2]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for record in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in record])
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(frame.columns))}{len(frame) + 2}"
    for n, column in enumerate(frame.columns, start=1):
        letter = get_column_letter(n)
        width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
        sheet.column_dimensions[letter].width = min(max(width + 2, 10), 60)
        if column in NUMBER_FORMATS:
            for cell in sheet[letter][2:]:
                cell.number_format = NUMBER_FORMATS[column]


def _cell(value: object) -> object:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return neutralise(value)


def write(report: Report) -> bytes:
    note = report.source
    progress = report.progress[report.progress["year"] == report.year]
    progress = progress[list(PROGRESS_HEADERS)].rename(columns=PROGRESS_HEADERS)
    figures = figures_table(report.plan, report.actuals.frame)
    targets = targets_table(report.plan)[list(TARGET_HEADERS)].rename(columns=TARGET_HEADERS)
    book = Workbook()
    book.remove(book.active)
    _sheet(book, f"Voortgang {report.year}", progress, note)
    _sheet(book, "Cijfers", figures, note)
    _sheet(book, "Doelen", targets, f"Doelen uit {report.plan.plan.source}.")
    book.properties.title = report.title
    book.properties.creator = f"Gemeente {report.plan.plan.municipality}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
