"""Judging one row: every kind of target against every status it can get, and the facts behind."""

from __future__ import annotations

from datetime import date

import pytest

from lib.plan.load import parse_plan
from lib.progress.judge import Facts, judge
from lib.status import BEHIND, MET, NO_DATA, NO_TARGET, NOT_YET, ON_TRACK, STATUS_ORDER, label

AS_OF = date(2014, 10, 1)  # 2014 is the running year: 2013 has ended, 2015 lies ahead
DEADLINE = date(2014, 7, 31)
UNITS = {
    "level": "groepen",
    "cumulative": "locaties",
    "per_year": "kinderen",
    "range": "huisbezoeken",
    "maintain": "startgroepen",
    "milestone": "mijlpaal",
    "commitment": "ja/nee",
}


def facts(kind: str, **given) -> Facts:
    values = {"unit": UNITS[kind], "year": 2014, "as_of": AS_OF, "district": ""}
    return Facts(kind=kind, **{**values, **given})


RANGE = {"target": 50.0, "target_min": 50.0, "target_max": 70.0}

# (facts, status, detail): detail "" means exactly empty, otherwise it must appear in the detail.
CASES = [
    # level: the running year follows a straight path from the previous level to the target
    pytest.param(
        facts("level", year=2013, target=20, start=10, number=20), MET, "", id="level-met"
    ),
    pytest.param(facts("level", target=30, start=20, number=31), MET, "", id="level-met-early"),
    pytest.param(
        facts("level", year=2015, target=40, start=30, number=45), MET, "", id="level-met-ahead"
    ),
    pytest.param(
        facts("level", year=2013, target=20, start=10, number=15),
        BEHIND,
        "5 groepen onder het doel",
        id="level-ended-short",
    ),
    pytest.param(
        facts("level", target=30, start=20, number=28),
        ON_TRACK,
        "planpad op peildatum: 27,5",
        id="level-on-path",
    ),
    pytest.param(
        facts("level", target=30, start=20, number=27),
        BEHIND,
        "0,5 onder het planpad (27,5)",
        id="level-below-path",
    ),
    pytest.param(
        facts("level", target=30, start=None, number=29),
        BEHIND,
        "1 onder het planpad (30)",
        id="level-no-start-flat-path",
    ),
    pytest.param(
        facts("level", target=30, start=20),
        NO_DATA,
        "nog geen cijfer ingevoerd",
        id="level-no-figure",
    ),
    pytest.param(
        facts("level", year=2013, target=20, start=10),
        NO_DATA,
        "nog geen cijfer",
        id="level-ended-no-figure",
    ),
    pytest.param(
        facts("level", year=2015, target=40, start=30),
        NOT_YET,
        "2015 begint na de peildatum",
        id="level-future",
    ),
    pytest.param(
        facts("level", year=2015, target=40, start=30, number=35),
        NOT_YET,
        "2015 begint na de peildatum",
        id="level-future-below",
    ),
    pytest.param(
        facts("level", number=5),
        NO_TARGET,
        "het plan stelt voor 2014 geen doel",
        id="level-no-target",
    ),
    pytest.param(
        facts("level", target=0, start=0, number=5),
        NO_TARGET,
        "doel is 0: het plan zet in 2014 nog niets in",
        id="level-target-zero",
    ),
    pytest.param(
        facts("level", district="w01", number=4),
        NO_TARGET,
        "het plan stelt hier alleen een stedelijk doel",
        id="level-district-without-target",
    ),
    # cumulative: judged on the cumulative level
    pytest.param(facts("cumulative", target=15, start=10, number=15), MET, "", id="cumulative-met"),
    pytest.param(
        facts("cumulative", target=15, start=10, number=14),
        ON_TRACK,
        "planpad op peildatum: 13,8",
        id="cumulative-on-path",
    ),
    pytest.param(
        facts("cumulative", target=15, start=10, number=13),
        BEHIND,
        "onder het planpad (13,8)",
        id="cumulative-below-path",
    ),
    pytest.param(
        facts("cumulative", year=2013, target=10, start=5, number=9),
        BEHIND,
        "1 locaties onder het doel",
        id="cumulative-ended-short",
    ),
    pytest.param(facts("cumulative", target=15, start=10), NO_DATA, "", id="cumulative-no-figure"),
    pytest.param(
        facts("cumulative", year=2015, target=20, start=15), NOT_YET, "", id="cumulative-future"
    ),
    # per_year: the path starts at 0 on 1 January
    pytest.param(
        facts("per_year", target=100, start=0, number=76),
        ON_TRACK,
        "planpad op peildatum: 75,1",
        id="per_year-on-path",
    ),
    pytest.param(
        facts("per_year", target=100, start=0, number=75),
        BEHIND,
        "onder het planpad (75,1)",
        id="per_year-below-path",
    ),
    pytest.param(
        facts("per_year", year=2013, target=100, start=0, number=100), MET, "", id="per_year-met"
    ),
    pytest.param(
        facts("per_year", year=2013, target=100, start=0, number=99),
        BEHIND,
        "1 kinderen onder het doel",
        id="per_year-ended-short",
    ),
    pytest.param(facts("per_year", target=100, start=0), NO_DATA, "", id="per_year-no-figure"),
    pytest.param(
        facts("per_year", year=2015, target=100, start=0), NOT_YET, "", id="per_year-future"
    ),
    pytest.param(
        facts("per_year", year=2012, number=10), NO_TARGET, "geen doel", id="per_year-no-target"
    ),
    # range: at least the lower bound; above the upper bound is still met, and said so
    pytest.param(
        facts("range", year=2013, start=0, number=74, **RANGE),
        MET,
        "boven bereik",
        id="range-above",
    ),
    pytest.param(
        facts("range", year=2013, start=0, number=60, **RANGE),
        MET,
        "binnen bereik",
        id="range-within",
    ),
    pytest.param(
        facts("range", year=2013, start=0, number=70, **RANGE),
        MET,
        "binnen bereik",
        id="range-at-max",
    ),
    pytest.param(
        facts("range", year=2013, start=0, number=50, **RANGE),
        MET,
        "binnen bereik",
        id="range-at-min",
    ),
    pytest.param(
        facts("range", year=2013, start=0, number=45, **RANGE),
        BEHIND,
        "5 huisbezoeken onder het doel",
        id="range-below",
    ),
    pytest.param(
        facts("range", start=0, number=38, **RANGE),
        ON_TRACK,
        "planpad op peildatum: 37,5",
        id="range-on-path",
    ),
    pytest.param(
        facts("range", start=0, number=37, **RANGE),
        BEHIND,
        "onder het planpad",
        id="range-below-path",
    ),
    pytest.param(facts("range", start=0, **RANGE), NO_DATA, "", id="range-no-figure"),
    pytest.param(facts("range", year=2015, start=0, **RANGE), NOT_YET, "", id="range-future"),
    pytest.param(
        facts("range", start=0, number=0, target=0, target_min=0, target_max=10),
        MET,
        "binnen bereik",
        id="range-from-zero-is-a-target",
    ),
    # maintain: the path is flat, so anything below the level is behind at once
    pytest.param(facts("maintain", target=4, start=4, number=4), MET, "", id="maintain-met"),
    pytest.param(
        facts("maintain", target=4, start=4, number=3),
        BEHIND,
        "1 onder het planpad (4)",
        id="maintain-below",
    ),
    pytest.param(
        facts("maintain", as_of=date(2014, 1, 2), target=4, start=4, number=3),
        BEHIND,
        "1 onder het planpad (4)",
        id="maintain-below-in-january",
    ),
    pytest.param(
        facts("maintain", year=2013, target=4, start=4, number=3),
        BEHIND,
        "1 startgroepen onder het doel",
        id="maintain-ended-short",
    ),
    pytest.param(facts("maintain", target=4, start=4), NO_DATA, "", id="maintain-no-figure"),
    pytest.param(
        facts("level", target=20, start=10, counted_later=date(2014, 10, 15)),
        NO_DATA,
        "cijfer geteld op 15 oktober 2014, na de peildatum",
        id="level-counted-after-peildatum",
    ),
    pytest.param(
        facts("commitment", commitment="x", counted_later=date(2014, 10, 15)),
        NO_DATA,
        "cijfer geteld op 15 oktober 2014, na de peildatum",
        id="commitment-counted-after-peildatum",
    ),
    pytest.param(
        facts("maintain", year=2015, target=4, start=4), NOT_YET, "", id="maintain-future"
    ),
    # milestone: reached on or before the reporting date; late is still met, and says how late
    pytest.param(
        facts("milestone", deadline=DEADLINE, reached_on=date(2014, 7, 15)),
        MET,
        "op tijd",
        id="milestone-early",
    ),
    pytest.param(
        facts("milestone", deadline=DEADLINE, reached_on=DEADLINE),
        MET,
        "op tijd",
        id="milestone-on-deadline",
    ),
    pytest.param(
        facts("milestone", deadline=DEADLINE, reached_on=date(2014, 9, 15)),
        MET,
        "1 maand te laat",
        id="milestone-late",
    ),
    pytest.param(
        facts("milestone", deadline=DEADLINE, reached_on=date(2014, 8, 1)),
        MET,
        "1 dag te laat",
        id="milestone-one-day-late",
    ),
    pytest.param(
        facts("milestone", deadline=DEADLINE, reached_on=date(2014, 8, 20)),
        MET,
        "20 dagen te laat",
        id="milestone-days-late",
    ),
    pytest.param(
        facts("milestone", deadline=DEADLINE, reached_on=date(2014, 8, 30)),
        MET,
        "30 dagen te laat",
        id="milestone-a-day-short-of-a-month-late",
    ),
    pytest.param(
        facts("milestone", deadline=DEADLINE, reached_on=date(2014, 8, 31)),
        MET,
        "1 maand te laat",
        id="milestone-one-month-late",
    ),
    pytest.param(
        facts("milestone", deadline=DEADLINE, reached_on=AS_OF),
        MET,
        "2 maanden te laat",
        id="milestone-reached-on-reporting-date",
    ),
    pytest.param(
        facts("milestone", deadline=DEADLINE, reached_on=date(2014, 10, 15)),
        BEHIND,
        "2 maanden over de deadline",
        id="milestone-reached-after-reporting-date",
    ),
    pytest.param(
        facts("milestone", deadline=DEADLINE),
        BEHIND,
        "2 maanden over de deadline",
        id="milestone-missed",
    ),
    pytest.param(
        facts("milestone", deadline=date(2014, 8, 31)),
        BEHIND,
        "1 maand over de deadline",  # 31 days: a whole month, not two
        id="milestone-31-days-over",
    ),
    pytest.param(
        facts("milestone", deadline=date(2014, 9, 11)),
        BEHIND,
        "20 dagen over de deadline",
        id="milestone-days-over",
    ),
    pytest.param(
        facts("milestone", as_of=date(2014, 6, 1), deadline=DEADLINE),
        NOT_YET,
        "deadline 31 juli 2014",
        id="milestone-not-due",
    ),
    pytest.param(
        facts("milestone", as_of=DEADLINE, deadline=DEADLINE),
        NOT_YET,
        "deadline 31 juli 2014",
        id="milestone-due-today",
    ),
    pytest.param(
        facts("milestone", as_of=date(2014, 6, 1), deadline=DEADLINE, reached_on=date(2014, 7, 1)),
        NOT_YET,
        "deadline 31 juli 2014",
        id="milestone-not-due-reached-later",
    ),
    pytest.param(
        facts("milestone", year=2013),
        NO_TARGET,
        "de mijlpaal valt niet in 2013",
        id="milestone-other-year",
    ),
    # commitment: yes is met; no is behind for the whole year; nothing said yet is no data
    pytest.param(
        facts("commitment", commitment="Overleg", flag=True), MET, "", id="commitment-yes"
    ),
    pytest.param(
        facts("commitment", year=2015, commitment="Overleg", flag=True),
        MET,
        "",
        id="commitment-yes-ahead",
    ),
    pytest.param(
        facts("commitment", commitment="Overleg", flag=False),
        BEHIND,
        "nog niet nagekomen",
        id="commitment-no",
    ),
    pytest.param(
        facts("commitment", year=2013, commitment="Overleg", flag=False),
        BEHIND,
        "niet nagekomen",
        id="commitment-no-ended",
    ),
    pytest.param(
        facts("commitment", commitment="Overleg"),
        NO_DATA,
        "nog niet beoordeeld",
        id="commitment-unknown",
    ),
    pytest.param(
        facts("commitment", year=2013, commitment="Overleg"),
        NO_DATA,
        "nog niet beoordeeld",
        id="commitment-unknown-ended",
    ),
    pytest.param(
        facts("commitment", year=2015, commitment="Overleg"),
        NOT_YET,
        "2015 begint na de peildatum",
        id="commitment-future",
    ),
    pytest.param(
        facts("commitment", year=2015, commitment="Overleg", flag=False),
        NOT_YET,
        "",
        id="commitment-no-ahead",
    ),
    pytest.param(
        facts("commitment"), NO_TARGET, "geen toezegging voor 2014", id="commitment-none-this-year"
    ),
]


