"""`python -m lib report`: the progress report as PDF, PowerPoint, Excel and/or Word files."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from lib.cli.args import iso_date, year
from lib.plan.schema import Plan
from lib.problems import UsageError

FORMATS = ("pdf", "pptx", "xlsx", "docx")  # lib/report/model.py; imported there only when used


def add_report_command(commands, with_targets) -> None:
    report = commands.add_parser(
        "report", help="het voortgangsrapport van een jaar (pdf, pptx, xlsx, docx)"
    )
    with_targets(report)
    report.add_argument("--year", type=year, required=True, help="het jaar van het rapport")
    report.add_argument(
        "--format", action="append", choices=FORMATS, help="herhaal voor meer; zonder: alle vier"
    )
    report.add_argument(
        "--out", type=Path, default=Path("."), help="map voor de bestanden", metavar="MAP"
    )
    report.add_argument("--as-of", type=iso_date, default=None, help="peildatum (JJJJ-MM-DD)")
    report.add_argument(
        "--actuals", type=Path, default=None, help="een CSV in plaats van de opgeslagen cijfers"
    )
    report.add_argument("--include-concept", action="store_true", help="conceptcijfers meetellen")
    report.add_argument(
        "--since",
        type=iso_date,
        default=None,
        help="het vergaderstuk: opent met wat sinds deze datum veranderde (JJJJ-MM-DD)",
    )
    report.add_argument(
        "--agenda-item",
        type=int,
        action="append",
        default=[],
        metavar="N",
        help="alleen dit agendapunt (herhaal voor meer); zonder: het hele plan",
    )
    report.add_argument(
        "--indicator",
        action="append",
        default=[],
        metavar="ID",
        help="alleen deze indicator (herhaal voor meer; samen met --agenda-item: beide)",
    )


def run_report(args: argparse.Namespace, plan: Plan, actuals, as_of) -> int:
    """Write the files; exit code 1 when charts cannot be rendered (no Chromium).

    The same report asked for again (same plan, figures, date, options and code) is taken from
    the report memo (lib/report/memo.py) without building a chart.
    """
    from lib.charts.cache import ImageCache
    from lib.charts.export import ExportUnavailable, default_exporter
    from lib.report.memo import report_key
    from lib.report.model import file_stem
    from lib.report.selection import Selection, check_selection

    formats = list(dict.fromkeys(args.format or FORMATS))
    created = date.today()
    concept = actuals.counts_concept
    selection = Selection(
        tuple(dict.fromkeys(args.agenda_item)), tuple(dict.fromkeys(args.indicator))
    )
    check_selection(plan, selection)
    summary = {**_summary_inputs(args, plan, as_of, concept), "selection": selection}
    options = {**summary, "texts": sorted(summary["texts"].items()), "include_concept": concept}
    key = report_key(plan, actuals, as_of, args.year, created, options)
    memo = ImageCache()
    stem = file_stem(
        plan, args.year, as_of, concept, summary["since"], summary.get("meeting"), selection
    )
    try:
        found = {f: memo.get(key, f) for f in formats}
        missing = [f for f, data in found.items() if data is None]
        if missing:
            found |= _make(plan, actuals, as_of, args.year, created, summary, missing, memo, key)
    except ExportUnavailable as exc:
        print(f"python -m lib report: {exc}", file=sys.stderr)
        return 1
    finally:
        default_exporter().stop()
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt_name in formats:
        path = args.out / f"{stem}.{fmt_name}"
        part = path.with_suffix(path.suffix + ".part")
        part.write_bytes(found[fmt_name])
        part.replace(path)
        written.append(path)
    if actuals.meta.is_example:
        print("Let op: voorbeeldgegevens, geen echte resultaten.", file=sys.stderr)
    for path in written:
        print(path)
    return 0


def _summary_inputs(args: argparse.Namespace, plan: Plan, as_of: date, concept: bool) -> dict:
    """The summary's changes since --since, the editors' texts and the milestones' horizon, from
    the stored figures; a CSV (--actuals) has no history, so --since needs the database."""
    if args.actuals is not None:
        if args.since is not None:
            raise UsageError(
                "--since heeft de opgeslagen cijfers nodig (hun geschiedenis); laat --actuals weg"
            )
        return {"since": None, "changes": [], "texts": {}}
    from lib.report.meeting import meeting_inputs
    from lib.store.store import Store

    store = Store.open(plan)
    return meeting_inputs(plan, store, args.year, as_of, since=args.since, include_concept=concept)


def _make(plan, actuals, as_of, year, created, summary, formats, memo, key) -> dict[str, bytes]:
    """Build the report and render `formats`; each file is kept in the memo under `key`.

    Charts render in the background as soon as each is built, while the rest is built and the
    formats without charts are written.
    """
    from concurrent.futures import ThreadPoolExecutor

    from lib.charts.export import default_exporter
    from lib.report.model import build_report
    from lib.report.write import CHART_FORMATS, BackgroundRenderer, render

    exporter = default_exporter()
    charts = any(f in CHART_FORMATS for f in formats)
    if charts:
        exporter.start_in_background()  # Chromium starts while the figures are built
    out = {}
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="report-render") as pool:
        renderer = BackgroundRenderer(exporter, None, pool)
        on_chart = renderer if charts else None
        report = build_report(plan, actuals, as_of, year, created, **summary, on_chart=on_chart)
        if charts:
            renderer.pending(report)  # a writer waits for each chart only when it gets there
        for fmt_name in sorted(formats, key=lambda f: f in CHART_FORMATS):
            out[fmt_name] = render(report, fmt_name, exporter)
            memo.put(key, fmt_name, out[fmt_name])
    return out
