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


class Tab:
    """One browser tab per worker, handed from test to test while each leaves it as it found
    it. A new tab loaded and compiled Streamlit's scripts anew in a new renderer process; the
    same tab navigated on reuses what its process compiled: twelve page loads took 24 s and
    8.8 s of Chromium's CPU in new tabs, 15 s and 4.1 s in one.

    A test that adds a listener or a route to the page, or whose page closed or crashed, leaves
    the tab behind: the next test gets a new one. A changed window size is put back."""

    def __init__(self, context: BrowserContext) -> None:
        self.context = context
        self.page: Page | None = None
        self.found: tuple[object, ...] = ()

    def take(self) -> Page:
        if self.page is None or self.page.is_closed():
            self.page = self.context.new_page()
            self.viewport = self.page.viewport_size
            self.found = _handlers(self.page)
        return self.page

    def give_back(self) -> None:
        page, self.page = self.page, None
        if page is None or page.is_closed():
            return
        try:
            if page.url.startswith("http"):
                page.evaluate(CLEAR_STORAGE)
            if _handlers(page) != self.found or not self.found:
                page.close()
                return
            # Away from the app: its session ends, as when a tab closes.
            page.goto("about:blank")
            if page.viewport_size != self.viewport and self.viewport is not None:
                page.set_viewport_size(self.viewport)
        except Exception:
            page.close()
            raise
        self.page = page


def _handlers(page: Page) -> tuple[object, ...]:
    """What tests may add to a page: listeners per event, and routes. Empty if this version of
    Playwright keeps them elsewhere (then every test gets a new tab)."""
    impl = getattr(page, "_impl_obj", None)
    if impl is None or not hasattr(impl, "event_names") or not hasattr(impl, "_routes"):
        return ()
    listeners = sorted((name, len(impl.listeners(name))) for name in impl.event_names())
    return (tuple(listeners), len(impl._routes))


@pytest.fixture(scope="session")
def tab(browser_context: BrowserContext) -> Iterator[Tab]:
    yield Tab(browser_context)


@pytest.fixture
def page(browser_context: BrowserContext, tab: Tab) -> Iterator[Page]:
    """A tab with nothing of an earlier test: no cookies (a login, a return address), nothing
    in the storage of the app it was on, no listeners or routes, the usual window size (see
    Tab). The browser's cache of the app's scripts is kept. A test that needs two visitors at
    once makes a context of its own."""
    browser_context.clear_cookies()
    yield tab.take()
    tab.give_back()
