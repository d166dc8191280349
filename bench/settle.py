"""Pages settled, against the bare app settled the same way, loaded in turns.

    python -m bench.settle [--rounds 15] [PAGE ...]

The same measure as `make bench`'s (s) column (bench/browser.py QUIET_MS), without the rest of
the benchmark: for trying a change to a page in a few minutes instead of fifteen. Without PAGE,
the pages with a settled target (bench/summary.py SETTLED_PAGES).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench import browser, datasets, loads, reference
from bench.pages import BARE_FIRST, pages
from bench.server import serve
from bench.summary import SETTLED_PAGES, SETTLED_TARGET


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="loads of each page")
    parser.add_argument("pages", nargs="*", default=list(SETTLED_PAGES), help="URL names")
    args = parser.parse_args()
    chosen = [p for p in pages() if p.name in args.pages]
    with tempfile.TemporaryDirectory(prefix="hjk-settle-") as tmp, ExitStack() as stack:
        example = datasets.prepare(Path(tmp) / "voorbeeld", "voorbeeld")
        dashboard = stack.enter_context(serve(example.env))
        bare = stack.enter_context(serve(script=reference.write_bare(Path(tmp))))
        chromium = stack.enter_context(browser.chromium())
        targets = [browser.Target("bare", bare.url, BARE_FIRST)]
        for page in chosen:
            url = dashboard.url + page.url_path
            browser.chart_sizes(chromium, url, 0)  # warm-up: fills the server's caches
            targets.append(browser.Target(page.name, url, page.first))
        browser.load(chromium, targets[0])
        times = browser.load_in_turns(chromium, targets, args.rounds)
    bare_runs = [t["settled"] for t in times["bare"]]
    print(f"settled, median of {args.rounds} loads in turns (ms since navigation)")
    print(f"{'bare app':<26}{statistics.median(bare_runs):>8.0f}")
    for page in chosen:
        runs = [t["settled"] for t in times[page.name]]
        ratio = statistics.median(runs) / statistics.median(bare_runs)
        low, high = loads.ratio_interval(runs, bare_runs)
        print(
            f"{page.name:<26}{statistics.median(runs):>8.0f}{ratio:>7.2f} [{low:.2f}-{high:.2f}]"
            f" (target {SETTLED_TARGET})"
        )


if __name__ == "__main__":
    main()
