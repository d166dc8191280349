"""lib/figures/plausible: a valid figure that looks mistyped gets a 'Let op' before it is saved."""

from __future__ import annotations

import pytest

from lib.figures.plausible import doubt

GROUPS = "hbo_coach_vve_groepen"  # level, per wijk, city target 40 in 2014
VISITS = "huisbezoeken"  # range 50 tot 70 in 2014


@pytest.mark.parametrize(
    ("key", "old", "new", "expected"),
    [
        # A zero too many or too few against the previous figure.
        (
            (GROUPS, 2014, "w01"),
            "4",
            "40",
            "40 is minstens 10 keer het vorige cijfer (4); een nul te veel?",
        ),
        (
            (VISITS, 2014, ""),
            "41",
            "4",
            "4 is hoogstens een tiende van het vorige cijfer (41); een cijfer vergeten?",
        ),
        # No previous figure: against the target, a range's upper bound.
        (
            (VISITS, 2014, ""),
            None,
            "700",
            "700 is minstens 10 keer het doel (70); klopt dat?",
        ),
        (
            (GROUPS, 2014, ""),
            None,
            "400",
            "400 is minstens 10 keer het doel (40); klopt dat?",
        ),
        # Above 0 and below a hundredth: 1e-20 FTE was stored without a word.
        (
            ("hbo_coach_fte", 2014, ""),
            "3,2",
            "0,00000000000000000001",
            "0,00000000000000000001 is kleiner dan 0,01; een komma te ver?",
        ),
        # Ordinary changes, small counts growing, and what has no number are left alone.
        ((GROUPS, 2014, "w01"), "4", "39", ""),
        ((GROUPS, 2014, "w01"), "1", "10", ""),  # tenfold, but a gap of 9
        ((GROUPS, 2014, "w01"), "0", "12", ""),
        ((GROUPS, 2014, "w01"), None, "400", ""),  # a wijk without a target of its own
        ((GROUPS, 2014, "w01"), "4", None, ""),  # a removal
        ((VISITS, 2014, ""), None, "69", ""),
        (("ad_pedagogiek_start", 2014, ""), "nee", "2014-09-01", ""),
        (("kindvolgsysteem_alle_organisaties", 2014, ""), "nee", "ja", ""),
        (("onbekend", 2014, ""), "1", "100", ""),
    ],
)
def test_a_figure_that_looks_mistyped_gets_a_warning(plan, key, old, new, expected):
    assert doubt(plan, key, old, new) == expected


def test_decimals_are_compared_as_numbers(plan):
    assert doubt(plan, ("hbo_coach_fte", 2014, ""), "3,2", "32") == (
        "32 is minstens 10 keer het vorige cijfer (3,2); een nul te veel?"
    )
    assert doubt(plan, ("hbo_coach_fte", 2014, ""), "3,2", "3,6") == ""
