"""A Streamlit server on a free loopback port: the dashboard as users get it, or another script.

Without a script it serves our dashboard the way `make run` does, `python -m ui.serve`: plain
`streamlit run dashboard.py` shows "Page not found" on the first direct link after a start (see
ui/serve.py), so only the launcher users get is worth testing or timing. With a script it runs
`streamlit run SCRIPT` with the same options, for apps other than ours (the harness test, the
benchmark's reference apps).
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
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
# Enough of the server's output to show a traceback, not a whole log.
LOG_TAIL_LINES = 40


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def peak_rss_mib(self) -> float:
        """The most memory (resident set) the server process has held since it started."""
        return peak_rss_mib(self.process)

    def rss_mib(self) -> float:
        """The memory (resident set) the server process holds now."""
        return _status_mib(self.process, "VmRSS")

    def cpu_seconds(self) -> float:
        """CPU time (user and system) the server process has used since it started."""
        return cpu_seconds(self.process)


def start(
    env: dict[str, str] | None = None,
    script: str | Path | None = None,
    cwd: Path = ROOT,
) -> tuple[str, subprocess.Popen[bytes]]:
    """Start a server in cwd, `env` added to this process's environment; return URL and process.

    Returns once /_stcore/health answers 200. If the server exits or is not healthy within 60 s
    it is stopped and RuntimeError is raised with the last lines of its output. The caller stops
    a started server with stop().
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
    url = f"http://127.0.0.1:{port}"
    # Output goes to a file, not a pipe: a pipe nobody reads fills up and blocks the server. The
    # file is read only if start-up fails; the server keeps its own handle after we close ours.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(url, process, log)
        except BaseException:
            stop(process)  # also on Ctrl+C: no server left behind on its port
            raise
    return url, process


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server from start(), killing it if it does not stop within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def serve(
    env: dict[str, str] | None = None,
    script: str | Path | None = None,
    cwd: Path = ROOT,
) -> Iterator[Server]:
    """start() and stop() around a block."""
    url, process = start(env=env, script=script, cwd=cwd)
    try:
        yield Server(url, process)
    finally:
        stop(process)


def peak_rss_mib(process: subprocess.Popen[bytes]) -> float:
    """The most memory (resident set) a running process has held since it started, in MiB."""
    return _status_mib(process, "VmHWM")


def _status_mib(process: subprocess.Popen[bytes], key: str) -> float:
    """A memory line (VmHWM, VmRSS) of a running process's /proc status, in MiB."""
    # Linux only, like the rest of the benchmark; the process must not have been reaped yet.
    status = Path(f"/proc/{process.pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith(f"{key}:"))
    return int(line.split()[1]) / 1024


def cpu_seconds(process: subprocess.Popen[bytes]) -> float:
    """CPU time (user and system) a running process has used since it started, in seconds."""
    # /proc/PID/stat: fields 14 and 15 (utime, stime) after the command name in parentheses.
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    # Free when we ask; Streamlit binds it a moment later, a race we accept.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"Streamlit stopped with code {process.returncode}:\n{_log_tail(log)}"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet
        time.sleep(0.25)
    raise RuntimeError(f"Streamlit not healthy after {STARTUP_TIMEOUT_S:.0f} s:\n{_log_tail(log)}")


def _log_tail(log: IO[bytes]) -> str:
    log.flush()
    log.seek(0)
    lines = log.read().decode("utf-8", errors="replace").splitlines()
    return "\n".join(lines[-LOG_TAIL_LINES:])
