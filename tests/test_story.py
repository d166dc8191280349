"""The bundled example's story (data/example_story.yaml): what a fresh installation shows of a
meeting cycle, and a broken story refused in Dutch before anything is written."""

from __future__ import annotations

import html as html_module
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from store_fixtures import app_store, open_store
from test_pages import html_tables
from test_since_page import open_app, text

from lib.figures.actuals import DEFAULT_ACTUALS, read_actuals
from lib.plan.schema import Plan
from lib.problems import ValidationFailed
from lib.progress.changes import changes_since
from lib.store import story as story_module
from lib.store.db import dataset, make_engine
from lib.store.meetings import previous_meeting
from lib.store.seed import SEED_EDITOR
from lib.store.store import Store
from lib.store.story import EXAMPLE_STORY, read_story

PEILDATUM = date(2014, 10, 1)


@pytest.fixture
def fresh(plan: Plan, store_url: str) -> Store:
    return open_store(plan, store_url, seed=True)


def _story(plan: Plan):
    records = read_actuals(DEFAULT_ACTUALS, plan).frame.to_dict("records")
    return read_story(EXAMPLE_STORY, plan, records)


def test_a_fresh_example_shows_a_meeting_cycle(plan: Plan, fresh: Store) -> None:
    story = _story(plan)
    meetings = fresh.meetings()
    assert [m.day for m in meetings] == [m.day for m in story.meetings]
    since = previous_meeting(meetings, PEILDATUM)
    assert since is not None and since.day < PEILDATUM
    rows = changes_since(plan, fresh, since.day, year=PEILDATUM.year, district="all")
    kinds = {row["kind"] for row in rows}
    assert {"figure", "status", "explanation"} <= kinds
    # Every figure the story changes is among the changed figures, with its earlier value.
    changed = {(r["indicator"], r["district"] or ""): r for r in rows if r["kind"] == "figure"}
    for step in story.steps:
        for figure in step.figures:
            row = changed[(figure.indicator, figure.district)]
            assert row["changed_by"] == step.editor and row["approved_by"] == step.approved_by
            assert row["changed_by"] != row["approved_by"]  # four eyes, as for any editor
    explained = {r["indicator"] for r in rows if r["kind"] == "explanation"}
    assert explained == {t.indicator for step in story.steps for t in step.texts}
    assert any(r["kind"] == "status" and r["status_now"] != r["status_before"] for r in rows)


def test_the_story_ends_where_the_starting_file_stands(plan: Plan, fresh: Store) -> None:
    """The CSV stays the example's stand on its peildatum: the story only adds how it got there."""
    stored = fresh.read_actuals().frame
    bundled = read_actuals(DEFAULT_ACTUALS, plan).frame
    key = ["indicator", "year", "district"]
    assert (
        stored.set_index(key)["value"]
        .sort_index()
        .equals(bundled.set_index(key)["value"].sort_index())
    )
    texts = fresh.texts()
    assert texts and all(key[1] == PEILDATUM.year for key in texts)


def test_the_history_is_dated_in_the_story(plan: Plan, fresh: Store) -> None:
    story = _story(plan)
    history = fresh.history().sort_values("id")
    seed = history[history["editor"] == SEED_EDITOR]
    later = history[history["editor"] != SEED_EDITOR]
    assert set(seed["at"]) == {story.starting_file_at.isoformat(timespec="seconds")}
    assert later["at"].is_monotonic_increasing
    assert later["at"].min() >= seed["at"].max()
    assert later["at"].max() <= story.steps[-1].approved_at.isoformat(timespec="seconds")


def test_the_story_is_told_once_and_only_for_the_example(
    plan: Plan, fresh: Store, tmp_path: Path
) -> None:
    revision = fresh.revision()
    again = Store.open(plan, fresh.url)  # a second start: the database exists
    assert again.revision() == revision and len(again.meetings()) == len(fresh.meetings())
    copy = tmp_path / "mijn_cijfers.csv"
    shutil.copy(DEFAULT_ACTUALS, copy)
    other = Store.open(plan, f"sqlite:///{tmp_path / 'other.sqlite3'}", seed=copy)
    assert other.meetings() == [] and other.texts() == {}
    assert other.history()["editor"].eq(SEED_EDITOR).all()


