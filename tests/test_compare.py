"""The comparison: progress rows for the example figures, district rows, the reporting date,
the summary per agenda item and the projection to the plan's last year."""

from __future__ import annotations

import math
from datetime import date

import pytest

from lib.progress.compare import PROGRESS_COLUMNS, agenda_summary, progress_table
from lib.progress.projection import project
from lib.status import STATUS_ORDER

AS_OF = date(2014, 10, 1)
HEADER = "indicator,year,district,value,counted_on"


@pytest.fixture(scope="module")
def table(plan, example_actuals):
    """City and district rows for every year, judged on the example reporting date."""
    return progress_table(plan, example_actuals, AS_OF, district="all")


def row(table, indicator: str, year: int, district: str = "") -> dict:
    found = table[
        (table["indicator"] == indicator)
        & (table["year"] == year)
        & (table["district"] == district)
    ]
    assert len(found) == 1, (indicator, year, district, len(found))
    return plain(found.iloc[0].to_dict())


def plain(record: dict) -> dict:
    """NaN, which pandas puts in numeric columns for a missing value, as None."""
    return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in record.items()}


def records(frame) -> list[dict]:
    return [plain(r) for r in frame.to_dict("records")]


def district_sum(actuals, indicator: str, year: int) -> float:
    frame = actuals.frame
    chosen = frame[
        (frame["indicator"] == indicator) & (frame["year"] == year) & (frame["district"] != "")
    ]
    return float(chosen["number"].sum())


# ------------------------------------------------------------------ concrete rows of the example


def test_columns(table):
    assert list(table.columns) == PROGRESS_COLUMNS


def test_city_actual_is_sum_of_districts(table, example_actuals):
    got = row(table, "hbo_coach_vve_groepen", 2014)
    assert got["actual"] == district_sum(example_actuals, "hbo_coach_vve_groepen", 2014) == 26
    assert (got["target"], got["status"]) == (40, "achter")
    assert (got["difference"], got["percentage"]) == (-14, 65)
    # counted on 30 September: the path at that date is 40 * 273/365 = 29,9
    assert "onder het planpad (29,9)" in got["detail"]


@pytest.mark.parametrize(
    ("indicator", "year", "actual", "status"),
    [
        ("vve_thuis_groepen", 2014, 28, "op koers"),
        ("vve_thuis_groepen", 2013, 21, "behaald"),
        ("hbo_coach_vve_groepen", 2013, None, "geen doel"),
        ("hbo_coach_fte", 2014, 3.2, "op koers"),
        ("taaltoetsen_3f", 2013, 455, "achter"),
        ("ouderbeleid_locaties", 2014, 21, "achter"),
        ("huisbezoeken", 2012, 74, "behaald"),
        ("startgroepen", 2014, 4, "behaald"),
        ("minisamenspel_opstapje_kinderen", 2012, 132, "achter"),
        ("sterk_in_kinderopvang_locaties", 2014, 12, "op koers"),
        ("pedagogiek_dt_ad_ontwikkeld", 2014, "2014-09-15", "behaald"),
        ("ad_pedagogiek_start", 2014, None, "achter"),
        ("subsidieregeling_vve_scholing", 2013, None, "achter"),
        ("dt_pedagogiek_start", 2015, None, "nog niet aan de orde"),
        ("kindvolgsysteem_alle_organisaties", 2014, "nee", "achter"),
        ("taal_bijscholing", 2014, "ja", "behaald"),
        ("werkgroep_overleg", 2014, None, "geen gegevens"),
        ("taal_bijscholing", 2013, None, "geen doel"),
    ],
)
def test_example_rows(table, indicator, year, actual, status):
    got = row(table, indicator, year)
    assert (got["actual"], got["status"]) == (actual, status)


def test_range_above_bounds(table):
    got = row(table, "huisbezoeken", 2012)
    assert (got["target"], got["target_min"], got["target_max"]) == (50, 50, 70)
    assert got["detail"] == "boven bereik"


def test_milestone_row(table):
    got = row(table, "pedagogiek_dt_ad_ontwikkeld", 2014)
    assert (got["target"], got["actual"]) == ("2014-07-31", "2014-09-15")
    assert got["detail"] == "1 maand te laat"  # 31 July to 15 September
    assert (got["difference"], got["percentage"]) == (None, None)


