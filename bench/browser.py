"""Page loads and widget changes timed inside headless Chromium.

Times are taken by the page itself: a script installed before any of the app's own checks the
page on every animation frame and notes `performance.now()` (milliseconds since navigation
started) the first time each thing it waits for is visible. So the numbers do not include the
round trips of the test driver, and a load costs no more than it takes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from playwright.sync_api import Browser, Page, sync_playwright

# The same Chromium and flags as the browser tests.
from support.charts import SELECTOR as CHARTS
from support.chromium import CHROMIUM, CHROMIUM_ARGS

VIEWPORT = {"width": 1366, "height": 900}
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
LOAD_TIMEOUT_MS = 120_000

# Settled: the script run has ended, what the load waits for is visible, and nothing in the
# document has changed for QUIET_MS; the mark is the moment of the last change before that quiet.
QUIET_MS = 500

_MARKS = """
(() => {
  const wanted = %s;
  const marks = {};
  window.__benchMarks = marks;
  let lastChange = 0;
  new MutationObserver(() => { lastChange = performance.now(); }).observe(document, {
    subtree: true, childList: true, attributes: true, characterData: true,
  });
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const tick = () => {
    const now = performance.now();
    if (wanted.first && marks.first === undefined) {
      const el = document.querySelector(wanted.first);
      if (el && shown(el)) marks.first = now;
    }
    if (wanted.charts && marks.charts === undefined) {
      let drawn = 0;
      for (const chart of document.querySelectorAll('%s')) {
        const svg = chart.querySelector('.main-svg');
        if (svg && shown(svg)) drawn += 1;
      }
      if (drawn >= wanted.charts) marks.charts = now;
    }
    if (marks.idle === undefined && document.querySelector('%s')) marks.idle = now;
    const all = marks.idle !== undefined && (!wanted.first || marks.first !== undefined)
      && (!wanted.charts || marks.charts !== undefined);
    if (all && marks.settled === undefined && document.querySelector('%s')
        && now - lastChange >= %d) {
      marks.settled = Math.max(lastChange, marks.idle);
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


@dataclass(frozen=True)
class Target:
    """Something to load: a URL, the selector of its first meaningful content, its chart count."""

    name: str
    url: str
    first: str | None = None
    charts: int = 0


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def load(browser: Browser, target: Target) -> dict[str, float]:
    """One load in a fresh browser context: milliseconds to first content, charts, idle and
    settled (see QUIET_MS)."""
    wanted = {"first": target.first, "charts": target.charts}
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(_MARKS % (json.dumps(wanted), CHARTS, APP_IDLE, APP_IDLE, QUIET_MS))
        page = context.new_page()
        page.goto(target.url, wait_until="commit")
        done = ["m.idle !== undefined", "m.settled !== undefined"]
        done += ["m.first !== undefined"] if target.first else []
        done += ["m.charts !== undefined"] if target.charts else []
        page.wait_for_function(
            f"() => {{ const m = window.__benchMarks; return m && {' && '.join(done)}; }}",
            timeout=LOAD_TIMEOUT_MS,
            polling=100,
        )
        return page.evaluate("() => ({...window.__benchMarks})")
    finally:
        context.close()


def load_in_turns(browser: Browser, targets: list[Target], rounds: int) -> dict[str, list[dict]]:
    """`rounds` loads of every target, in a shuffled order each round (the same for a given
    round), so no target always loads right after the same one; per target name, its loads."""
    times: dict[str, list[dict]] = {t.name: [] for t in targets}
    for n in range(rounds):
        order = list(targets)
        random.Random(n).shuffle(order)
        for target in order:
            times[target.name].append(load(browser, target))
    return times


def chart_sizes(browser: Browser, url: str, expected: int) -> list[tuple[int, int]]:
    """(width, height) of the page's `expected` Plotly charts once drawn; also a warm-up.

    The count comes from the script (AppTest): a chart's element only enters the page once
    Plotly has loaded, so the page alone cannot tell how many are still to come.
    """
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(APP_IDLE, timeout=LOAD_TIMEOUT_MS)
        return _settled_chart_sizes(page, expected)
    finally:
        context.close()


_SIZES = """() => {
    const boxes = Array.from(document.querySelectorAll('CHARTS'))
        .map(c => c.querySelector('.main-svg'))
        .map(svg => svg && svg.getBoundingClientRect());
    return boxes.every(b => b && b.width > 0)
        ? boxes.map(b => [Math.round(b.width), Math.round(b.height)]) : null;
}""".replace("CHARTS", CHARTS)


def _settled_chart_sizes(page: Page, expected: int) -> list[tuple[int, int]]:
    # A chart may redraw when the layout shifts: the sizes count once all are drawn and nothing
    # has changed for a second.
    previous = None
    while True:
        page.wait_for_function(
            f"(() => {{ const s = ({_SIZES})(); return s !== null && s.length >= {expected}; }})()",
            timeout=LOAD_TIMEOUT_MS,
        )
        sizes = page.evaluate(_SIZES)
        if sizes is not None and sizes == previous:
            return [tuple(s) for s in sizes]
        previous = sizes
        page.wait_for_timeout(1000)


def year_changes(browser: Browser, url: str, done: str, changes: int) -> list[float]:
    """Milliseconds from choosing another year to `done` (a JS condition).

    Alternates between 2013 and 2014, each change once the page is idle again; the clock starts
    at the pointer press on the option and stops on the first animation frame where the app is
    idle and `done` holds with `{year}` replaced by the chosen year.
    """
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector(APP_IDLE, timeout=LOAD_TIMEOUT_MS)
        times = []
        for n in range(changes):
            year = 2013 if n % 2 == 0 else 2014
            page.wait_for_timeout(300)  # let the frontend settle after the previous run
            page.evaluate(_CHANGE_WATCH % (done.replace("{year}", str(year)), APP_IDLE))
            # The dashboard's year is a row of buttons under the page's title (ui/filters.py):
            # one press. The bare app's is a select box: the clock starts at its option.
            buttons = page.get_by_role("radiogroup", name="Jaar")
            if buttons.count():
                buttons.get_by_role("radio", name=str(year), exact=True).click()
            else:
                page.get_by_role("combobox", name="Jaar").click()
                page.get_by_role("option", name=str(year), exact=True).click()
            page.wait_for_function("() => window.__benchChange.end !== undefined", timeout=60_000)
            change = page.evaluate("() => window.__benchChange")
            times.append(change["end"] - change["start"])
        return times
    finally:
        context.close()


_CHANGE_WATCH = """
(() => {
  const change = {};
  window.__benchChange = change;
  document.addEventListener('pointerdown', (event) => {
    if (change.start === undefined && event.target.closest('[role="option"], [role="radio"]')) {
      change.start = performance.now();
    }
  }, {capture: true});
  const tick = () => {
    if (change.start !== undefined && (%s) && document.querySelector('%s')) {
      change.end = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""
