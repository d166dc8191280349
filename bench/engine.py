"""The comparison engine on its own, on a million actual figures, and the report export."""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path

from bench.generate import full_figures, write_dataset
from lib.plan.load import load_plan
from lib.progress.compare import progress_table

AS_OF = date(2014, 10, 1)
# 10 copies of the plan's 9 per-district indicators, in 2,780 districts, for 4 years: 1,000,800
# district figures, plus the city figures of the other numeric indicators.
ENGINE_COPIES = 10
ENGINE_DISTRICTS_PER = 278


def engine_runs(folder: Path, runs: int) -> dict:
    """Median seconds of progress_table (city and every district) on a million figures."""
    targets, _ = write_dataset(folder, ENGINE_COPIES, ENGINE_DISTRICTS_PER)
    plan = load_plan(targets)
    actuals = full_figures(plan)
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(progress_table(plan, actuals, AS_OF, district="all"))
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    return {
        "figures": len(actuals.frame),
        "rows": rows,
        "median_s": median,
        "rows_per_s": rows / median,
        "runs_s": times,
    }


def export_runs(runs: int) -> dict:
    """Seconds to make the full report for the example data as PDF, PowerPoint and Excel.

    As the dashboard makes it: the report built once, its charts rendered once (for the PDF)
    and reused by the slides. The first run starts the chart exporter (a headless Chromium),
    as the first download after a server start does; later runs find it running.
    """
    from lib.charts.export import Exporter
    from lib.figures.actuals import read_actuals
    from lib.report.model import build_report
    from lib.report.write import render
    from lib.store.settings import ROOT

    plan = load_plan(ROOT / "targets.yaml")
    actuals = read_actuals(ROOT / "data" / "example_actuals.csv", plan)
    exporter = Exporter.create()
    out = []
    try:
        for _ in range(runs):
            started = time.perf_counter()
            report = build_report(plan, actuals, AS_OF, AS_OF.year)
            times = {"build": time.perf_counter() - started}
            for fmt_name in ("pdf", "pptx", "xlsx"):
                begun = time.perf_counter()
                render(report, fmt_name, exporter)
                times[fmt_name] = time.perf_counter() - begun
            times["total"] = time.perf_counter() - started
            out.append(times)
    finally:
        exporter.stop()
    warm = out[1:] or out
    return {
        "first": out[0],
        "later_median": {k: statistics.median(t[k] for t in warm) for k in out[0]},
        "runs": out,
    }


def changes_runs(dataset, runs: int) -> dict:
    """Median seconds of `changes_since` (the page's and `python -m lib changes`' work: the
    history replayed, the figures then and now compared and judged) for every year, the city
    and every district, after a few figures were changed and approved since the meeting."""
    from lib.progress.changes import changes_since
    from lib.store.store import FigureInput, Store

    plan = load_plan(dataset.targets)
    store = Store.open(plan, dataset.env["DATABASE_URL"])
    layers, versions, _entered = store.layers()
    keys = sorted(k for k, s in layers.items() if s.approved and s.approved.value[:1].isdigit())
    keys = [k for k in keys if plan.indicator(k[0]).kind != "milestone"][:10]
    store.save([FigureInput(*k, "1", expected_version=versions[k]) for k in keys], "bench")
    _l, versions, _e = store.layers()
    store.approve([(k, versions[k]) for k in keys], "bench-2")
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = len(changes_since(plan, store, date(2014, 9, 15), district="all"))
        times.append(time.perf_counter() - started)
    store.engine.dispose()
    history = len(store.history())
    return {
        "history_rows": history,
        "rows": rows,
        "median_s": statistics.median(times),
        "runs_s": times,
    }
