"""Spreadsheets we hand out: the Excel entry template, and the stored figures as CSV or Excel.

The template has one row per figure the plan asks for (lib/figures/entry.py), the target beside it as
reference (grey: read-only look), the current figure filled in, and data validation on the
cells people fill in. Headers are Dutch only ("Waarde"): the importer reads them, and still reads
files with the earlier `Waarde [value]` headers. The CSV keeps its machine header
(`indicator,year,district,value,...`). Text is neutralised against formulas (lib/cells.py, in
a CSV also where Excel may split a cell); numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lib.cells import csv_cell, neutralise
from lib.figures.actuals import Actuals
from lib.figures.entry import allows_decimals, figure_keys, target, value_hint
from lib.figures.rows import stored_value
from lib.plan.schema import NUMERIC_KINDS, Plan
from lib.store.headers import DUTCH_HEADERS, REFERENCE_HEADERS
from lib.store.store import Store
from lib.store.upload import SHEET


@dataclass(frozen=True)
class TemplateColumn:
    name: str
    dutch: str
    role: str  # "key", "ref" (for reading) or "input"
    width: int


TEMPLATE_COLUMNS = [
    TemplateColumn("agenda_item", "Agendapunt", "ref", 11),
    TemplateColumn("indicator", "Indicator-id", "key", 28),
    TemplateColumn("name", "Indicator", "ref", 45),
    TemplateColumn("year", "Jaar", "key", 7),
    TemplateColumn("district", "Wijk-id", "key", 9),
    TemplateColumn("district_name", "Wijk", "ref", 18),
    TemplateColumn("unit", "Eenheid", "ref", 14),
    TemplateColumn("target", "Doel", "ref", 22),
    TemplateColumn("hint", "Invullen als", "ref", 22),
    TemplateColumn("status", "Status huidige waarde", "ref", 13),
    TemplateColumn("value", "Waarde", "input", 14),
    TemplateColumn("counted_on", "Teldatum", "input", 12),
    TemplateColumn("source", "Bron", "input", 30),
    TemplateColumn("note", "Opmerking", "input", 30),
    TemplateColumn("explanation", "Toelichting", "input", 50),
    TemplateColumn("measures", "Maatregelen", "input", 50),
]
EXPORT_COLUMNS = [
    "indicator",
    "year",
    "district",
    "value",
    "counted_on",
    "source",
    "note",
    "status",
    "changed_at",
    "changed_by",
]
REFERENCE_FILL = PatternFill("solid", fgColor="EEEEEE")
REFERENCE_FONT = Font(color="555555", italic=True)
HEADER_FONT = Font(bold=True)
INSTRUCTIONS = [  # under a first line naming the plan
    "",
    "1. Vul op het blad 'Cijfers' de kolommen Waarde, Teldatum, Bron en Opmerking in.",
    "2. Grijze kolommen zijn ter informatie (het doel uit het plan en de huidige stand).",
    "3. Verander de kolommen Indicator-id, Jaar en Wijk-id niet: zo weet het dashboard welk cijfer het is.",
    "4. Laat Waarde leeg voor een cijfer dat u niet kent; die rij wordt overgeslagen.",
    "5. Mijlpalen: de datum waarop ze zijn bereikt, of 'nee'. Toezeggingen: ja of nee.",
    "6. Toelichting (waarom staat het cijfer waar het staat) en Maatregelen (wat er aan gedaan wordt):",
    "   elk hoogstens 1.000 tekens. Een rij met alleen teksten verandert de teksten, niet het cijfer.",
    "   Een lege tekstcel laat de tekst zoals hij is. Niet te verwarren met 'Waarom deze status':",
    "   die uitleg berekent het dashboard zelf.",
    "7. Upload het bestand op de pagina 'Gegevens bijwerken'. U ziet eerst precies wat verandert.",
    "",
    "Geïmporteerde cijfers zijn concept tot een tweede redacteur ze vaststelt.",
    "Laat de kopregels staan: het dashboard leest elke kolom aan haar naam.",
]


def template_workbook(plan: Plan, store: Store) -> bytes:
    """The entry template as .xlsx bytes, with the current (concept or approved) figures."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    for index, column in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.dutch)
        cell.font = HEADER_FONT
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "D2"
    layers, _versions, _entered = store.layers()
    written = store.texts(include_concept=True)
    names = plan.district_names()
    validations = _validations(sheet)
    for row, key in enumerate(figure_keys(plan), start=2):
        indicator = plan.indicator(key[0])
        current = layers.get(key)
        record = (current.concept or current.approved) if current else None
        values = {
            "agenda_item": indicator.agenda_item,
            "indicator": key[0],
            "name": indicator.name,
            "year": key[1],
            "district": key[2],
            "district_name": names.get(key[2], "hele stad"),
            "unit": indicator.unit,
            "target": target(indicator, key[1], key[2]),
            "hint": value_hint(indicator),
            "status": ("concept" if current.concept else "vastgesteld") if record else "",
            "value": stored_value(indicator.kind, record.value) if record else None,
            "counted_on": date.fromisoformat(record.counted_on)
            if record and record.counted_on
            else None,
            "source": record.source if record else "",
            "note": record.note if record else "",
            "explanation": written.get(key, ("", ""))[0],
            "measures": written.get(key, ("", ""))[1],
        }
        for index, column in enumerate(TEMPLATE_COLUMNS, start=1):
            cell = sheet.cell(row=row, column=index, value=neutralise(values[column.name]))
            if isinstance(values[column.name], date):
                cell.number_format = "yyyy-mm-dd"
            if column.role == "ref":
                cell.fill, cell.font = REFERENCE_FILL, REFERENCE_FONT
        _validate_value(sheet, validations, indicator, row)
    last = sheet.max_row
    counted = _letter("counted_on")
    validations["date"].add(f"{counted}2:{counted}{last}")
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(TEMPLATE_COLUMNS))}{last}"
    _instructions(book, plan)
    return _bytes(book)


