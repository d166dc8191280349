"""A year change reruns the page alone (a Streamlit fragment, ui/filters.py): what it shows must
still be what the database holds, and the frame's state must outlive it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from editors_server import EditorsServer
from helpers import app_exceptions, open_filters, open_page, wait_for_app, year_choice

from lib.store.store import FigureInput, Store

if TYPE_CHECKING:
    from playwright.sync_api import Page

VISITS = ("huisbezoeken", 2013, "")  # 58 in the example


def _row(page: Page, name: str):
    return page.locator("table.hjk-overview tbody tr").filter(has_text=name)


def _saved_by_another_editor(editors_server: EditorsServer) -> None:
    """Another editor's figure (71 home visits in 2013), entered and approved while the page
    stays open."""
    store = Store.open(editors_server.plan, editors_server.database_url)
    try:
        version = store.layers()[1][VISITS]
        store.save([FigureInput(*VISITS, "71", expected_version=version)], "bob")
        store.approve([(VISITS, store.layers()[1][VISITS])], "anna")
    finally:
        store.engine.dispose()


def test_a_year_change_shows_a_figure_saved_in_the_meantime(
    page: Page, editors_server: EditorsServer
) -> None:
    from playwright.sync_api import expect

    url = editors_server.fresh()
    name = next(i.name for i in editors_server.plan.indicators if i.id == VISITS[0])
    open_page(page, url + "/?jaar=2014&doelen=alle")
    year_choice(page).get_by_role("radio", name="2013").click()
    expect(_row(page, name)).to_contain_text("58")

    _saved_by_another_editor(editors_server)

    year_choice(page).get_by_role("radio", name="2014").click()
    expect(page.locator("h1")).to_contain_text("2014")
    year_choice(page).get_by_role("radio", name="2013").click()
    expect(page.locator("h1")).to_contain_text("2013")
    expect(_row(page, name)).to_contain_text("71")
    expect(_row(page, name)).not_to_contain_text("58")
    wait_for_app(page)
    assert app_exceptions(page) == []


def test_the_report_is_made_at_the_first_click_after_a_figure_was_saved_meanwhile(
    page: Page, editors_server: EditorsServer
) -> None:
    """The click reruns the page alone, which finds the new figure and becomes a whole run; the
    click must survive that (it was lost: the button stayed, nothing was made)."""
    from playwright.sync_api import expect

    open_page(page, editors_server.fresh() + "/?jaar=2014")
    _saved_by_another_editor(editors_server)
    page.get_by_role("button", name="Voortgangsrapport 2014 downloaden").click()
    page.get_by_role("button", name="Rapport maken").click()
    downloads = page.locator(".st-key-report_downloads [data-testid='stDownloadButton'] button")
    expect(downloads).to_have_count(4, timeout=240_000)  # every chart drawn for PDF and PowerPoint
    expect(page.get_by_role("button", name="Rapport maken")).to_have_count(0)
    wait_for_app(page)
    assert app_exceptions(page) == []


def test_the_sidebar_filters_outlive_a_year_change_and_a_page_switch(
    page: Page, app_server: str
) -> None:
    """Streamlit 1.67 drops the frame's widget values on a page switch right after a fragment
    run; the filters keep theirs for the session (persist_state)."""
    from playwright.sync_api import expect

    open_page(page, app_server + "/?jaar=2014&peildatum=2014-06-30&agendapunt=3")
    year_choice(page).get_by_role("radio", name="2013").click()
    expect(page.locator("h1")).to_contain_text("2013")
    wait_for_app(page)

    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link").filter(has_text="Mijlpalen").click()
    expect(page.locator("h1")).to_have_text("Mijlpalen 2012-2015")
    expect(page).to_have_url(re.compile(r"jaar=2013&peildatum=2014-06-30&agendapunt=3$"))
    filters = open_filters(page)
    expect(filters.get_by_role("combobox", name="Agendapunt")).to_have_value("3. Het kind voorop")
    wait_for_app(page)
    assert app_exceptions(page) == []


def test_choices_on_a_page_and_its_year_follow_each_other(page: Page, app_server: str) -> None:
    """Per agendapunt chooses its agenda item on the page, Per wijk its wijk: those choices rerun
    the page alone too, and a year change after them keeps them (and the other way round)."""
    from playwright.sync_api import expect

    main = page.get_by_test_id("stMain")
    open_page(page, app_server + "/agendapunten?jaar=2014")
    main.get_by_role("radiogroup", name="Agendapunt").get_by_text("3. Het kind voorop").click()
    expect(page.locator("h1")).to_have_text("Agendapunt 3: Het kind voorop")
    expect(page).to_have_url(re.compile(r"agendapunt=3"))
    year_choice(page).get_by_role("radio", name="2013").click()
    expect(main.get_by_text("status voor 2013")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Agendapunt 3: Het kind voorop")
    expect(page).to_have_url(re.compile(r"jaar=2013&peildatum=2014-10-01&agendapunt=3"))
    main.get_by_role("radiogroup", name="Agendapunt").get_by_text("2. De ouder").click()
    expect(page.locator("h1")).to_have_text("Agendapunt 2: De ouder als betrokken partner")
    expect(main.get_by_text("status voor 2013")).to_be_visible()
    expect(page).to_have_url(re.compile(r"jaar=2013&peildatum=2014-10-01&agendapunt=2"))
    wait_for_app(page)

    page.get_by_test_id("stSidebarNav").get_by_role("link").filter(has_text="Per wijk").click()
    expect(page.locator("h1")).to_have_text("Per wijk: stand 2013 in de 10 wijken")
    main.get_by_role("button", name="Kies een wijk").click()
    page.get_by_role("combobox", name="Wijk vergelijken met de stad").click()
    page.get_by_role("option", name="Haven", exact=True).click()
    page.keyboard.press("Escape")
    expect(main.get_by_text("Haven tegenover de stad in 2013")).to_be_visible()
    year_choice(page).get_by_role("radio", name="2014").click()
    expect(main.get_by_text("Haven tegenover de stad in 2014")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Per wijk: stand 2014 in de 10 wijken")
    expect(page).to_have_url(re.compile(r"jaar=2014&.*wijk=w\d\d"))
    wait_for_app(page)
    assert app_exceptions(page) == []
