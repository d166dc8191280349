"""Dutch formatting: 1.234,5, signed differences, percentages and 1 oktober 2014."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from lib import fmt


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567, 1, "1.234.567"),
        (3.0, 1, "3"),
        (3.24, 1, "3,2"),
        (27.507, 1, "27,5"),
        (0, 1, "0"),
        (2.345, 2, "2,35"),
        (75.07, 0, "75"),
        (None, 1, "–"),
        (math.nan, 1, "–"),
    ],
)
def test_number(value, decimals, text):
    assert fmt.number(value, decimals) == text


def test_number_empty_text():
    assert fmt.number(None, empty="") == ""


@pytest.mark.parametrize(
    ("value", "text"),
    [(5, "+5"), (-2.5, "−2,5"), (0, "0"), (1234.5, "+1.234,5"), (None, "–"), (math.nan, "–")],
)
def test_signed(value, text):
    assert fmt.signed(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(65, "65%"), (65.4, "65%"), (100, "100%"), (1234, "1.234%"), (None, "–")],
)
def test_percent(value, text):
    assert fmt.percent(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (date(2014, 10, 1), "1 oktober 2014"),
        (date(2014, 7, 31), "31 juli 2014"),
        (datetime(2014, 3, 5, 16, 30), "5 maart 2014"),
        ("2014-10-01T16:30:00", "1 oktober 2014"),
        (None, "–"),
        ("", "–"),
    ],
)
def test_long_date(value, text):
    assert fmt.long_date(value) == text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (24, "groepen", "24 groepen"),
        (3.2, "FTE", "3,2 FTE"),
        (50, "", "50"),
        (None, "groepen", "– groepen"),
    ],
)
def test_quantity(value, unit, text):
    assert fmt.quantity(value, unit) == text


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (0, "Geen conceptcijfers wachten"),
        (1, "1 conceptcijfer wacht"),
        (1234, "1.234 conceptcijfers wachten"),
    ],
)
def test_waiting_concepts_in_plain_dutch(count, text):
    assert fmt.waiting_concepts(count) == text


@pytest.mark.parametrize(
    ("items", "text"),
    [
        ([], ""),
        (["Haven"], "Haven"),
        (["Haven", "Stad"], "Haven en Stad"),
        (["Haven", "Stad", "Buiten"], "Haven, Stad en Buiten"),
    ],
)
def test_listing_enumerates_the_dutch_way(items, text):
    assert fmt.listing(items) == text
