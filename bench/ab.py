"""Is a change worth it? One page's (b) for several versions of the code, side by side.

    python -m bench.ab PAGE DIR [DIR ...] [--rounds 30]

Each DIR is a copy of the project with one change (for example `git worktree add /tmp/v1`
and edit there; this checkout can be one of them). Every copy is served with the example data,
and the page is loaded from each copy and from one chart reference app in shuffled turns, in
fresh browser contexts, as `make bench` does. Printed per copy: the median time until every
chart is drawn, (b) against the reference's median, and the median of the per-round ratios.

A single run of `make bench` moves (b) by about 0.05 between runs of the same code; a change
worth less than that only shows up over many paired rounds, which is what this is for. It
writes nothing: note what you find in bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench import browser, datasets, reference, scripts
from bench.pages import pages
from bench.server import serve
from support.charts import figures


def main() -> None:
    by_name = {p.name: p for p in pages()}
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", choices=sorted(by_name))
    parser.add_argument("dirs", nargs="+", type=Path, help="copies of the project to compare")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    page = by_name[args.page]
    with tempfile.TemporaryDirectory() as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        example = datasets.prepare(tmp / "voorbeeld", "voorbeeld")
        with scripts.environment(example.env):
            charts = len(figures(scripts.open_app(page.script)))
        if not charts:
            parser.error(f"{page.name} draws no charts: it has no (b)")
        chromium = stack.enter_context(browser.chromium())
        targets = []
        for folder in args.dirs:
            server = stack.enter_context(serve(example.env, cwd=folder.resolve()))
            sizes = browser.chart_sizes(chromium, server.url + page.url_path, charts)  # warm-up
            targets.append(
                browser.Target(str(folder), server.url + page.url_path, page.first, charts)
            )
        ref = stack.enter_context(serve(script=reference.write_charts(tmp, page.name, sizes)))
        browser.chart_sizes(chromium, ref.url, charts)
        targets.append(browser.Target("reference", ref.url, None, charts))
        loads = browser.load_in_turns(chromium, targets, args.rounds)
    drawn = {name: [load["charts"] for load in runs] for name, runs in loads.items()}
    reference_ms = statistics.median(drawn["reference"])
    print(f"{page.name}, {charts} charts, {args.rounds} rounds; reference {reference_ms:.0f} ms")
    for target in targets[:-1]:
        own = drawn[target.name]
        paired = statistics.median(a / b for a, b in zip(own, drawn["reference"], strict=True))
        median = statistics.median(own)
        print(
            f"  {target.name}: drawn {median:.0f} ms, (b) {median / reference_ms:.3f}, "
            f"paired {paired:.3f}"
        )


if __name__ == "__main__":
    main()
