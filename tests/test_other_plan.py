"""Any plan in the format runs: a second, small plan of the tests' own (tests/fixtures/plan_other:
Lindewaard's "Kansrijk Opgroeien", 2016-2019, three agenda items, four wijken without areas,
every kind of target) through the command line and every page of the dashboard, with its
figures read-only from a CSV and from a database seeded with them.

Nothing the first plan (targets.yaml) names may show up: its title, its municipality, its years
or its wijken. The plan text of this module's own fixture is checked not to contain them either,
so the test cannot pass because the words were never there to find.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
import streamlit as st
from apptest_open import aim
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Dataframe
from test_pages import APP, RUN_TIMEOUT_S, navigation_files, walk

from lib.cli.main import run
from lib.plan.load import load_plan, parse_plan
from lib.problems import ValidationFailed
from lib.store import auth
from lib.store.store import Store
from lib.store.workbook import template_workbook

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
# A word or year on its own; not a year-like number inside a chart axis range such as 2015.32.
FORBIDDEN = re.compile("|".join(rf"(?<![\d.])\b{re.escape(w)}\b(?!\.\d)" for w in FORBIDDEN_WORDS))


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


# ------------------------------------------------------------------ every page, under AppTest

PAGE_FILES = navigation_files()
PASSWORD = "een lang wachtwoord"


@pytest.fixture
def from_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    """The other plan with its figures read-only from its CSV (HJK_ACTUALS): no database."""
    monkeypatch.setenv("HJK_TARGETS", str(OTHER_TARGETS))
    monkeypatch.setenv("HJK_ACTUALS", str(OTHER_ACTUALS))
    monkeypatch.setenv("DATABASE_URL", "sqlite:////nonexistent/folder/never-opened.sqlite3")
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def from_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Store:
    """The other plan with a fresh SQLite database seeded from its CSV."""
    url = f"sqlite:///{tmp_path / 'figures.sqlite3'}"
    monkeypatch.setenv("HJK_TARGETS", str(OTHER_TARGETS))
    monkeypatch.delenv("HJK_ACTUALS", raising=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("HJK_SECRETS", str(tmp_path / "secrets.toml"))
    st.cache_data.clear()
    st.cache_resource.clear()
    store = Store.open(load_plan(OTHER_TARGETS), url, seed=OTHER_ACTUALS)
    yield store
    store.engine.dispose()


def open_page(page: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    aim(at, APP, page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def everything_shown(at: AppTest) -> str:
    """All text of the page and its sidebar: every element's message (chart specs, HTML tables,
    labels, captions, options), and every data grid's cells."""
    parts = []
    for node in [*walk(at.main), *walk(at.sidebar)]:
        if isinstance(node, Dataframe):
            parts.append(node.value.to_csv())
        elif hasattr(node, "proto"):
            parts.append(str(node.proto))
    return "\n".join(parts)


def assert_other_plan_page(at: AppTest) -> str:
    assert not at.exception, [e.value for e in at.exception]
    assert at.error == [], [e.value for e in at.error]
    (heading,) = at.main.title
    assert heading.value.strip()
    text = everything_shown(at)
    found = first_plan_words(text)
    assert found == [], [
        text[max(0, m.start() - 80) : m.end() + 40] for m in FORBIDDEN.finditer(text)
    ]
    return text


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_on_the_other_plan_from_its_csv(from_csv, page):
    at = open_page(page)
    text = assert_other_plan_page(at)
    assert [w.value for w in at.warning if w.value.startswith("**Voorbeeldgegevens.**")]
    if page == "pages/edit.py":
        # Editing needs the database: the page says so instead of failing.
        assert "Bewerken kan alleen in de database" in "\n".join(i.value for i in at.info)
    assert "Kansrijk Opgroeien" in text


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_on_the_other_plan_from_a_database(from_database, page):
    at = open_page(page)
    text = assert_other_plan_page(at)
    assert "Kansrijk Opgroeien" in text


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_on_the_other_plan_with_a_new_empty_database(monkeypatch, tmp_path, page):
    # The bundled example figures belong to the bundled plan: a new database for another plan
    # starts empty, and every page still works (no figures yet, no example notice).
    monkeypatch.setenv("HJK_TARGETS", str(OTHER_TARGETS))
    monkeypatch.delenv("HJK_ACTUALS", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'new.sqlite3'}")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = open_page(page)
    assert_other_plan_page(at)
    assert not [w.value for w in at.warning if w.value.startswith("**Voorbeeldgegevens.**")]


