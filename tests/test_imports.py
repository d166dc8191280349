"""Importing figures from Excel and CSV: the template, every kind of bad upload (the right Dutch
message, naming sheet, row and column, and nothing written), the preview, only-valid imports,
and formula-like text that survives a round trip unchanged and inert."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from store_fixtures import FTE, counts, open_store
from test_cli_steering import assert_no_formula_cells

from lib.figures.actuals import read_meta
from lib.problems import ValidationFailed
from lib.store.imports import apply_import, machine_name, preview_import
from lib.store.store import FigureInput
from lib.store.workbook import TEMPLATE_COLUMNS, export_csv, export_xlsx, template_workbook

COLUMN = {c.name: i for i, c in enumerate(TEMPLATE_COLUMNS, start=1)}
LETTER = {
    c.name: openpyxl.utils.get_column_letter(i)
    for c, i in zip(TEMPLATE_COLUMNS, COLUMN.values(), strict=True)
}
SHEET = "t.xlsx, blad 'Cijfers'"


@pytest.fixture
def store(plan, tmp_path):
    return open_store(plan, f"sqlite:///{tmp_path / 'figures.sqlite3'}")


@pytest.fixture(scope="module")
def fresh_template(plan, tmp_path_factory) -> bytes:
    """The template of a store as `store` opens it (every test's starts the same), made once."""
    folder = tmp_path_factory.mktemp("template")
    fresh = open_store(plan, f"sqlite:///{folder / 'figures.sqlite3'}")
    try:
        return template_workbook(plan, fresh)
    finally:
        fresh.engine.dispose()


@pytest.fixture
def template(fresh_template) -> openpyxl.Workbook:
    """That template, opened anew for each test to change."""
    return openpyxl.load_workbook(io.BytesIO(fresh_template))


def row_of(sheet, indicator: str, year: int, district: str = "") -> int:
    for row in range(2, sheet.max_row + 1):
        cells = (sheet.cell(row, COLUMN[c]).value for c in ("indicator", "year", "district"))
        if tuple(cells) == (indicator, year, district or None):
            return row
    raise AssertionError(f"{indicator} {year} {district} not in the template")


def as_bytes(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def set_cell(book, indicator, year, district, column, value) -> int:
    sheet = book["Cijfers"]
    row = row_of(sheet, indicator, year, district)
    sheet.cell(row, COLUMN[column]).value = value
    return row


# ------------------------------------------------------------------ the template


def test_template_has_a_row_per_figure_with_targets_and_headers(plan, template):
    sheet = template["Cijfers"]
    headers = [c.value for c in sheet[1]]
    assert "Waarde" in headers and "Indicator-id" in headers  # Dutch only
    assert not any("[" in h for h in headers)
    assert [machine_name(h) for h in headers] == [c.name for c in TEMPLATE_COLUMNS]
    row = row_of(sheet, "hbo_coach_vve_groepen", 2014)
    assert sheet.cell(row, COLUMN["target"]).value == 40
    assert sheet.cell(row, COLUMN["target"]).fill.fgColor.rgb.endswith("EEEEEE")  # read-only look
    assert row_of(sheet, "hbo_coach_vve_groepen", 2014, "w10")
    with pytest.raises(AssertionError):
        row_of(sheet, "hbo_coach_fte", 2014, "w01")  # counted for the city only


def test_template_validates_what_people_type(template):
    sheet = template["Cijfers"]
    kinds = {v.type for v in sheet.data_validations.dataValidation}
    assert {"whole", "decimal", "list", "date", "custom"} <= kinds
    yes_no = next(v for v in sheet.data_validations.dataValidation if v.type == "list")
    assert yes_no.formula1 == '"ja,nee"'
    row = row_of(sheet, "hbo_coach_fte", 2014)
    decimal = next(v for v in sheet.data_validations.dataValidation if v.type == "decimal")
    assert f"{LETTER['value']}{row}" in str(decimal.sqref)


def test_an_untouched_template_changes_nothing(plan, store, template):
    preview = preview_import(as_bytes(template), "t.xlsx", store)
    assert preview.valid and preview.changes == []
    assert preview.unchanged == 244


# ------------------------------------------------------------------ good uploads


def test_preview_lists_old_and_new_and_import_writes_concepts(plan, store, template):
    row = set_cell(template, *FTE, "value", 3.6)
    preview = preview_import(as_bytes(template), "t.xlsx", store)
    (change,) = preview.changes
    assert (change.row, change.old, change.new) == (row, "3,2", "3,6")
    assert str(change).endswith("(hele stad): 3,2 -> 3,6")
    assert apply_import(preview, store, "anna") == 1
    assert store.layers()[0][FTE].concept.value == "3,6"
    assert store.history(FTE).iloc[0]["action"] == "import"


def test_a_preview_names_the_district_not_its_id(plan, store):
    raw = (
        b"indicator;year;district;value;explanation\n"
        b"hbo_coach_vve_groepen;2014;w01;5;Twee nieuwe coaches\n"
    )
    preview = preview_import(raw, "cijfers.csv", store)
    lines = [str(c) for c in [*preview.changes, *preview.text_changes]]
    name = plan.district_names()["w01"]
    assert lines == [
        f"rij 2: VVE-groepen met een HBO'er als coach 2014 ({name}): 4 -> 5",
        f"rij 2: VVE-groepen met een HBO'er als coach 2014 ({name}): toelichting '' -> "
        "'Twee nieuwe coaches'",
    ]


def test_preview_says_what_else_changes_when_the_value_stays(plan, store):
    """Same value, other source and counting date: a change, and the preview says which."""
    raw = (
        b"indicator;year;district;value;counted_on;source;note\n"
        b"hbo_coach_fte;2014;;3,2;2014-10-01;Andere bron;\n"
        b"hbo_coach_vve_groepen;2014;w01;5;2014-09-30;Subsidieadministratie gemeente (voorbeeld);\n"
    )
    preview = preview_import(raw, "cijfers.csv", store)
    fte, groups = preview.changes
    assert fte.also == (
        "teldatum: 30 september 2014 -> 1 oktober 2014; "
        "bron: 'Subsidieadministratie gemeente (voorbeeld)' -> 'Andere bron'"
    )
    assert str(fte).endswith(f": 3,2 -> 3,2 ({fte.also})")
    assert groups.also == "" and str(groups).endswith(": 4 -> 5")


def test_preview_flags_a_figure_that_looks_mistyped_but_imports_it(plan, store):
    raw = b"indicator;year;district;value\nhbo_coach_vve_groepen;2014;w01;40\n"
    preview = preview_import(raw, "cijfers.csv", store)
    assert preview.valid
    (change,) = preview.changes
    assert change.doubt == "40 is minstens 10 keer het vorige cijfer (4); een nul te veel?"
    assert str(change).endswith(f": 4 -> 40 [Let op: {change.doubt}]")
    assert apply_import(preview, store, "anna") == 1  # a warning, not a refusal


def test_a_column_left_out_keeps_what_is_stored_and_an_empty_cell_clears_it(plan, store):
    """A file of only indicator, year, district and value changes the values: it used to wipe
    every figure's teldatum and bron as well, without the preview saying so."""
    before = store.layers()[0][FTE].approved
    assert before.counted_on and before.source
    preview = preview_import(
        b"indicator;year;district;value\nhbo_coach_fte;2014;;3,6\n", "c.csv", store
    )
    (change,) = preview.changes
    assert change.also == ""
    apply_import(preview, store, "anna")
    after = store.layers()[0][FTE].concept
    assert (after.value, after.counted_on, after.source) == (
        "3,6",
        before.counted_on,
        before.source,
    )
    raw = b"indicator;year;district;value;source\nhbo_coach_fte;2014;;3,6;\n"
    (change,) = preview_import(raw, "c.csv", store).changes
    assert change.also == f"bron: '{before.source}' -> (leeg)"


def test_a_count_with_decimals_is_refused_on_import(plan, store):
    raw = b"indicator;year;district;value\nhbo_coach_vve_groepen;2014;w01;4,5\n"
    preview = preview_import(raw, "cijfers.csv", store)
    assert not preview.valid and preview.changes == []
    (problem,) = preview.problems
    assert problem.row == 2 and "'4,5' is geen geheel getal" in problem.message


def test_milestone_dates_and_yes_no_are_read_from_excel(plan, store, template):
    set_cell(template, "ad_pedagogiek_start", 2014, "", "value", date(2014, 9, 1))
    set_cell(template, "kindvolgsysteem_alle_organisaties", 2014, "", "value", "ja")
    preview = preview_import(as_bytes(template), "t.xlsx", store)
    assert preview.valid
    assert sorted((c.key[0], c.new) for c in preview.changes) == [
        ("ad_pedagogiek_start", "2014-09-01"),
        ("kindvolgsysteem_alle_organisaties", "ja"),
    ]


def test_a_csv_with_semicolons_imports(plan, store):
    raw = b"indicator;year;district;value;note\nhbo_coach_fte;2014;;3,7;nagerekend\n"
    preview = preview_import(raw, "cijfers.csv", store)
    assert preview.valid and [c.new for c in preview.changes] == ["3,7"]


def test_a_csv_with_the_templates_dutch_headers_imports(store):
    # The Import tab names the columns as the template does: Indicator-id, Jaar, Wijk-id, Waarde.
    raw = "Indicator-id;Jaar;Wijk-id;Waarde;Opmerking\nhbo_coach_fte;2014;;3,7;nagerekend\n"
    preview = preview_import(raw.encode(), "cijfers.csv", store)
    assert preview.valid, preview.problems
    assert [(c.key, c.new) for c in preview.changes] == [(("hbo_coach_fte", 2014, ""), "3,7")]


def test_a_text_row_whose_year_is_a_superscript_digit_is_refused_in_dutch(store):
    # str.isdigit() says yes to '²'; the texts' import then raised a traceback (int('²')).
    raw = "Indicator-id;Jaar;Wijk-id;Waarde;Toelichting\nhbo_coach_fte;²;;;uitleg\n".encode()
    preview = preview_import(raw, "teksten.csv", store)
    assert not preview.valid and preview.text_changes == []
    assert any("'²' is geen jaartal" in str(p) for p in preview.problems), preview.problems


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imports_back_without_changes(plan, store, fmt):
    actuals = store.read_actuals()
    raw = export_csv(actuals).encode() if fmt == "csv" else export_xlsx(actuals, plan)
    preview = preview_import(raw, f"export.{fmt}", store)
    assert preview.valid, preview.problems
    assert preview.changes == [] and preview.unchanged == 244


def test_workbooks_people_open_have_dutch_headers_and_old_ones_still_import(plan, store):
    """'Waarde', not 'Waarde [value]', in the template and the Excel export; a file made with
    the earlier headers, or a CSV typed with the Dutch headers, imports; the CSV keeps its
    machine header."""
    import openpyxl

    actuals = store.read_actuals()
    exported = openpyxl.load_workbook(io.BytesIO(export_xlsx(actuals, plan)))["Cijfers"]
    headers = [c.value for c in exported[1]]
    assert headers[:4] == ["Indicator-id", "Jaar", "Wijk-id", "Waarde"]
    assert exported.freeze_panes == "A2"  # the headers stay in view while scrolling
    assert not any("[" in h for h in headers)
    csv_lines = [x for x in export_csv(actuals).splitlines() if not x.startswith("#")]
    assert csv_lines[0].startswith("indicator,year,district,value,")
    old = "Indicator-id [indicator];Jaar [year];Wijk-id [district];Waarde [value]\n"
    typed = "Indicator-id;Jaar;Wijk-id;Waarde;Opmerking\n"
    for header in (old, typed):
        raw = (
            header + "hbo_coach_fte;2014;;3,7" + (";x" if "opmerking" in header else "")
        ).encode()
        preview = preview_import(raw + b"\n", "cijfers.csv", store)
        assert preview.valid, [str(p) for p in preview.problems]
        assert [c.new for c in preview.changes] == ["3,7"]
    assert machine_name("Indicator") == "name" and machine_name("indicator") == "indicator"
    assert machine_name("Status huidige waarde") == "status"


# ------------------------------------------------------------------ bad uploads

BAD_CELLS = [
    # (what, indicator, year, district, column, value, message, column that is named)
    ("unknown indicator", "hbo_coach_fte", 2014, "", "indicator", "hbo_coach_xx", "onbekende indicator 'hbo_coach_xx'", "indicator"),
    ("unknown district", "hbo_coach_vve_groepen", 2014, "w01", "district", "w99", "onbekende wijk 'w99'", "district"),
    ("year outside the plan", "hbo_coach_fte", 2014, "", "year", 2016, "jaar 2016 valt buiten de planperiode 2012-2015", "year"),
    ("text in a number", "hbo_coach_fte", 2014, "", "value", "veel", "'veel' is geen getal", "value"),
    ("negative count", "hbo_coach_vve_groepen", 2014, "w01", "value", "-3", "-3 is negatief", "value"),
    ("milestone not a date", "ad_pedagogiek_start", 2014, "", "value", "binnenkort", "'binnenkort' is geen datum", "value"),
    ("yes/no not ja/nee", "kindvolgsysteem_alle_organisaties", 2014, "", "value", "misschien", "'misschien' is geen ja of nee", "value"),
    ("count date not a date", "hbo_coach_fte", 2014, "", "counted_on", "gisteren", "'gisteren' is geen datum", "counted_on"),
]  # fmt: skip
DUTCH = {"indicator": "Indicator-id", "district": "Wijk-id", "year": "Jaar", "value": "Waarde", "counted_on": "Teldatum"}  # fmt: skip


@pytest.mark.parametrize(
    ("indicator", "year", "district", "column", "value", "message", "named"),
    [case[1:] for case in BAD_CELLS],
    ids=[case[0] for case in BAD_CELLS],
)
def test_a_bad_cell_is_named_and_nothing_is_written(
    store, template, indicator, year, district, column, value, message, named
):
    set_cell(template, *FTE, "value", 3.6)  # a good change, which must not be written either
    row = set_cell(template, indicator, year, district, column, value)
    before = counts(store)
    preview = preview_import(as_bytes(template), "t.xlsx", store)
    texts = [str(p) for p in preview.problems]
    expected = f"{SHEET}, rij {row}, veld '{DUTCH[named]} (kolom {LETTER[named]})': {message}"
    assert any(t.startswith(expected) for t in texts), texts
    with pytest.raises(ValidationFailed):
        apply_import(preview, store, "anna")
    assert counts(store) == before


def test_duplicate_rows_are_named(store, template):
    sheet = template["Cijfers"]
    first = row_of(sheet, *FTE)
    sheet.append([sheet.cell(first, c).value for c in range(1, len(TEMPLATE_COLUMNS) + 1)])
    again = sheet.max_row
    sheet.cell(again, COLUMN["value"]).value = 3.3
    preview = preview_import(as_bytes(template), "t.xlsx", store)
    (problem,) = preview.problems
    assert (problem.row, problem.field) == (again, f"Indicator-id (kolom {LETTER['indicator']})")
    assert problem.message == (
        f"dubbele rij: Inzet HBO-coaches op VVE-groepen 2014 (hele stad) staat in rij {first} "
        f"en nog eens in rij {again}; laat er één staan"
    )
    assert str(problem).startswith(f"{SHEET}, rij {again}, veld 'Indicator-id (kolom ")
    with pytest.raises(ValidationFailed):
        apply_import(preview, store, "anna")


def test_duplicate_rows_in_a_csv_are_numbered_as_its_lines(store):
    # The metadata line and the empty line count: the figure is on lines 3 and 6.
    lines = [
        "# example: nee",
        "indicator;year;district;value",
        "hbo_coach_vve_groepen;2014;w01;5",
        "hbo_coach_fte;2014;;3,7",
        "",
        "hbo_coach_vve_groepen;2014;w01;6",
    ]
    preview = preview_import("\n".join(lines).encode(), "cijfers.csv", store)
    assert [str(p) for p in preview.problems] == [
        "cijfers.csv, rij 6, veld 'Indicator-id (kolom A)': dubbele rij: VVE-groepen met een "
        "HBO'er als coach 2014 (Stad Oost-Noord) staat in rij 3 en nog eens in rij 6; laat er één "
        "staan"
    ]
    assert preview.bad_rows == 1


def test_a_closed_year_is_refused_for_changed_rows_only(store, template):
    store.set_year_closed(2014, True, "bob")
    row = set_cell(template, *FTE, "value", 3.6)
    preview = preview_import(as_bytes(template), "t.xlsx", store)
    (problem,) = preview.problems  # the unchanged 2014 rows are no problem
    assert (problem.row, problem.field) == (row, f"Jaar (kolom {LETTER['year']})")
    assert "jaar 2014 is afgesloten" in problem.message


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("indicator,year,district,value,kleur", "onbekende kolom 'kleur'"),
        ("indicator,year,district,value,kleur", "van het sjabloon (Indicator-id, Jaar, Wijk-id,"),
        ("indicator,year,value", "kolom 'Wijk-id' ontbreekt (in een CSV mag die 'district' heten)"),
        # the template's Dutch headers in any case, as the machine names already were
        ("INDICATOR-ID,jaar,wijk-id,WAARDE,kleur", "onbekende kolom 'kleur'"),
    ],
)
def test_bad_columns_are_named_on_row_1(store, header, message):
    raw = f"{header}\nhbo_coach_fte,2014,,3,x\n".encode()
    preview = preview_import(raw, "c.csv", store)
    assert any(p.row == 1 and message in p.message for p in preview.problems)
    assert [
        p for p in preview.problems if "ontbreekt" in p.message and "Wijk-id" not in message
    ] == []
    assert preview.changes == []


