"""Page appearance and filter changes in the browser, dashboard and references side by side."""

from __future__ import annotations

import random
import statistics
from contextlib import ExitStack
from pathlib import Path

from bench import browser, reference
from bench.datasets import Dataset
from bench.pages import BARE_FIRST, YEAR_SHOWN, Page
from bench.server import serve


def _median(values: list[float]) -> float:
    return statistics.median(values)


RESAMPLES = 2000


def ratio_interval(own: list[float], reference: list[float], share: float = 0.9) -> list[float]:
    """How far the ratio of medians `own` / `reference` could be off, from these loads alone: a
    bootstrap interval holding `share` of the ratios of rounds drawn again with replacement.

    Loads of one round are drawn together (paired), since they saw the same moment of the
    machine; the seed is fixed, so the same loads give the same interval.
    """
    rounds = min(len(own), len(reference))
    pick = random.Random(0)
    ratios = []
    for _ in range(RESAMPLES):
        drawn = [pick.randrange(rounds) for _ in range(rounds)]
        ratios.append(_median([own[i] for i in drawn]) / _median([reference[i] for i in drawn]))
    ratios.sort()
    tail = (1 - share) / 2
    return [ratios[int(tail * RESAMPLES)], ratios[int((1 - tail) * RESAMPLES) - 1]]


def example_loads(
    dataset: Dataset,
    pages: list[Page],
    charts: dict[str, int],
    rounds: int,
    changes: int,
    tmp: Path,
):
    """Medians and ratios for every page at example size; peak memory of the servers and their
    CPU time per page view.

    `charts`: how many Plotly charts each page draws, as its script run told.
    """
    with ExitStack() as stack:
        dashboard = stack.enter_context(serve(dataset.env))
        bare = stack.enter_context(serve(script=reference.write_bare(tmp)))
        select = stack.enter_context(serve(script=reference.write_select(tmp)))
        chromium = stack.enter_context(browser.chromium())
        # Warm-up: every page once (fills the server's caches), which also tells its charts.
        sizes = {
            p.name: browser.chart_sizes(chromium, dashboard.url + p.url_path, charts[p.name])
            for p in pages
        }
        targets = [browser.Target("bare", bare.url, BARE_FIRST)]
        for page in pages:
            charts = len(sizes[page.name])
            targets.append(
                browser.Target(page.name, dashboard.url + page.url_path, page.first, charts)
            )
            if charts:
                script = reference.write_charts(tmp, page.name, sizes[page.name])
                server = stack.enter_context(serve(script=script))
                browser.chart_sizes(chromium, server.url, charts)  # its warm-up
                targets.append(browser.Target(f"charts:{page.name}", server.url, None, charts))
                script = reference.write_own(tmp, page.name, sizes[page.name])
                server = stack.enter_context(serve(script=script))
                browser.chart_sizes(chromium, server.url, charts)
                targets.append(browser.Target(f"own:{page.name}", server.url, None, charts))
        browser.load(chromium, targets[0])  # the bare app's warm-up
        before = dashboard.cpu_seconds(), bare.cpu_seconds()
        times = browser.load_in_turns(chromium, targets, rounds)
        # What a page view costs the server (capacity, not a wait): the dashboard's CPU over all
        # its page loads, the bare app's over its own.
        cpu = {
            "dashboard_ms": (dashboard.cpu_seconds() - before[0]) * 1000 / (rounds * len(pages)),
            "bare_ms": (bare.cpu_seconds() - before[1]) * 1000 / rounds,
        }
        year = _year_changes(chromium, dashboard.url, select.url, changes)
        memory = {
            "dashboard_mib": dashboard.peak_rss_mib(),
            "bare_mib": bare.peak_rss_mib(),
        }
    return _summary(pages, sizes, times), year, memory, cpu


def _year_changes(chromium, dashboard_url: str, select_url: str, changes: int) -> dict:
    ours, bare = [], []
    # In turns, a few changes each, so both see the same moments of a busy machine; the first
    # change of each turn is a warm-up.
    for _ in range(max(1, changes // 3)):
        ours += browser.year_changes(chromium, dashboard_url, YEAR_SHOWN, 4)[1:]
        bare += browser.year_changes(chromium, select_url, YEAR_SHOWN, 4)[1:]
    return {
        "dashboard_ms": _median(ours),
        "bare_ms": _median(bare),
        "ratio": _median(ours) / _median(bare),
        "runs": {"dashboard_ms": ours, "bare_ms": bare},
    }


def _summary(pages: list[Page], sizes: dict, times: dict[str, list[dict]]) -> dict:
    bare_runs = [t["first"] for t in times["bare"]]
    bare_first = _median(bare_runs)
    bare_settled_runs = [t["settled"] for t in times["bare"]]
    out = {
        "bare": {
            "first_ms": bare_first,
            "settled_ms": _median(bare_settled_runs),
            "runs": times["bare"],
        }
    }
    for page in pages:
        own = [t["first"] for t in times[page.name]]
        first = _median(own)
        settled_runs = [t["settled"] for t in times[page.name]]
        entry = {
            "first_ms": first,
            "first_ratio": first / bare_first,
            "first_interval": ratio_interval(own, bare_runs),
            "first_is": page.what,
            "settled_ms": _median(settled_runs),
            "settled_ratio": _median(settled_runs) / _median(bare_settled_runs),
            "settled_interval": ratio_interval(settled_runs, bare_settled_runs),
            "charts": len(sizes[page.name]),
            "runs": times[page.name],
        }
        if sizes[page.name]:
            drawn_runs = [t["charts"] for t in times[page.name]]
            ref_runs = [t["charts"] for t in times[f"charts:{page.name}"]]
            drawn, ref = _median(drawn_runs), _median(ref_runs)
            entry |= {
                "charts_ms": drawn,
                "reference_charts_ms": ref,
                "charts_ratio": drawn / ref,
                "charts_interval": ratio_interval(drawn_runs, ref_runs),
                "chart_sizes": sizes[page.name],
                "reference_runs": times[f"charts:{page.name}"],
            }
            own_runs = [t["charts"] for t in times[f"own:{page.name}"]]
            entry |= {
                "own_charts_ms": _median(own_runs),
                "own_ratio": drawn / _median(own_runs),
                "own_interval": ratio_interval(drawn_runs, own_runs),
                "own_runs": times[f"own:{page.name}"],
            }
        out[page.name] = entry
    return out


def large_loads(
    dataset: Dataset, pages: list[Page], charts: dict[str, int], loads: int, bare_first_ms: float
) -> dict:
    """Each page of the large dataset: medians of `loads` loads after a warm-up, peak memory.

    The reference for (a) is the bare app of the example run; there is no chart reference at
    this size (the chart counts differ), so chart times are given as they are.
    """
    out: dict = {}
    with serve(dataset.env) as dashboard, browser.chromium() as chromium:
        for page in pages:
            url = dashboard.url + page.url_path
            drawn = len(browser.chart_sizes(chromium, url, charts[page.name]))
            target = browser.Target(page.name, url, page.first, drawn)
            runs = [browser.load(chromium, target) for _ in range(loads)]
            first = _median([r["first"] for r in runs])
            out[page.name] = {
                "first_ms": first,
                "first_ratio": first / bare_first_ms,
                "charts": drawn,
                "charts_ms": _median([r["charts"] for r in runs]) if drawn else None,
                "runs": runs,
            }
        out["memory_mib"] = dashboard.peak_rss_mib()
    return out
