"""Proves the browser-test harness works, independent of the dashboard: a tiny Streamlit app is
started with the same launcher, opened in Chromium, checked with axe and photographed.

If this test fails, fix the harness or the machine before reading anything into app test failures.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import (
    app_exceptions,
    run_axe,
    screenshot,
    serious_violations,
    start_app_server,
    stop_app_server,
    wait_for_app,
)

# Imported for type hints only, so that without playwright this file skips (see conftest).
if TYPE_CHECKING:
    from playwright.sync_api import Page

TINY_APP = 'import streamlit as st\n\nst.title("hallo")\n'


@pytest.fixture
def tiny_app(page: Page, tmp_path: Path) -> Iterator[str]:
    # Depends on `page` so that a missing browser skips before a server is started for nothing.
    script = tmp_path / "app.py"
    script.write_text(TINY_APP, encoding="utf-8")
    url, process = start_app_server(script=script, cwd=tmp_path)
    yield url
    stop_app_server(process)


def test_harness_serves_checks_and_photographs_a_tiny_app(page: Page, tiny_app: str) -> None:
    page.goto(tiny_app)
    wait_for_app(page)

    page.get_by_role("heading", name="hallo").wait_for(state="visible", timeout=5000)
    assert app_exceptions(page) == []
    screenshot(page, "harness.png")
    problems = serious_violations(run_axe(page))
    assert not problems, f"axe found serious accessibility problems:\n{problems}"
