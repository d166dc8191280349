"""Actual figures: reading and checking every row, and writing them back safely."""

from __future__ import annotations

import os
from datetime import date

import pytest

from lib.figures.actuals import DEFAULT_ACTUALS, read_actuals, write_actuals
from lib.figures.rows import COLUMNS
from lib.plan.load import parse_plan
from lib.problems import ValidationFailed

HEADER = "indicator,year,district,value"
GOOD_ROW = "groepen,2014,d1,12"


def problems_of(make_actuals, lines, plan):
    with pytest.raises(ValidationFailed) as caught:
        make_actuals(lines, plan)
    return caught.value.problems


# ------------------------------------------------------------------ the example file


def test_example_file_parses(example_actuals):
    text = DEFAULT_ACTUALS.read_text(encoding="utf-8").splitlines()
    data_lines = [line for line in text if line and not line.startswith("#")][1:]
    assert len(example_actuals.frame) == len(data_lines)
    assert example_actuals.file == "example_actuals.csv"


def test_example_file_is_marked_example(example_actuals):
    assert example_actuals.meta.is_example is True
    assert example_actuals.meta.reporting_date == date(2014, 10, 1)
    assert example_actuals.meta.description.startswith("VOORBEELDGEGEVENS")


def test_example_rows_are_numbered_as_lines_of_the_file(example_actuals):
    # Three `#` lines, then the header on line 4: the first figure is on line 5.
    first = example_actuals.frame.iloc[0]
    assert (first["indicator"], first["district"], first["row"]) == (
        "hbo_coach_vve_groepen",
        "w01",
        5,
    )
    assert example_actuals.frame["row"].is_monotonic_increasing


@pytest.mark.parametrize(
    ("indicator", "year", "column", "expected"),
    [
        ("hbo_coach_fte", 2014, "number", 3.2),
        ("taaltoetsen_3f", 2013, "number", 455.0),
        ("pedagogiek_dt_ad_ontwikkeld", 2014, "reached_on", date(2014, 9, 15)),
        ("ad_pedagogiek_start", 2014, "reached_on", None),
        ("taal_bijscholing", 2014, "flag", True),
        ("uitbreiding_vroegschools_aanbod", 2013, "flag", False),
        ("hbo_coach_fte", 2014, "counted_on", "2014-09-30"),
    ],
)
def test_example_typed_values(example_actuals, indicator, year, column, expected):
    frame = example_actuals.frame
    row = frame[(frame["indicator"] == indicator) & (frame["year"] == year)].iloc[0]
    assert row[column] == expected


def test_last_changed(example_actuals):
    assert example_actuals.last_changed() == "2014-10-01T16:30:00"


def test_version_is_hash_of_the_bytes(make_actuals, small_plan):
    one = make_actuals([HEADER, GOOD_ROW], small_plan)
    same = make_actuals([HEADER, GOOD_ROW], small_plan)
    other = make_actuals([HEADER, "groepen,2014,d1,13"], small_plan)
    assert one.version == same.version != other.version


# ------------------------------------------------------------------ row numbers


def test_header_is_row_one(make_actuals, small_plan):
    actuals = make_actuals([HEADER, GOOD_ROW, "groepen,2014,d2,3"], small_plan)
    assert list(actuals.frame["row"]) == [2, 3]


def test_metadata_lines_count_as_rows(make_actuals, small_plan):
    lines = ["# example: nee", "# reporting_date: 1-10-2014", HEADER, GOOD_ROW, "groepen,2014,d2,x"]
    (problem,) = problems_of(make_actuals, lines, small_plan)
    assert (problem.row, problem.field) == (5, "value")


def test_metadata(make_actuals, small_plan):
    lines = ["# example: ja", "# reporting_date: 1-10-2014", "# bron: test", HEADER, GOOD_ROW]
    meta = make_actuals(lines, small_plan).meta
    assert meta.is_example is True
    assert meta.reporting_date == date(2014, 10, 1)
    assert meta.extra == {"bron": "test"}


def test_no_metadata_means_real_figures(make_actuals, small_plan):
    meta = make_actuals([HEADER, GOOD_ROW], small_plan).meta
    assert (meta.is_example, meta.reporting_date) == (False, None)


