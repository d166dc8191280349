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
from helpers import E2E_DIR, start_app_server, stop_app_server

# Debian's Chromium and its flags, the same as the benchmark's (support/chromium.py says why).
from support.chromium import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


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


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh browser context: Dutch locale, a desktop-sized window."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()
