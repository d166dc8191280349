"""Plans with less in them than ours are valid plans, and every page and report format says what
is missing instead of failing or drawing an empty chart:

- a plan that counts everything for the city only (no indicator `per_district`);
- a plan with an agenda item that has no indicators yet.

Both are built from the tests' other plan (tests/fixtures/plan_other), so that nothing of the
first plan can mask a failure.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
import yaml
from docx import Document
from pptx import Presentation
from streamlit.testing.v1 import AppTest
from test_other_plan import PAGE_FILES, open_page

from lib.charts.cache import ImageCache
from lib.charts.timeline import NO_MILESTONES
from lib.figures.actuals import read_actuals
from lib.plan.load import load_plan
from lib.report.model import build_report
from lib.report.write import render
from lib.views.agenda import NO_TARGETS
from lib.views.districts import NOTHING_PER_DISTRICT, district_intro
from support.charts import figures
from tests.report_fixtures import FakeExporter, pdf_text

OTHER = Path(__file__).resolve().parent / "fixtures" / "plan_other"
FIRST = Path(__file__).resolve().parent.parent / "targets.yaml"


def _other_plan(folder: Path, change) -> Path:
    """The other plan with `change` applied to its parsed YAML, written to `folder`."""
    data = yaml.safe_load((OTHER / "targets.yaml").read_text(encoding="utf-8"))
    change(data)
    targets = folder / "targets.yaml"
    targets.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    for extra in OTHER.glob("*.md"):  # the plan's own text, named in its methodology
        shutil.copy(extra, folder / extra.name)
    return targets


def _open(monkeypatch, targets: Path, actuals: Path, page: str = PAGE_FILES[0]) -> AppTest:
    """`page` of the dashboard on these files, read-only (no database), without an exception."""
    monkeypatch.setenv("HJK_TARGETS", str(targets))
    monkeypatch.setenv("HJK_ACTUALS", str(actuals))
    monkeypatch.setenv("DATABASE_URL", "sqlite:////nonexistent/folder/never-opened.sqlite3")
    st.cache_data.clear()
    st.cache_resource.clear()
    return open_page(page)


def _report_files(targets: Path, actuals: Path, cache: Path) -> tuple[object, dict, FakeExporter]:
    plan = load_plan(targets)
    report = build_report(plan, read_actuals(actuals, plan), date(2018, 10, 1), 2018)
    fake = FakeExporter()
    files = {f: render(report, f, fake, ImageCache(cache)) for f in ("pdf", "pptx", "docx")}
    return report, files, fake


# ------------------------------------------------------------------ nothing counted per district


@pytest.fixture(scope="module")
def city_only(tmp_path_factory) -> tuple[Path, Path]:
    """The other plan and its figures with every district count removed: (targets, actuals)."""
    folder = tmp_path_factory.mktemp("city_only")

    def no_districts(data: dict) -> None:
        for indicator in data["indicators"]:
            for key in ("per_district", "additive", "district_targets"):
                indicator.pop(key, None)

    _other_plan(folder, no_districts)
    lines = (OTHER / "actuals.csv").read_text(encoding="utf-8").splitlines()
    header = [line for line in lines if line.startswith("#")]
    rows = list(csv.reader(line for line in lines if not line.startswith("#")))
    city_rows = [rows[0], *(r for r in rows[1:] if not r[rows[0].index("district")])]
    assert 1 < len(city_rows) < len(rows)  # the fixture really had district figures to remove
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(city_rows)
    actuals = folder / "actuals.csv"
    actuals.write_text("\n".join(header) + "\n" + out.getvalue(), encoding="utf-8")
    return folder / "targets.yaml", actuals


def test_the_district_intro_follows_the_plan(city_only):
    first, other = load_plan(FIRST), load_plan(OTHER / "targets.yaml")
    assert load_plan(city_only[0]).counted_per_district() == []
    assert district_intro(load_plan(city_only[0])) == NOTHING_PER_DISTRICT
    text = district_intro(other)
    assert text.startswith(
        "Het plan stelt alleen een doel per wijk bij Buurtavonden over opvoeden."
    )
    assert "niet een verzonnen wijkdoel" in text and text.endswith(other.districts.note)
    assert "De wijknamen zijn voorlopig." in district_intro(first)  # the first plan's own note
    assert "voorlopig" not in text  # ... which is not a sentence of the code
    only_own = other.model_copy(
        update={
            "indicators": [i for i in other.indicators if i.district_targets or not i.per_district]
        }
    )
    assert district_intro(only_own).startswith(
        "Het plan stelt een doel per wijk bij elke indicator die per wijk wordt geteld."
    )
    none_own = other.model_copy(
        update={"indicators": [i for i in other.indicators if not i.district_targets]}
    )
    assert district_intro(none_own).startswith("Het plan stelt geen doelen per wijk. Per wijk ziet")


def test_the_district_page_says_there_are_no_district_figures(city_only, monkeypatch):
    at = _open(monkeypatch, *city_only, "pages/districts.py")
    assert [i.value for i in at.info] == [NOTHING_PER_DISTRICT]
    assert figures(at) == [] and at.main.get("popover") == []


def test_the_report_has_no_district_chart_but_says_why(city_only, tmp_path):
    report, files, fake = _report_files(*city_only, tmp_path)
    assert report.districts == []
    assert report.milestones and report.milestones == report.all_charts()[-len(report.milestones) :]
    assert not any("wijk" in title.lower() for title in fake.rendered)
    assert f"Per wijk 2018 {NOTHING_PER_DISTRICT}" in pdf_text(files["pdf"])
    word = Document(io.BytesIO(files["docx"]))
    assert NOTHING_PER_DISTRICT in [p.text for p in word.paragraphs]
    deck = Presentation(io.BytesIO(files["pptx"]))
    texts = [sh.text_frame.text for sl in deck.slides for sh in sl.shapes if sh.has_text_frame]
    assert "Mijlpalen" in texts and not any(t.startswith("Per wijk") for t in texts)


# ------------------------------------------------------------------ an agenda item without indicators

EMPTY_ITEM = "Nog zonder indicatoren"


@pytest.fixture(scope="module")
def empty_item(tmp_path_factory) -> tuple[Path, Path]:
    """The other plan with a fourth agenda item that has no indicators: (targets, actuals)."""
    folder = tmp_path_factory.mktemp("empty_item")
    targets = _other_plan(
        folder, lambda data: data["agenda_items"].append({"number": 4, "name": EMPTY_ITEM})
    )
    assert [a.number for a in load_plan(targets).agenda_items] == [1, 2, 3, 4]
    return targets, OTHER / "actuals.csv"


def test_the_agenda_page_says_the_item_has_no_targets(empty_item, monkeypatch):
    at = _open(monkeypatch, *empty_item, "pages/agenda.py")
    assert figures(at)  # item 1 has its charts
    at.radio(key="agenda_item").set_value(4).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == f"Agendapunt 4: {EMPTY_ITEM}"
    assert [i.value for i in at.info] == [NO_TARGETS]
    assert figures(at) == []


def test_the_overview_says_the_item_has_no_targets(empty_item, monkeypatch):
    at = _open(monkeypatch, *empty_item)
    assert NO_TARGETS not in [i.value for i in at.info]
    at.selectbox(key="filter_agenda").set_value(4).run()
    assert not at.exception, [e.value for e in at.exception]
    assert [i.value for i in at.info] == [NO_TARGETS]
    assert not any("van de 0 doelen" in m.value for m in at.markdown)


def test_the_report_says_the_item_has_no_targets(empty_item, tmp_path):
    _, files, _ = _report_files(*empty_item, tmp_path)
    assert f"Agendapunt 4: {EMPTY_ITEM} {NO_TARGETS}" in pdf_text(files["pdf"])
    paragraphs = [p.text for p in Document(io.BytesIO(files["docx"])).paragraphs]
    heading = paragraphs.index(f"Agendapunt 4: {EMPTY_ITEM}")
    assert paragraphs[heading + 1] == NO_TARGETS


# ------------------------------------------------------------------ no milestones at all


@pytest.fixture(scope="module")
def no_milestones(tmp_path_factory) -> tuple[Path, Path]:
    """The other plan without its milestones, and its figures without theirs."""
    folder = tmp_path_factory.mktemp("no_milestones")
    gone: set[str] = set()

    def drop(data: dict) -> None:
        gone.update(i["id"] for i in data["indicators"] if i["kind"] == "milestone")
        data["indicators"] = [i for i in data["indicators"] if i["kind"] != "milestone"]

    targets = _other_plan(folder, drop)
    assert gone  # the fixture really had milestones to remove
    lines = (OTHER / "actuals.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line.split(",", 1)[0] not in gone]
    actuals = folder / "actuals.csv"
    actuals.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return targets, actuals


def test_the_milestone_page_says_the_plan_has_none(no_milestones, monkeypatch):
    at = _open(monkeypatch, *no_milestones, "pages/milestones.py")
    assert [i.value for i in at.info] == [NO_MILESTONES]
    assert figures(at) == []


def test_the_report_says_the_plan_has_no_milestones(no_milestones, tmp_path):
    report, files, fake = _report_files(*no_milestones, tmp_path)
    assert report.milestones == [] and report.all_charts()
    assert not any("mijlpalen" in title.lower() for title in fake.rendered)
    assert f"Mijlpalen {NO_MILESTONES} Zo is de status bepaald" in pdf_text(files["pdf"])
    paragraphs = [p.text for p in Document(io.BytesIO(files["docx"])).paragraphs]
    assert paragraphs[paragraphs.index("Mijlpalen") + 1] == NO_MILESTONES
    deck = Presentation(io.BytesIO(files["pptx"]))
    texts = [sh.text_frame.text for sl in deck.slides for sh in sl.shapes if sh.has_text_frame]
    assert "Mijlpalen" not in texts and "Zo is de status bepaald" in texts