def test_empty_lines_skipped_and_numbering_kept(make_actuals, small_plan):
    lines = [HEADER, "", GOOD_ROW, ",,,", "", "groepen,2014,d2,3"]
    actuals = make_actuals(lines, small_plan)
    assert list(actuals.frame["row"]) == [3, 6]


def test_header_only_gives_empty_frame(make_actuals, small_plan):
    actuals = make_actuals([HEADER], small_plan)
    assert len(actuals.frame) == 0
    assert set(COLUMNS) <= set(actuals.frame.columns)


# ------------------------------------------------------------------ values that are accepted


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        ("groepen,2014,d1,12", "number", 12.0),
        ("groepen,2014,d1,0", "number", 0.0),
        ("groepen,2014,d1,12.0", "number", 12.0),
        ("groepen,2014,d1, 4 ", "number", 4.0),
        ("groepen,2014,,40", "number", 40.0),
        ("monitor,2014,,2014-08-01", "reached_on", date(2014, 8, 1)),
        ("monitor,2014,,1-8-2014", "reached_on", date(2014, 8, 1)),
        ("monitor,2014,,nee", "reached_on", None),
        ("monitor,2014,,", "reached_on", None),
        ("overleg,2014,,ja", "flag", True),
        ("overleg,2014,,Ja", "flag", True),
        ("overleg,2014,,nee", "flag", False),
    ],
)
def test_accepted_values(make_actuals, small_plan, row, column, expected):
    frame = make_actuals([HEADER, row], small_plan).frame
    assert frame.iloc[0][column] == expected


@pytest.fixture
def decimal_plan(small_plan_text):
    """The small plan with `decimals: true` on its groups, as a plan counting FTE would be."""
    text = small_plan_text.replace(
        "    unit: groepen\n", "    unit: groepen\n    decimals: true\n", 1
    )
    assert text != small_plan_text
    return parse_plan(text, "targets.yaml")


@pytest.mark.parametrize("value", ['"3,2"', "3.2", '"1.234,5"'])
def test_decimals_where_the_plan_allows_them(make_actuals, decimal_plan, value):
    frame = make_actuals([HEADER, f"groepen,2014,d1,{value}"], decimal_plan).frame
    assert frame.iloc[0]["number"] == {'"3,2"': 3.2, "3.2": 3.2, '"1.234,5"': 1234.5}[value]


@pytest.mark.parametrize("value", ['"3,2"', "3.2", '"12,5"', "0.5"])
def test_a_count_of_whole_things_refuses_decimals(make_actuals, small_plan, value):
    """12,5 groups is a typing error, not a figure: refused with the row, field and unit."""
    with pytest.raises(ValidationFailed) as caught:
        make_actuals([HEADER, GOOD_ROW, f"groepen,2013,d1,{value}"], small_plan)
    (problem,) = caught.value.problems
    assert (problem.row, problem.field) == (3, "value")
    shown = value.strip('"')
    assert problem.message == (
        f"'{shown}' is geen geheel getal; 'Groepen met coach' telt groepen, dus alleen hele getallen"
    )


def test_a_plan_can_say_a_count_is_whole_even_with_fte_in_its_unit(small_plan_text):
    from lib.figures.entry import allows_decimals

    fte = small_plan_text.replace("    unit: groepen\n", "    unit: FTE\n", 1)
    assert allows_decimals(parse_plan(fte).indicator("groepen"))
    whole = fte.replace("    unit: FTE\n", "    unit: FTE\n    decimals: false\n", 1)
    assert not allows_decimals(parse_plan(whole).indicator("groepen"))


def test_a_stored_figure_with_decimals_is_still_read(small_plan):
    """A rule added later must not make figures saved before it unreadable: the database's
    figures are read with `stored=True`."""
    from lib.figures.rows import check_row

    record = {"indicator": "groepen", "year": "2014", "district": "d1", "value": "3,2"}
    typed, problems = check_row(record, small_plan, "database", None, stored=True)
    assert problems == [] and typed["number"] == 3.2
    assert check_row(record, small_plan, "invoer", 1)[0] is None


