"""Technical words stay off the screen: Per wijk and Over de cijfers say nothing of the plan's
YAML keys, district codes or the database file (that is the README's), and a meeting or an
editor's name with brackets of its own is never put in a second pair."""

from __future__ import annotations

from datetime import date

import pytest
from store_fixtures import app_store
from test_since_page import open_app

from lib.plan.schema import Plan
from lib.store.store import Store

TECHNICAL = ("districts:", "w01 tot en met", "actuals.sqlite3", "targets.yaml", "sqlite")


@pytest.fixture
def store(plan: Plan, tmp_path, monkeypatch) -> Store:
    return app_store(plan, tmp_path, monkeypatch)


def shown(at) -> str:
    """Every text of the page's main area and sidebar: Markdown, notes, captions, HTML blocks."""
    parts = [e.value for kind in ("markdown", "caption", "info", "warning") for e in at.get(kind)]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(map(str, parts))


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("pages/districts.py", {}),
        ("pages/districts.py", {"wijk": "w01"}),
        ("pages/about.py", {}),
    ],
)
def test_no_technical_words_on_the_reading_pages(store, page, params):
    text = shown(open_app(page, **params))
    assert text  # the page said something
    assert [word for word in TECHNICAL if word in text] == []


def test_the_next_meeting_is_named_in_one_pair_of_brackets(store):
    store.add_meeting(date(2014, 9, 15), "Stuurgroep", "anna")
    store.add_meeting(date(2014, 10, 6), "Stuurgroep Het Jonge Kind", "anna")
    at = open_app("pages/since.py")
    headings = [s.value for s in at.main.subheader]
    assert "Deadline vóór de volgende vergadering (Stuurgroep Het Jonge Kind, 6 oktober 2014)" in (
        headings
    )
    assert not [h for h in headings if "))" in h]


def test_texts_with_brackets_of_their_own_get_no_second_pair(plan, example_actuals):
    from lib.charts.indicators import describe_indicator
    from lib.progress.compare import progress_table
    from lib.views.districts import where_behind

    progress = progress_table(plan, example_actuals, date(2014, 10, 1), district="all")
    lines = where_behind(progress, plan, 2014)
    assert any("Wijkbijeenkomsten gehouden (één per wijk) in " in line for line in lines)
    city = progress[progress["district"] == ""]
    sentences = [
        describe_indicator(i, city[city["indicator"] == i.id], 2014)
        for i in plan.indicators
        if i.kind not in ("milestone", "commitment")
    ]
    assert any("onder het planpad (" in s for s in sentences)
    assert [s for s in lines + sentences if "))" in s] == []


def test_a_history_value_of_one_takes_the_singular(plan):
    from lib.views.history_view import shown_value

    counted = next(i for i in plan.indicators if i.unit_singular)
    assert shown_value(plan, counted.id, "1") == f"1 {counted.unit_singular}"
    assert shown_value(plan, counted.id, "3") == f"3 {counted.unit}"
