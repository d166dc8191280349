"""Formula neutralisation for CSV and Excel exports, and its undoing on import."""

import pytest

from lib.cells import neutralise, restore


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