def test_comma_decimal_in_semicolon_file(make_actuals, decimal_plan):
    lines = ["indicator;year;district;value", "groepen;2014;d1;3,2", "bezoeken;2014;;41"]
    frame = make_actuals(lines, decimal_plan).frame
    assert list(frame["number"]) == [3.2, 41.0]


def test_counted_on_written_as_iso(make_actuals, small_plan):
    frame = make_actuals([HEADER + ",counted_on", GOOD_ROW + ",30-9-2014"], small_plan).frame
    assert frame.iloc[0]["counted_on"] == "2014-09-30"


def test_byte_order_mark_accepted(small_plan):
    from lib.figures.actuals import parse_actuals

    raw = ("\ufeff" + HEADER + "\n" + GOOD_ROW + "\n").encode("utf-8")
    assert len(parse_actuals(raw, small_plan, "test.csv").frame) == 1


# ------------------------------------------------------------------ rows that are refused

BAD_ROWS = [
    pytest.param(
        "onbekend,2014,,3", "indicator", "onbekende indicator 'onbekend'", id="unknown_indicator"
    ),
    pytest.param("groepen,2014,d9,3", "district", "onbekende wijk 'd9'", id="unknown_district"),
    pytest.param(
        "bezoeken,2014,d1,60",
        "district",
        "'bezoeken' wordt alleen voor de hele stad geteld; laat wijk leeg",
        id="district_on_city_only_indicator",
    ),
    pytest.param(
        "groepen,2016,d1,3",
        "year",
        "jaar 2016 valt buiten de planperiode 2012-2015",
        id="year_outside_plan",
    ),
    pytest.param(
        "groepen,twintig,d1,3", "year", "'twintig' is geen jaartal", id="non_numeric_year"
    ),
    pytest.param("groepen,2014.0,d1,3", "year", "'2014.0' is geen jaartal", id="decimal_year"),
    # str.isdigit() says yes to '²', int() then raised a traceback instead of this message.
    pytest.param("groepen,²,d1,3", "year", "'²' is geen jaartal", id="superscript_year"),
    pytest.param("groepen,,d1,3", "year", "'' is geen jaartal", id="missing_year"),
    pytest.param("groepen,2014,d1,veel", "value", "'veel' is geen getal", id="text_in_number"),
    pytest.param("groepen,2014,d1,1.234", "value", "is dubbelzinnig", id="ambiguous_thousands"),
    pytest.param("groepen,2014,d1,-3", "value", "-3 is negatief", id="negative_count"),
    pytest.param('groepen,2014,d1,"-3,5"', "value", "-3,5 is negatief", id="negative_decimal"),
    pytest.param("groepen,2014,d1,", "value", "waarde ontbreekt", id="missing_value"),
    pytest.param(
        "monitor,2014,,binnenkort",
        "value",
        "'binnenkort' is geen datum; vul de datum in",
        id="milestone_value_not_a_date",
    ),
    pytest.param("monitor,2014,,ja", "value", "'ja' is geen datum", id="milestone_value_ja"),
    pytest.param(
        "monitor,2013,,2013-05-01",
        "year",
        "deze mijlpaal hoort bij 2014 (deadline 2014-07-31)",
        id="milestone_in_other_year",
    ),
    pytest.param(
        "overleg,2014,,misschien",
        "value",
        "'misschien' is geen ja of nee",
        id="commitment_not_ja_nee",
    ),
    pytest.param("overleg,2014,,1", "value", "'1' is geen ja of nee", id="commitment_number"),
]


@pytest.mark.parametrize(("row", "field", "message"), BAD_ROWS)
def test_bad_row(make_actuals, small_plan, row, field, message):
    problems = problems_of(make_actuals, [HEADER, GOOD_ROW, row], small_plan)
    assert [(p.row, p.field) for p in problems] == [(3, field)]
    assert message in problems[0].message
    assert problems[0].file == "test.csv"
    assert str(problems[0]).startswith(f"test.csv, rij 3, veld '{field}': ")


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ('groepen,2014,d1,12,"=HYPERLINK(""http://x"",""klik"")"', "note"),
        ("groepen,2014,d1,12,@SUM(A1)", "note"),
        ("groepen,2014,d1,+12,", "value"),
    ],
)
def test_a_cell_that_would_become_a_formula_is_refused(make_actuals, small_plan, row, field):
    (problem,) = problems_of(make_actuals, [HEADER + ",note", row], small_plan)
    assert (problem.row, problem.field) == (2, field)
    assert "zou in een spreadsheet een formule worden" in problem.message