@pytest.mark.parametrize(("given", "status", "detail"), CASES)
def test_judge(given, status, detail):
    verdict = judge(given)
    assert verdict.status == status
    if detail and given.kind == "milestone":  # whole: "1 dag" is also in "31 dagen"
        assert verdict.detail == detail
    elif detail:
        assert detail in verdict.detail
    elif status == MET and given.kind not in ("range", "milestone"):
        assert verdict.detail == ""


@pytest.mark.parametrize(("given", "status", "detail"), CASES)
def test_explanation_is_dutch_text(given, status, detail):
    explanation = judge(given).explanation
    assert explanation.strip() and explanation[0].isupper() and explanation.endswith(".")
    assert "None" not in explanation and "nan" not in explanation
    if status in (MET, ON_TRACK, BEHIND):
        assert "Regel:" in explanation


def test_every_status_and_kind_is_covered():
    covered = {(c.values[0].kind, c.values[1]) for c in CASES}
    assert {status for _, status in covered} == set(STATUS_ORDER)
    assert {kind for kind, _ in covered} == set(UNITS)


def test_explanation_shows_the_path():
    explanation = judge(facts("level", target=30, start=20, number=28)).explanation
    assert "Doel 2014: 30 groepen (startpunt eind 2013: 20)" in explanation
    assert "Planpad op 1 oktober 2014 (peildatum): 27,5" in explanation


