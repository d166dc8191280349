"""lib/charts/chromium.py: charts drawn one after another in the same Chromium tab.

The unit tests need no browser. The others draw the example report's charts in a reused tab and
with kaleido's own server (a fresh page for every chart) and ask for the same bytes; without
Chromium they skip with a reason.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from xml.etree.ElementTree import canonicalize

import kaleido
import pytest

from lib.charts import chromium
from lib.charts.export import export_spec, find_chromium, render_options
from lib.figures.actuals import read_actuals
from lib.plan.load import load_plan
from lib.report.model import build_report
from tests.conftest import ROOT

needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="Chromium niet gevonden: tekenen in één tabblad overgeslagen (installeer met 'apt-get install chromium')",
)


def test_kaleido_still_has_the_hook_it_is_reused_through():
    """A kaleido upgrade that renames the method would silently reload after every chart again."""
    hook = vars(kaleido.Kaleido).get("_return_kaleido_tab")
    assert hook is not None and inspect.iscoroutinefunction(hook)
    assert list(inspect.signature(hook).parameters) == ["self", "tab"]


class _Tab:
    def __init__(self) -> None:
        self.reloads = 0

    async def reload(self) -> None:
        self.reloads += 1


def _browser_without_chromium() -> chromium._ReusedTab:
    browser = object.__new__(chromium._ReusedTab)  # no Chromium started: only the hook is tested
    browser.tabs_ready = asyncio.Queue()
    browser.reload_after, browser.since_reload = False, 0
    return browser


def test_the_tab_is_reloaded_after_a_printed_format_and_every_so_many_charts():
    async def scenario() -> list[int]:
        browser, tab = _browser_without_chromium(), _Tab()
        reloads = []
        for count, reload_after in (
            (3, False),
            (1, True),
            (chromium.RELOAD_EVERY - 1, False),
            (1, False),
        ):
            for _ in range(count):
                browser.reload_after = reload_after
                await browser._return_kaleido_tab(tab)
                assert await browser.tabs_ready.get() is tab  # handed back every time
            reloads.append(tab.reloads)
        return reloads

    # In a thread of its own: the browser tests' driver may hold an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        reloads = pool.submit(asyncio.run, scenario()).result()
    # none after 3 charts; one after a PDF; none for 49 more; the 50th since then reloads
    assert reloads == [0, 1, 1, 2]


@pytest.fixture(scope="module")
def report_specs() -> list[dict]:
    plan = load_plan(ROOT / "targets.yaml")
    actuals = read_actuals(ROOT / "data" / "example_actuals.csv", plan)
    report = build_report(plan, actuals, date(2014, 10, 1), 2014, date(2026, 11, 29))
    charts = report.all_charts()
    # Different kinds: bar charts of the first agenda item, the district charts, the timeline.
    return [export_spec(item.figure) for item in (charts[:3] + charts[-3:])]


@pytest.fixture(scope="module")
def reused_tab() -> Iterator[chromium.Chromium]:
    """Our reused tab, started once for the formats' tests (each draws every chart twice)."""
    browser = chromium.Chromium(mathjax=False)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def kaleido_server() -> Iterator[None]:
    """kaleido's own server (a fresh page for every chart), started once for the formats' tests."""
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    yield
    kaleido.stop_sync_server(silence_warnings=True)


@needs_chromium
@pytest.mark.parametrize("fmt_name", ["jpeg", "png", "svg"])
def test_a_reused_tab_draws_what_a_fresh_page_draws(
    report_specs, fmt_name, reused_tab, kaleido_server
):
    options = [render_options(spec, fmt_name, 1) for spec in report_specs]
    pairs = list(zip(report_specs, options, strict=True))
    # Each chart twice, in between the others: nothing of one chart may stay for the next (nor
    # of the other formats', drawn before in the same tab).
    ours = [reused_tab.render(s, o) for s, o in pairs]
    again = [reused_tab.render(s, o) for s, o in reversed(pairs)]
    fresh = [kaleido.calc_fig_sync(s, opts=o) for s, o in pairs]
    ours, again, fresh = (_without_ids(images) for images in (ours, again, fresh))
    assert len(set(ours)) == len(report_specs)
    assert ours == fresh
    assert list(reversed(again)) == fresh


def _without_ids(images: list[bytes]) -> list[bytes]:
    """An SVG as a canonical document (attributes in one order), without the random ids Plotly
    gives each SVG, trace and pattern (`defs-460350`, `tracec5bc28`, `cb5b3226`, `p460350-0c26b0-2`): two
    fresh pages differ in those alone. PNG and JPEG are compared as they are."""
    out = []
    for image in images:
        if image.startswith(b"<svg"):
            for uid in set(re.findall(rb"(?:defs-|trace|cb|p[0-9a-f]{6}-)([0-9a-f]{6})\b", image)):
                image = image.replace(uid, b"ID")
            image = canonicalize(image.decode()).encode()
        out.append(image)
    return out