def test_a_note_that_starts_with_a_dash_and_a_space_is_text(make_actuals, small_plan):
    actuals = make_actuals([HEADER + ",note", "groepen,2014,d1,5,- zie notitie"], small_plan)
    assert actuals.frame["note"].tolist() == ["- zie notitie"]


def test_bad_counted_on(make_actuals, small_plan):
    lines = [HEADER + ",counted_on", GOOD_ROW + ",2014-09-30", "groepen,2014,d2,3,gisteren"]
    (problem,) = problems_of(make_actuals, lines, small_plan)
    assert (problem.row, problem.field) == (3, "counted_on")
    assert "'gisteren' is geen datum" in problem.message


@pytest.mark.parametrize(
    ("first", "second", "where"),
    [
        ("groepen,2014,d1,3", "groepen,2014,d1,4", "Wijk Een"),
        ("groepen,2014,,30", "groepen,2014,,31", "hele stad"),
    ],
)
def test_duplicate_row_names_both_rows(make_actuals, small_plan, first, second, where):
    lines = [HEADER, "bezoeken,2014,,41", first, second]
    (problem,) = problems_of(make_actuals, lines, small_plan)
    assert (problem.row, problem.field) == (4, "indicator")
    message = f"dubbele rij: Groepen met coach 2014 ({where}) staat in rij 3 en nog eens in rij 4; laat er één staan"
    assert problem.message == message
    assert str(problem) == f"test.csv, rij 4, veld 'indicator': {message}"


def test_duplicate_rows_in_a_file_are_numbered_as_its_lines(tmp_path, small_plan):
    # Metadata and empty lines count: the figure is on lines 4, 7 and 9 of the file.
    lines = ["# example: nee", HEADER, "", GOOD_ROW, "groepen,2014,d2,3", "", "groepen,2014,d1,4"]
    lines += ["bezoeken,2014,,41", "groepen,2014,d1,5"]
    path = tmp_path / "cijfers.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        read_actuals(path, small_plan)
    assert [str(p) for p in caught.value.problems] == [
        "cijfers.csv, rij 7, veld 'indicator': dubbele rij: Groepen met coach 2014 (Wijk Een) staat in rij 4 en nog eens in rij 7; laat er één staan",
        "cijfers.csv, rij 9, veld 'indicator': dubbele rij: Groepen met coach 2014 (Wijk Een) staat in rij 4 en nog eens in rij 9; laat er één staan",
    ]  # fmt: skip


def test_same_figure_in_another_year_or_district_is_no_duplicate(make_actuals, small_plan):
    lines = [HEADER, GOOD_ROW, "groepen,2013,d1,12", "groepen,2014,d2,12", "groepen,2014,,12"]
    assert len(make_actuals(lines, small_plan).frame) == 4


def test_unknown_column(make_actuals, small_plan):
    (problem,) = problems_of(make_actuals, [HEADER + ",opmerking", GOOD_ROW + ",x"], small_plan)
    assert (problem.row, problem.field) == (1, "opmerking")
    assert problem.message.startswith("onbekende kolom 'opmerking' (toegestaan: indicator,")


def test_missing_column(make_actuals, small_plan):
    (problem,) = problems_of(make_actuals, ["indicator,year,value", "groepen,2014,12"], small_plan)
    assert (problem.row, problem.field, problem.message) == (
        1,
        "district",
        "kolom 'district' ontbreekt",
    )


def test_header_problem_row_follows_metadata(make_actuals, small_plan):
    (problem,) = problems_of(make_actuals, ["# example: ja", "indicator,year,value"], small_plan)
    assert problem.row == 2


def test_every_bad_row_reported_together(make_actuals, small_plan):
    lines = [HEADER, "onbekend,2014,,3", GOOD_ROW, "groepen,2016,d9,-1", GOOD_ROW]
    problems = problems_of(make_actuals, lines, small_plan)
    assert [(p.row, p.field) for p in problems] == [
        (2, "indicator"),
        (4, "year"),
        (4, "district"),
        (4, "value"),
        (5, "indicator"),
    ]


