"""Command line for the stored figures: import, export, approve, close and reopen years, history,
editor accounts. Same rules as the page: imports are concepts, closed years refuse changes, a
second editor approves, everything is recorded under the editor's name. Registered by
lib/cli/main.py; exit codes as there (0 fine, 1 invalid input, 2 usage error).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date
from pathlib import Path

from lib import fmt
from lib.accounts.identity import same_editor
from lib.cli.args import EDITOR_HELP, year
from lib.cli.scope import check_filters, check_scope
from lib.figures.plausible import doubt_count
from lib.plan.schema import Plan
from lib.problems import Problem, UsageError, ValidationFailed, os_reason
from lib.store import auth
from lib.store.imports import apply_import, preview_import
from lib.store.settings import secrets_path
from lib.store.store import Conflict, Store
from lib.store.upload import read_limited
from lib.store.workbook import export_csv, export_xlsx


def add_commands(commands, with_targets) -> None:
    """Add the data commands to the `python -m lib` parser."""
    p = commands.add_parser("import", help="cijfers uit .xlsx of .csv, als concept")
    with_targets(p)
    p.add_argument("file", type=Path, help="het Excelsjabloon of een CSV met cijfers")
    p.add_argument("--editor", required=True, help=EDITOR_HELP)
    p.add_argument("--dry-run", action="store_true", help="tonen wat verandert, niets opslaan")
    p.add_argument("--only-valid", action="store_true", help="goede rijen inlezen, rest overslaan")

    p = commands.add_parser("export-actuals", help="de opgeslagen cijfers als CSV of Excel")
    with_targets(p)
    p.add_argument("--format", choices=("csv", "xlsx"), default="csv", help="vorm van de uitvoer")
    p.add_argument("--include-concept", action="store_true", help="conceptcijfers meenemen")
    p.add_argument("--out", type=Path, default=None, help="bestand (zonder: standaarduitvoer)")

    for name, text in (
        ("approve", "conceptcijfers en -teksten vaststellen (vier ogen)"),
        ("reject", "conceptcijfers en -teksten afwijzen, met een reden"),
    ):
        p = commands.add_parser(name, help=text)
        with_targets(p)
        p.add_argument("--editor", required=True, help=EDITOR_HELP)
        p.add_argument("--all", action="store_true", help="elk concept van een ander")
        p.add_argument("--indicator", help="alleen de concepten van deze indicator")
        p.add_argument("--year", type=year, help="alleen die van dit jaar")
        p.add_argument("--district", default=None, help="alleen deze wijk; '' voor de hele stad")
        if name == "reject":
            p.add_argument("--reason", required=True, help="waarom (komt in de geschiedenis)")

    p = commands.add_parser("backup", help="een samenhangende kopie van de SQLite-database")
    p.add_argument("file", type=Path, help="het nieuwe bestand voor de kopie")

    for name, text in (("close-year", "een jaar afsluiten"), ("reopen-year", "jaar heropenen")):
        p = commands.add_parser(name, help=text)
        with_targets(p)
        p.add_argument("year", type=year, help="het planjaar, bijv. 2014")
        p.add_argument("--editor", required=True, help=EDITOR_HELP)

    p = commands.add_parser("add-editor", help="een redacteur toevoegen aan het geheimenbestand")
    p.add_argument("name", help="de naam waarmee de redacteur inlogt")
    p.add_argument(
        "--password-stdin", action="store_true", help="wachtwoord van stdin lezen, niet vragen"
    )

    p = commands.add_parser("init-db", help="de database aanmaken (standaard: voorbeeldcijfers)")
    with_targets(p)
    source = p.add_mutually_exclusive_group()
    source.add_argument("--empty", action="store_true", help="beginnen zonder cijfers")
    source.add_argument("--from", dest="seed", type=Path, help="vullen uit deze CSV")


def run_data_command(args: argparse.Namespace, plan: Plan | None) -> int:
    """Run one data command; its exit code (problems it printed itself give 1)."""
    handlers = {
        "import": run_import,
        "export-actuals": run_export,
        "approve": run_approve,
        "reject": run_approve,
        "close-year": run_year,
        "reopen-year": run_year,
        "init-db": run_init,
    }
    if args.command == "add-editor":
        run_add_editor(args)
        return 0
    if args.command == "backup":
        run_backup(args)
        return 0
    if args.command != "init-db" and getattr(args, "editor", None) is not None:
        args.editor = check_editor(args.editor)
    try:
        return handlers[args.command](args, plan) or 0
    except Conflict as exc:
        raise ValidationFailed([Problem("database", str(d)) for d in exc.details]) from None


def check_editor(name: str) -> str:
    """The CLI records names of configured editors only, as the page does, spelled as configured
    ('Anna' and ' anna ' are the editor 'anna': one identity)."""
    config = auth.editor_config()
    known = config.names
    if not known:
        raise UsageError(
            "er is nog geen redacteur ingesteld; voeg er een toe met "
            "'python -m lib add-editor NAAM' (of stel [editors_oidc] in)"
        )
    editor = config.editor(name)
    if editor is None:
        raise UsageError(f"'{name}' is geen redacteur; bekend: {', '.join(sorted(known))}")
    return editor


def run_import(args: argparse.Namespace, plan: Plan) -> int:
    try:  # never more than the limit: the file may be 400 MB, /dev/zero or a pipe
        raw = read_limited(args.file)
    except TimeoutError:
        raise UsageError(f"kan {args.file} niet lezen (er komen geen gegevens)") from None
    except OSError as exc:
        raise UsageError(f"kan {args.file} niet lezen ({os_reason(exc)})") from None
    store = Store.open(plan)
    as_of = store.read_actuals().meta.reporting_date or date.today()  # as `progress` does
    preview = preview_import(raw, args.file.name, store, as_of)
    for change in [*preview.changes, *preview.text_changes]:
        print(change)
    if not preview.refused:  # a refused file has no rows to count, only its error
        print(f"{preview.summary}.", file=sys.stderr)
    if doubts := doubt_count([c.doubt for c in preview.changes]):
        print(f"Let op: {doubts}; kijk de regels met [Let op] hierboven na.", file=sys.stderr)
    for problem in preview.problems:
        print(f"- {problem}", file=sys.stderr)
    if preview.problems and not args.only_valid:
        fix = "het bestand" if preview.refused else "de fouten, of gebruik --only-valid"
        print(f"Niets geïmporteerd: herstel {fix}.", file=sys.stderr)
        return 1
    if args.dry_run:
        print("Proefimport (--dry-run): niets opgeslagen.", file=sys.stderr)
        return 0
    changed = apply_import(preview, store, args.editor, only_valid=args.only_valid)
    what = fmt.saved(changed, bool(preview.text_changes))
    print(f"{what} opgeslagen als concept door {args.editor}.", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace, plan: Plan) -> None:
    actuals = Store.open(plan).read_actuals(include_concept=args.include_concept)
    if args.format == "csv":
        data = export_csv(actuals).encode("utf-8")
    else:
        data = export_xlsx(actuals, plan)
    if args.out:
        try:
            args.out.write_bytes(data)
        except OSError as exc:
            raise UsageError(f"kan {args.out} niet schrijven ({os_reason(exc)})") from None
        print(f"{len(actuals.frame)} cijfers geschreven naar {args.out}.", file=sys.stderr)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    if actuals.meta.is_example:
        print("Let op: voorbeeldgegevens, geen echte resultaten.", file=sys.stderr)


def run_approve(args: argparse.Namespace, plan: Plan) -> None:
    """approve and reject: the chosen concepts, figures and texts in one transaction (all or
    nothing), never one's own with --all (four eyes)."""
    approving = args.command == "approve"
    if not args.all and not args.indicator:
        raise UsageError("geef --all of --indicator (met eventueel --year en --district)")
    check_filters(plan, args.indicator, args.year, args.district)
    store = Store.open(plan)
    layers, versions, entered = store.layers()

    def matches(key) -> bool:
        return (
            (args.indicator is None or key[0] == args.indicator)
            and (args.year is None or key[1] == args.year)
            and (args.district is None or key[2] == args.district)
        )

    chosen = [k for k, s in sorted(layers.items()) if s.concept is not None and matches(k)]
    own = [k for k in chosen if same_editor(entered[k]["by"], args.editor)]
    # Editors' texts wait for approval like figures, and are rejected like them.
    waiting = {k: s for k, s in store.text_layers().items() if s["concept"] and matches(k)}
    own_texts = [
        k for k, s in waiting.items() if same_editor(s["concept"]["changed_by"], args.editor)
    ]
    if args.all:
        chosen = [k for k in chosen if k not in own]
        waiting = {k: s for k, s in waiting.items() if k not in own_texts}
        if own or own_texts:
            skipped = len(own) + len(own_texts)
            own_ones = fmt.count(skipped, "eigen concept", "eigen concepten")
            print(f"{own_ones} overgeslagen (vier ogen).", file=sys.stderr)
    if not chosen and not waiting:
        todo = "vast te stellen" if approving else "af te wijzen"
        print(f"Geen conceptcijfers of -teksten {todo}.", file=sys.stderr)
        return
    figures = [(k, versions[k]) for k in chosen]
    texts = [(k, s["version"]) for k, s in sorted(waiting.items())]
    if approving:
        store.approve(figures, args.editor, texts=texts)
    else:
        store.reject(figures, args.editor, args.reason, texts=texts)
    counted = ((len(figures), "cijfer", "cijfers"), (len(texts), "toelichting", "toelichtingen"))
    parts = [fmt.count(n, one, many) for n, one, many in counted if n]
    done = "vastgesteld" if approving else "afgewezen"
    print(f"{fmt.listing(parts)} {done} door {args.editor}.", file=sys.stderr)


