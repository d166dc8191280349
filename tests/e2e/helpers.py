"""Helpers for browser tests: start a Streamlit server, wait for the app, read its errors, run
axe, take screenshots.

Tests import these directly (`from helpers import wait_for_app`); pytest puts this folder on
sys.path because it holds a conftest.py and no __init__.py. The server launcher lives here, not
in conftest.py, so tests that need their own server (other environment, other script) can import
it: `import conftest` could find tests/conftest.py instead.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pytest

# Only for type hints: without playwright the tests skip (see conftest) instead of failing here.
if TYPE_CHECKING:
    from playwright.sync_api import Page

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
STARTUP_TIMEOUT_S = 60.0


def start_app_server(
    extra_env: dict[str, str] | None = None,
    script: str | Path | None = None,
    cwd: Path = ROOT,
) -> tuple[str, subprocess.Popen[bytes]]:
    """Start a Streamlit server in cwd on a free loopback port; return its URL and process.

    Without `script` it serves our dashboard the way `make run` does, `python -m ui.serve`: plain
    `streamlit run dashboard.py` shows "Page not found" on the first direct link after a start
    (see ui/serve.py), so only the launcher users get is worth testing. With `script` it runs
    `streamlit run script`, for apps other than ours (the harness test).

    Returns once /_stcore/health answers 200; fails the test with the server's output if it does
    not within 60 s. The caller stops the server with stop_app_server.
    """
    port = _free_port()
    launcher = ["ui.serve"] if script is None else ["streamlit", "run", str(script)]
    command = [
        sys.executable, "-m", *launcher,
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    url = f"http://127.0.0.1:{port}"
    # Output goes to a file, not a pipe: a pipe nobody reads fills up and blocks the server. The
    # file is read only if start-up fails; the server keeps its own handle after we close ours.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        _wait_until_healthy(url, process, log)
    return url, process


def stop_app_server(process: subprocess.Popen[bytes]) -> None:
    """Stop a server from start_app_server, killing it if it does not stop within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _free_port() -> int:
    # Free when we ask; Streamlit binds it a moment later, a race we accept in tests.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Streamlit stopped with code {process.returncode}:\n{_read_log(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet
        time.sleep(0.25)
    stop_app_server(process)
    pytest.fail(f"Streamlit not healthy after {STARTUP_TIMEOUT_S:.0f} s:\n{_read_log(log)}")


def _read_log(log: IO[bytes]) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", errors="replace")


def wait_for_app(page: Page, timeout: float = 60000) -> None:
    """Wait until the script run has finished and the page has had a moment to settle."""
    page.wait_for_selector(APP_IDLE, timeout=timeout)
    page.wait_for_timeout(SETTLE_MS)


def wait_for_charts(page: Page, timeout: float = 30000) -> None:
    """Wait until every Plotly chart on the page has drawn its SVG (no charts is fine)."""
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
            .every(chart => {
                const svg = chart.querySelector('.main-svg');
                return svg !== null && svg.getBoundingClientRect().width > 0;
            })""",
        timeout=timeout,
    )


def app_exceptions(page: Page) -> list[str]:
    """Texts of the exceptions Streamlit shows on the page (empty when the app ran cleanly)."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page and return its violations; skip the test if axe is missing."""
    if not AXE_SCRIPT.is_file():
        pytest.skip("axe-core niet geïnstalleerd: run 'npm ci --prefix tests/e2e'")
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