def test_commitment_row_has_no_target(table):
    got = row(table, "toeleiding_vve", 2014)
    assert (got["target"], got["actual"], got["status"]) == (None, "ja", "behaald")


def test_city_figure_that_disagrees_with_districts(table, example_actuals):
    got = row(table, "extra_vve_plaatsen", 2013)
    assert got["city_mismatch"] is True
    assert got["actual"] == district_sum(example_actuals, "extra_vve_plaatsen", 2013) == 61
    assert "63" in got["detail"] and "61" in got["detail"]
    assert got["status"] == "behaald"


def test_city_figure_agreeing_is_no_mismatch(table):
    assert row(table, "extra_vve_plaatsen", 2014)["city_mismatch"] is False


@pytest.mark.parametrize(
    ("district", "target", "actual", "status"),
    [
        ("w01", 1, 1, "behaald"),
        ("w08", 1, 1, "behaald"),
        ("w09", 1, 0, "achter"),
        ("w10", 1, None, "geen gegevens"),
    ],
)
def test_district_targets(table, district, target, actual, status):
    got = row(table, "wijkbijeenkomsten", 2014, district)
    assert (got["target"], got["actual"], got["status"]) == (target, actual, status)


def test_city_row_says_how_many_districts_are_counted(table):
    got = row(table, "wijkbijeenkomsten", 2014)
    assert got["actual"] == 8
    assert "som van 9 van 10 wijken" in got["detail"]


def test_district_rows_without_district_target(plan, table):
    with_own_target = {i.id for i in plan.indicators if i.district_targets}
    rows = table[(table["district"] != "") & ~table["indicator"].isin(with_own_target)]
    assert len(rows) > 0
    assert set(rows["status"]) == {"geen doel"}
    assert set(rows["detail"]) == {"het plan stelt hier alleen een stedelijk doel"}


def test_district_share_of_city(table):
    got = row(table, "hbo_coach_vve_groepen", 2014, "w01")
    assert (got["actual"], got["status"]) == (4, "geen doel")
    assert got["share_of_city"] == pytest.approx(4 / 26 * 100)
    assert got["district_name"] == "Stad Oost-Noord"
    shares = table[(table["indicator"] == "hbo_coach_vve_groepen") & (table["year"] == 2014)]
    assert shares["share_of_city"].sum() == pytest.approx(100)


def test_every_status_occurs_in_the_example(table):
    assert set(table["status"]) == set(STATUS_ORDER)


# ------------------------------------------------------------------ which rows


def test_default_is_city_rows_only(plan, example_actuals):
    city = progress_table(plan, example_actuals, AS_OF)
    assert set(city["district"]) == {""}
    assert set(city["district_name"]) == {"Hele stad"}
    assert len(city) == len(plan.indicators) * len(plan.plan.years)


def test_all_adds_district_rows(plan, table):
    per_district = [i for i in plan.indicators if i.per_district]
    years = len(plan.plan.years)
    assert len(table) == (len(plan.indicators) + 10 * len(per_district)) * years


def test_one_district_gives_only_that_district(plan, example_actuals, table):
    one = progress_table(plan, example_actuals, AS_OF, year=2014, district="w01")
    assert set(one["district"]) == {"w01"}
    assert set(one["indicator"]) == {i.id for i in plan.indicators if i.per_district}
    same = table[(table["district"] == "w01") & (table["year"] == 2014)]
    assert records(one) == records(same)


def test_one_year(plan, example_actuals, table):
    one = progress_table(plan, example_actuals, AS_OF, year=2014, district="all")
    assert set(one["year"]) == {2014}
    assert records(one) == records(table[table["year"] == 2014])


# ------------------------------------------------------------------ the reporting date


@pytest.mark.parametrize(
    ("as_of", "indicator", "year", "actual", "status"),
    [
        (date(2013, 6, 30), "vve_thuis_groepen", 2013, None, "geen gegevens"),
        (date(2013, 9, 30), "vve_thuis_groepen", 2013, None, "geen gegevens"),
        (date(2013, 10, 1), "vve_thuis_groepen", 2013, 21, "behaald"),
        (date(2013, 6, 30), "vve_thuis_groepen", 2012, 12, "behaald"),
        (date(2013, 6, 30), "resultaatsafspraken_gereed", 2013, "2013-06-30", "behaald"),
        (date(2013, 6, 29), "resultaatsafspraken_gereed", 2013, None, "achter"),
        (date(2013, 6, 30), "subsidieregeling_vve_scholing", 2013, None, "nog niet aan de orde"),
        (date(2014, 9, 1), "pedagogiek_dt_ad_ontwikkeld", 2014, None, "achter"),
        (date(2013, 6, 30), "hbo_coach_vve_groepen", 2014, None, "nog niet aan de orde"),
    ],
)
def test_figures_counted_after_the_reporting_date_are_ignored(
    plan, example_actuals, as_of, indicator, year, actual, status
):
    got = row(progress_table(plan, example_actuals, as_of, year=year), indicator, year)
    assert (got["actual"], got["status"]) == (actual, status)


