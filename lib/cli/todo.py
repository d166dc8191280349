"""Command line: `python -m lib todo --editor NAME`, what waits for one editor (lib/views/todo.py),
so a scheduled job can mail it; the app stays the place to act on it.

Registered by lib/cli/main.py; exit codes as there (0 fine, 1 invalid input, 2 usage error).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from lib import fmt
from lib.cli.args import EDITOR_HELP, iso_date
from lib.cli.output import write_rows
from lib.plan.schema import Plan
from lib.store.store import Store
from lib.views.todo import FIELDS
from lib.views.todo_read import approval_line, kind_counts, todo_for


def add_todo_command(commands, with_targets) -> None:
    p = commands.add_parser(
        "todo", help="wat er op een redacteur wacht: vaststellen, afgewezen, achter, mijlpalen"
    )
    with_targets(p)
    p.add_argument("--editor", required=True, help=EDITOR_HELP)
    p.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        help="peildatum (JJJJ-MM-DD); zonder: die van de cijfers",
    )
    p.add_argument("--format", choices=("json", "csv"), default="csv", help="vorm van de uitvoer")


def run_todo(args: argparse.Namespace, plan: Plan) -> int:
    """Print one row per item with FIELDS; the counts go to stderr."""
    from lib.cli.data import check_editor

    editor = check_editor(args.editor)
    store = Store.open(plan)
    actuals = store.read_actuals()
    as_of = args.as_of or actuals.meta.reporting_date or date.today()
    items = todo_for(plan, store, editor, as_of, actuals=actuals)
    rows = [item.row() for item in items]
    write_rows(rows, FIELDS, args.format)
    if actuals.meta.is_example:
        print("Let op: voorbeeldgegevens, geen echte resultaten.", file=sys.stderr)
    counts = [c for c in [approval_line(items), *kind_counts(items)] if c]
    said = "; ".join(counts) if counts else "niets te doen"
    print(f"Te doen voor {editor} op peildatum {fmt.long_date(as_of)}: {said}.", file=sys.stderr)
    return 0
