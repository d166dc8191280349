"""The whole report from the command line against rendering its charts and nothing else.

Measured side by side, in fresh processes, in turns:

- reference: a process that imports Plotly and kaleido, starts kaleido and renders as many
  simple four-bar Plotly charts as the report has, one after another, at the report's median
  chart size and scale. The least any report with those charts can cost.
- cold: `python -m lib report --year Y` (PDF, PowerPoint, Excel and Word) in a fresh process
  with no database and no image cache yet: seeding, building, rendering and writing all count.
  Target: at most COLD_TARGET times the reference.
- second: the same command again with nothing changed: the database and the image cache are
  there now, so no chart is rendered. Target: at most SECOND_TARGET times the reference.

    python -m bench.report [--rounds N]    # prints the figures, writes nothing
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.server import ROOT

COLD_TARGET = 1.0  # the exports issue: at most as long as plain kaleido
SECOND_TARGET = 0.2  # a fifth of it
YEAR = 2014

REFERENCE = """\
import sys
import kaleido
import plotly.graph_objects as go

count, width, height, scale = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
kaleido.start_sync_server(mathjax=False, silence_warnings=True)
for n in range(count):
    figure = go.Figure(go.Bar(x=["a", "b", "c", "d"], y=[3, 1, 4, n % 5]))
    figure.update_layout(width=width, height=height, title=f"Grafiek {n}")
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    kaleido.calc_fig_sync(figure, opts=opts)
kaleido.stop_sync_server(silence_warnings=True)
"""


def chart_shape() -> tuple[int, int, int, float]:
    """How many charts the example report has, and their median export size and scale."""
    from datetime import date

    from lib.charts.export import EXPORT_WIDTH
    from lib.charts.presentation import presentation_spec
    from lib.figures.actuals import read_actuals
    from lib.plan.load import load_plan
    from lib.report.model import REPORT_PNG_SCALE, build_report

    plan = load_plan(ROOT / "targets.yaml")
    actuals = read_actuals(ROOT / "data" / "example_actuals.csv", plan)
    as_of = actuals.meta.reporting_date or date(YEAR, 10, 1)
    report = build_report(plan, actuals, as_of, YEAR)
    # As the report draws them: at a slide's size (lib/charts/presentation.py).
    heights = [int(presentation_spec(i.figure)["layout"]["height"]) for i in report.all_charts()]
    return len(heights), EXPORT_WIDTH, int(statistics.median(heights)), REPORT_PNG_SCALE


def reference_command(folder: Path, shape: tuple[int, int, int, float]) -> list[str]:
    """The reference's command line: REFERENCE written into `folder`, for `shape` (chart_shape)."""
    script = folder / "reference.py"
    script.write_text(REFERENCE, encoding="utf-8")
    return [sys.executable, str(script), *(str(value) for value in shape)]


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def report_runs(rounds: int = 3) -> dict:
    count, width, height, scale = shape = chart_shape()
    out: dict[str, list[float]] = {"reference": [], "cold": [], "second": []}
    with tempfile.TemporaryDirectory(prefix="hjk-bench-report-") as tmp:
        folder = Path(tmp)
        reference = reference_command(folder, shape)
        for n in range(rounds):
            run = folder / f"run{n}"
            run.mkdir()
            env = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{run / 'figures.sqlite3'}",
                "HJK_IMAGE_CACHE": str(run / "images"),
            }
            env.pop("HJK_VALIDATE_FIGURES", None)
            command = [
                sys.executable,
                "-m",
                "lib",
                "report",
                "--year",
                str(YEAR),
                "--out",
                str(run),
            ]
            out["reference"].append(_timed(reference, dict(os.environ), folder))
            out["cold"].append(_timed(command, env, ROOT))
            out["second"].append(_timed(command, env, ROOT))
    medians = {k: statistics.median(v) for k, v in out.items()}
    return {
        "charts": count,
        "chart_size": [width, height, scale],
        "median_s": medians,
        "cold_ratio": medians["cold"] / medians["reference"],
        "second_ratio": medians["second"] / medians["reference"],
        "runs_s": out,
    }


def print_report(result: dict) -> None:
    m = result["median_s"]
    width, height, scale = result["chart_size"]
    print(
        f"\nReport from the command line, {result['charts']} charts at {width}x{height} "
        f"(scale {scale}), median of {len(result['runs_s']['cold'])} (s)"
    )
    print(f"reference (kaleido, {result['charts']} plain charts): {m['reference']:.1f}")
    cold, second = result["cold_ratio"], result["second_ratio"]
    mark = {True: "ok", False: "MISS"}
    print(
        f"cold CLI (seeding, no image cache):   {m['cold']:.1f}  ratio {cold:.2f} "
        f"(target <= {COLD_TARGET}: {mark[cold <= COLD_TARGET]})"
    )
    print(
        f"second report, nothing changed:       {m['second']:.1f}  ratio {second:.2f} "
        f"(target <= {SECOND_TARGET}: {mark[second <= SECOND_TARGET]})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="the report against rendering its charts")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print_report(report_runs(args.rounds))


if __name__ == "__main__":
    main()