BROKEN = [
    (
        "indicator: hbo_coach_vve_groepen\n        year: 2014",
        "indicator: bestaat_niet\n        year: 2014",
        "bestaat_niet",
    ),
    ('district: w05, before: "2"', 'district: w05, before: "-2"', "negatief"),
    ('district: w05, before: "2"', 'district: w05, before: "2,5,1"', "2,5,1"),
    (
        "approved_at: 2014-09-09T10:05:00",
        "approved_at: 2014-09-01T10:05:00",
        "vaststellen komt na invoeren",
    ),
    ("{day: 2014-07-07,", "{day: 2014-07-32,", "'2014-07-32' is geen bestaande datum"),
    ("{day: 2014-07-07,", "{day: gisteren,", "moet een datum zijn"),
    ("district: w03, before", "district: w99, before", "startbestand"),
    ("secretary: secretaris", "secretaris: secretaris", "onbekend veld"),
    ("{day: 2014-08-25,", "{day: 2014-07-07,", "op deze dag staat al een vergadering"),
    ("approved_by: programmamanager", "approved_by: beleidsmedewerker VVE", "tweede redacteur"),
]


@pytest.mark.parametrize(("old", "new", "said"), BROKEN)
def test_a_broken_story_is_refused_in_dutch_and_nothing_is_written(
    plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, said: str
) -> None:
    text = EXAMPLE_STORY.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / EXAMPLE_STORY.name
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setattr(story_module, "EXAMPLE_STORY", broken)
    url = f"sqlite:///{tmp_path / 'figures.sqlite3'}"
    with pytest.raises(ValidationFailed) as caught:
        Store.open(plan, url)
    message = "\n".join(str(p) for p in caught.value.problems)
    assert said in message and EXAMPLE_STORY.name in message and "regel" in message
    with make_engine(url).connect() as conn:  # the story is checked before the seed is written
        assert conn.execute(select(func.count()).select_from(dataset)).scalar_one() == 0


@pytest.fixture
def story_app(plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The app on a database it creates itself from the bundled example, as `make run` does."""
    return app_store(plan, tmp_path, monkeypatch, seed=True)


def test_a_fresh_installation_shows_the_meeting_block_and_the_page(
    plan: Plan, story_app: Store
) -> None:
    story = _story(plan)
    at = open_app()
    shown = text(at)
    assert "Sinds de vorige vergadering (25 augustus 2014):" in shown, shown
    assert (
        "cijfers gewijzigd" in shown and "statussen veranderd" in shown and "toelichtingen" in shown
    )
    at = open_app("pages/since.py")
    tables = "\n".join(frame.to_csv() for frame in html_tables(at))
    for step in story.steps:
        for figure in step.figures:
            assert plan.indicator(figure.indicator).name in tables
        assert step.editor in tables and step.approved_by in tables
    warnings = "\n".join(w.value for w in at.warning)
    assert "toelichtingen en vergaderingen op dit scherm zijn verzonnen" in warnings


def test_a_fresh_installation_shows_why_a_goal_is_behind(plan: Plan, story_app: Store) -> None:
    """On Per agendapunt, a behind goal's toelichting and maatregelen stand open above its chart."""
    written = next(t for step in _story(plan).steps for t in step.texts)
    number = plan.indicator(written.indicator).agenda_item
    at = open_app("pages/agenda.py", agendapunt=str(number))
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert html_module.escape(written.toelichting, quote=False) in html
    assert html_module.escape(written.maatregelen, quote=False) in html


def test_a_story_that_is_no_text_is_refused_in_dutch(plan: Plan, tmp_path: Path) -> None:
    broken = tmp_path / EXAMPLE_STORY.name
    broken.write_bytes(b"\xff\xfe\x00 geen tekst")
    with pytest.raises(ValidationFailed) as caught:
        read_story(broken, plan, [])
    assert [str(p) for p in caught.value.problems] == [
        f"{EXAMPLE_STORY.name}: bestand is geen UTF-8-tekst"
    ]