def test_path_is_taken_at_the_count_date_when_counted_earlier():
    # Counted on 1 July (day 182 of 365): path 20 + 10 * 182/365 = 24,99, not 27,5 at the peildatum.
    verdict = judge(facts("level", target=30, start=20, number=25, counted_on=date(2014, 7, 1)))
    assert verdict.status == ON_TRACK
    assert "planpad op teldatum: 25" in verdict.detail
    assert "1 juli 2014 (teldatum)" in verdict.explanation
    # The same figure held against the path at the peildatum would be behind.
    assert judge(facts("level", target=30, start=20, number=25)).status == BEHIND


def test_ended_year_names_the_last_count():
    verdict = judge(
        facts("per_year", year=2013, start=0, target=150, number=104, counted_on=date(2013, 9, 30))
    )
    assert verdict.status == BEHIND
    assert "laatste telling 30 september 2013" in verdict.detail


def test_singular_unit_for_one():
    verdict = judge(facts("level", target=3, start=0, number=1, unit_singular="groep"))
    assert "stand: 1 groep." in verdict.explanation


def test_explanation_of_range_shows_both_bounds():
    explanation = judge(facts("range", year=2013, start=0, number=74, **RANGE)).explanation
    assert "50 tot 70 huisbezoeken" in explanation


