"""The comparison engine on its own, on a million actual figures."""

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
