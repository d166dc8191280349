"""Dates and periods: deadlines of plan periods, progress through a year, Dutch and ISO dates."""

from __future__ import annotations

from datetime import date

import pytest

from lib.plan.periods import months_between, parse_date, parse_period_end, year_fraction


@pytest.mark.parametrize(
    ("period", "end"),
    [
        ("2013", date(2013, 12, 31)),
        ("2014-07", date(2014, 7, 31)),
        ("2014-08", date(2014, 8, 31)),
        ("2013-02", date(2013, 2, 28)),
        ("2012-02", date(2012, 2, 29)),
        ("2014-09-15", date(2014, 9, 15)),
        (" 2014 ", date(2014, 12, 31)),
        (2014, date(2014, 12, 31)),
        ("2014-13", None),
        ("2014-02-30", None),
        ("2014-7", None),
        ("juli 2014", None),
        ("14", None),
        ("", None),
    ],
)
def test_parse_period_end(period, end):
    assert parse_period_end(period) == end


@pytest.mark.parametrize(
    ("as_of", "year", "fraction"),
    [
        (date(2013, 12, 31), 2014, 0.0),
        (date(2014, 1, 1), 2014, 1 / 365),
        (date(2014, 10, 1), 2014, 274 / 365),
        (date(2014, 12, 30), 2014, 364 / 365),
        (date(2014, 12, 31), 2014, 1.0),
        (date(2015, 6, 1), 2014, 1.0),
        (date(2012, 12, 30), 2012, 365 / 366),
    ],
)
def test_year_fraction(as_of, year, fraction):
    assert year_fraction(as_of, year) == pytest.approx(fraction)


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        # Whole calendar months, rounded down: a day short of a month is 0 months.
        (date(2014, 7, 31), date(2014, 8, 30), 0),
        (date(2014, 7, 31), date(2014, 8, 31), 1),
        (date(2014, 8, 31), date(2014, 10, 1), 1),  # 31 days
        (date(2014, 7, 31), date(2014, 9, 15), 1),
        (date(2014, 7, 31), date(2014, 9, 30), 2),
        (date(2014, 7, 31), date(2014, 8, 1), 0),
        (date(2014, 7, 1), date(2014, 7, 20), 0),
        (date(2014, 7, 1), date(2014, 7, 31), 0),
        (date(2014, 7, 1), date(2014, 8, 1), 1),
        (date(2013, 12, 31), date(2014, 2, 10), 1),
        (date(2014, 1, 31), date(2014, 2, 27), 0),
        (date(2014, 1, 31), date(2014, 2, 28), 1),  # February has no 31st: its last day counts
        (date(2012, 2, 29), date(2013, 2, 28), 12),
        (date(2013, 12, 31), date(2015, 12, 30), 23),
        (date(2014, 7, 31), date(2014, 7, 31), 0),
        (date(2014, 7, 31), date(2014, 7, 1), 0),
    ],
)
def test_months_between(earlier, later, months):
    assert months_between(earlier, later) == months


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("2014-08-01", date(2014, 8, 1)),
        ("1-8-2014", date(2014, 8, 1)),
        ("01-08-2014", date(2014, 8, 1)),
        (" 30-9-2014 ", date(2014, 9, 30)),
        ("2014-10-01T16:30:00", date(2014, 10, 1)),
        ("2014-09-30 00:00:00", date(2014, 9, 30)),  # a spreadsheet's date cell as text
        # text after the date: a milestone 'expected' was stored as reached on that day
        ("2014-12-01 verwacht", None),
        ("2014-08-311", None),
        ("2014-09-30 ongeveer", None),
        ("2014-8-1", None),
        ("1/8/2014", None),
        ("32-1-2014", None),
        ("2014-02-30", None),
        ("nee", None),
        ("", None),
    ],
)
def test_parse_date(text, parsed):
    assert parse_date(text) == parsed
