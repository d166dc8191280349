"""Fixtures for browser tests: a Streamlit server on a free port and headless Debian Chromium.

Every test in this folder is marked `e2e`, so `pytest -m "not e2e"` runs the fast tests only.
Without Chromium or the playwright package the tests here skip with the reason; they never fail
for a missing browser.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from editors_server import EditorsServer
from helpers import E2E_DIR, start_app_server, stop_app_server

# Debian's Chromium and its flags, the same as the benchmark's (support/chromium.py says why).
from support.chromium import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A conftest hook sees every collected item, not only this folder's: filter by path.
    for item in items:
        if item.path.is_relative_to(E2E_DIR):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """URL of one dashboard server shared by the whole session."""
    url, process = start_app_server()
    yield url
    stop_app_server(process)


@pytest.fixture(scope="session")
def editors_server(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EditorsServer]:
    """One server for the tests that log in and edit, each on a fresh database of its own
    (tests/e2e/editors_server.py). Depends on `browser` so that a missing browser skips before a
    server is started for nothing."""
    server = EditorsServer(tmp_path_factory.mktemp("editors"))
    yield server
    server.stop()


@pytest.fixture
def fresh_app_server() -> Iterator[str]:
    """URL of a dashboard server started for this test alone (no state left by other tests)."""
    url, process = start_app_server()
    yield url
    stop_app_server(process)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"Chromium not found at {CHROMIUM}: install it with 'apt-get install chromium' "
            "or set CHROMIUM_PATH (browser tests skipped)"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(
            "Python package playwright not installed: run 'make venv' (browser tests skipped)"
        )
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def browser_context(browser: Browser) -> Iterator[BrowserContext]:
    """One browser context per worker for the `page` fixture: Dutch locale, a desktop-sized
    window. A fresh context per test loaded and compiled Streamlit's scripts anew every time:
    about 1.6 s of Chromium's CPU per test more than a new tab in a context that keeps them."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    yield context
    context.close()


# What a page leaves in its origin's storage; cookies are cleared through the context.
CLEAR_STORAGE = "() => { localStorage.clear(); sessionStorage.clear(); }"


@pytest.fixture
def page(browser_context: BrowserContext) -> Iterator[Page]:
    """A new tab with nothing of an earlier test: no cookies (a login, a return address) and
    nothing in the storage of the app it was on. Only the browser's cache of the app's scripts
    is kept. A test that needs two visitors at once makes a context of its own."""
    browser_context.clear_cookies()
    page = browser_context.new_page()
    yield page
    try:
        if page.url.startswith("http"):
            page.evaluate(CLEAR_STORAGE)
    finally:
        page.close()
