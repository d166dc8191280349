"""Command line: `python -m lib history`, the recorded changes, newest first, narrowed by any of
indicator, year and wijk. Registered by lib/cli/main.py; exit codes as there.
"""

from __future__ import annotations

import argparse
import json
import sys

from lib.accounts.identity import display_editor
from lib.cli.args import whole_number, year
from lib.cli.scope import check_filters
from lib.figures.history import ACTION_LABELS, describe_value
from lib.plan.schema import Plan
from lib.store import auth
from lib.store.store import Store

HISTORY_FIELDS = [
    "id",
    "at",
    "editor",
    "action",
    "indicator",
    "year",
    "district",
    "status",
    "old_value",
    "new_value",
    "source",
    "note",
]


def add_history_command(commands, with_targets) -> None:
    p = commands.add_parser("history", help="vastgelegde wijzigingen, nieuwste eerst")
    with_targets(p)
    p.add_argument("--indicator", help="alleen deze indicator (zie: python -m lib targets)")
    p.add_argument("--year", type=year, help="alleen dit jaar")
    p.add_argument(
        "--district",
        default=None,
        help="alleen deze wijk (zie: python -m lib districts); '' voor de hele stad",
    )
    p.add_argument(
        "--limit", type=whole_number, default=50, help="hoogstens zoveel regels (standaard 50)"
    )
    p.add_argument("--format", choices=("text", "json"), default="text", help="vorm van de uitvoer")


def run_history(args: argparse.Namespace, plan: Plan) -> None:
    """Print the changes; each of --indicator, --year and --district that is given narrows them."""
    check_filters(plan, args.indicator, args.year, args.district)
    store = Store.open(plan)
    key = (args.indicator, args.year, args.district)
    frame = store.history(key, limit=args.limit)
    rows = frame[HISTORY_FIELDS].to_dict("records")
    names = auth.editor_config().names
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
        return
    for row in rows:
        what = (
            f"{row['indicator']} {row['year']} {row['district'] or 'hele stad'} ({row['status']}): "
            f"{describe_value(row['old_value'])} -> {describe_value(row['new_value'])}"
            if row["indicator"]
            else " ".join(
                v
                for v in (row["new_value"], row["old_value"], row["note"])
                if isinstance(v, str) and v
            )
            if row["action"].startswith("meeting_")
            else f"jaar {row['year']}"
        )
        who = display_editor(names, row["editor"])
        print(f"#{row['id']} {row['at']} {who}: {ACTION_LABELS[row['action']]} {what}")
    if not rows:
        print("Geen wijzigingen vastgelegd die hierbij passen.", file=sys.stderr)
