"""Column names of the spreadsheets people fill in and read: the machine names the importer
works with, and the Dutch headers people see (the template and the Excel export show only
those). `machine_name` reads either, and the `Waarde [value]` headers of files made before;
`column_problems` checks an upload's header row in the template's words."""

from __future__ import annotations

import re

from openpyxl.utils import get_column_letter

from lib.problems import Problem
from lib.store.text_imports import TEXT_COLUMNS, TEXT_HEADERS
from lib.store.upload import SHEET, Sheet

KEY_COLUMNS = ("indicator", "year", "district")
INPUT_COLUMNS = ("value", "counted_on", "source", "note")
# Columns the template and the export add for people to read; the importer passes over them.
REFERENCE_COLUMNS = (
    "agenda_item",
    "name",
    "district_name",
    "unit",
    "hint",
    "target",
    "current_value",
    "status",
    "changed_at",
    "changed_by",
    "version",
)
DUTCH_HEADERS = {
    "indicator": "Indicator-id",
    "year": "Jaar",
    "district": "Wijk-id",
    "value": "Waarde",
    "counted_on": "Teldatum",
    "source": "Bron",
    "note": "Opmerking",
    **TEXT_HEADERS,
}
# The Dutch headers of the columns people read (the template's and the export's).
REFERENCE_HEADERS = {
    "agenda_item": "Agendapunt",
    "name": "Indicator",
    "district_name": "Wijk",
    "unit": "Eenheid",
    "target": "Doel",
    "hint": "Invullen als",
    "status": "Status",
    "changed_at": "Gewijzigd op",
    "changed_by": "Gewijzigd door",
}
_FROM_DUTCH = {
    **{dutch: name for name, dutch in {**REFERENCE_HEADERS, **DUTCH_HEADERS}.items()},
    "Status huidige waarde": "status",  # the template's
}
_BRACKETED = re.compile(r"\[([a-z_]+)\]\s*$")
# 'waarde' or 'WAARDE' as typed: the Dutch headers in any case, except where that is a machine
# name itself ('Indicator' is the name column, 'indicator' the id).
_MACHINE = {*KEY_COLUMNS, *INPUT_COLUMNS, *REFERENCE_COLUMNS}
_FROM_DUTCH_ANY_CASE = {k.lower(): v for k, v in _FROM_DUTCH.items() if k.lower() not in _MACHINE}


def machine_name(header: str) -> str:
    """The column a header names: 'Waarde' (as the template and export write it) -> 'value'; a
    machine name such as 'value' (the CSV's header) stays as it is; files made before the
    headers were Dutch only say both, 'Waarde [value]'. 'Indicator' is the template's name
    column, 'indicator' the id."""
    plain = header.strip()
    found = _BRACKETED.search(plain)
    if found:
        return found.group(1)
    if plain in _FROM_DUTCH:
        return _FROM_DUTCH[plain]
    return _FROM_DUTCH_ANY_CASE.get(plain.lower(), plain.lower())


def column_problems(sheet: Sheet) -> tuple[dict[str, int], list[Problem]]:
    positions, problems = {}, []
    known = KEY_COLUMNS + INPUT_COLUMNS + TEXT_COLUMNS + REFERENCE_COLUMNS
    for index, header in enumerate(sheet.columns):
        name, letter = machine_name(header), get_column_letter(index + 1)
        if not name:
            continue
        if name not in known:
            problems.append(
                Problem(
                    sheet.label,
                    f"onbekende kolom '{header}'; gebruik de kolommen van het sjabloon ("
                    + ", ".join(DUTCH_HEADERS[c] for c in KEY_COLUMNS + INPUT_COLUMNS)
                    + ")",
                    row=1,
                    field=f"kolom {letter}",
                )
            )
        elif name in positions:  # which of the two holds the figure? refuse, never guess
            first = get_column_letter(positions[name] + 1)
            problems.append(
                Problem(
                    sheet.label,
                    f"kolom '{header}' staat twee keer in de kopregel (kolom {first} en {letter}); "
                    "laat er een over",
                    row=1,
                    field=f"kolom {letter}",
                )
            )
        positions.setdefault(name, index)
    if not any(name in positions for name in KEY_COLUMNS) and not sheet.delimiter:  # a workbook
        problems.append(  # a title row above the header, or the figures on another sheet
            Problem(
                sheet.label,
                "rij 1 van dit tabblad is niet de kopregel van het sjabloon; het dashboard leest "
                f"het tabblad '{SHEET}' (anders het eerste) en daarin de koppen in rij 1",
                row=1,
            )
        )
    for name in KEY_COLUMNS + ("value",):
        if name not in positions:
            problems.append(
                Problem(
                    sheet.label,
                    f"kolom '{DUTCH_HEADERS[name]}' ontbreekt (in een CSV mag die '{name}' heten)",
                    row=1,
                    field=DUTCH_HEADERS[name],
                )
            )
    return positions, problems


def where_of(name: str, positions: dict[str, int]) -> str:
    letter = get_column_letter(positions[name] + 1) if name in positions else "?"
    return f"{DUTCH_HEADERS.get(name, name)} (kolom {letter})"
