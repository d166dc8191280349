"""Editing in the browser: an editor logs in, changes a figure in the grid, sees the change old ->
new and confirms it; a second editor rejects it with a reason, stays on the approval tab, and the
overview is as it was. Each test on a database of its own (a fresh installation), two editor
accounts (tests/e2e/editors_server.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from editors_server import PASSWORD, EditorsServer
from helpers import app_exceptions, choose_concepts, screenshot, wait_for_app

if TYPE_CHECKING:
    from playwright.sync_api import Page

# The grid's geometry (ui/edit_grid.py sets the widths): where to click to edit a cell.
ROW_HEIGHT = 35
INDICATOR_PX, YEAR_PX, DISTRICT_PX, TARGET_PX, VALUE_PX = 230, 50, 100, 140, 100


@pytest.fixture
def editing_server(page: Page, editors_server: EditorsServer) -> str:
    """The worker's editors' server (tests/e2e/editors_server.py) on a fresh installation."""
    return editors_server.fresh()


@pytest.fixture
def editing_database(editors_server: EditorsServer) -> str:
    """The URL of the database behind `editing_server`."""
    return editors_server.database_url


def log_in(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/gegevens-bijwerken")
    wait_for_app(page)
    page.get_by_label("Naam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text(f"Ingelogd als redacteur {name}").wait_for(timeout=30000)
    wait_for_app(page)


COUNT = re.compile(r"(behaald|op koers|achter)\s+(\d+)")


def agenda_1_counts(page: Page, url: str) -> dict[str, int]:
    """The status counts on the overview's tile for agenda item 1."""
    page.goto(f"{url}/overzicht?jaar=2014")
    wait_for_app(page)
    tile = page.locator('.hjk-tile[data-agenda-item="1"]')  # lib/views/overview_html.py
    # The tile's counts can come a moment after the run on a busy machine: wait for them.
    tile.get_by_text(COUNT).first.wait_for(timeout=30000)
    text = tile.inner_text()
    return {word: int(n) for word, n in COUNT.findall(text)}


