"""The whole report made in the app, from the click on "Rapport maken" to its download buttons.

Each round starts a fresh dashboard server on a new database and an empty image cache (so every
chart is rendered, and the app's chart exporter starts on this first report, as after a
restart), opens the overview in headless Chromium, opens the report popover and clicks "Rapport
maken". The clock runs inside the page: from the pointer press on the button to the first
animation frame on which the four download buttons (PDF, PowerPoint, Excel, Word) are visible.
Beside it, in the same turns, the reference of bench/report.py: plain kaleido rendering as many
charts in a fresh process. Target: at most APP_TARGET times that reference.

    python -m bench.report_app [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench import browser
from bench.report import YEAR, _timed, chart_shape, reference_command
from bench.server import serve

APP_TARGET = 1.0
FORMATS = 4
REPORT_TIMEOUT_MS = 300_000

_WATCH = """
(() => {
  const made = {};
  window.__benchReport = made;
  document.addEventListener('pointerdown', (event) => {
    const button = event.target.closest('button');
    if (made.start === undefined && button && button.innerText.includes('Rapport maken')) {
      made.start = performance.now();
    }
  }, {capture: true});
  const tick = () => {
    const buttons = document.querySelectorAll(
      ".st-key-report_downloads [data-testid='stDownloadButton'] button");
    const shown = Array.from(buttons).filter(b => b.getBoundingClientRect().width > 0);
    if (made.start !== undefined && shown.length >= %d) {
      made.end = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def _in_app(chromium, url: str) -> float:
    """Seconds from the click on "Rapport maken" to the four download buttons."""
    context = chromium.new_context(viewport=browser.VIEWPORT)
    try:
        page = context.new_page()
        page.goto(f"{url}/?jaar={YEAR}")
        page.wait_for_selector(browser.APP_IDLE, timeout=browser.LOAD_TIMEOUT_MS)
        page.get_by_role("button", name=f"Voortgangsrapport {YEAR} downloaden").click()
        make = page.get_by_role("button", name="Rapport maken")
        make.wait_for()
        page.evaluate(_WATCH % FORMATS)
        make.click()
        page.wait_for_function(
            "() => window.__benchReport.end !== undefined", timeout=REPORT_TIMEOUT_MS, polling=100
        )
        made = page.evaluate("() => window.__benchReport")
        return (made["end"] - made["start"]) / 1000
    finally:
        context.close()


def app_runs(rounds: int = 3) -> dict:
    shape = chart_shape()
    out: dict[str, list[float]] = {"reference": [], "app": []}
    with (
        tempfile.TemporaryDirectory(prefix="hjk-bench-report-app-") as tmp,
        browser.chromium() as chromium,
    ):
        folder = Path(tmp)
        reference = reference_command(folder, shape)
        for n in range(rounds):
            run = folder / f"run{n}"
            run.mkdir()
            env = {
                "DATABASE_URL": f"sqlite:///{run / 'figures.sqlite3'}",
                "HJK_IMAGE_CACHE": str(run / "images"),
                "HJK_VALIDATE_FIGURES": "0",
            }
            out["reference"].append(_timed(reference, dict(os.environ), folder))
            with serve(env) as dashboard:
                out["app"].append(_in_app(chromium, dashboard.url))
            time.sleep(1)  # the server's Chromium has gone before the next reference starts
    medians = {k: statistics.median(v) for k, v in out.items()}
    return {
        "charts": shape[0],
        "median_s": medians,
        "app_ratio": medians["app"] / medians["reference"],
        "runs_s": out,
    }


def print_app(result: dict) -> None:
    m = result["median_s"]
    ratio = result["app_ratio"]
    mark = "ok" if ratio <= APP_TARGET else "MISS"
    print(
        f"report in the app, click to {FORMATS} downloads (fresh server, no image cache): "
        f"{m['app']:.1f} s against the reference's {m['reference']:.1f} s, ratio {ratio:.2f} "
        f"(target <= {APP_TARGET}: {mark}; median of {len(result['runs_s']['app'])})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print_app(app_runs(args.rounds))


if __name__ == "__main__":
    main()
