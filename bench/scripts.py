"""Script runs of each page under Streamlit's AppTest: the server-side cost of showing a page.

What is timed is the script itself (the frame and the page, from its first line to its last),
taken from inside Streamlit's script runner, so AppTest's own bookkeeping is left out. The
same hook lets `python -m bench.profile` put pyinstrument around exactly that code.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st
import streamlit.logger
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from bench.server import ROOT
from support.charts import figures

APP = ROOT / "dashboard.py"
RUN_TIMEOUT_S = 600


@contextmanager
def around_script(before: Callable[[], None], after: Callable[[], None]) -> Iterator[None]:
    """Call `before` and `after` around every script run in this process (AppTest's runs)."""
    original = script_runner.exec_func_with_error_handling

    def wrapped(func, ctx):
        before()
        try:
            return original(func, ctx)
        finally:
            after()

    script_runner.exec_func_with_error_handling = wrapped
    try:
        yield
    finally:
        script_runner.exec_func_with_error_handling = original


class ScriptClock:
    """Seconds each script run took, the last one in `last`."""

    def __init__(self) -> None:
        self.started = 0.0
        self.last = 0.0

    def start(self) -> None:
        self.started = time.perf_counter()

    def stop(self) -> None:
        self.last = time.perf_counter() - self.started


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def clear_caches() -> None:
    # Outside a script run Streamlit warns that there is no script context; AppTest resets the
    # log level on every run, so it is set here each time.
    streamlit.logger.set_log_level("error")
    st.cache_data.clear()
    st.cache_resource.clear()


def open_app(page: str | None = None, editor: str | None = None) -> AppTest:
    """The dashboard after its first run, on `page` when given, logged in as `editor`."""
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    if editor:
        at.session_state["edit_editor"] = editor
    _run(at)
    if page:
        _run(at.switch_page(page))
    return at


def _run(at: AppTest) -> None:
    at.run()
    if at.exception:
        raise RuntimeError(f"the app failed: {[e.value for e in at.exception]}")


def page_runs(
    env: dict[str, str], pages: dict[str, str], runs: int, editor: str
) -> dict[str, dict[str, float]]:
    """Median script seconds per page: the first run with empty caches, and warm reruns.

    `cold` is the first run of a fresh server (validating the plan, reading the figures,
    comparing); it is the same for every page, so it is measured on the default page, `runs`
    times with the caches emptied each time. `warm` is a rerun with the caches filled: what
    every visit and every click costs. `charts` is how many Plotly charts the page draws.
    """
    clock = ScriptClock()
    out: dict[str, dict[str, float]] = {}
    with environment(env), around_script(clock.start, clock.stop):
        cold = []
        for _ in range(runs):
            clear_caches()
            open_app(editor=editor)
            cold.append(clock.last)
        out["cold"] = {"median_s": statistics.median(cold), "runs_s": cold}
        for name, page in pages.items():
            at = open_app(page, editor)
            charts = len(figures(at))
            times = []
            for _ in range(runs):
                _run(at.switch_page(page))
                times.append(clock.last)
            out[name] = {"median_s": statistics.median(times), "runs_s": times, "charts": charts}
        clear_caches()
    return out


def bare_runs(runs: int) -> dict[str, float]:
    """The same measurement for a one-line app: what any script run costs."""
    clock = ScriptClock()
    times = []
    with around_script(clock.start, clock.stop):
        at = AppTest.from_string('import streamlit as st\n\nst.write("hallo")\n')
        _run(at)
        for _ in range(runs):
            _run(at)
            times.append(clock.last)
    return {"median_s": statistics.median(times), "runs_s": times}