def _letter(name: str) -> str:
    index = next(i for i, c in enumerate(TEMPLATE_COLUMNS, start=1) if c.name == name)
    return get_column_letter(index)


def _validations(sheet) -> dict[str, DataValidation]:
    def make(kind: str, message: str, **options) -> DataValidation:
        validation = DataValidation(
            type=kind, allow_blank=True, showErrorMessage=True, error=message, **options
        )
        validation.errorTitle = "Ongeldige waarde"
        sheet.add_data_validation(validation)
        return validation

    return {
        "whole": make(
            "whole",
            "Vul een geheel getal van 0 of meer in.",
            operator="greaterThanOrEqual",
            formula1="0",
        ),
        "decimal": make(
            "decimal",
            "Vul een getal van 0 of meer in.",
            operator="greaterThanOrEqual",
            formula1="0",
        ),
        "yes_no": make("list", "Kies ja of nee.", formula1='"ja,nee"'),
        "date": make(
            "date",
            "Vul een datum in (JJJJ-MM-DD).",
            operator="between",
            formula1="DATE(2000,1,1)",
            formula2="DATE(2100,12,31)",
        ),
    }


def _validate_value(sheet, validations: dict[str, DataValidation], indicator, row: int) -> None:
    cell = f"{_letter('value')}{row}"
    if indicator.kind == "commitment":
        validations["yes_no"].add(cell)
    elif indicator.kind in NUMERIC_KINDS:
        validations["decimal" if allows_decimals(indicator) else "whole"].add(cell)
    elif indicator.kind == "milestone":
        # A date, or 'nee' while it has not been reached: a rule of its own for this one cell.
        own = DataValidation(
            type="custom",
            formula1=f'OR(ISNUMBER({cell}),LOWER({cell})="nee")',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Ongeldige waarde",
            error="Vul de datum in waarop de mijlpaal is bereikt (JJJJ-MM-DD), of nee.",
        )
        sheet.add_data_validation(own)
        own.add(cell)
        sheet[cell].number_format = "yyyy-mm-dd"


def _instructions(book: Workbook, plan: Plan) -> None:
    sheet = book.create_sheet("Uitleg")
    first = f"Invullen van de cijfers van {plan.plan.title} ({plan.plan.municipality})"
    for row, line in enumerate([first, *INSTRUCTIONS], start=1):
        sheet.cell(row=row, column=1, value=line).font = HEADER_FONT if row == 1 else Font()
    sheet.column_dimensions["A"].width = 110


def table_xlsx(table: pd.DataFrame, title: str, *, example: bool = False) -> bytes:
    """A table made for people (Dutch headers, values as shown) as one Excel sheet: the header
    bold and frozen, text made inert, and a notice sheet for example figures."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append([str(c) for c in table.columns])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    sheet.freeze_panes = "A2"
    for row in table.itertuples(index=False):
        sheet.append([neutralise(None if pd.isna(v) else v) for v in row])
    for index, column in enumerate(table.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in table[column].head(200))])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)
    if example:
        _example_notice(book)
    return _bytes(book)


def _example_notice(book: Workbook) -> None:
    """A sheet 'Let op' after the data, and the one the file opens on: the data sheet stays
    first, where the imports read it back, but nobody sees its rows before the notice."""
    notice = book.create_sheet("Let op")
    notice["A1"] = "VOORBEELDGEGEVENS: verzonnen cijfers, geen resultaten van de gemeente."
    notice["A1"].font = Font(bold=True, size=14)
    notice["A2"] = "De gegevens staan op het eerste tabblad."
    book.active = notice
    for sheet in book.worksheets:  # one sheet selected, or Excel groups them
        sheet.sheet_view.tabSelected = sheet is notice


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_rows(actuals: Actuals) -> list[dict]:
    frame = actuals.frame.sort_values(["indicator", "year", "district"])
    return [{c: row[c] for c in EXPORT_COLUMNS} for row in frame.to_dict("records")]


def export_csv(actuals: Actuals) -> str:
    """The figures as CSV the importer reads back, with the example-data marks on top."""
    buffer = io.StringIO()
    if actuals.meta.is_example:
        buffer.write("# example: ja\n")
    if actuals.meta.reporting_date:
        buffer.write(f"# reporting_date: {actuals.meta.reporting_date.isoformat()}\n")
    if actuals.meta.description:  # one raw line, split at its commas when it is opened
        buffer.write(f"{csv_cell('# description: ' + actuals.meta.description)}\n")
    writer = csv.DictWriter(buffer, EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in export_rows(actuals):
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return buffer.getvalue()


def export_xlsx(actuals: Actuals, plan: Plan) -> bytes:
    """The figures as an Excel sheet; numbers as numbers, text made inert."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([_EXPORT_DUTCH.get(c, c) for c in EXPORT_COLUMNS])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    sheet.freeze_panes = "A2"  # the headers stay in view, as in every other export
    for row in export_rows(actuals):
        kind = plan.indicator(row["indicator"]).kind
        cells = {**row, "value": stored_value(kind, row["value"])}
        sheet.append([neutralise(cells[c]) for c in EXPORT_COLUMNS])
    if actuals.meta.is_example:
        _example_notice(book)
    return _bytes(book)


# The importer's Dutch names, plus the columns only an export has.
_EXPORT_DUTCH = {**DUTCH_HEADERS, **REFERENCE_HEADERS}
