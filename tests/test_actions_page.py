"""The page *Actiepunten* and Overzicht's line of actions in AppTest, on the bundled example with
its story and its invented actions (peildatum 1 October 2014; previous meeting 25 August)."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_fixtures import app_store
from streamlit.testing.v1 import AppTest
from test_pages import html_links, html_tables
from test_since_page import open_app, text

from lib.plan.schema import Plan
from lib.steering.book import Steering
from lib.steering.rules import ActionFields
from lib.store.store import Store

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = "pages/actions.py"


@pytest.fixture
def steering(plan: Plan, tmp_path, monkeypatch) -> Steering:
    return Steering.open(app_store(plan, tmp_path, monkeypatch, seed=True))


def table(at: AppTest, header: str) -> list[list[str]]:
    found = [t for t in html_tables(at) if header in t.columns]
    return found[0].values.tolist() if found else []


def test_overview_names_the_late_action_and_links_to_the_page_with_its_filters(steering):
    at = open_app(agendapunt="1")
    shown = text(at)
    assert "Actiepunten bij agendapunt 1: 2 open, waarvan 1 over de deadline" in shown
    assert "A2 Vacatures voor HBO-coaches" in shown and "16 dagen te laat" in shown
    (link,) = [href for href, words in html_links(at) if words == "Bekijk de actiepunten"]
    assert link.startswith("actiepunten?") and "agendapunt=1" in link


def test_overview_counts_the_actions_of_the_chosen_agenda_item(steering):
    """As the actions page its link opens does: with agendapunt=2 the overview said '2 open,
    waarvan 1 over de deadline' (every item's) while the page said 0 open."""
    shown = text(open_app(agendapunt="2"))
    assert "Actiepunten bij agendapunt 2: 0 open" in shown
    assert "16 dagen te laat" not in shown
    assert "Actiepunten: 0 open" in text(open_app(ACTIONS, agendapunt="2"))


def test_overview_without_actions_has_no_line(plan, tmp_path, monkeypatch):
    app_store(plan, tmp_path, monkeypatch)  # the figures without their story
    assert "Actiepunten:" not in text(open_app())


def test_the_page_lists_open_actions_late_first_with_the_indicators_status(steering):
    at = open_app(ACTIONS)
    rows = table(at, "Stand indicator")
    assert [r[0] for r in rows] == ["A2", "A4"]
    assert rows[0][4] == "⚠ 16 dagen over de deadline"
    assert rows[0][6].endswith("achter") or rows[0][6].endswith("op koers")
    done = [t for t in html_tables(at) if "Nr" in t.columns][1].values.tolist()
    assert [r[0] for r in done] == ["A3"] and done[0][4].startswith("✔ gereed: Scholing")
    decisions = table(at, "Besluit")
    assert [r[0] for r in decisions][:2] == ["25 augustus 2014", "25 augustus 2014"]
    assert len(decisions) == 3


@pytest.mark.parametrize(
    ("params", "numbers"),
    [
        ({"status": "gereed"}, ["A1", "A3"]),
        ({"status": "alle", "eigenaar": "GGD (voorbeeld)"}, ["A3"]),
        ({"status": "alle", "agendapunt": "2"}, ["A1"]),
        ({"status": "vervallen"}, []),
    ],
)
def test_filters_come_from_the_link(steering, params, numbers):
    at = open_app(ACTIONS, **params)
    if numbers:
        assert [r[0] for r in table(at, "Stand indicator")] == numbers
    else:
        assert "Geen actiepunten bij deze keuze." in text(at)
    for param, value in params.items():
        assert at.query_params[param] in (value, [value])


def test_a_new_action_shows_at_once_and_its_text_stays_text(steering):
    open_app(ACTIONS)
    fields = ActionFields("**vet** [link](http://x)", "GGD", "2014-09-01")
    steering.add_action(fields, "anna")
    at = open_app()
    assert "Actiepunten: 3 open, waarvan 2 over de deadline" in text(at)
    # HTML-escaped: shown as typed, no bold and no link.
    assert "**vet** [link](http://x)" in text(at)
    assert "http://x" not in [href for href, _ in html_links(at)]


def test_since_the_meeting_lists_the_done_action_the_late_one_and_the_decisions(steering):
    at = open_app("pages/since.py")
    assert "Actiepunten en besluiten" in [h.value for h in at.main.header]
    found = [t for t in html_tables(at) if list(t.columns)[:2] == ["Nr", "Actie"]]
    numbers = [list(t["Nr"]) for t in found]
    # agreed at the meeting of 25 August (late first); done since; gone late since
    assert numbers == [["A2", "A4", "A3"], ["A3"], ["A2"]]
    assert [list(t["Besluit"]) for t in html_tables(at) if "Besluit" in t.columns] == [
        [
            "Gemeente en aanbieders werven de ontbrekende HBO-coaches samen; tussenstand in december.",
            "Alle organisaties werken per 1 januari 2015 met het kindvolgsysteem.",
        ]
    ]


def test_a_goal_behind_with_no_text_and_no_action_says_so_in_words(steering):
    at = open_app()
    overview = [t for t in html_tables(at) if "Waarom deze status" in t.columns][0]
    flagged = overview[
        overview["Waarom deze status"].str.contains("Ontbreekt: geen toelichting, geen actiepunt")
    ]
    assert "Subsidieregeling VVE-scholing duidelijk" in list(flagged["Indicator"])
    # a goal behind with an open action (A2) is not flagged
    coach = overview[overview["Indicator"] == "VVE-groepen met een HBO'er als coach"]
    assert not coach["Waarom deze status"].str.contains("Ontbreekt").any()
    at = open_app("pages/agenda.py", agendapunt="1")
    shown = "\n".join(h.proto.body for h in at.main.get("html"))
    assert "<strong>Actiepunten:</strong><br>A2 Vacatures voor HBO-coaches" in shown
    assert "16 dagen te laat" in shown


def test_a_milestone_behind_with_no_text_and_no_action_says_so_on_its_agenda_item(steering):
    at = open_app("pages/agenda.py", agendapunt="4")
    for theme in range(1, 5):  # whichever theme holds the goal of the milestone
        shown = "\n".join(h.proto.body for h in at.main.get("html"))
        if "Subsidieregeling VVE-scholing duidelijk</strong>" in shown:
            break
        at = open_app("pages/agenda.py", agendapunt="4", thema=str(theme + 1))
    head, _, rest = shown.partition("Subsidieregeling VVE-scholing duidelijk</strong>")
    assert rest.split("</p>", 2)[1].endswith(
        "<strong>Ontbreekt:</strong> geen toelichting, geen actiepunt"
    )


def test_a_new_example_database_is_whole_before_the_first_page_reads_it(tmp_path, monkeypatch):
    """The app makes a new database with the example's figures, actions and decisions before
    any page reads its revision. Written later, by the first page that shows actions, the
    actions moved the revision under that page: its next click became a whole run, and a click
    on "Rapport maken" was lost."""
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    at = open_app()
    assert "Actiepunten: 2 open, waarvan 1 over de deadline" in text(at)
    shown = at.session_state["context"]
    store = Store.open(shown.plan, url)
    try:
        assert store.read_actuals().version == shown.actuals.version
    finally:
        store.engine.dispose()
