"""`python -m lib report`: the progress report as PDF, PowerPoint, Excel and/or Word files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lib.plan.schema import Plan

FORMATS = ("pdf", "pptx", "xlsx", "docx")  # lib/report/model.py; imported there only when used


def add_report_command(commands, with_targets, iso_date) -> None:
    report = commands.add_parser(
        "report", help="the progress report for a year (pdf, pptx, xlsx, docx)"
    )
    with_targets(report)
    report.add_argument("--year", type=int, required=True)
    report.add_argument(
        "--format", action="append", choices=FORMATS, help="repeat for several; default all four"
    )
    report.add_argument("--out", type=Path, default=Path("."), help="folder for the files")
    report.add_argument("--as-of", type=iso_date, default=None, help="peildatum (JJJJ-MM-DD)")
    report.add_argument("--actuals", type=Path, default=None, help="CSV instead of stored figures")
    report.add_argument("--include-concept", action="store_true", help="count concept figures too")
    report.add_argument(
        "--since",
        type=iso_date,
        default=None,
        help="summary lists the status moves since this date (JJJJ-MM-DD)",
    )


def run_report(args: argparse.Namespace, plan: Plan, actuals, as_of) -> int:
    """Write the files; exit code 1 when charts cannot be rendered (no Chromium)."""
    from lib.charts.export import ExportUnavailable, default_exporter
    from lib.report.model import build_report
    from lib.report.write import write_report

    # The moves since --since come from the stored changes once those are wired in; until then
    # the summary names the date and lists no moves (it never invents any).
    report = build_report(
        plan,
        actuals,
        as_of,
        args.year,
        since=args.since,
        moves=[],
    )
    formats = args.format or list(FORMATS)
    try:
        written = write_report(report, formats, args.out)
    except ExportUnavailable as exc:
        print(f"python -m lib report: {exc}", file=sys.stderr)
        return 1
    finally:
        default_exporter().stop()
    if actuals.meta.is_example:
        print("Let op: voorbeeldgegevens, geen echte resultaten.", file=sys.stderr)
    for path in written:
        print(path)
    return 0
