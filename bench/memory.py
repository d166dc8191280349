"""The dashboard server's peak memory, alone and quickly: what `make bench` reports as "Peak memory".

    python -m bench.memory            # the example
    python -m bench.memory --x100     # the dataset 100 times the example (as large_loads serves it)

Prepares the dataset, starts the server as users get it (`python -m ui.serve`), loads every page
in headless Chromium (`--loads` times each, in the order of bench/pages.py) and prints the
server's resident set after each page and its peak (VmHWM), in MiB.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench import browser, datasets
from bench.pages import pages
from bench.server import serve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--x100", action="store_true", help="the dataset 100 times the example")
    parser.add_argument("--loads", type=int, default=2, help="loads of every page (default 2)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hjk-memory-") as tmp:
        dataset = datasets.prepare_size(Path(tmp), args.x100)
        with serve(dataset.env) as dashboard, browser.chromium() as chromium:
            print(f"{'started':<28}{dashboard.rss_mib():7.0f} MiB")
            for n in range(args.loads):
                for page in pages():
                    # Not timed: loaded until the script has run and the page is idle.
                    browser.load(chromium, browser.Target(page.name, dashboard.url + page.url_path))
                    print(f"{page.name + f' ({n + 1})':<28}{dashboard.rss_mib():7.0f} MiB")
            print(f"{'peak (VmHWM)':<28}{dashboard.peak_rss_mib():7.0f} MiB")


if __name__ == "__main__":
    main()
