"""Concept figures counted are marked where each is shown (issue 33, case 3): with the sidebar
switch on, Overzicht showed '3,8 FTE' like a final figure; only the banner said concepts count.
Tables, tiles, the wijk tables and the ranking's bars and hover now say '(concept)'."""

from __future__ import annotations

from datetime import date

import pytest
from store_fixtures import FTE, app_store
from streamlit.testing.v1 import AppTest
from test_pages import APP, RUN_TIMEOUT_S, captioned_table, tiles_html

from lib.charts.districts import district_profile, ranking_view
from lib.progress.compare import progress_table
from lib.store.store import FigureInput
from lib.views.districts import status_matrix
from lib.views.overview import overview_table, tiles

AS_OF = date(2014, 10, 1)
WIJK = ("vve_thuis_groepen", 2014, "w01")  # 5 in the example


@pytest.fixture
def store(plan, tmp_path, monkeypatch):
    figures = app_store(plan, tmp_path, monkeypatch)
    figures.save([FigureInput(*FTE, "3,8", expected_version=1)], "anna")  # concepts
    figures.save([FigureInput(*WIJK, "6", counted_on="2014-09-30")], "anna")
    return figures


def progress(store, include_concept: bool):
    actuals = store.read_actuals(include_concept=include_concept)
    return progress_table(store.plan, actuals, AS_OF, district="all")


def test_3_every_concept_value_is_marked_where_it_is_shown(store):
    plan = store.plan
    table = progress(store, include_concept=True)
    overview = overview_table(table, plan, 2014).set_index("indicator")
    assert overview.loc[FTE[0], "Stand"] == "3,8 FTE (concept)"
    assert not any(
        s.endswith("(concept)") for i, s in overview["Stand"].items() if i not in (FTE[0], WIJK[0])
    )
    assert overview.loc[WIJK[0], "Stand"].endswith("(concept)")  # a sum with a concept wijk
    fte_item = plan.indicator(FTE[0]).agenda_item
    assert {t["number"]: t["concepts"] for t in tiles(table, plan, 2014)}[fte_item] >= 1

    text, _fills = status_matrix(table, plan, 2014)
    name, wijk = plan.indicator(WIJK[0]).name, plan.district_names()["w01"]
    assert text.loc[name, wijk] == "6 (concept)"
    assert text.loc[name, plan.district_names()["w02"]] == "4"
    profile = district_profile(table, "w01", 2014, plan).set_index("Indicator")
    assert profile.loc[name, "Stand wijk"] == "6 groepen (concept)"
    fig, _ = ranking_view(table, plan.indicator(WIJK[0]), 2014, "")
    bar = fig.data[0]
    marked = dict(zip(bar.y, bar.customdata, strict=True))
    assert marked[wijk] == " (concept)" and "%{customdata}" in bar.hovertemplate
    assert [s for s, y in zip(bar.marker.pattern.shape, bar.y, strict=True) if y == wijk] == ["x"]
    assert "6 (concept)" in bar.text


def test_3_without_the_switch_nothing_is_marked(store):
    table = progress(store, include_concept=False)
    overview = overview_table(table, store.plan, 2014)
    assert not any("(concept)" in s for s in overview["Stand"])
    assert all(t["concepts"] == 0 for t in tiles(table, store.plan, 2014))


def test_3_overzicht_marks_the_concept_in_its_table_and_tile(store, editor_account):
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    at.session_state["edit_editor"] = editor_account  # the switch is for editors
    at.query_params["doelen"] = "alle"  # every target, not only what needs attention
    at.run()
    at.toggle(key="include_concept").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = captioned_table(at, "Alle doelen").set_index("Indicator")
    assert shown.loc[store.plan.indicator(FTE[0]).name, "Stand"] == "3,8 FTE (concept)"
    assert any("op een conceptcijfer" in tile for _, tile in tiles_html(at))