@pytest.mark.parametrize(
    ("year", "as_of", "phase"),
    [
        (2014, date(2013, 12, 31), "future"),
        (2014, date(2014, 1, 1), "current"),
        (2014, date(2014, 12, 31), "current"),
        (2014, date(2015, 1, 1), "ended"),
    ],
)
def test_phase(year, as_of, phase):
    assert facts("level", year=year, as_of=as_of).phase == phase


def test_statuses_are_the_six_dutch_words():
    assert STATUS_ORDER == [
        "achter",
        "geen gegevens",
        "op koers",
        "behaald",
        "nog niet aan de orde",
        "geen doel",
    ]
    assert label(MET) == "✔ behaald"


# ------------------------------------------------------------------ facts from the plan

# (indicator, year, district) -> what the plan says for that row
FOR_ROW = [
    pytest.param("groepen", 2014, "", {"target": 30, "start": 20}, id="level-previous-level"),
    pytest.param("groepen", 2012, "", {"target": 10, "start": 0}, id="level-baseline"),
    pytest.param("locaties", 2012, "", {"target": 5, "start": 2}, id="cumulative-baseline"),
    pytest.param("locaties", 2014, "", {"target": 15, "start": 10}, id="cumulative-previous-level"),
    pytest.param("kinderen", 2014, "", {"target": 100, "start": 0}, id="per_year-from-zero"),
    pytest.param("kinderen", 2012, "", {"target": None}, id="per_year-no-target"),
    pytest.param(
        "bezoeken",
        2014,
        "",
        {"target": 50, "target_min": 50, "target_max": 70, "start": 0},
        id="range-bounds",
    ),
    pytest.param("startgroepen", 2014, "", {"target": 4, "start": 4}, id="maintain-flat"),
    pytest.param("monitor", 2014, "", {"deadline": DEADLINE}, id="milestone-year"),
    pytest.param("monitor", 2013, "", {"deadline": None}, id="milestone-other-year"),
    pytest.param(
        "overleg", 2014, "", {"commitment": "Werkgroep overlegt elke 6 weken"}, id="commitment"
    ),
    pytest.param("overleg", 2013, "", {"commitment": None}, id="commitment-other-year"),
    pytest.param(
        "groepen", 2014, "d1", {"target": 20, "start": 0, "target_max": None}, id="district-own"
    ),
    pytest.param("groepen", 2014, "d2", {"target": 10, "start": 0}, id="district-all"),
    pytest.param("groepen", 2013, "d1", {"target": None}, id="district-no-target"),
    pytest.param("groepen", 2015, "d1", {"target": None, "start": 20}, id="district-after-target"),
]


@pytest.mark.parametrize(("indicator_id", "year", "district", "expected"), FOR_ROW)
def test_facts_for_row(small_plan, indicator_id, year, district, expected):
    indicator = small_plan.indicator(indicator_id)
    record = {"number": 7.0}
    got = Facts.for_row(indicator, year, district, record, AS_OF, small_plan.plan.first_year)
    assert (got.kind, got.year, got.district, got.number) == (indicator.kind, year, district, 7.0)
    for name, value in expected.items():
        assert getattr(got, name) == value, name


def test_district_target_of_flow_starts_at_zero(small_plan_text):
    flow = "    targets: {2013: 100, 2014: 100, 2015: 100}\n"
    text = small_plan_text.replace(flow, flow + "    district_targets:\n      all: {2014: 40}\n")
    indicator = parse_plan(text).indicator("kinderen")
    got = Facts.for_row(indicator, 2014, "d1", {"number": 32.0}, AS_OF, 2012)
    assert got.start == 0
    assert judge(got).status == ON_TRACK  # path on 1 October: 40 * 274/365 = 30
