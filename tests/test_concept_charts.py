"""Concept figures counted (the sidebar switch): chart subtitles and exports say so, and a
concept value is drawn differently from an approved one."""

from __future__ import annotations

import pytest
from apptest_open import aim
from store_fixtures import FTE, app_store
from streamlit.testing.v1 import AppTest

from lib.store.store import FigureInput
from support.charts import figures
from tests.test_pages import AGENDA, APP, RUN_TIMEOUT_S


@pytest.fixture
def store(plan, tmp_path, monkeypatch):
    figures = app_store(plan, tmp_path, monkeypatch)
    figures.save([FigureInput(*FTE, "3,8", expected_version=1)], "anna")  # a concept
    return figures


def _charts(at: AppTest) -> list[dict]:
    return figures(at)


def test_counting_concepts_marks_every_chart_and_draws_the_concept_apart(store, editor_account):
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    at.session_state["edit_editor"] = editor_account  # the switch is for editors
    aim(at, APP, AGENDA).run()
    before = _charts(at)
    assert before and not any("conceptcijfers" in c["layout"]["title"]["text"] for c in before)
    at.toggle(key="include_concept").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    charts = _charts(at)
    assert charts and all(
        "inclusief conceptcijfers" in c["layout"]["title"]["text"] for c in charts
    )
    fte = next(c for c in charts if "HBO-coaches" in c["layout"]["title"]["text"])
    concept = [t for t in fte["data"] if t["type"] == "bar" and "Concept" in t.get("name", "")]
    assert concept and concept[0]["marker"]["pattern"]["shape"] == "x"
    assert 3.8 in concept[0]["y"]
    notes = " ".join(e.proto.body for e in at.main.get("html"))  # each chart's source line
    assert notes.count("Inclusief conceptcijfers: nog niet vastgestelde") == len(charts)