def run_year(args: argparse.Namespace, plan: Plan) -> None:
    closing = args.command == "close-year"
    check_scope(plan, args.year, None)  # a year the plan has not is a wrong option (exit 2)
    Store.open(plan).set_year_closed(args.year, closing, args.editor)
    print(f"Jaar {args.year} {'afgesloten' if closing else 'heropend'}.", file=sys.stderr)


def run_add_editor(args: argparse.Namespace) -> None:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass(f"Wachtwoord voor {args.name}: ")
        if getpass.getpass("Nog een keer: ") != password:
            raise ValidationFailed([Problem("add-editor", "de wachtwoorden verschillen")])
    path = secrets_path()
    replaced = auth.add_editor(path, args.name, password)
    print(
        f"Redacteur {args.name} {'bijgewerkt' if replaced else 'toegevoegd'} in {path}.",
        file=sys.stderr,
    )


def run_backup(args: argparse.Namespace) -> None:
    from lib.store.backup import backup_sqlite
    from lib.store.settings import database_url

    pages = backup_sqlite(database_url(), args.file)
    print(f"Reservekopie geschreven naar {args.file} ({pages} pagina's).", file=sys.stderr)


def run_init(args: argparse.Namespace, plan: Plan) -> None:
    from lib.store.seed import is_filled
    from lib.store.settings import database_url, url_label

    url = database_url()
    if (args.empty or args.seed) and is_filled(url):  # Store.open would keep what is there
        given = "--empty" if args.empty else f"--from {args.seed}"
        raise UsageError(
            f"de database ({url_label(url)}) bestaat al; {given} geldt alleen voor een nieuwe. "
            "Cijfers uit een bestand voegt 'python -m lib import BESTAND' toe"
        )
    seed = None if args.empty else (args.seed or True)
    store = Store.open(plan, url, seed=seed)
    count = len(store.read_actuals(include_concept=True).frame)
    print(f"Database klaar ({store.label()}): {count} cijfers.", file=sys.stderr)