def edit_value(page: Page, row: int, text: str) -> None:
    """Type into the Waarde cell of the grid's `row` (0 = first figure) and commit it."""
    # The page opens on Te doen: the grid is on its own tab.
    tab = page.get_by_role("tab", name="Cijfers bewerken")
    if tab.count() and tab.get_attribute("aria-selected") != "true":
        tab.click()  # a keyed tab bar: the click reruns the script, which must end first
        page.wait_for_timeout(300)
        wait_for_app(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    # The grid's code loads after the run; on a machine busy with other tests that took over
    # the default 30 s once (CI, 30 November 2026).
    grid.wait_for(state="visible", timeout=90000)
    grid.scroll_into_view_if_needed()
    x = INDICATOR_PX + YEAR_PX + DISTRICT_PX + TARGET_PX + VALUE_PX // 2
    y = ROW_HEIGHT * (row + 1) + ROW_HEIGHT // 2  # below the header row
    grid.click(position={"x": x, "y": y})
    page.wait_for_timeout(300)
    page.keyboard.type(text)  # typing on a selected cell opens its editor with this text
    page.wait_for_timeout(300)  # the editor opens on the next frame; Enter before it is lost
    page.keyboard.press("Enter")
    wait_for_app(page)


def test_save_with_confirmation_then_reject_with_a_reason(page: Page, editing_server: str) -> None:
    url = editing_server
    before = agenda_1_counts(page, url)

    log_in(page, url, "anna")
    page.get_by_role("tab", name="Cijfers bewerken").click()  # the page opens on Te doen
    wait_for_app(page)
    # 2014, hele stad (the defaults): the second row is 'Inzet HBO-coaches op VVE-groepen', 3,2 FTE.
    second = page.locator('[data-testid="stDataFrame"] #glide-cell-0-1')
    assert second.inner_text().startswith("Inzet HBO-coaches")
    edit_value(page, 1, "4")
    page.get_by_role("button", name="Opslaan (1 wijziging)...").click()
    confirm = page.locator(".st-key-edit_confirm_box")
    confirm.get_by_text("Controleer deze wijziging voordat u opslaat.").wait_for(timeout=30000)
    wait_for_app(page)
    changes = confirm.locator('[data-testid="stDataFrame"]')
    old, new = (changes.locator(f"#glide-cell-{c}-0").text_content() for c in (1, 2))
    assert (old, new) == ("3,2", "4")
    screenshot(page, "editing-confirm.png")
    assert page.get_by_text("opgeslagen als concept").count() == 0  # nothing saved yet
    confirm.get_by_role("button", name="Ja, opslaan").click()
    page.get_by_text("1 cijfer opgeslagen als concept").wait_for(timeout=30000)

    log_in(page, url, "bob")  # a new browser session: anna is no longer logged in
    choose_concepts(page, "Inzet HBO-coaches")
    reject = page.get_by_role("button", name="Gekozen cijfers afwijzen")
    assert reject.is_disabled()  # not without a reason
    page.get_by_label("Reden van afwijzen (komt in de geschiedenis)").fill("4 FTE klopt niet")
    page.keyboard.press("Enter")
    wait_for_app(page)
    screenshot(page, "editing-reject.png")
    reject.click()
    page.get_by_text("1 cijfer afgewezen.").wait_for(timeout=30000)
    wait_for_app(page)
    # The page stays on the tab the editor was using.
    assert page.get_by_role("tab", name="Vaststellen").get_attribute("aria-selected") == "true"
    assert page.get_by_text("Er wachten geen conceptcijfers.").is_visible()
    screenshot(page, "editing-rejected.png")

    assert agenda_1_counts(page, url) == before  # the rejected figure never counted
    assert app_exceptions(page) == []


def upload_as_anna(page: Page, url: str, content: bytes) -> None:
    """Log in as anna and upload `content` as cijfers.csv on the import tab."""
    log_in(page, url, "anna")
    page.get_by_role("tab", name="Importeren uit Excel").click()
    upload = {"name": "cijfers.csv", "mimeType": "text/csv", "buffer": content}
    page.locator('input[type="file"]').set_input_files(upload)
    wait_for_app(page)


def test_a_refused_upload_says_why_without_counting_rows(
    page: Page, editing_server: str, tmp_path: Path
):
    """A file refused as a whole (here a column the template does not have) gets its Dutch error
    and nothing else: no row counts, no 'only valid rows' choice, no import button to press."""
    # 'Jaar' alone is the template's Dutch name, read as the year: 'jaartal' is no column.
    content = b"indicator,jaartal,district,value\nhbo_coach_fte,2014,,4\n"
    upload_as_anna(page, editing_server, content)
    error = page.locator('[data-testid="stAlertContentError"]')
    error.wait_for(timeout=30000)
    text = error.inner_text()
    assert "cijfers.csv is niet ingelezen; er is niets veranderd." in text
    assert "jaar" in text
    main = page.locator('[data-testid="stMain"]').inner_text()
    # The file's size as Streamlit writes it, in Dutch (ui/dutch.js).
    assert f"{len(content)},0 B" in main
    assert "met fouten" not in main and "overgeslagen" not in main
    assert "Alleen geldige rijen importeren" not in main
    assert page.get_by_role("button", name="Importeren").is_disabled()
    screenshot(page, "upload-refused.png")
    assert app_exceptions(page) == []


def test_an_import_does_not_overwrite_a_concept_saved_since_its_preview(
    page: Page, editing_server: str, editing_database: str
):
    """anna's preview said 3,2 -> 4,5; bob then saved 6 for the same figure; anna's click on
    Importeren replaced bob's 6 without a word (the preview was made again on the click). Now
    it is refused with what bob did, and his concept stays."""
    from lib.plan.load import load_plan
    from lib.store.store import FigureInput, Store

    upload_as_anna(
        page, editing_server, b'indicator,year,district,value\nhbo_coach_fte,2014,,"4,5"\n'
    )
    page.get_by_text("1 cijfer en 0 toelichtingen veranderen").wait_for(timeout=30000)

    store = Store.open(load_plan(Path(__file__).parents[2] / "targets.yaml"), editing_database)
    key = ("hbo_coach_fte", 2014, "")
    store.save([FigureInput(*key, "6", expected_version=store.layers()[1][key])], "bob")
    page.get_by_role("button", name="Importeren").click()
    wait_for_app(page)
    page.get_by_text(re.compile("intussen gewijzigd door bob")).wait_for(timeout=30000)
    assert store.layers()[0][key].concept.value == "6"  # bob's concept stays
    screenshot(page, "import-conflict.png")
    assert app_exceptions(page) == []
