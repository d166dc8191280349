"""The year change alone: the overview against a bare app with one select box, in turns.

    python -m bench.year [--changes 12]

The same measure as `make bench`'s year change (bench/loads.py), without the rest of the
benchmark: for trying a change to the overview's round trip in two minutes instead of fifteen.
"""

from __future__ import annotations

import argparse
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench import browser, datasets, loads, reference
from bench.server import serve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--changes", type=int, default=12, help="year changes of each app")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hjk-year-") as tmp, ExitStack() as stack:
        example = datasets.prepare(Path(tmp) / "voorbeeld", "voorbeeld")
        dashboard = stack.enter_context(serve(example.env))
        select = stack.enter_context(serve(script=reference.write_select(Path(tmp))))
        chromium = stack.enter_context(browser.chromium())
        year = loads._year_changes(chromium, dashboard.url, select.url, args.changes)
    print(
        f"year change: overview {year['dashboard_ms']:.0f} ms, bare select box "
        f"{year['bare_ms']:.0f} ms, ratio {year['ratio']:.2f} (medians of "
        f"{len(year['runs']['dashboard_ms'])} changes each)"
    )


if __name__ == "__main__":
    main()
