"""Command line for the steering loop: `actions add|update|list|export|import` and
`decisions add|list` (lib/steering/).

A wrong option value (an unknown indicator, a deadline that is no date, a status change without
a note, an unknown action number) is a usage error, exit code 2, with the Dutch message naming
the field; a file with bad rows is exit code 1, as the figures' import. Registered by
lib/cli/main.py.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from lib import fmt
from lib.cli.args import EDITOR_HELP, iso_date, year
from lib.cli.output import write_rows
from lib.plan.schema import Plan
from lib.problems import UsageError, ValidationFailed, os_reason
from lib.steering.book import Steering
from lib.steering.exchange import (
    DECISION_FIELDS,
    LIST_FIELDS,
    decision_row,
    export_csv,
    export_xlsx,
    list_row,
)
from lib.steering.importing import apply_import, read_import
from lib.steering.model import STATUSES, ordered, parse_number
from lib.steering.rules import ActionFields
from lib.store.store import Store

COMMANDS = ("actions", "decisions")
STATUS_HELP = "open, gereed of vervallen (gereed en vervallen vragen een --note)"


def _number(text: str) -> int:
    number = parse_number(text)
    if number is None:
        raise argparse.ArgumentTypeError(f"'{text}' is geen actienummer (bijv. A12 of 12)")
    return number


def add_commands(commands, with_targets) -> None:
    """Add the actions and decisions commands to the `python -m lib` parser."""
    p = commands.add_parser("actions", help="de actiepunten van de stuurgroep")
    with_targets(p)
    sub = p.add_subparsers(dest="actions_action", required=True, title="acties", metavar="ACTIE")
    add = sub.add_parser("add", help="een actiepunt vastleggen (telt meteen)")
    add.add_argument("--text", required=True, help="wat er gedaan wordt (hoogstens 300 tekens)")
    add.add_argument(
        "--owner", required=True, help="wie het doet: een rol of organisatie", metavar="EIGENAAR"
    )
    add.add_argument(
        "--deadline", required=True, type=iso_date, help="uiterlijk, JJJJ-MM-DD", metavar="DATUM"
    )
    add.add_argument("--indicator", default=None, help="de indicator waar het over gaat")
    add.add_argument("--year", type=year, default=None, help="het planjaar bij de indicator")
    add.add_argument("--district", default=None, help="wijkcode bij de indicator (zonder: stad)")
    add.add_argument(
        "--agenda-item", type=int, default=None, help="of: het agendapunt (nummer)", metavar="NR"
    )
    add.add_argument(
        "--meeting", type=iso_date, default=None, help="vergadering, JJJJ-MM-DD", metavar="DATUM"
    )
    add.add_argument("--editor", required=True, help=EDITOR_HELP)

    update = sub.add_parser("update", help="een actiepunt wijzigen of afmelden")
    update.add_argument("id", type=_number, help="het actienummer, met of zonder A (A12 of 12)")
    update.add_argument("--status", choices=STATUSES, default=None, help=STATUS_HELP)
    update.add_argument(
        "--note", default=None, help="korte notitie bij de statuswijziging", metavar="TEKST"
    )
    update.add_argument("--text", default=None, help="nieuwe tekst (hoogstens 300 tekens)")
    update.add_argument("--owner", default=None, help="nieuwe eigenaar", metavar="EIGENAAR")
    update.add_argument(
        "--deadline", type=iso_date, default=None, help="nieuwe deadline", metavar="DATUM"
    )
    update.add_argument("--editor", required=True, help=EDITOR_HELP)

    listing = sub.add_parser("list", help="de actiepunten (zonder --status: de open)")
    listing.add_argument(
        "--status", choices=(*STATUSES, "alle"), default="open", help="welke; alle: alle"
    )
    listing.add_argument("--overdue", action="store_true", help="alleen die over de deadline")
    listing.add_argument("--as-of", type=iso_date, default=None, help="peildatum (JJJJ-MM-DD)")
    listing.add_argument("--format", choices=("csv", "json"), default="csv", help="vorm")

    export = sub.add_parser("export", help="de actielijst als Excel of CSV")
    export.add_argument("--format", choices=("xlsx", "csv"), default="xlsx", help="vorm")
    export.add_argument("--out", type=Path, required=True, help="het bestand dat ontstaat")

    imp = sub.add_parser("import", help="een actielijst (Excel of CSV) inlezen")
    imp.add_argument("file", type=Path, help="de actielijst, kolommen Nr, Actie, Eigenaar, ...")
    imp.add_argument("--editor", required=True, help=EDITOR_HELP)
    imp.add_argument("--dry-run", action="store_true", help="tonen wat verandert, niets opslaan")

    p = commands.add_parser("decisions", help="de besluiten van de stuurgroep per vergadering")
    with_targets(p)
    sub = p.add_subparsers(dest="decisions_action", required=True, title="acties", metavar="ACTIE")
    add = sub.add_parser("add", help="een besluit toevoegen aan een vergadering")
    add.add_argument(
        "--meeting", type=iso_date, required=True, help="vergadering, JJJJ-MM-DD", metavar="DATUM"
    )
    add.add_argument("--text", required=True, help="het besluit (hoogstens 500 tekens)")
    add.add_argument("--editor", required=True, help=EDITOR_HELP)
    listing = sub.add_parser("list", help="de besluiten (zonder --meeting: van alle)")
    listing.add_argument(
        "--meeting", type=iso_date, default=None, help="vergadering, JJJJ-MM-DD", metavar="DATUM"
    )
    listing.add_argument("--format", choices=("csv", "json"), default="csv", help="vorm")


@contextmanager
def _as_usage():
    """A refused option value is a usage error (exit code 2), with every Dutch problem."""
    try:
        yield
    except ValidationFailed as exc:
        raise UsageError("; ".join(str(p) for p in exc.problems)) from None


def run_command(args: argparse.Namespace, plan: Plan) -> int:
    """Run one of COMMANDS; its exit code."""
    from lib.cli.data import check_editor

    if getattr(args, "editor", None) is not None:
        args.editor = check_editor(args.editor)
    store = Store.open(plan)
    steering = Steering.open(store)
    if args.command == "decisions":
        return _decisions(args, steering)
    return {
        "add": _add,
        "update": _update,
        "list": _list,
        "export": _export,
        "import": _import,
    }[args.actions_action](args, steering)


def _add(args: argparse.Namespace, steering: Steering) -> int:
    fields = ActionFields(
        args.text,
        args.owner,
        args.deadline,
        meeting=args.meeting,
        indicator=args.indicator,
        year=args.year,
        district=args.district,
        agenda_item=args.agenda_item,
    )
    with _as_usage():
        action = steering.add_action(fields, args.editor)
    print(f"Actiepunt {action.label} vastgelegd door {args.editor}.", file=sys.stderr)
    sys.stdout.write(f"{action.label}\n")
    return 0


def _update(args: argparse.Namespace, steering: Steering) -> int:
    changes = {
        k: getattr(args, k)
        for k in ("status", "note", "text", "owner", "deadline")
        if getattr(args, k) is not None
    }
    if not changes:
        raise UsageError("geef minstens een van --status, --note, --text, --owner, --deadline")
    with _as_usage():
        action, changed = steering.update_action(args.id, args.editor, changes)
    if not changed:
        print(f"Niets veranderd: {action.label} stond er al zo.", file=sys.stderr)
    else:
        print(f"Actiepunt {action.label} gewijzigd door {args.editor}.", file=sys.stderr)
    return 0


def _peildatum(steering: Steering, given: date | None) -> date:
    """As the pages: the date asked for, else the figures' reporting date, else today."""
    if given:
        return given
    return steering.store.read_actuals().meta.reporting_date or date.today()


