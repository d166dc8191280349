"""Where a page's script run spends its time: pyinstrument around exactly the script.

    python -m bench.profile agendapunten            # warm reruns at example size
    python -m bench.profile agendapunten --x100     # the same on the 100x dataset
    python -m bench.profile overzicht --cold        # the first run, with empty caches
    python -m bench.profile overzicht --new-session # a new visitor's first run, caches warm
    python -m bench.profile wijken --html out.html  # an interactive report instead of text

The page is opened with AppTest on a dataset of its own (as `make bench` prepares it); only the
script runs are profiled, not AppTest or the dataset set-up.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from pyinstrument import Profiler

from bench import datasets, scripts
from bench.pages import pages


def main() -> None:
    names = {p.name: p.script for p in pages()}
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page", choices=sorted(names))
    parser.add_argument("--x100", action="store_true", help="the dataset 100 times the example")
    parser.add_argument("--cold", action="store_true", help="the first run, caches emptied")
    parser.add_argument(
        "--new-session",
        action="store_true",
        help="a new visitor's first run on a server whose caches are warm (what a page load costs)",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--html", type=Path, help="write an HTML report here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hjk-profile-") as tmp:
        dataset = datasets.prepare_size(Path(tmp), args.x100)
        profiler = Profiler(interval=0.0005)
        recording = {"on": False}

        def start() -> None:
            if recording["on"]:
                profiler.start()

        def stop() -> None:
            if recording["on"]:
                profiler.stop()

        with scripts.environment(dataset.env), scripts.around_script(start, stop):
            page = names[args.page]
            if args.cold:
                recording["on"] = True
                for _ in range(args.runs):
                    scripts.clear_caches()
                    scripts.open_app(page, datasets.EDITOR)
            elif args.new_session:
                scripts.open_app(page, datasets.EDITOR)  # fills the caches every visitor shares
                recording["on"] = True
                for _ in range(args.runs):
                    scripts.open_app(page, datasets.EDITOR)
            else:
                at = scripts.open_app(page, datasets.EDITOR)
                recording["on"] = True
                for _ in range(args.runs):
                    at.switch_page(page).run()
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
        print(f"written to {args.html}")
    else:
        print(profiler.output_text(color=False, show_all=False))


if __name__ == "__main__":
    main()
