"""Formula neutralisation for CSV and Excel exports, its undoing on import, and the refusal of a
CSV cell that starts like a formula."""

import pytest

from lib.cells import formula_problem, neutralise, restore, starts_like_formula


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
