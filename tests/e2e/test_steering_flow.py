"""The steering loop in the browser: on a fresh installation (the example, its story and its
actions), an editor adds an action, a second editor marks it done with a note, and it shows on
*Sinds de vorige vergadering* (done since 25 August 2014) and in the Word vergaderstuk made
there. A database of its own (tests/e2e/editors_server.py)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from helpers import app_exceptions, screenshot, wait_for_app
from test_editing import editing_server, log_in  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Page

TAB = "Actiepunten en besluiten"


def _confirm(page: Page, done: str) -> None:
    box = page.locator(".st-key-edit_steering_confirm_box")
    box.get_by_role("button", name="Ja, opslaan").click()
    page.get_by_text(done).wait_for(timeout=30000)
    wait_for_app(page)


def test_an_action_added_then_done_by_another_editor_shows_since_the_meeting_and_in_word(
    page: Page,
    editing_server: str,  # noqa: F811 (the fixture of test_editing.py)
):
    url = editing_server
    log_in(page, url, "anna")
    page.get_by_role("tab", name=TAB).click()
    page.locator(".st-key-edit_steering_text input").fill(
        "Ouders uitnodigen voor de startbijeenkomst"
    )
    page.locator(".st-key-edit_steering_owner input").fill("GGD")
    page.get_by_role("button", name="Actiepunt toevoegen").click()
    box = page.locator(".st-key-edit_steering_confirm_box")
    box.get_by_text("Nieuw actiepunt: Ouders uitnodigen voor de startbijeenkomst").wait_for(
        timeout=30000
    )
    _confirm(page, "Actiepunt A5 vastgelegd.")

    log_in(page, url, "bob")
    page.get_by_role("tab", name=TAB).click()
    status = page.get_by_role("combobox", name="Status")
    status.click()
    page.keyboard.type("gereed")
    page.keyboard.press("Enter")
    page.locator(".st-key-edit_steering_cnote_5_1 input").fill("Uitnodigingen verstuurd")
    page.get_by_role("button", name="Wijziging bekijken").click()
    box.get_by_text("A5 status: open -> gereed").wait_for(timeout=30000)
    _confirm(page, "Actiepunt A5 gewijzigd.")

    page.goto(f"{url}/sinds-vorige-vergadering?jaar=2014")
    wait_for_app(page)
    done = page.get_by_role("table", name="Gereed sinds 25 augustus 2014")
    done.wait_for(timeout=30000)
    assert "Ouders uitnodigen voor de startbijeenkomst" in done.inner_text()
    assert "gereed: Uitnodigingen verstuurd" in done.inner_text()
    screenshot(page, "steering-since.png")

    page.get_by_role("button", name="Vergaderstuk 2014").click()
    page.get_by_role("button", name="Rapport maken").click()
    word = page.get_by_role("button", name="Word (vergaderstuk)")
    word.wait_for(timeout=240000)
    with page.expect_download() as download:
        word.click()
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    row = next(r for r in cells if r[0] == "A5")
    assert row[1:3] == ["Ouders uitnodigen voor de startbijeenkomst", "GGD"]
    assert row[4] == "gereed: Uitnodigingen verstuurd"
    assert app_exceptions(page) == []
