"""Editing in the browser: an editor logs in, changes a figure in the grid, a second editor
approves it, and the overview changes. Own server, own database, two editor accounts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import (
    app_exceptions,
    screenshot,
    start_app_server,
    stop_app_server,
    wait_for_app,
)

from lib.store import auth

if TYPE_CHECKING:
    from playwright.sync_api import Page

PASSWORD = "een lang wachtwoord"
# The grid's geometry (ui/editing.py sets the widths): where to click to edit a cell.
ROW_HEIGHT = 35
INDICATOR_PX, YEAR_PX, DISTRICT_PX, TARGET_PX, VALUE_PX = 300, 60, 110, 170, 110


@pytest.fixture
def editing_server(page: Page, tmp_path: Path) -> Iterator[str]:
    # Depends on `page` so that a missing browser skips before a server is started for nothing.
    secrets = tmp_path / "secrets.toml"
    for name in ("anna", "bob"):
        auth.add_editor(secrets, name, PASSWORD, rounds=4)
    url, process = start_app_server(
        extra_env={
            "DATABASE_URL": f"sqlite:///{tmp_path / 'figures.sqlite3'}",
            "HJK_SECRETS": str(secrets),
        }
    )
    yield url
    stop_app_server(process)


def log_in(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/gegevens-bijwerken")
    wait_for_app(page)
    page.get_by_label("Naam").fill(name)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text(f"Ingelogd als redacteur {name}").wait_for(timeout=30000)
    wait_for_app(page)


def agenda_1_counts(page: Page, url: str) -> dict[str, int]:
    """The status counts on the overview's tile for agenda item 1."""
    page.goto(f"{url}/overzicht?jaar=2014")
    wait_for_app(page)
    tile = page.locator('[data-testid="stVerticalBlock"]').filter(
        has=page.get_by_text(re.compile(r"^1\. ")), has_not=page.get_by_text(re.compile(r"^2\. "))
    )
    text = tile.last.inner_text()
    return {word: int(n) for word, n in re.findall(r"(behaald|op koers|achter)\s+(\d+)", text)}


def edit_value(page: Page, row: int, text: str) -> None:
    """Type into the Waarde cell of the grid's `row` (0 = first figure) and commit it."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    x = INDICATOR_PX + YEAR_PX + DISTRICT_PX + TARGET_PX + VALUE_PX // 2
    y = ROW_HEIGHT * (row + 1) + ROW_HEIGHT // 2  # below the header row
    grid.click(position={"x": x, "y": y})
    page.wait_for_timeout(300)
    page.keyboard.type(text)  # typing on a selected cell opens its editor with this text
    page.wait_for_timeout(300)  # the editor opens on the next frame; Enter before it is lost
    page.keyboard.press("Enter")
    wait_for_app(page)


def test_edit_approve_and_see_the_overview_change(page: Page, editing_server: str) -> None:
    url = editing_server
    before = agenda_1_counts(page, url)

    log_in(page, url, "anna")
    # 2014, hele stad (the defaults): the second row is 'Inzet HBO-coaches op VVE-groepen', 3,2 FTE.
    second = page.locator('[data-testid="stDataFrame"] #glide-cell-0-1')
    assert second.inner_text().startswith("Inzet HBO-coaches")
    edit_value(page, 1, "4")
    screenshot(page, "editing-grid.png")
    page.get_by_role("button", name="Opslaan (1 wijziging)").click()
    page.get_by_text("1 cijfer(s) opgeslagen als concept").wait_for(timeout=30000)
    screenshot(page, "editing-saved.png")
    assert agenda_1_counts(page, url) == before  # a concept does not count yet

    log_in(page, url, "bob")  # a new browser session: anna is no longer logged in
    page.get_by_role("tab", name="Vaststellen").click()
    page.get_by_role("button", name="Alle 1 vaststellen").click()
    page.get_by_text("1 cijfer(s) vastgesteld.").wait_for(timeout=30000)
    screenshot(page, "editing-approved.png")

    after = agenda_1_counts(page, url)
    assert after["behaald"] == before["behaald"] + 1
    assert after["op koers"] == before["op koers"] - 1
    assert app_exceptions(page) == []