def test_figure_without_count_date_always_counts(small_plan, make_actuals):
    actuals = make_actuals(
        [HEADER, "bezoeken,2014,,60,", "kinderen,2014,,90,2014-11-01"], small_plan
    )
    table = progress_table(small_plan, actuals, AS_OF, year=2014)
    assert row(table, "bezoeken", 2014)["actual"] == 60
    assert row(table, "kinderen", 2014)["actual"] is None


@pytest.mark.parametrize(
    ("lines", "actual", "status", "detail"),
    [
        (["groepen,2014,,30,"], 30, "behaald", ""),
        (["groepen,2014,d1,12,", "groepen,2014,d2,18,"], 30, "behaald", ""),
        (["groepen,2014,d1,12,"], 12, "achter", "som van 1 van 2 wijken"),
        (["groepen,2014,,30,", "groepen,2014,d1,12,", "groepen,2014,d2,18,"], 30, "behaald", ""),
        (
            ["groepen,2014,,31,", "groepen,2014,d1,12,", "groepen,2014,d2,18,"],
            30,
            "behaald",
            "stadscijfer 31",
        ),
    ],
)
def test_city_figure_from_districts(small_plan, make_actuals, lines, actual, status, detail):
    actuals = make_actuals([HEADER, *lines], small_plan)
    got = row(progress_table(small_plan, actuals, date(2015, 1, 1), year=2014), "groepen", 2014)
    assert (got["actual"], got["status"]) == (actual, status)
    assert got["city_mismatch"] is ("stadscijfer" in detail)
    if detail:
        assert detail in got["detail"]
    elif status == "behaald":
        assert got["detail"] == ""


# ------------------------------------------------------------------ summary per agenda item


def test_agenda_summary_counts_city_rows(table):
    summary = agenda_summary(table)
    assert list(summary.columns) == STATUS_ORDER
    city = table[table["district"] == ""]
    assert summary.sum(axis=1).to_dict() == city.groupby("agenda_item").size().to_dict()
    assert summary.sum().to_dict() == city["status"].value_counts().reindex(STATUS_ORDER).to_dict()


def test_agenda_summary_of_organisation(table):
    # wijkbijeenkomsten: op koers in 2014, no target in the other years;
    # werkgroep_overleg: none for 2012, ja for 2013, nothing yet for 2014, 2015 ahead.
    assert agenda_summary(table).loc[5].to_dict() == {
        "achter": 0,
        "geen gegevens": 1,
        "op koers": 1,
        "behaald": 1,
        "nog niet aan de orde": 1,
        "geen doel": 4,
    }


def test_agenda_summary_keeps_absent_statuses(plan, example_actuals):
    summary = agenda_summary(progress_table(plan, example_actuals, AS_OF, year=2015))
    assert list(summary.columns) == STATUS_ORDER
    assert summary["behaald"].sum() == 0


# ------------------------------------------------------------------ projection


@pytest.mark.parametrize(
    ("indicator", "projection", "reached"),
    [
        ("vve_doet_ertoe_locaties", 24.0, True),
        ("startgroepen", 4.0, True),
        ("vve_thuis_groepen", 39.4, False),
        ("extra_vve_plaatsen", 64.9, True),
        ("hbo_coach_vve_groepen", None, None),  # figures for one year only
        ("scholing_pm_vve", None, None),  # no target in the last year
        ("ad_pedagogiek_start", None, None),  # not a number
    ],
)
def test_projection_in_example(table, indicator, projection, reached):
    rows = table[(table["indicator"] == indicator) & (table["district"] == "")]
    assert {(r["projection"], r["projection_reached"]) for r in records(rows)} == {
        (projection, reached)
    }


