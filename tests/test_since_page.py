"""The page *Sinds de vorige vergadering* and Overzicht's block in AppTest, against a database of
the test's own: a meeting on 15 September 2014 (before the example peildatum 1 October 2014),
and a figure changed and approved after it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from apptest_open import aim
from store_fixtures import FTE, GROUPS_W01, app_store
from streamlit.testing.v1 import AppTest
from test_pages import html_links, html_tables, html_text

from lib.plan.schema import Plan
from lib.store.store import FigureInput, Store

ROOT = Path(__file__).resolve().parent.parent
SINCE = "pages/since.py"


@pytest.fixture
def store(plan: Plan, tmp_path, monkeypatch) -> Store:
    return app_store(plan, tmp_path, monkeypatch)


def change(store: Store, key, value: str) -> None:
    store.save([FigureInput(*key, value, expected_version=store.layers()[1][key])], "anna")
    store.approve([(key, store.layers()[1][key])], "bob")


def open_app(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params.update(params)
    if page:
        aim(at, ROOT / "dashboard.py", page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def text(at: AppTest) -> str:
    """The page's Markdown, then the words of its HTML (the overview's blocks are HTML)."""
    return "\n".join([*(m.value for m in at.main.markdown), html_text(at)])


def test_overview_block_counts_with_singulars_and_links_to_the_page(store):
    store.add_meeting(date(2014, 9, 15), "Stuurgroep", "anna")
    change(store, FTE, "0,5")  # op koers -> achter
    at = open_app()
    assert (
        "Sinds de vorige vergadering (15 september 2014): 1 cijfer gewijzigd, 1 status "
        "veranderd (1 naar achter) in 2014, hele stad."
    ) in text(at)
    (link,) = [(href, words) for href, words in html_links(at) if "sinds" in href]
    assert link == (
        "sinds-vorige-vergadering?jaar=2014&peildatum=2014-10-01",
        "Bekijk wat er veranderde",
    )
    change(store, GROUPS_W01, "9")  # a wijk's figure changes the city's total with it
    at = open_app()
    assert "2 cijfers gewijzigd (waarvan 1 stadstotaal uit de wijken)" in text(at)


def test_overview_without_a_meeting_has_no_block(store):
    change(store, FTE, "0,5")
    at = open_app()
    assert "Sinds de vorige vergadering (" not in text(at)


def test_the_page_shows_the_change_the_move_and_milestones(store):
    store.add_meeting(date(2014, 6, 30), "", "anna")
    store.add_meeting(date(2014, 9, 15), "Stuurgroep 15 september 2014", "anna")
    change(store, FTE, "0,5")
    at = open_app(SINCE)
    assert at.main.title[0].value == "Sinds de vorige vergadering"
    assert at.selectbox(key="since_meeting").value == date(2014, 9, 15)
    assert "**Sinds de vorige vergadering (Stuurgroep 15 september 2014, 15 september 2014):**" in (
        text(at)
    )
    figures, moves, *_ = html_tables(at)
    assert figures.iloc[0][["Was", "Nu", "Ingevoerd door", "Vastgesteld door"]].tolist() == [
        "3,2 FTE",
        "0,5 FTE",
        "anna",
        "bob",
    ]
    assert moves.iloc[0][["Indicator", "Was", "Status"]].tolist() == [
        "Inzet HBO-coaches op VVE-groepen",
        "➜ op koers",
        "✖ achter",
    ]
    # The earlier meeting: milestones of July and August 2014 fell due since.
    at.selectbox(key="since_meeting").set_value(date(2014, 6, 30)).run()
    due = next(t for t in html_tables(at) if "Mijlpaal" in t.columns)
    names = [
        store.plan.indicator(i).name for i in ("pedagogiek_dt_ad_ontwikkeld", "ad_pedagogiek_start")
    ]
    assert due["Mijlpaal"].tolist() == names
    assert due["Deadline"].tolist() == ["31 juli 2014", "31 augustus 2014"]
    assert "Deadline in de zes weken na de peildatum (tot 12 november 2014)" in [
        h.value for h in at.main.subheader
    ]


def test_the_page_for_a_wijk_shows_that_wijks_figures(store):
    store.add_meeting(date(2014, 9, 15), "", "anna")
    change(store, GROUPS_W01, "9")
    at = open_app(SINCE, wijk="w01")
    figures = html_tables(at)[0]
    assert figures["Waar"].tolist() == [store.plan.district_names()["w01"]]
    assert "1 cijfer gewijzigd" in text(at)


def test_the_city_view_lists_a_total_changed_by_a_wijk(store):
    store.add_meeting(date(2014, 9, 15), "", "anna")
    frame = store.read_actuals().frame
    wijken = frame[(frame["indicator"] == GROUPS_W01[0]) & (frame["year"] == 2014)]
    was = int(sum(float(v) for v in wijken["value"]))
    unit = store.plan.indicator(GROUPS_W01[0]).unit
    change(store, GROUPS_W01, "9")  # example 4: the city's total goes up by 5
    at = open_app(SINCE)
    assert "1 cijfer gewijzigd (waarvan 1 stadstotaal uit de wijken)" in text(at)
    (row,) = html_tables(at)[0].to_dict("records")
    assert row["Indicator"] == store.plan.indicator(GROUPS_W01[0]).name
    assert row["Waar"] == "hele stad (som van de wijken)"
    assert (row["Was"], row["Nu"]) == (f"{was} {unit}", f"{was + 5} {unit}")
    assert (row["Ingevoerd door"], row["Vastgesteld door"]) == ("anna", "bob")


def test_another_date_and_no_meetings(store):
    at = open_app(SINCE)
    assert "Er zijn nog geen vergaderingen vastgelegd" in at.info[0].value
    # Six weeks before the peildatum (1 October 2014): the peildatum itself would show nothing.
    assert at.date_input(key="since_date").value == date(2014, 8, 20)
    assert "Sinds 20 augustus 2014:" in text(at)
    assert "Geen cijfers gewijzigd." in text(at)


def test_a_figures_file_says_changes_need_the_database(store, monkeypatch):
    monkeypatch.setenv("HJK_ACTUALS", str(ROOT / "data" / "example_actuals.csv"))
    at = open_app(SINCE)
    assert "staat in de geschiedenis van de database" in at.info[0].value
    assert "example_actuals.csv (HJK_ACTUALS)" in at.info[0].value
    at = open_app()
    assert "Sinds de vorige vergadering (" not in text(at)


def test_a_meeting_title_is_shown_as_typed(store):
    store.add_meeting(date(2014, 9, 15), "*Stuurgroep* [extra](http://x) :red[let op]", "anna")
    at = open_app(SINCE)
    (headline,) = [m for m in text(at).splitlines() if m.startswith("**Sinds")]
    # Markdown signs escaped: no emphasis, link or colour, the title as the editor typed it.
    assert r"\*Stuurgroep\* \[extra\]\(http\://x\) \:red\[let op\]" in headline


def test_the_vergaderstuk_lists_the_move_and_the_editors_text_in_word(store, monkeypatch, tmp_path):
    import io

    import docx

    import ui.components
    from tests.report_fixtures import FakeExporter

    exporter = FakeExporter()  # draws stand-in pictures: no Chromium needed
    # ... into an image cache of this test's own: a real render later must not find them
    monkeypatch.setenv("HJK_IMAGE_CACHE", str(tmp_path / "image-cache"))
    monkeypatch.setattr(ui.components, "exporter", lambda: exporter)
    monkeypatch.setattr(ui.components, "export_available", lambda: True)
    store.add_meeting(date(2014, 9, 15), "Stuurgroep", "anna")
    change(store, FTE, "0,5")  # op koers -> achter
    store.save_text(FTE, "Twee vacatures open", "Werving via de hogeschool", "anna")
    store.approve_texts([(FTE, store.text_layers()[FTE]["version"])], "bob")
    at = open_app(SINCE)
    at.button(key="report_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (word,) = [b for b in at.get("download_button") if b.proto.label.startswith("Word")]
    data = at.session_state["report_files"]
    ((stem, files),) = data.values()
    assert stem.startswith("Vergaderstuk ") and "Masterplan Het Jonge Kind" in stem
    document = docx.Document(io.BytesIO(files["docx"]))
    assert document.core_properties.title.startswith("Vergaderstuk ")
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Statuswijzigingen sinds 15 september 2014" in body
    assert "Inzet HBO-coaches op VVE-groepen (hele stad, 2014): ➜ op koers → ✖ achter" in body
    assert "Toelichting: Twee vacatures open" in body
    assert "Maatregelen: Werving via de hogeschool" in body
    assert word is not None
