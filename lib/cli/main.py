"""Command line: `python -m lib targets|progress|districts|validate`, the data commands of
lib/cli/data.py (import, export-actuals, approve, reject, backup, close-year, reopen-year,
add-editor, init-db), `history` (lib/cli/history.py), `todo` (lib/cli/todo.py) and those of
lib/cli/since.py (meetings, changes, explain) and lib/cli/steering.py (actions, decisions).

Results go to stdout, messages to stderr. Exit codes: 0 fine, 1 invalid input files,
2 usage error (including an unknown year, district or indicator).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from datetime import date
from pathlib import Path

import pandas as pd

from lib import fmt
from lib.cells import csv_cell
from lib.cli.args import DutchParser, iso_date, year
from lib.cli.data import add_commands, run_data_command
from lib.cli.history import add_history_command, run_history
from lib.cli.report import add_report_command, run_report
from lib.cli.scope import check_scope
from lib.cli.since import COMMANDS as SINCE_COMMANDS
from lib.cli.since import add_commands as add_since_commands
from lib.cli.since import run_command as run_since_command
from lib.cli.steering import COMMANDS as STEERING_COMMANDS
from lib.cli.steering import add_commands as add_steering_commands
from lib.cli.steering import run_command as run_steering_command
from lib.cli.todo import add_todo_command, run_todo
from lib.figures.actuals import Actuals, read_actuals
from lib.plan.load import load_plan
from lib.plan.schema import Plan
from lib.problems import UsageError, ValidationFailed
from lib.progress.compare import progress_table
from lib.store.store import Store
from lib.views.tables import targets_table

# The help's own words (the docstring above is for developers).
DESCRIPTION = (
    "Het voortgangsdashboard op de opdrachtregel: de doelen (targets, districts, validate), de "
    "voortgang (progress, report), de cijfers (import, export-actuals, approve, reject, "
    "close-year, reopen-year, history, backup, add-editor, init-db), de vergaderingen "
    "(meetings, changes, explain, actions, decisions), en wat er op een redacteur wacht (todo). "
    "'python -m lib OPDRACHT -h' legt een opdracht uit."
)
EPILOG = (
    "Uitkomsten gaan naar stdout, meldingen naar stderr. Afsluitcode 0: in orde; 1: ongeldige "
    "invoerbestanden; 2: verkeerd gebruik (ook een onbekend jaar, wijk of indicator)."
)
DEFAULT_TARGETS = Path(__file__).resolve().parents[2] / "targets.yaml"
PROGRESS_FIELDS = [
    "indicator",
    "agenda_item",
    "name",
    "unit",
    "kind",
    "year",
    "district",
    "target",
    "target_min",
    "target_max",
    "actual",
    "difference",
    "percentage",
    "status",
    "detail",
    "explanation",
    "share_of_city",
    "city_mismatch",
    "projection",
    "projection_reached",
]


def build_parser() -> argparse.ArgumentParser:
    parser = DutchParser(prog="python -m lib", description=DESCRIPTION, epilog=EPILOG)
    commands = parser.add_subparsers(
        dest="command", required=True, title="opdrachten", metavar="OPDRACHT"
    )

    def with_targets(p: argparse.ArgumentParser) -> None:
        # The plan the app reads (HJK_TARGETS) is the one the commands check and write against.
        p.add_argument(
            "--targets",
            type=Path,
            default=Path(os.environ.get("HJK_TARGETS") or DEFAULT_TARGETS),
            help="het plan (standaard: het bestand in HJK_TARGETS, anders targets.yaml)",
        )

    targets = commands.add_parser("targets", help="de doelen: een rij per indicator en jaar")
    with_targets(targets)
    targets.add_argument(
        "--format", choices=("json", "csv"), default="csv", help="vorm van de uitvoer"
    )

    progress = commands.add_parser("progress", help="de voortgangstabel van een jaar")
    with_targets(progress)
    progress.add_argument("--year", type=year, required=True, help="het planjaar, bijv. 2014")
    progress.add_argument("--district", default=None, help="wijkcode, of 'all' voor alle wijken")
    progress.add_argument("--as-of", type=iso_date, default=None, help="peildatum (JJJJ-MM-DD)")
    progress.add_argument(
        "--actuals", type=Path, default=None, help="een CSV in plaats van de opgeslagen cijfers"
    )
    progress.add_argument("--include-concept", action="store_true", help="conceptcijfers meetellen")
    progress.add_argument(
        "--format", choices=("json", "csv"), default="csv", help="vorm van de uitvoer"
    )

    districts = commands.add_parser("districts", help="de wijkcodes")
    with_targets(districts)
    districts.add_argument(
        "--format", choices=("text", "json"), default="text", help="vorm van de uitvoer"
    )

    validate = commands.add_parser("validate", help="plan en cijfers controleren")
    with_targets(validate)
    validate.add_argument(
        "--actuals", type=Path, default=None, help="een CSV met cijfers (zonder: de opgeslagen)"
    )
    add_commands(commands, with_targets)
    add_report_command(commands, with_targets)
    add_since_commands(commands, with_targets)
    add_history_command(commands, with_targets)
    add_todo_command(commands, with_targets)
    add_steering_commands(commands, with_targets)
    return parser


def _records(frame: pd.DataFrame) -> list[dict]:
    def clean(value: object) -> object:
        if isinstance(value, float) and math.isnan(value):
            return None
        if value is pd.NA or value is pd.NaT:
            return None
        if isinstance(value, float):
            return round(value, 2)
        return value

    return [{k: clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _write(frame: pd.DataFrame, fmt: str) -> None:
    if fmt == "json":
        json.dump(_records(frame), sys.stdout, ensure_ascii=False, indent=1, default=str)
        sys.stdout.write("\n")
    else:
        # The plan's names and texts must not become live formulas either (lib/cells.py).
        frame.round(2).map(csv_cell).to_csv(sys.stdout, index=False, lineterminator="\n")


def resolve_as_of(given: date | None, actuals: Actuals) -> date:
    """Peildatum: the one asked for, else the one the figures declare, else today."""
    return given or actuals.meta.reporting_date or date.today()


def _load_actuals(path: Path | None, plan: Plan, include_concept: bool = False) -> Actuals:
    """A CSV given with --actuals, read directly; else the stored figures."""
    if path is not None:
        return read_actuals(path, plan)
    return Store.open(plan).read_actuals(include_concept=include_concept)


def run_progress(args: argparse.Namespace, plan: Plan) -> None:
    check_scope(plan, args.year, args.district)
    actuals = _load_actuals(args.actuals, plan, args.include_concept)
    as_of = resolve_as_of(args.as_of, actuals)
    table = progress_table(plan, actuals, as_of, year=args.year, district=args.district)
    if args.district not in (None, "all"):
        table = table[table["district"] == args.district]
    if actuals.meta.is_example:
        print("Let op: voorbeeldgegevens, geen echte resultaten.", file=sys.stderr)
    print(f"Peildatum: {as_of.isoformat()}", file=sys.stderr)
    _write(table[PROGRESS_FIELDS], args.format)


def run(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    code = 0
    try:
        plan = load_plan(args.targets) if hasattr(args, "targets") else None
        if args.command == "targets":
            _write(targets_table(plan), args.format)
        elif args.command == "districts":
            if args.format == "json":
                areas = {a.id: a.name for a in plan.districts.areas}
                rows = [
                    {"id": d.id, "name": d.name, "area": d.area, "area_name": areas.get(d.area)}
                    for d in plan.districts.list
                ]
                json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
                sys.stdout.write("\n")
            else:
                sys.stdout.write("".join(f"{d}\n" for d in plan.district_ids()))
        elif args.command == "progress":
            run_progress(args, plan)
        elif args.command == "report":
            check_scope(plan, args.year, None)
            actuals = _load_actuals(args.actuals, plan, args.include_concept)
            code = run_report(args, plan, actuals, resolve_as_of(args.as_of, actuals))
        elif args.command == "validate":
            actuals = _load_actuals(args.actuals, plan, include_concept=True)
            print(
                f"In orde: {args.targets.name} ({len(plan.indicators)} indicatoren) en "
                f"{actuals.file} ({len(actuals.frame)} cijfers).",
                file=sys.stderr,
            )
        elif args.command == "history":
            run_history(args, plan)
        elif args.command == "todo":
            code = run_todo(args, plan)
        elif args.command in SINCE_COMMANDS:
            code = run_since_command(args, plan)
        elif args.command in STEERING_COMMANDS:
            code = run_steering_command(args, plan)
        else:
            code = run_data_command(args, plan)
    except ValidationFailed as exc:
        found = fmt.count(len(exc.problems), "probleem", "problemen")
        print(f"{found} gevonden:", file=sys.stderr)
        for problem in exc.problems:
            print(f"- {problem}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"python -m lib {args.command}: {exc}", file=sys.stderr)
        return 2
    return code


def main() -> None:
    try:
        code = run()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (e.g. `head`) stopped early; that is not an error of ours.
        sys.stderr.close()
        code = 0
    sys.exit(code)
