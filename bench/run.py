"""`make bench`: run every measurement, print the results, write them to bench/results.json.

Runs about eight minutes on a 2-core machine. `--quick` does fewer repetitions (for trying the
benchmark itself out; its figures are not the ones to quote). What every number means is in
bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bench import datasets, engine, loads, report, report_app, scripts
from bench.pages import pages
from bench.server import ROOT
from bench.summary import print_summary

RESULTS = Path(__file__).resolve().parent / "results.json"


def main() -> None:
    parser = argparse.ArgumentParser(description="Het Jonge Kind dashboard benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, rough figures")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the results")
    args = parser.parse_args()
    repeat = {
        # Nine: single loads vary by a tenth of a second, and (b) compares medians of two apps.
        "browser_rounds": 3 if args.quick else 15,
        "year_changes": 3 if args.quick else 9,
        "script_runs": 3 if args.quick else 5,
        "script_runs_x100": 1 if args.quick else 3,
        "large_loads": 1 if args.quick else 2,
        "engine_runs": 1 if args.quick else 3,
        "export_runs": 1 if args.quick else 3,
    }
    started = time.perf_counter()
    results: dict = {"meta": _meta(repeat)}
    with tempfile.TemporaryDirectory(prefix="hjk-bench-") as tmp:
        folder = Path(tmp)
        _step("datasets")
        example = datasets.prepare(folder / "voorbeeld", "voorbeeld")
        large = datasets.prepare_size(folder / "x100", x100=True)
        results["datasets"] = {d.name: _size(d) for d in (example, large)}
        _step("comparison engine, 1 million figures")
        results["engine"] = engine.engine_runs(folder / "engine", repeat["engine_runs"])
        _step("changes since a meeting, 100x")
        results["changes_x100"] = engine.changes_runs(large, repeat["engine_runs"])
        _step("script runs (AppTest)")
        results["script_runs"] = _script_runs(
            example, large, repeat["script_runs"], repeat["script_runs_x100"]
        )
        _step("report from the command line against plain kaleido")
        results["report"] = report.report_runs(repeat["export_runs"])
        _step("report made in the app against plain kaleido")
        results["report_app"] = report_app.app_runs(repeat["export_runs"])
        _step("page loads in Chromium, example size")
        shown = pages()
        page_loads, year, memory, cpu = loads.example_loads(
            example,
            shown,
            _charts(results, "voorbeeld"),
            repeat["browser_rounds"],
            repeat["year_changes"],
            folder / "apps",
        )
        results["pages"], results["year_change"] = page_loads, year
        results["server_cpu_per_view"] = cpu
        _step("page loads in Chromium, 100x")
        results["pages_x100"] = loads.large_loads(
            large,
            shown,
            _charts(results, "x100"),
            repeat["large_loads"],
            page_loads["bare"]["first_ms"],
        )
        results["memory"] = memory | {"dashboard_x100_mib": results["pages_x100"].pop("memory_mib")}
    results["meta"]["duration_s"] = round(time.perf_counter() - started)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print_summary(results)
    print(f"\nwritten to {args.out}")


def _script_runs(
    example: datasets.Dataset, large: datasets.Dataset, runs: int, runs_x100: int
) -> dict:
    shown = {p.name: p.script for p in pages()}
    out = {
        "bare": scripts.bare_runs(runs),
        "voorbeeld": scripts.page_runs(example.env, shown, runs, datasets.EDITOR),
        "x100": scripts.page_runs(large.env, shown, runs_x100, datasets.EDITOR),
    }
    out["growth"] = {
        name: out["x100"][name]["median_s"] / out["voorbeeld"][name]["median_s"]
        for name in out["voorbeeld"]
    }
    return out


def _charts(results: dict, size: str) -> dict[str, int]:
    runs = results["script_runs"][size]
    return {name: runs[name]["charts"] for name in runs if name != "cold"}


def _size(dataset: datasets.Dataset) -> dict:
    from lib.figures.actuals import read_actuals
    from lib.plan.load import load_plan

    plan = load_plan(dataset.targets)
    return {
        "indicators": len(plan.indicators),
        "districts": len(plan.districts.list),
        "years": len(plan.plan.years),
        "figures": len(read_actuals(dataset.figures, plan).frame),
    }


def _meta(repeat: dict) -> dict:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    import streamlit

    return {
        "date": datetime.now().isoformat(timespec="seconds"),
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes": bool(git("status", "--porcelain", "--untracked-files=no")),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
            "load_average_1m": os.getloadavg()[0],
        },
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "repeat": repeat,
    }


def _step(what: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {what}", flush=True)


if __name__ == "__main__":
    main()
