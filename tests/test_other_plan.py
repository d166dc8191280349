"""Any plan in the format runs: a second, small plan of the tests' own (tests/fixtures/plan_other:
Lindewaard's "Kansrijk Opgroeien", 2016-2019, three agenda items, four wijken without areas,
every kind of target) through the command line and every page of the dashboard, with its
figures read-only from a CSV and from a database seeded with them.

Nothing the first plan (targets.yaml) names may show up: its title, its municipality, its years
or its wijken. The plan text of this module's own fixture is checked not to contain them either,
so the test cannot pass because the words were never there to find.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest

from lib.cli.main import run
from lib.plan.load import load_plan, parse_plan
from lib.problems import ValidationFailed

ROOT = Path(__file__).resolve().parent.parent
OTHER = Path(__file__).resolve().parent / "fixtures" / "plan_other"
OTHER_TARGETS = OTHER / "targets.yaml"
OTHER_ACTUALS = OTHER / "actuals.csv"
FIRST = load_plan(ROOT / "targets.yaml")

# Words of the first plan that no page, file or line of output may show with the other plan.
FORBIDDEN_WORDS = [
    "Masterplan",
    "Jonge Kind",
    FIRST.plan.municipality,
    FIRST.plan.title,
    *map(str, FIRST.plan.years),
    *(d.name for d in FIRST.districts.list),
    *(a.name for a in FIRST.districts.areas),
]
FORBIDDEN = re.compile("|".join(rf"\b{re.escape(w)}\b" for w in FORBIDDEN_WORDS))


def first_plan_words(text: str) -> list[str]:
    return sorted(set(FORBIDDEN.findall(text)))


def test_the_other_plan_is_really_another_plan():
    plan = load_plan(OTHER_TARGETS)
    assert first_plan_words(OTHER_TARGETS.read_text(encoding="utf-8")) == []
    assert first_plan_words(OTHER_ACTUALS.read_text(encoding="utf-8")) == []
    assert plan.plan.years == [2016, 2017, 2018, 2019]
    assert len(plan.agenda_items) == 3 and len(plan.districts.list) == 4
    assert plan.districts.areas == [] and {d.area for d in plan.districts.list} == {None}
    kinds = {"level", "cumulative", "per_year", "range", "maintain", "milestone", "commitment"}
    assert {i.kind for i in plan.indicators} == kinds
    # and the words the test looks for are really in the first plan's files
    assert {"Masterplan", "Almere", "2014", "Haven"} <= set(
        first_plan_words((ROOT / "targets.yaml").read_text(encoding="utf-8"))
    )


# ------------------------------------------------------------------ the plan file


def test_areas_are_optional_but_a_named_area_must_exist():
    text = OTHER_TARGETS.read_text(encoding="utf-8")
    named = text.replace("{id: nk, name: Noordkaap}", "{id: nk, name: Noordkaap, area: noord}")
    with pytest.raises(ValidationFailed) as caught:
        parse_plan(named, "targets.yaml")
    (problem,) = caught.value.problems
    assert (problem.field, problem.message) == (
        "districts.list[nk].area",
        "onbekend gebied 'noord'",
    )


def test_the_plans_own_text_must_exist(tmp_path):
    text = OTHER_TARGETS.read_text(encoding="utf-8")
    (tmp_path / "targets.yaml").write_text(text.replace("plan-kansrijk.md", "weg.md"), "utf-8")
    with pytest.raises(ValidationFailed) as caught:
        load_plan(tmp_path / "targets.yaml")
    (problem,) = caught.value.problems
    assert problem.field == "plan.methodology"
    assert problem.line == 12
    assert (
        problem.message == "bestand 'weg.md' niet gevonden (gezocht vanuit de map van targets.yaml)"
    )


# ------------------------------------------------------------------ command line


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = run([*args, "--targets", str(OTHER_TARGETS)])
    out, err = capsys.readouterr()
    assert first_plan_words(out + err) == [], (args, out + err)
    return code, out, err


def test_cli_targets_and_districts(capsys):
    code, out, _ = cli(capsys, "targets", "--format", "json")
    assert code == 0
    assert {row["year"] for row in json.loads(out)} == {2016, 2017, 2018, 2019}

    code, out, _ = cli(capsys, "districts", "--format", "json")
    assert code == 0
    assert json.loads(out) == [
        {"id": d, "name": name, "area": None, "area_name": None}
        for d, name in [
            ("nk", "Noordkaap"),
            ("zw", "Zuidwijk"),
            ("op", "Oosterpark"),
            ("wv", "Westerveld"),
        ]
    ]
    code, out, _ = cli(capsys, "districts")
    assert (code, out) == (0, "nk\nzw\nop\nwv\n")


def test_cli_progress_and_validate(capsys):
    actuals = ("--actuals", str(OTHER_ACTUALS))
    code, out, err = cli(capsys, "progress", "--year", "2018", "--format", "json", *actuals)
    assert code == 0
    status = {row["indicator"]: row["status"] for row in json.loads(out)}
    assert status == {
        "taalcoach_groepen": "op koers",  # 15 groups, path 14 at 30 September
        "voorleesplekken": "achter",
        "gezinnen_bereikt": "achter",
        "huisbezoeken_taal": "op koers",
        "taalpunten": "behaald",
        "buurtavonden": "achter",
        "taalmonitor": "behaald",
        "leerlijn_vastgesteld": "geen doel",
        "regiegroep": "achter",
    }
    assert "Peildatum: 2018-10-01" in err

    code, out, _ = cli(capsys, "progress", "--year", "2020", *actuals)
    assert code == 2

    code, out, err = cli(capsys, "validate", *actuals)
    assert code == 0
    assert "In orde: targets.yaml (9 indicatoren) en actuals.csv (35 cijfers)" in out + err


def test_cli_report_in_excel(capsys, tmp_path):
    actuals = ("--actuals", str(OTHER_ACTUALS))
    code, _, _ = cli(capsys, "report", "--year", "2018", "--format", "xlsx", "--out", str(tmp_path), *actuals)  # fmt: skip
    assert code == 0
    (path,) = tmp_path.glob("*.xlsx")
    book = openpyxl.load_workbook(path)
    text = "\n".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert "Kansrijk Opgroeien" in text
    assert first_plan_words(text) == []
