"""Streamlit servers for the benchmark: the dashboard as users get it, and reference apps.

The dashboard starts the way `make run` starts it (`python -m ui.serve`); reference apps with
`streamlit run`, the same Streamlit and the same options. tests/e2e/helpers.py has a launcher
too, but it reports failure through pytest and cannot say how much memory a server used.
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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_S = 60.0


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def peak_rss_mib(self) -> float:
        """The most memory (resident set) the server process has held since it started."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024


@contextmanager
def serve(env: dict[str, str] | None = None, script: Path | None = None) -> Iterator[Server]:
    """A server on a free loopback port: the dashboard, or `script` when given."""
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
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(url, process, log)
            yield Server(url, process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Streamlit stopped with code {process.returncode}:\n{_read(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet
        time.sleep(0.25)
    raise RuntimeError(f"Streamlit not healthy after {STARTUP_TIMEOUT_S:.0f} s:\n{_read(log)}")


def _read(log) -> str:
    log.flush()
    log.seek(0)
    return log.read().decode("utf-8", errors="replace")[-4000:]
