"""Command line for the stuurgroep cycle: `meetings list|add|remove`, `changes --since`, and
`explain` (an editor's toelichting and maatregelen, stored as a concept).

Registered by lib/cli/main.py; exit codes as there (0 fine, 1 invalid input, 2 usage error).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from lib import fmt
from lib.cli.args import EDITOR_HELP, iso_date, year
from lib.cli.output import write_rows
from lib.cli.scope import check_scope
from lib.plan.schema import Plan
from lib.problems import UsageError
from lib.progress.changes import FIELDS, changes_since
from lib.steering.book import Steering
from lib.steering.since import change_rows
from lib.store.meetings import far_meeting
from lib.store.store import Store
from lib.views.since import summary

COMMANDS = ("meetings", "changes", "explain")


def add_commands(commands, with_targets) -> None:
    """Add the meetings, changes and explain commands to the `python -m lib` parser."""
    p = commands.add_parser(
        "meetings", help="de vergaderingen van de stuurgroep: tonen, toevoegen, verwijderen"
    )
    with_targets(p)
    actions = p.add_subparsers(
        dest="meetings_action", required=True, title="acties", metavar="ACTIE"
    )
    listing = actions.add_parser("list", help="alle vergaderingen, oudste eerst")
    listing.add_argument(
        "--format", choices=("text", "json"), default="text", help="vorm van de uitvoer"
    )
    add = actions.add_parser("add", help="een vergadering toevoegen")
    add.add_argument("day", type=iso_date, help="de dag, JJJJ-MM-DD")
    add.add_argument("--title", default="", help="bijv. 'Stuurgroep Het Jonge Kind'")
    add.add_argument("--editor", required=True, help=EDITOR_HELP)
    remove = actions.add_parser("remove", help="een vergadering verwijderen")
    remove.add_argument("day", type=iso_date, help="de dag, JJJJ-MM-DD")
    remove.add_argument("--editor", required=True, help=EDITOR_HELP)

    p = commands.add_parser(
        "changes", help="wat er veranderde sinds een datum (bijv. de vorige vergadering)"
    )
    with_targets(p)
    p.add_argument("--since", type=iso_date, required=True, help="JJJJ-MM-DD, vanaf 0:00 uur")
    p.add_argument("--year", type=year, default=None, help="alleen dit jaar")
    p.add_argument(
        "--district", default=None, help="wijkcode, of 'all' voor alle wijken (zonder: de stad)"
    )
    p.add_argument("--include-concept", action="store_true", help="conceptcijfers meetellen")
    p.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        help="peildatum (JJJJ-MM-DD) waarop toen en nu beoordeeld worden, zoals het dashboard "
        "met die peildatum (zonder: de peildatum van de cijfers)",
    )
    p.add_argument("--format", choices=("json", "csv"), default="csv", help="vorm van de uitvoer")

    p = commands.add_parser(
        "explain", help="toelichting en maatregelen van een redacteur (als concept)"
    )
    with_targets(p)
    p.add_argument("--indicator", required=True, help="de indicator (zie: python -m lib targets)")
    p.add_argument("--year", type=year, required=True, help="het planjaar, bijv. 2014")
    p.add_argument("--district", default="", help="wijkcode (zonder: de hele stad)")
    p.add_argument("--editor", required=True, help=EDITOR_HELP)
    p.add_argument("--text", required=True, help="toelichting: waarom het cijfer is wat het is")
    p.add_argument("--measures", default="", help="maatregelen: wat eraan gedaan wordt")


def run_command(args: argparse.Namespace, plan: Plan) -> int:
    """Run one of COMMANDS; its exit code."""
    from lib.cli.data import check_editor

    if getattr(args, "editor", None) is not None:
        check_editor(args.editor)
    store = Store.open(plan)
    if args.command == "meetings":
        return _meetings(args, plan, store)
    if args.command == "changes":
        return _changes(args, plan, store)
    return _explain(args, plan, store)


def _meetings(args: argparse.Namespace, plan: Plan, store: Store) -> int:
    if args.meetings_action == "add":
        store.add_meeting(args.day, args.title, args.editor)
        print(f"Vergadering van {fmt.long_date(args.day)} toegevoegd.", file=sys.stderr)
        as_of = store.read_actuals().meta.reporting_date or date.today()  # as `progress` does
        if warning := far_meeting(args.day, plan.plan.last_year, as_of):
            print(warning, file=sys.stderr)
    elif args.meetings_action == "remove":
        Steering.open(store).remove_meeting(args.day, args.editor)
        print(f"Vergadering van {fmt.long_date(args.day)} verwijderd.", file=sys.stderr)
    elif args.format == "json":
        rows = [{"date": m.day.isoformat(), "title": m.title} for m in store.meetings()]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for meeting in store.meetings():
            sys.stdout.write(f"{meeting.day.isoformat()}\t{meeting.title}\n")
    return 0


def _changes(args: argparse.Namespace, plan: Plan, store: Store) -> int:
    check_scope(plan, args.year, args.district)
    actuals = store.read_actuals(include_concept=args.include_concept)
    rows = changes_since(
        plan,
        store,
        args.since,
        year=args.year,
        district=args.district,
        include_concept=args.include_concept,
        today=args.as_of,
        actuals=actuals,
    )
    rows += steering_rows(store, args.since, args.year, args.district)
    write_rows(rows, FIELDS, args.format)
    if actuals.meta.is_example:
        print("Let op: voorbeeldgegevens, geen echte resultaten.", file=sys.stderr)
    print(f"Sinds {fmt.long_date(args.since)}: {summary(rows)}.", file=sys.stderr)
    return 0


def steering_rows(store: Store, since, year: int | None, district: str | None) -> list[dict]:
    """The rows of kinds `action` (a status that moved, or a new action) and `decision`. An
    action about another year, or about a wijk other than the one asked for ('all': any), is
    left out, as the figures' rows are."""
    steering = Steering.open(store)
    rows = change_rows(steering.action_history(), steering.decisions(), since)
    return [
        r
        for r in rows
        if (year is None or r["year"] in (None, year))
        and (r["district"] in (None, "", district) or district == "all")
    ]


def _explain(args: argparse.Namespace, plan: Plan, store: Store) -> int:
    check_scope(plan, args.year, args.district or None)
    if args.indicator not in plan.indicators_by_id:
        raise UsageError(f"onbekende indicator '{args.indicator}'")
    changed = store.save_text(
        (args.indicator, args.year, args.district), args.text, args.measures, args.editor
    )
    if not changed:
        print("Niets veranderd: deze teksten staan er al.", file=sys.stderr)
        return 0
    print(
        f"Toelichting opgeslagen als concept door {args.editor}; een tweede redacteur stelt "
        "haar vast (python -m lib approve --all).",
        file=sys.stderr,
    )
    return 0