def test_windows_1252_is_read_and_utf16_refused(small_plan):
    """Dutch Excel's 'CSV (gescheiden door lijstscheidingsteken)' is Windows-1252 with
    semicolons: refused as 'geen UTF-8-tekst' before, read now with its é and €. UTF-16 (a
    BOM, NUL bytes) is still no text this reads."""
    from lib.figures.actuals import parse_actuals

    text = "indicator;year;district;value;note\ngroepen;2014;d1;3;café 5 €\n"
    actuals = parse_actuals(text.encode("cp1252"), small_plan, "test.csv")
    assert list(actuals.frame["note"]) == ["café 5 €"]
    assert list(actuals.frame["number"]) == [3]
    with pytest.raises(ValidationFailed) as caught:
        parse_actuals(text.encode("utf-16"), small_plan, "test.csv")
    assert "geen UTF-8" in caught.value.problems[0].message


def test_missing_file(tmp_path, small_plan):
    with pytest.raises(ValidationFailed) as caught:
        read_actuals(tmp_path / "cijfers.csv", small_plan)
    assert caught.value.problems[0].message == "bestand niet gevonden"


def test_row_with_more_cells_than_columns_is_refused(make_actuals, small_plan):
    problems = problems_of(make_actuals, [HEADER, "groepen,2014,d1,3,2"], small_plan)
    assert problems[0].row == 2


def test_spaces_after_delimiter_in_header(make_actuals, small_plan):
    actuals = make_actuals(["indicator, year, district, value", "groepen, 2014, d1, 3"], small_plan)
    assert actuals.frame.iloc[0]["number"] == 3.0


# ------------------------------------------------------------------ writing


def _comparable(actuals):
    frame = actuals.frame[list(COLUMNS) + ["number", "reached_on", "flag", "row"]]
    return frame.reset_index(drop=True)


def test_write_and_read_back_example(tmp_path, plan, example_actuals):
    path = tmp_path / "actuals.csv"
    write_actuals(example_actuals, path)
    again = read_actuals(path, plan)
    assert again.meta == example_actuals.meta
    assert _comparable(again).equals(_comparable(example_actuals))
    assert path.read_text(encoding="utf-8").startswith(
        "# example: ja\n# reporting_date: 2014-10-01\n"
    )


def test_write_and_read_back_without_metadata(tmp_path, make_actuals, decimal_plan):
    lines = [HEADER, 'groepen,2014,d1,"3,2"', "monitor,2014,,1-8-2014", "overleg,2014,,ja"]
    actuals = make_actuals(lines, decimal_plan)
    path = tmp_path / "actuals.csv"
    write_actuals(actuals, path)
    again = read_actuals(path, decimal_plan)
    assert path.read_text(encoding="utf-8").startswith(",".join(COLUMNS) + "\n")
    assert _comparable(again).equals(_comparable(actuals))
    assert [p.name for p in tmp_path.iterdir()] == ["actuals.csv"]


def test_write_is_atomic(tmp_path, monkeypatch, make_actuals, small_plan):
    path = tmp_path / "actuals.csv"
    original = "indicator,year,district,value\ngroepen,2013,d1,7\n"
    path.write_text(original, encoding="utf-8")
    actuals = make_actuals([HEADER, GOOD_ROW], small_plan)

    def fail(src, dst):
        raise OSError("schijf vol")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="schijf vol"):
        write_actuals(actuals, path)
    assert path.read_text(encoding="utf-8") == original
    assert [p.name for p in tmp_path.iterdir()] == ["actuals.csv"]


@pytest.mark.parametrize(
    ("text", "number", "message"),
    [
        ("1.234,5", 1234.5, None),
        ("1.234.567", 1234567.0, None),
        ("0.500", 0.5, None),
        ("3.2", 3.2, None),
        ("1.234", None, "dubbelzinnig"),
    ],
)
def test_dutch_thousands_separators(text, number, message):
    from lib.figures.rows import parse_value

    typed, problem = parse_value("level", text)
    assert typed["number"] == number
    assert (problem is None) if message is None else (message in problem)