def _list(args: argparse.Namespace, steering: Steering) -> int:
    as_of = _peildatum(steering, args.as_of)
    actions = [a for a in steering.actions() if args.status in ("alle", a.status)]
    if args.overdue:
        actions = [a for a in actions if a.is_late(as_of)]
    rows = [list_row(a, as_of) for a in ordered(actions, as_of)]
    write_rows(rows, LIST_FIELDS, args.format)
    _example_notice(steering)
    print(f"Peildatum: {as_of.isoformat()}", file=sys.stderr)
    return 0


def _example_notice(steering: Steering) -> None:
    if steering.store.read_actuals().meta.is_example:
        print("Let op: voorbeeldgegevens, geen echte resultaten.", file=sys.stderr)


def _export(args: argparse.Namespace, steering: Steering) -> int:
    as_of = _peildatum(steering, None)
    actions = ordered(steering.actions(), as_of)
    example = steering.store.read_actuals().meta.is_example
    if args.format == "csv":
        data = export_csv(actions, as_of, example).encode("utf-8")
    else:
        data = export_xlsx(actions, as_of, example)
    try:
        args.out.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"kan {args.out} niet schrijven ({os_reason(exc)})") from None
    print(f"{fmt.count(len(actions), 'actiepunt', 'actiepunten')} in {args.out}.", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace, steering: Steering) -> int:
    try:
        raw = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(f"kan {args.file} niet lezen ({os_reason(exc)})") from None
    rows = read_import(raw, args.file.name, steering)  # ValidationFailed: exit code 1
    for row in rows:
        print(row.describe())
    if not rows:
        print("Niets veranderd: de actielijst staat er al zo.", file=sys.stderr)
        return 0
    if args.dry_run:
        print("Proefimport (--dry-run): niets opgeslagen.", file=sys.stderr)
        return 0
    count = apply_import(steering, rows, args.editor)
    changed = fmt.count(count, "actiepunt", "actiepunten")
    print(f"{changed} toegevoegd of gewijzigd door {args.editor}.", file=sys.stderr)
    return 0


def _decisions(args: argparse.Namespace, steering: Steering) -> int:
    if args.decisions_action == "add":
        with _as_usage():
            decision = steering.add_decision(args.meeting, args.text, args.editor)
        when = fmt.long_date(decision.meeting)
        print(f"Besluit {decision.number} van {when} vastgelegd.", file=sys.stderr)
        return 0
    rows = [decision_row(d) for d in steering.decisions(args.meeting)]
    write_rows(rows, DECISION_FIELDS, args.format)
    _example_notice(steering)
    return 0