@pytest.mark.parametrize(
    ("raw", "file", "message"),
    [
        (b"PK\x03\x04 not really", "kapot.xlsx", "geen geldig Excel-bestand"),
        (b"\xff\xfeindicator", "c.csv", "geen UTF-8-tekst"),
        (b"indicator", "cijfers.pdf", "alleen .xlsx- en .csv-bestanden"),
    ],
)
def test_unreadable_files_say_why(store, raw, file, message):
    preview = preview_import(raw, file, store)
    assert message in str(preview.problems[0])


def test_only_valid_rows_when_asked(store, template):
    set_cell(template, *FTE, "value", 3.6)
    set_cell(template, "hbo_coach_vve_groepen", 2014, "w01", "value", "veel")
    preview = preview_import(as_bytes(template), "t.xlsx", store)
    assert preview.bad_rows == 1 and len(preview.changes) == 1
    assert apply_import(preview, store, "anna", only_valid=True) == 1
    assert store.concept_count() == 1


# ------------------------------------------------------------------ formulas refused in a CSV


@pytest.mark.parametrize(
    ("cells", "where", "start"),
    [
        (';3,6;;;=HYPERLINK("http://x","klik");;', "Opmerking (kolom G)", "="),
        (";3,6;;@monitor;;;", "Bron (kolom F)", "@"),
        (";;;;;+31 6 1234;", "Toelichting (kolom H)", "+"),
        (";;;;;;-x", "Maatregelen (kolom I)", "-"),
    ],
)
def test_a_csv_cell_that_would_become_a_formula_is_refused(store, cells, where, start):
    raw = (
        "indicator;year;district;value;counted_on;source;note;explanation;measures\n"
        f"hbo_coach_fte;2014;{cells}\n"
    ).encode()
    before = counts(store), store.text_layers()
    preview = preview_import(raw, "cijfers.csv", store)
    assert preview.refused and preview.changes == [] and preview.text_changes == []
    (problem,) = preview.problems
    assert str(problem).startswith(
        f"cijfers.csv, rij 2, veld '{where}': de cel begint met '{start}' en zou in een "
        "spreadsheet een formule worden"
    )
    with pytest.raises(ValidationFailed):
        apply_import(preview, store, "anna")
    assert (counts(store), store.text_layers()) == before


