"""Dutch formatting: 1.234,5, signed differences, percentages and 1 oktober 2014."""

from __future__ import annotations

import math
import re
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


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("2014", 2014),
        ("007", 7),
        ("²", None),
        ("٢٠١٤", None),
        ("2014,5", None),
        ("", None),
        (" 1", None),
    ],
)
def test_digits_reads_plain_ascii_digits_only(text, number):
    assert fmt.digits(text) == number


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


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "0 doelen"), (1, "1 doel"), (2, "2 doelen"), (1250, "1.250 doelen")],
)
def test_count_says_one_in_the_singular(n, text):
    assert fmt.count(n, "doel", "doelen") == text


def test_no_count_of_one_in_the_plural_on_the_pages(plan, example_actuals):
    """'1 doelen', '1 locaties', '1 mijlpalen' were seen: every unit of one is singular."""
    from datetime import date

    from lib.charts.districts import district_profile
    from lib.charts.timeline import describe_milestones, milestone_rows
    from lib.progress.compare import progress_table
    from lib.views.overview import agenda_headline, overview_table

    progress = progress_table(plan, example_actuals, date(2014, 10, 1), district="all")
    texts = [
        *overview_table(progress, plan, 2014)[["Doel", "Stand"]].to_numpy().ravel(),
        *[
            agenda_headline(progress[progress["district"] == ""], n, y)
            for n in range(1, 6)
            for y in (2012, 2013, 2014)
        ],
        describe_milestones(
            milestone_rows(progress[(progress["district"] == "") & (progress["agenda_item"] == 2)])
        ),
        *progress["detail"],
    ]
    for district in plan.district_ids():
        texts += list(
            district_profile(progress, district, 2014, plan)[["Stand wijk", "Stand stad"]]
            .to_numpy()
            .ravel()
        )
    plurals = {i.unit for i in plan.indicators if i.unit_singular} | {"doelen", "mijlpalen"}
    wrong = [
        t
        for t in texts
        if any(re.search(rf"(?<![\d.,])1 {re.escape(u)}\b", str(t)) for u in plurals)
    ]
    assert not wrong, wrong
    # Not vacuous: the example figures do have counts of one.
    assert any(re.search(r"(?<![\d.,])1 [a-z]", str(t)) for t in texts)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014-09-23T08:50:00", "23 september 2014, 08:50"),
        ("2014-09-23 08:50", "23 september 2014, 08:50"),
        ("2014-09-23", "23 september 2014"),
        ("", "–"),
        (None, "–"),
    ],
)
def test_a_moment_is_a_dutch_date_with_its_time(value, expected):
    assert fmt.moment(value) == expected


def test_a_file_name_drops_what_windows_refuses():
    assert (
        fmt.file_name('Geschiedenis Plan: "A/B" <2014>?.xlsx ') == "Geschiedenis Plan AB 2014.xlsx"
    )