def test_editing_the_other_plan(from_database, tmp_path):
    auth.add_editor(tmp_path / "secrets.toml", "anna", PASSWORD, rounds=4)
    at = open_page("pages/edit.py")
    at.text_input(key="edit_login_name").input("anna")
    at.text_input(key="edit_login_password").input(PASSWORD)
    at.button(key="edit_login_submit").click().run()
    assert at.tabs, "no editing tabs after logging in"
    text = assert_other_plan_page(at)
    assert "Noordkaap" in text


def test_the_overview_names_the_plan_in_its_body(from_csv):
    at = open_page(PAGE_FILES[0])
    body = "\n".join(m.value for m in at.main.markdown)
    assert "Kansrijk Opgroeien" in body and "Lindewaard" in body


# ------------------------------------------------------------------ Over de cijfers


def test_the_rules_for_every_plan_name_no_plan_and_no_year():
    text = (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
    assert first_plan_words(text) == []
    assert re.findall(r"\b(?:19|20)\d\d\b", text) == []


def about_text(at: AppTest) -> str:
    """The page's Markdown, then its long texts, which it draws as HTML (lib/views/html_text.py)."""
    bodies = [e.proto.body for e in at.main.get("html")]
    return "\n".join([m.value for m in at.main.markdown] + bodies)


def test_about_page_adds_the_other_plans_own_part(from_csv):
    text = about_text(open_page("pages/about.py"))
    assert "<h3>1. Waar de cijfers vandaan komen</h3>" in text  # the rules for every plan
    for part in [
        "<h3>10. Dit plan: Kansrijk Opgroeien</h3>",
        "Looptijd: 2016-2019.",
        "8 + 0,748 × (16 − 8) = 14 groepen.",  # its own text, plan-kansrijk.md, filled in
        "Lindewaard telt vier wijken; de gemeente groepeert ze niet in gebieden.",  # district note
        "Het plan telt 4 wijken: Noordkaap, Zuidwijk, Oosterpark en Westerveld.",
        "Een doel per wijk: Buurtavonden over opvoeden.",
        "<li><strong>Groepen met een taalcoach:</strong> Groepen tellen mee in de wijk waar de groep is.</li>",
    ]:
        assert part in text


def test_about_page_of_the_first_plan_keeps_its_examples(monkeypatch):
    monkeypatch.delenv("HJK_TARGETS", raising=False)
    monkeypatch.delenv("HJK_ACTUALS", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    text = about_text(open_page("pages/about.py"))
    for part in [
        "<h3>10. Dit plan: Masterplan Het Jonge Kind</h3>",
        "<strong>Niveau: VVE Thuis in 2014.</strong>",  # docs/plan-masterplan-hjk.md
        "De wijknamen zijn voorlopig.",
        "<li>De wijken vallen in 4 gebieden: Stad Oost, Stad West, Haven-Poort-Hout en Buiten.</li>",
        "<li><strong>5. De organisatie:</strong> Geen agendapunt van het plan zelf",
    ]:
        assert part in text


def test_the_excel_template_names_the_other_plan(from_database):
    book = openpyxl.load_workbook(io.BytesIO(template_workbook(from_database.plan, from_database)))
    assert book["Uitleg"]["A1"].value == (
        "Invullen van de cijfers van Kansrijk Opgroeien (Lindewaard)"
    )
    text = "\n".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert "Noordkaap" in text
    assert first_plan_words(text) == []


def test_a_new_database_starts_with_the_example_figures_only_for_the_bundled_plan(tmp_path):
    # The CLI opens the store with the default seed; the example figures mean nothing in another
    # plan, so its new database starts empty instead of failing on unknown indicators.
    other = Store.open(load_plan(OTHER / "targets.yaml"), f"sqlite:///{tmp_path / 'other.db'}")
    assert other.read_actuals().frame.empty
    bundled_plan = load_plan(Path(__file__).resolve().parent.parent / "targets.yaml")
    bundled = Store.open(bundled_plan, f"sqlite:///{tmp_path / 'bundled.db'}")
    assert not bundled.read_actuals().frame.empty
