"""Helpers for browser tests: start a Streamlit server, wait for the app, read its errors, run
axe, take screenshots.

Tests import these directly (`from helpers import wait_for_app`); pytest puts this folder on
sys.path because it holds a conftest.py and no __init__.py. The server launcher is
support/streamlit_server.py, shared with the benchmark; its wrappers here fail the test instead
of raising. They live here, not in conftest.py, so tests that need their own server (other
environment, other script) can import them: `import conftest` could find tests/conftest.py.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from support import streamlit_server
from support.charts import SELECTOR as CHARTS

# Only for type hints: without playwright the tests skip (see conftest) instead of failing here.
if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

E2E_DIR = Path(__file__).resolve().parent
ROOT = E2E_DIR.parents[1]
AXE_SCRIPT = E2E_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = E2E_DIR.parent / "artifacts"

# Streamlit marks the app root with the state of the script run: "initial" before the first run,
# "running" during one, "notRunning" once the page has been drawn.
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# After the run ends the frontend still lays out elements and starts chart renders.
SETTLE_MS = 500
SERIOUS_IMPACTS = frozenset({"serious", "critical"})


def start_app_server(
    extra_env: dict[str, str] | None = None,
    script: str | Path | None = None,
    cwd: Path = ROOT,
) -> tuple[str, subprocess.Popen[bytes]]:
    """Start a Streamlit server in cwd on a free loopback port; return its URL and process.

    Without `script` it serves our dashboard as `make run` does; with `script` another app (the
    harness test). See support/streamlit_server.py. Fails the test with the server's output if
    it is not healthy within 60 s. The caller stops the server with stop_app_server.
    """
    try:
        return streamlit_server.start(env=extra_env, script=script, cwd=cwd)
    except RuntimeError as error:
        pytest.fail(str(error))


def stop_app_server(process: subprocess.Popen[bytes]) -> None:
    """Stop a server from start_app_server, killing it if it does not stop within 10 s."""
    streamlit_server.stop(process)


def wait_for_app(page: Page, timeout: float = 60000) -> None:
    """Wait until the script run has finished and the page has had a moment to settle."""
    page.wait_for_selector(APP_IDLE, timeout=timeout)
    page.wait_for_timeout(SETTLE_MS)


def wait_for_charts(page: Page, timeout: float = 30000) -> None:
    """Wait until every Plotly chart on the page has drawn its SVG (no charts is fine)."""
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('CHARTS'))
            .every(chart => {
                const svg = chart.querySelector('.main-svg');
                return svg !== null && svg.getBoundingClientRect().width > 0;
            })""".replace("CHARTS", CHARTS),
        timeout=timeout,
    )


def app_exceptions(page: Page) -> list[str]:
    """Texts of the exceptions Streamlit shows on the page (empty when the app ran cleanly)."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def run_axe(page: Page, after: str = "") -> list[dict[str, Any]]:
    """Run axe-core on the page and return its violations; skip the test if axe is missing,
    the reason ending with `after`: what the test checked before it came to axe."""
    if not AXE_SCRIPT.is_file():
        done = f" ({after}; alleen de axe-controle is overgeslagen)" if after else ""
        pytest.skip(f"axe-core niet geïnstalleerd: run 'npm ci --prefix tests/e2e'{done}")
    page.add_script_tag(path=str(AXE_SCRIPT))
    result: dict[str, Any] = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return result["violations"]


def serious_violations(violations: list[dict[str, Any]]) -> str:
    """Readable lines for the serious and critical violations; empty when there are none."""
    lines = []
    for violation in violations:
        if violation.get("impact") not in SERIOUS_IMPACTS:
            continue
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} "
            f"-> {'; '.join(targets)}"
        )
    return "\n".join(lines)


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG under tests/artifacts/ for a person to look at, and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def open_page(page: Page, url: str) -> None:
    """Open a URL of the app and wait until it has been drawn: no "Page not found", no error."""
    page.goto(url)
    wait_for_app(page)
    assert page.get_by_role("dialog").count() == 0, page.get_by_role("dialog").all_inner_texts()
    assert app_exceptions(page) == []


def year_choice(page: Page):
    """The year control under the title of every page the year changes (ui/filters.py)."""
    return page.get_by_test_id("stMain").get_by_role("radiogroup", name="Jaar")


def open_filters(page: Page) -> Locator:
    """The sidebar's filter widgets, in the popover "Filters wijzigen" (ui/filters.py): opened
    unless it is open already. Its content is drawn outside the sidebar, in a layer of its own."""
    body = page.get_by_test_id("stPopoverBody").filter(
        has=page.get_by_role("combobox", name="Agendapunt")
    )
    if not body.count():
        page.get_by_role("button", name="Filters wijzigen").click()
        body.wait_for()
    return body


def choose_concepts(page: Page, name: str) -> None:
    """On the edit page, logged in: the tab "Vaststellen", with the waiting concept whose label
    contains `name` chosen in its list, ready for the approve or reject button."""
    page.get_by_role("tab", name="Vaststellen").click()
    wait_for_app(page)
    page.get_by_role("combobox", name="Cijfers om vast te stellen of af te wijzen").click()
    page.get_by_role("option", name=re.compile(re.escape(name))).click()
    page.keyboard.press("Escape")
    wait_for_app(page)
