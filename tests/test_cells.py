"""Formula neutralisation for CSV and Excel exports, its undoing on import, and the refusal of a
CSV cell that starts like a formula."""

import pytest

from lib.cells import csv_cell, formula_problem, neutralise, restore, starts_like_formula


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://x","klik")', '\'=HYPERLINK("http://x","klik")'),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2 correctie", "'-2 correctie"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tinspringing", "'\tinspringing"),
        ("\rregel", "'\rregel"),
        ("gewone tekst", "gewone tekst"),
        ("", ""),
        ("'al met apostrof", "'al met apostrof"),
    ],
)
def test_neutralise_and_restore_round_trip(text, written):
    assert neutralise(text) == written
    assert restore(written) == text
    assert restore(restore(written)) == text  # a second import does not strip more


@pytest.mark.parametrize("number", [12, 3.5, -2, 0])
def test_numbers_stay_numbers(number):
    assert neutralise(number) == number


@pytest.mark.parametrize(
    ("text", "formula"),
    [
        ('=HYPERLINK("http://x","klik")', True),
        ("+31 6 1234", True),
        ("@SUM(A1)", True),
        ("-x", True),
        ("--zie notulen", True),
        ("-5 groepen", False),
        ("- zie notitie", False),
        ("-5", False),
        ("-", False),
        ("'=HYPERLINK(1)", False),  # as our export writes it: text
        ("gewone tekst", False),
        ("", False),
    ],
)
def test_what_starts_like_a_formula(text, formula):
    assert starts_like_formula(text) is formula
    assert (formula_problem("f.csv", text, 3, "Actie (kolom B)") is not None) is formula


def test_the_refusal_names_row_column_and_the_start_of_the_cell():
    problem = formula_problem("f.csv", '=HYPERLINK("http://x","klik")' + "x" * 50, 3, "kolom B")
    assert str(problem).startswith(
        "f.csv, rij 3, veld 'kolom B': de cel begint met '=' en zou in een spreadsheet een "
        'formule worden (=HYPERLINK("http://x","klik")xxxxxxxxxxx…)'
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        # Excel with Dutch settings splits a comma-separated file at semicolons, and an unquoted
        # line break ends its row: what follows would be a cell of its own.
        ("zie notulen;=HYPERLINK(1)", "zie notulen;'=HYPERLINK(1)"),
        ("eerste regel\n+31 6 1234", "eerste regel\n'+31 6 1234"),
        ('a,"=1+1"', 'a,\'"=1+1"'),
        ("=1;@SUM(A1)", "'=1;'@SUM(A1)"),
        # Text stays as it is: a list, a negative number, a decimal comma.
        ("Maatregelen:\n- werving\n- scholing", "Maatregelen:\n- werving\n- scholing"),
        ("stand 12;-3 t.o.v. 2013", "stand 12;-3 t.o.v. 2013"),
        ("3,5 FTE", "3,5 FTE"),
    ],
)
def test_a_csv_cell_is_inert_wherever_excel_may_split_it(text, written):
    assert csv_cell(text) == written
    assert restore(written) == text
    assert neutralise("x" + text) == "x" + text  # a workbook's cell is never split


@pytest.mark.parametrize("number", [-2, 3.5])
def test_a_csv_cell_keeps_numbers(number):
    assert csv_cell(number) == number
