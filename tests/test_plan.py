"""The plan: the real targets.yaml loads and means what the plan says; broken plans are reported."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

from lib.plan.load import load_plan, parse_plan
from lib.plan.schema import KINDS
from lib.problems import ValidationFailed


def problems_of(text: str) -> list:
    with pytest.raises(ValidationFailed) as caught:
        parse_plan(text, "targets.yaml")
    return caught.value.problems


def broken(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur once in the valid text"
    return text.replace(old, new)


# ------------------------------------------------------------------ the real plan


def test_real_plan_loads(plan):
    assert plan.plan.municipality == "Almere"
    assert plan.plan.years == [2012, 2013, 2014, 2015]
    assert len(plan.indicators) > 30


def test_real_plan_has_every_kind(plan):
    assert {i.kind for i in plan.indicators} == set(KINDS)


def test_every_indicator_cites_the_plan(plan):
    for indicator in plan.indicators:
        assert indicator.source.section.strip(), indicator.id
        assert indicator.source.quote.strip(), indicator.id


def test_indicator_ids_are_unique(plan):
    ids = [i.id for i in plan.indicators]
    assert len(ids) == len(set(ids))


def test_every_goal_and_agenda_item_referenced_exists(plan):
    agenda = set(plan.agenda_names())
    for indicator in plan.indicators:
        assert indicator.agenda_item in agenda
        if indicator.goal is not None:
            assert plan.goal(indicator.goal).agenda_item == indicator.agenda_item


@pytest.mark.parametrize(
    ("indicator_id", "levels"),
    [
        ("vve_doet_ertoe_locaties", {2012: 0, 2013: 8, 2014: 13, 2015: 18}),
        ("sterk_in_kinderopvang_locaties", {2012: 3, 2013: 8, 2014: 13, 2015: 18}),
        ("ouderbeleid_locaties", {2013: 20, 2014: 25, 2015: 30}),
        ("vve_thuis_groepen", {2012: 12, 2013: 20, 2014: 30, 2015: 40}),
        ("hbo_coach_vve_groepen", {2012: 0, 2013: 0, 2014: 40, 2015: 60}),
        ("huisbezoeken", {2012: 50, 2013: 50, 2014: 50, 2015: 50}),
        ("startgroepen", {2012: 4, 2013: 4, 2014: 4, 2015: 4}),
        ("ad_pedagogiek_start", {}),
        ("toeleiding_vve", {}),
    ],
)
def test_levels(plan, indicator_id, levels):
    assert plan.indicator(indicator_id).levels() == levels


@pytest.mark.parametrize(
    ("indicator_id", "due", "deadline"),
    [
        ("ad_pedagogiek_start", "2014-08", date(2014, 8, 31)),
        ("vve_monitor_2013", "2013", date(2013, 12, 31)),
        ("pedagogiek_dt_ad_ontwikkeld", "2014-07", date(2014, 7, 31)),
        ("wijkanalyse_gereed", "2013-02", date(2013, 2, 28)),
        ("toeleiding_protocol", "2012-09", date(2012, 9, 30)),
    ],
)
def test_milestone_deadline_is_last_day_of_period(plan, indicator_id, due, deadline):
    indicator = plan.indicator(indicator_id)
    assert indicator.due == due
    assert indicator.deadline == deadline
    assert indicator.years() == [deadline.year]


def test_deadline_only_for_milestones(plan):
    assert plan.indicator("vve_thuis_groepen").deadline is None


@pytest.mark.parametrize(
    ("indicator_id", "years"),
    [
        ("taal_bijscholing", [2014]),
        ("peuterestafette_gebruik", [2012, 2015]),
        ("scholing_pm_vve", [2013, 2014]),
        ("ouderbeleid_locaties", [2013, 2014, 2015]),
    ],
)
def test_years_with_a_target(plan, indicator_id, years):
    assert plan.indicator(indicator_id).years() == years


def test_ten_districts_in_four_areas(plan):
    assert plan.district_ids() == [f"w{n:02d}" for n in range(1, 11)]
    areas = {a.id for a in plan.districts.areas}
    assert len(areas) == 4
    assert {d.area for d in plan.districts.list} == areas


@pytest.mark.parametrize(
    ("indicator_id", "district", "year", "target"),
    [
        ("wijkbijeenkomsten", "w05", 2014, 1.0),
        ("wijkbijeenkomsten", "w05", 2015, None),
        ("hbo_coach_vve_groepen", "w01", 2014, None),
    ],
)
def test_district_target_real_plan(plan, indicator_id, district, year, target):
    assert plan.indicator(indicator_id).district_target(district, year) == target


@pytest.mark.parametrize(
    ("district", "year", "target"),
    [("d1", 2014, 20.0), ("d2", 2014, 10.0), ("d1", 2013, None)],
)
def test_district_target_own_before_all(small_plan, district, year, target):
    assert small_plan.indicator("groepen").district_target(district, year) == target


@pytest.mark.parametrize(
    ("indicator_id", "year", "bounds"),
    [
        ("huisbezoeken", 2014, (50, 70)),
        ("vve_thuis_groepen", 2014, (None, None)),
    ],
)
def test_bounds(plan, indicator_id, year, bounds):
    assert plan.indicator(indicator_id).bounds(year) == bounds


def test_content_hash_is_hash_of_the_text(plan):
    text = (Path(__file__).resolve().parent.parent / "targets.yaml").read_text(encoding="utf-8")
    assert plan.content_hash == hashlib.sha256(text.encode()).hexdigest()


def test_small_plan_loads(small_plan):
    assert [i.kind for i in small_plan.indicators] == list(KINDS)
    assert small_plan.indicator("locaties").levels() == {2012: 5, 2013: 10, 2014: 15, 2015: 20}


# ------------------------------------------------------------------ files that cannot be read


def test_missing_file(tmp_path):
    with pytest.raises(ValidationFailed) as caught:
        load_plan(tmp_path / "targets.yaml")
    assert "bestand niet gevonden" in caught.value.problems[0].message


def test_not_utf8(tmp_path):
    path = tmp_path / "targets.yaml"
    path.write_bytes("plan: café".encode("latin-1"))
    with pytest.raises(ValidationFailed) as caught:
        load_plan(path)
    assert "geen UTF-8" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("", "het bestand is leeg", None),
        ("# alleen commentaar\n", "het bestand is leeg", None),
        ("- plan\n- indicators\n", "moet met 'plan:' beginnen", 1),
        ("plan:\n\tid: x\n", "geen geldige YAML", 2),
        ("plan:\n  id: x\n  name: a\x07b\n", "stuurteken", 3),
    ],
)
def test_unusable_text(text, message, line):
    (problem,) = problems_of(text)
    assert message in problem.message
    assert problem.line == line


# ------------------------------------------------------------------ broken plans

# (old, new): one change to the valid small plan; field and message expected; `anchor` is text
# on the line the problem must point to, looked up in the broken text.
BROKEN_PLANS = [
    pytest.param(
        "goal: doel_a",
        "gaol: doel_a",
        "indicators[groepen].gaol",
        "onbekend veld (typfout?)",
        "gaol: doel_a",
        id="typo_in_field_name",
    ),
    pytest.param(
        "    unit: groepen\n",
        "",
        "indicators[groepen].unit",
        "ontbreekt (verplicht veld)",
        "- id: groepen",
        id="missing_required_field",
    ),
    pytest.param(
        "targets: {2012: 10,",
        "targets: {2012: -10,",
        "indicators[groepen].targets.2012",
        "mag niet negatief zijn",
        "{2012: -10,",
        id="negative_target",
    ),
    pytest.param(
        "targets: {2012: 10,",
        "targets: {2012: tien,",
        "indicators[groepen].targets.2012",
        "moet een getal zijn",
        "{2012: tien,",
        id="text_in_number_field",
    ),
    pytest.param(
        "targets: {2012: 10, 2013: 20, 2014: 30, 2015: 40}",
        "targets: {2012: 10, 2013: 20, 2014: '30,5', 2015: 40}",
        "indicators[groepen].targets.2014",
        "'30,5' is geen getal: schrijf 30.5 (met een punt)",
        "targets: {2012: 10, 2013: 20, 2014: '30,5'",
        id="decimal_comma_in_a_target",
    ),
    pytest.param(
        "kind: per_year",
        "kind: jaarlijks",
        "indicators[kinderen].kind",
        "onbekende waarde 'jaarlijks'; kies uit: level, cumulative, per_year",
        "kind: jaarlijks",
        id="unknown_kind",
    ),
    pytest.param(
        "targets: {2012: 10, 2013: 20, 2014: 30, 2015: 40}",
        "targets: {2012: 10, 2014: 30, 2015: 40}",
        "indicators[groepen].targets",
        "jaar 2013 ontbreekt tussen 2012 en 2015",
        "targets: {2012: 10, 2014: 30",
        id="missing_year_in_level_path",
    ),
    pytest.param(
        "2014: 30, 2015: 40}",
        "2014: 30, 2015: 40, 2016: 50}",
        "indicators[groepen].targets.2016",
        "jaar 2016 valt buiten de planperiode 2012-2015",
        "2016: 50",
        id="year_outside_plan_period",
    ),
    pytest.param(
        "2014: {min: 50, max: 70}",
        "2014: {min: 80, max: 70}",
        "indicators[bezoeken].targets.2014",
        "min (80) is groter dan max (70)",
        "{min: 80, max: 70}",
        id="range_min_above_max",
    ),
    pytest.param(
        "    name: Huisbezoeken\n    unit: huisbezoeken",
        "    name: Huisbezoeken\n     unit: huisbezoeken",
        None,
        "het bestand is geen geldige YAML",
        "     unit: huisbezoeken",
        id="yaml_syntax_error",
    ),
    pytest.param(
        "      all: {2014: 10}",
        "      all: {2014: 10}\n      d9: {2014: 5}",
        "indicators[groepen].district_targets.d9",
        "onbekende wijk 'd9'",
        "d9: {2014: 5}",
        id="unknown_district_in_district_targets",
    ),
    pytest.param(
        "goal: doel_a",
        "goal: doel_x",
        "indicators[groepen].goal",
        "onbekend doel 'doel_x'",
        "goal: doel_x",
        id="unknown_goal",
    ),
    pytest.param(
        "    agenda_item: 2\n    name: Kinderen",
        "    agenda_item: 7\n    name: Kinderen",
        "indicators[kinderen].agenda_item",
        "onbekend agendapunt 7",
        "agenda_item: 7",
        id="unknown_agenda_item",
    ),
    pytest.param(
        'due: "2014-07"',
        'due: "juli 2014"',
        "indicators[monitor].due",
        "'juli 2014' is geen periode",
        'due: "juli 2014"',
        id="milestone_due_not_a_period",
    ),
    pytest.param(
        'due: "2014-07"',
        'due: "2016-07"',
        "indicators[monitor].due",
        "deadline 2016 valt buiten de planperiode",
        'due: "2016-07"',
        id="milestone_due_outside_plan_period",
    ),
    pytest.param(
        "increments: {2012: 3,",
        "targets: {2012: 3,",
        "indicators[locaties].targets",
        "hoort niet bij soort 'cumulative' (gebruik 'increments')",
        "targets: {2012: 3,",
        id="target_field_of_another_kind",
    ),
    pytest.param(
        "baseline: {year: 2011, value: 2}",
        "baseline: {year: 2010, value: 2}",
        "indicators[locaties].baseline.year",
        "startjaar moet 2011 zijn",
        "baseline: {year: 2010",
        id="baseline_year_not_before_first_target",
    ),
    pytest.param(
        "baseline: {year: 2011, value: 2}",
        "baseline: {year: 2011, value: -2}",
        "indicators[locaties].baseline.value",
        "mag niet negatief zijn",
        "value: -2}",
        id="negative_baseline",
    ),
    pytest.param(
        "2014: Werkgroep overlegt elke 6 weken",
        '2014: " "',
        "indicators[overleg].commitments.2014",
        "de toezegging mag niet leeg zijn",
        '2014: " "',
        id="empty_commitment",
    ),
    pytest.param(
        "area: zuid}",
        "area: west}",
        "districts.list[d2].area",
        "onbekend gebied 'west'",
        "area: west}",
        id="district_in_unknown_area",
    ),
    pytest.param(
        "  last_year: 2015",
        "  last_year: 2011",
        "plan.last_year",
        "het laatste planjaar ligt voor het eerste",
        "last_year: 2011",
        id="last_year_before_first_year",
    ),
]


@pytest.mark.parametrize(("old", "new", "field", "message", "anchor"), BROKEN_PLANS)
def test_broken_plan_is_reported(small_plan_text, line_of, old, new, field, message, anchor):
    text = broken(small_plan_text, old, new)
    problems = problems_of(text)
    matching = [p for p in problems if p.field == field and message in p.message]
    assert matching, f"no problem with field {field!r} and {message!r} in {problems}"
    problem = matching[0]
    assert problem.file == "targets.yaml"
    assert problem.line == line_of(text, anchor)
    assert f"regel {problem.line}" in str(problem)


def test_duplicate_id_reports_both_places(small_plan_text):
    text = broken(small_plan_text, "  - id: locaties", "  - id: groepen")
    problems = problems_of(text)
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line == "  - id: groepen"]
    assert [(p.field, p.line) for p in problems] == [
        ("indicators[groepen].id", lines[0]),
        ("indicators[groepen].id", lines[1]),
    ]
    assert all(p.message == "id 'groepen' komt meer dan eens voor" for p in problems)


def test_duplicate_key_reports_line(small_plan_text, line_of):
    text = broken(small_plan_text, "    unit: groepen\n", "    unit: groepen\n    unit: stuks\n")
    (problem,) = problems_of(text)
    assert problem.message == "sleutel 'unit' komt twee keer voor"
    assert problem.line == line_of(text, "unit: stuks")


def test_duplicate_key_field_names_indicator_id(small_plan_text):
    text = broken(small_plan_text, "    unit: groepen\n", "    unit: groepen\n    unit: stuks\n")
    (problem,) = problems_of(text)
    assert problem.field == "indicators[groepen].unit"


def test_field_of_list_item_without_id_keeps_section(small_plan_text):
    text = broken(small_plan_text, "  - number: 2\n", "  - number: 1\n")
    problems = [p for p in problems_of(text) if "komt twee keer voor" in p.message]
    assert problems
    for problem in problems:
        assert problem.field.startswith("agenda_items"), problem.field
        assert problem.field.endswith(".number"), problem.field


def test_unhashable_key_is_a_problem_not_a_crash(small_plan_text):
    text = broken(small_plan_text, "targets: {2012: 10,", "targets: {[2012]: 10,")
    assert problems_of(text)


def test_several_plan_problems_reported_together(small_plan_text):
    text = small_plan_text
    for old, new in [
        ("targets: {2012: 10,", "targets: {2012: -10,"),
        ("goal: doel_a", "goal: doel_x"),
        ("2014: {min: 50, max: 70}", "2014: {min: 80, max: 70}"),
        ("      all: {2014: 10}", "      all: {2014: 10}\n      d9: {2014: 5}"),
    ]:
        text = broken(text, old, new)
    fields = {p.field for p in problems_of(text)}
    assert fields == {
        "indicators[groepen].targets.2012",
        "indicators[groepen].goal",
        "indicators[bezoeken].targets.2014",
        "indicators[groepen].district_targets.d9",
    }


def test_several_schema_problems_reported_together(small_plan_text):
    text = small_plan_text
    for old, new in [
        ("goal: doel_a", "gaol: doel_a"),
        ("targets: {2012: 10,", "targets: {2012: tien,"),
        ("kind: per_year", "kind: jaarlijks"),
    ]:
        text = broken(text, old, new)
    fields = {p.field for p in problems_of(text)}
    assert fields == {
        "indicators[groepen].gaol",
        "indicators[groepen].targets.2012",
        "indicators[kinderen].kind",
    }


def test_baseline_fact_counts_per_wijk_name_known_wijken():
    from pathlib import Path

    from lib.plan.load import parse_plan
    from lib.problems import ValidationFailed

    text = (Path(__file__).resolve().parent.parent / "targets.yaml").read_text(encoding="utf-8")
    anchor = '    source: {section: De feiten, quote: "In 2013 zijn er in totaal 3909 kinderen'
    broken = text.replace(anchor, "    districts: {w01: 400, w99: 5, w02: -1}\n" + anchor)
    with pytest.raises(ValidationFailed) as failed:
        parse_plan(broken, "targets.yaml")
    messages = [str(p) for p in failed.value.problems]
    assert any(
        "baseline_facts[kinderen_2_4].districts.w99" in m and "onbekende wijk 'w99'" in m
        for m in messages
    ), messages
    assert any("districts.w02" in m and "mag niet negatief zijn" in m for m in messages), messages


def test_impossible_date_is_named_not_a_crash(line_of):
    """PyYAML raises ValueError on a date that looks like one but does not exist (2014-02-30);
    the plan says where, in Dutch, like any other mistake."""
    text = (
        Path("targets.yaml")
        .read_text(encoding="utf-8")
        .replace('due: "2012"', "due: 2014-02-30", 1)
    )
    (problem,) = problems_of(text)
    assert problem.message == "'2014-02-30' is geen bestaande datum"
    assert problem.line == line_of(text, "due: 2014-02-30")
    assert problem.field.endswith(".due")


def test_a_typed_year_far_off_is_one_problem_not_thousands(small_plan_text):
    """2015 typed as 20155 listed every year in between as missing: 18,141 lines."""
    text = broken(small_plan_text, "2014: 30, 2015: 40}", "2014: 30, 20155: 40}")
    problems = problems_of(text)
    assert len(problems) <= 3, problems
    assert any(p.message == "jaren 2015-20154 ontbreken tussen 2012 en 20155" for p in problems)
    assert any("jaar 20155 valt buiten de planperiode" in p.message for p in problems)