@pytest.mark.parametrize(
    ("indicator", "values", "as_of", "expected"),
    [
        # stock, measured at the end of 2012 and 2013 and on 1 Oct 2014; end target 40 in 2015
        pytest.param(
            "groepen", {2012: 10, 2013: 20, 2014: 28}, AS_OF, (40.7, True), id="stock-reaches"
        ),
        pytest.param("groepen", {2012: 5, 2013: 8}, AS_OF, (14.0, False), id="stock-falls-short"),
        pytest.param(
            "groepen", {2012: 10, 2013: 0}, AS_OF, (0.0, False), id="stock-never-negative"
        ),
        pytest.param("groepen", {2013: 20}, AS_OF, (None, None), id="one-year-is-not-enough"),
        pytest.param("groepen", {}, AS_OF, (None, None), id="no-figures"),
        pytest.param(
            "groepen",
            {2013: 5, 2014: 10, 2015: 99},
            date(2013, 12, 31),
            (None, None),
            id="future-ignored",
        ),
        pytest.param("startgroepen", {2012: 4, 2013: 4}, AS_OF, (4.0, True), id="maintain-flat"),
        # flow: the running year's amount is scaled up to a whole year
        pytest.param(
            "kinderen", {2013: 100, 2014: 50}, date(2014, 7, 2), (99.5, False), id="flow-scaled"
        ),
        pytest.param(
            "kinderen",
            {2013: 90, 2014: 50},
            date(2014, 7, 2),
            (109.5, True),
            id="flow-scaled-reaches",
        ),
        pytest.param(
            "kinderen",
            {2013: 100, 2014: 10},
            date(2014, 3, 1),
            (None, None),
            id="flow-too-early-in-year",
        ),
        pytest.param("monitor", {2013: 1, 2014: 1}, AS_OF, (None, None), id="milestone-has-none"),
    ],
)
def test_project(small_plan, indicator, values, as_of, expected):
    assert project(small_plan.indicator(indicator), values, as_of, 2015) == expected


def test_flow_scaling_by_hand(small_plan):
    share = 183 / 365  # 2 July 2014
    whole_year = 50 / share
    expected = round(whole_year + (whole_year - 100), 1)  # straight line through 2013 and 2014
    assert (
        project(small_plan.indicator("kinderen"), {2013: 100, 2014: 50}, date(2014, 7, 2), 2015)[0]
        == expected
    )


def test_missed_milestone_stays_on_the_agenda_of_later_years(plan, example_actuals):
    table = progress_table(plan, example_actuals, date(2014, 10, 1), year=2014)
    rows = table.set_index("indicator")
    # Due end of 2013, not reached: still "achter" in 2014.
    assert rows.loc["subsidieregeling_vve_scholing", "status"] == "achter"
    assert rows.loc["subsidieregeling_vve_scholing", "target"] == "2013-12-31"
    # Due end of 2013, reached in February 2014: "behaald" in 2014, with the delay.
    assert rows.loc["peuterestafette_doorontwikkeld", "status"] == "behaald"
    assert rows.loc["peuterestafette_doorontwikkeld", "detail"] == "1 maand te laat"
    # Reached in its own year: not carried over.
    assert rows.loc["vve_monitor_2013", "status"] == "geen doel"


def test_milestones_are_not_carried_into_years_after_the_peildatum(plan, example_actuals):
    table = progress_table(plan, example_actuals, date(2014, 10, 1), year=2015)
    assert (
        table.set_index("indicator").loc["subsidieregeling_vve_scholing", "status"] == "geen doel"
    )


def test_a_figure_counted_after_the_peildatum_is_said_to_be_so(plan, example_actuals):
    # The district figures of 2014 were counted on 30 September; on 1 September they were not
    # known yet, and the city row, summed from them, says when they were counted.
    table = progress_table(plan, example_actuals, date(2014, 9, 1), year=2014, district="all")
    rows = table.set_index(["indicator", "district"])
    city = rows.loc[("hbo_coach_vve_groepen", "")]
    assert city["status"] == "geen gegevens"
    assert city["detail"] == "cijfer geteld op 30 september 2014, na de peildatum"
    assert "na de peildatum (1 september 2014)" in city["explanation"]
    assert "counted_later" not in table.columns  # machine output stays as it is
    # At the reporting date itself the figure counts as before.
    known = progress_table(plan, example_actuals, date(2014, 10, 1), year=2014).set_index(
        "indicator"
    )
    assert known.loc["hbo_coach_vve_groepen", "status"] != "geen gegevens"