def test_text_that_starts_with_a_dash_and_a_number_or_space_imports(store):
    raw = (
        b"indicator;year;district;value;note;explanation;measures\n"
        b"hbo_coach_fte;2014;;3,6;-5 groepen;- zie notitie;-2 coaches\n"
    )
    preview = preview_import(raw, "cijfers.csv", store)
    assert preview.valid and len(preview.changes) == len(preview.text_changes) == 1
    assert preview.text_changes[0].new == ("- zie notitie", "-2 coaches")


# ------------------------------------------------------------------ formulas stay inert


FORMULA_NOTE = '=HYPERLINK("x")'


@pytest.mark.parametrize("fmt", ["template", "csv", "xlsx"])
def test_a_formula_like_note_comes_out_inert_and_back_unchanged(plan, store, fmt):
    store.save([FigureInput(*FTE, "3,2", note=FORMULA_NOTE, expected_version=1)], "anna")
    store.approve([(FTE, 2)], "bob")
    actuals = store.read_actuals()
    if fmt == "csv":
        raw = export_csv(actuals).encode()
        assert f"'{FORMULA_NOTE}".replace('"', '""') in raw.decode()
    else:
        raw = template_workbook(plan, store) if fmt == "template" else export_xlsx(actuals, plan)
        sheet = openpyxl.load_workbook(io.BytesIO(raw))["Cijfers"]
        notes = [c.value for c in sheet[LETTER["note"] if fmt == "template" else "G"]]
        assert f"'{FORMULA_NOTE}" in notes  # text, not a formula
        assert all(getattr(c, "data_type", "s") != "f" for c in sheet[LETTER["note"]])
    preview = preview_import(raw, f"terug.{'csv' if fmt == 'csv' else 'xlsx'}", store)
    assert preview.valid and preview.changes == []  # the note did not grow an apostrophe


def test_an_exported_csv_has_no_cell_that_runs_wherever_excel_splits_it(plan, tmp_path):
    seed = tmp_path / "start.csv"
    seed.write_text(
        "# description: Stand,=1+1;@SUM(A1)\n"
        "indicator,year,district,value,note\n"
        'hbo_coach_fte,2014,,"3,2",gewoon\n',
        encoding="utf-8",
    )
    store = open_store(plan, f"sqlite:///{tmp_path / 'figures.sqlite3'}", seed)
    note = 'zie bron;=HYPERLINK("http://x","klik")'
    store.save([FigureInput(*FTE, "3,2", note=note, expected_version=1)], "anna")
    store.approve([(FTE, 2)], "bob")
    raw = export_csv(store.read_actuals())
    assert_no_formula_cells(raw)
    preview = preview_import(raw.encode(), "terug.csv", store)
    assert preview.valid and preview.changes == []  # the note did not grow an apostrophe
    assert read_meta(raw)[0].description == "Stand,=1+1;@SUM(A1)"
