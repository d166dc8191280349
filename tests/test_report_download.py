"""The report in the overview's download popover: made on request, progress shown per stage."""

from __future__ import annotations

import pytest

import ui.components
from tests.report_fixtures import FakeExporter
from tests.test_pages import open_app, rerun


@pytest.fixture
def fake(monkeypatch, tmp_path):
    # stand-in pictures go to an image cache of this test's own, never to one a real render reads
    monkeypatch.setenv("HJK_IMAGE_CACHE", str(tmp_path / "image-cache"))
    exporter = FakeExporter()
    monkeypatch.setattr(ui.components, "exporter", lambda: exporter)
    monkeypatch.setattr(ui.components, "export_available", lambda: True)
    return exporter


def _texts(at) -> str:
    return " ".join(
        str(getattr(e, "value", "") or getattr(e, "label", "") or "")
        for e in [*at.main.markdown, *at.main.caption]
    )


def test_report_is_made_on_request_with_its_stages_and_four_files(fake):
    at = open_app()
    assert "ongeveer" not in _texts(at) and "seconden" not in _texts(at)  # no promised time
    assert not at.get("download_button")
    at.button(key="report_make").click()
    rerun(at)
    texts = _texts(at)
    assert "Cijfers, samenvatting en grafieken samenstellen" in texts
    for name in ("PDF", "PowerPoint", "Excel", "Word"):
        assert f"{name} geschreven" in texts
    # every chart drawn (by the stand-in)
    assert at.get("progress") and at.get("progress")[-1].value == 100
    buttons = at.get("download_button")
    assert len(buttons) == 4
    assert "Rapport maken" not in [b.label for b in at.button]  # made once per session


def test_report_of_chosen_agenda_items_is_named_as_a_selection(fake):
    at = open_app()
    at.multiselect(key="report_agenda_items").set_value([2])
    rerun(at)
    at.button(key="report_make").click()
    rerun(at)
    assert len(at.get("download_button")) == 4
    # the download buttons' file name (the test's media store keeps none of its own)
    [(stem, files)] = at.session_state["report_files"].values()
    assert stem.endswith("(peildatum 1 oktober 2014, selectie agendapunt 2)") and len(files) == 4
    # only agenda item 2's charts were drawn
    assert fake.rendered and not any("agendapunt 1" in t for t in fake.rendered)
