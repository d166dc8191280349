"""The data commands of `python -m lib`: import, export-actuals, approve, close-year,
reopen-year, history, add-editor, init-db, and --include-concept on progress. Same rules as the
page; exit codes 0 fine, 1 invalid input, 2 usage."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from store_fixtures import cli

from lib.cli.main import run
from lib.store import auth

ROOT = Path(__file__).resolve().parent.parent
FIGURE = "hbo_coach_fte,2014,,"


# A database and two editors (anna, bob) of each test's own (conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")


@pytest.fixture
def upload(tmp_path) -> Path:
    path = tmp_path / "cijfers.csv"
    path.write_text(f'indicator,year,district,value\n{FIGURE}"3,6"\n', encoding="utf-8")
    return path


def fte(capsys, *extra: str) -> dict:
    code, out, err = cli(capsys, "progress", "--year", "2014", "--format", "json", *extra)
    assert code == 0, err
    return next(r for r in json.loads(out) if r["indicator"] == "hbo_coach_fte")


def test_dry_run_shows_old_and_new_and_writes_nothing(capsys, upload):
    last = cli(capsys, "history", "--limit", "1")[1]
    code, out, err = cli(capsys, "import", str(upload), "--editor", "anna", "--dry-run")
    assert code == 0
    assert "rij 2: Inzet HBO-coaches op VVE-groepen 2014 (hele stad): 3,2 -> 3,6" in out
    assert "niets opgeslagen" in err
    assert cli(capsys, "history", "--limit", "1")[1] == last


def test_dry_run_flags_a_figure_that_looks_mistyped(capsys, tmp_path):
    path = tmp_path / "typo.csv"
    path.write_text(f"indicator,year,district,value\n{FIGURE}32\n", encoding="utf-8")
    code, out, err = cli(capsys, "import", str(path), "--editor", "anna", "--dry-run")
    assert code == 0
    assert out.strip().endswith(
        "3,2 -> 32 [Let op: 32 is minstens 10 keer het vorige cijfer (3,2); een nul te veel?]"
    )
    assert (
        "Let op: 1 cijfer lijkt verkeerd getypt; kijk de regels met [Let op] hierboven na." in err
    )


def test_import_writes_concepts_that_count_only_when_asked(capsys, upload):
    code, _out, err = cli(capsys, "import", str(upload), "--editor", "anna")
    assert code == 0 and "1 cijfer opgeslagen als concept door anna" in err
    assert fte(capsys)["actual"] == 3.2
    assert fte(capsys, "--include-concept")["actual"] == 3.6


def test_approve_needs_a_second_editor(capsys, upload):
    cli(capsys, "import", str(upload), "--editor", "anna")
    code, _out, err = cli(capsys, "approve", "--all", "--editor", "anna")
    assert code == 0 and "1 eigen concept overgeslagen" in err
    code, _out, err = cli(capsys, "approve", "--indicator", "hbo_coach_fte", "--editor", "anna")
    assert code == 1 and "zelf ingevoerd" in err
    code, _out, err = cli(capsys, "approve", "--all", "--editor", "bob")
    assert code == 0 and "1 cijfer vastgesteld door bob" in err
    assert fte(capsys)["actual"] == 3.6
    code, out, _ = cli(capsys, "history", "--indicator", "hbo_coach_fte", "--year", "2014")
    assert out.splitlines()[0].endswith(
        "bob: vastgesteld hbo_coach_fte 2014 hele stad (vastgesteld): 3,2 -> 3,6"
    )


def test_history_narrows_by_each_option_given(capsys, upload):
    cli(capsys, "import", str(upload), "--editor", "anna")
    code, out, _ = cli(capsys, "history", "--indicator", "hbo_coach_fte", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows and {r["indicator"] for r in rows} == {"hbo_coach_fte"}
    assert rows[0]["action"] == "import"  # newest first
    code, out, _ = cli(capsys, "history", "--district", "w01", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows and {r["district"] for r in rows} == {"w01"}
    code, out, _ = cli(capsys, "history", "--district", "", "--year", "2013", "--format", "json")
    rows = json.loads(out)
    assert rows and {(r["district"], r["year"]) for r in rows} == {("", 2013)}


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--indicator", "hbo_coach"], "onbekende indicator 'hbo_coach'"),
        (["--year", "2011"], "onbekend jaar 2011: het plan loopt van 2012-2015"),
        (["--district", "w99"], "onbekende wijk 'w99'"),
    ],
)
@pytest.mark.parametrize("command", ["history", "approve", "reject"])
def test_narrowing_refuses_what_the_plan_does_not_know(capsys, command, option, message):
    mine = ["--editor", "anna", "--reason", "x"] if command == "reject" else ["--editor", "anna"]
    extra = [] if command == "history" else mine
    if command != "history" and "--indicator" not in option:
        extra += ["--indicator", "hbo_coach_fte"]
    code, out, err = cli(capsys, command, *option, *extra)
    assert code == 2 and message in err and out == ""


def stored_rows() -> list[tuple]:
    """Every stored value and version: what a refused command must leave as it was."""
    from sqlalchemy import select

    from lib.store.db import figure_values, figures, make_engine
    from lib.store.settings import database_url

    engine = make_engine(database_url())
    with engine.connect() as conn:
        found = sorted(tuple(r) for r in conn.execute(select(figure_values)))
        found += sorted(tuple(r) for r in conn.execute(select(figures)))
    engine.dispose()
    return found


def test_import_refuses_a_csv_cell_that_would_become_a_formula(capsys, tmp_path):
    path = tmp_path / "cijfers.csv"
    header = "indicator,year,district,value,note,explanation"
    path.write_text(f'{header}\n{FIGURE}"3,6",,"=HYPERLINK(""x"")"\n', encoding="utf-8")
    cli(capsys, "history", "--limit", "1")  # the database made
    before = stored_rows()
    code, out, err = cli(capsys, "import", str(path), "--editor", "anna")
    assert code == 1 and out == ""
    assert "cijfers.csv, rij 2, veld 'Toelichting (kolom F)': de cel begint met '='" in err
    assert "Niets geïmporteerd: herstel het bestand." in err
    assert stored_rows() == before


def test_four_eyes_see_one_editor_in_any_spelling(capsys, upload):
    code, _out, err = cli(capsys, "import", str(upload), "--editor", "Anna")
    # Accepted, and recorded as the secrets file spells the name.
    assert code == 0 and "1 cijfer opgeslagen als concept door anna" in err
    before = stored_rows()
    code, _out, err = cli(capsys, "approve", "--indicator", "hbo_coach_fte", "--editor", "anna")
    assert code == 1
    assert "u (anna) heeft dit cijfer zelf ingevoerd; een andere redacteur moet het" in err
    assert stored_rows() == before
    code, _out, err = cli(capsys, "approve", "--all", "--editor", " ANNA ")
    assert code == 0 and "1 eigen concept overgeslagen (vier ogen)" in err
    assert stored_rows() == before
    code, out, _ = cli(capsys, "history", "--format", "json", "--limit", "1")
    assert json.loads(out)[0]["editor"] == "anna"


def test_reject_needs_a_reason_and_records_it(capsys, upload):
    cli(capsys, "import", str(upload), "--editor", "anna")
    with pytest.raises(SystemExit) as caught:  # argparse: a usage error
        cli(capsys, "reject", "--all", "--editor", "bob")
    assert caught.value.code == 2 and "--reason" in capsys.readouterr().err
    before = stored_rows()
    code, _out, err = cli(capsys, "reject", "--all", "--editor", "bob", "--reason", " ")
    assert code == 1 and "geef een reden voor het afwijzen" in err
    assert stored_rows() == before
    args = ["reject", "--all", "--editor", "bob", "--reason", "3,6 klopt niet met de monitor"]
    code, _out, err = cli(capsys, *args)
    assert code == 0 and "1 cijfer afgewezen door bob" in err
    assert fte(capsys, "--include-concept")["actual"] == 3.2
    code, out, _ = cli(capsys, "history", "--format", "json", "--limit", "1")
    row = json.loads(out)[0]
    assert (row["action"], row["editor"], row["note"]) == (
        "reject",
        "bob",
        "3,6 klopt niet met de monitor",
    )
    code, out, _ = cli(capsys, "history", "--limit", "1")
    assert "bob: afgewezen hbo_coach_fte 2014 hele stad (concept): 3,6 -> 3,2" in out


def test_reject_takes_texts_with_the_figures_never_ones_own(capsys, upload):
    cli(capsys, "import", str(upload), "--editor", "anna")
    explain = ["explain", "--indicator", "hbo_coach_fte", "--year", "2014", "--text", "Vacatures"]
    assert cli(capsys, *explain, "--editor", "anna")[0] == 0
    code, _out, err = cli(capsys, "reject", "--all", "--editor", "anna", "--reason", "x")
    assert code == 0 and "2 eigen concepten overgeslagen (vier ogen)" in err
    assert "Geen conceptcijfers of -teksten af te wijzen." in err
    before = stored_rows()
    mine = ["reject", "--indicator", "hbo_coach_fte", "--editor", "anna", "--reason", "x"]
    code, _out, err = cli(capsys, *mine)
    assert code == 1 and "een andere redacteur moet het afwijzen (vier ogen)" in err
    assert "een andere redacteur moet haar afwijzen (vier ogen)" in err
    assert stored_rows() == before
    args = ["reject", "--all", "--editor", "bob", "--reason", "Welke vacatures?"]
    code, _out, err = cli(capsys, *args)
    assert code == 0 and "1 cijfer en 1 toelichting afgewezen door bob." in err
    from lib.plan.load import load_plan
    from lib.store.store import Store

    store = Store.open(load_plan(ROOT / "targets.yaml"))
    assert store.concept_count() == 0
    assert not [k for k, s in store.text_layers().items() if s["concept"]]
    last = store.text_history()[-1]
    assert (last["action"], last["editor"], last["note"]) == ("reject", "bob", "Welke vacatures?")


def test_backup_writes_a_copy_that_restores(capsys, tmp_path, upload, monkeypatch):
    cli(capsys, "import", str(upload), "--editor", "anna")
    saved = stored_rows()
    copy = tmp_path / "backup.sqlite3"
    code, _out, err = cli(capsys, "backup", str(copy))
    assert code == 0 and f"Reservekopie geschreven naar {copy}" in err
    assert sorted(p.name for p in tmp_path.iterdir() if "backup" in p.name) == [copy.name]
    # Later changes do not reach the copy ...
    cli(capsys, "approve", "--all", "--editor", "bob")
    assert stored_rows() != saved
    # ... and the app restored from it has exactly what was saved, concept and all.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    assert stored_rows() == saved
    assert fte(capsys, "--include-concept")["actual"] == 3.6 and fte(capsys)["actual"] == 3.2
    code, _out, err = cli(capsys, "backup", str(copy))
    assert code == 2 and "bestaat al" in err


def test_backup_of_postgresql_points_at_pg_dump(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://x@127.0.0.1:1/nergens")
    code, _out, err = cli(capsys, "backup", str(tmp_path / "b.sqlite3"))
    assert code == 2 and "pg_dump" in err


def test_a_closed_year_refuses_imports_until_reopened(capsys, upload):
    assert cli(capsys, "close-year", "2014", "--editor", "bob")[0] == 0
    code, _out, err = cli(capsys, "import", str(upload), "--editor", "anna")
    assert code == 1 and "jaar 2014 is afgesloten" in err and "Niets geïmporteerd" in err
    assert cli(capsys, "reopen-year", "2014", "--editor", "bob")[0] == 0
    assert cli(capsys, "import", str(upload), "--editor", "anna")[0] == 0
    code, out, _ = cli(capsys, "history", "--format", "json", "--limit", "3")
    assert [r["action"] for r in json.loads(out)] == ["import", "reopen_year", "close_year"]


def test_invalid_rows_refuse_the_import_unless_only_valid(capsys, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        f'indicator,year,district,value\n{FIGURE}"3,6"\nhbo_coach_fte,2013,,veel\n',
        encoding="utf-8",
    )
    code, _out, err = cli(capsys, "import", str(path), "--editor", "anna")
    assert code == 1 and "c.csv, rij 3, veld 'Waarde (kolom D)': 'veel' is geen getal" in err
    # Rows were read, so the summary comes first (a file refused as a whole has none).
    assert "1 cijfer en 0 toelichtingen veranderen" in err
    assert "0 lege rijen overgeslagen, 1 rij met fouten." in err
    assert err.index(SUMMARY) < err.index("- c.csv, rij 3")
    code, _out, err = cli(capsys, "import", str(path), "--editor", "anna", "--only-valid")
    assert code == 0 and "1 cijfer opgeslagen" in err


SUMMARY = "overgeslagen, "


def test_only_valid_saves_neither_row_of_a_figure_given_twice(capsys, tmp_path):
    """Huisbezoeken twice, 5 and 8: --only-valid stored the first and named only the second row
    as wrong; which is right is unknown, so neither is saved (the message names both rows)."""
    path = tmp_path / "twee.csv"
    path.write_text(
        "indicator,year,district,value\nhuisbezoeken,2014,,5\nhuisbezoeken,2014,,8\n"
        "hbo_coach_fte,2014,,3.5\n",
        encoding="utf-8",
    )
    code, out, err = cli(capsys, "import", str(path), "--editor", "anna", "--only-valid")
    assert code == 0 and "staat in rij 2 en nog eens in rij 3" in err, err
    assert "1 cijfer en 0 toelichtingen veranderen" in err and "1 rij met fouten" in err
    assert "huisbezoeken" not in out.lower() and "3,2 -> 3,5" in out
    code, out, _ = cli(capsys, "export-actuals", "--include-concept")
    visits = [line for line in out.splitlines() if line.startswith("huisbezoeken,2014,,")]
    assert [line.split(",")[3] for line in visits] == ["41"]  # as stored before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("kapot.xlsx", b"PK\x03\x04 afgebroken", "kapot.xlsx: geen geldig Excel-bestand"),
        (
            "kolom.csv",
            f"indicator,year,district,waardes\n{FIGURE}3\n".encode(),
            "kolom.csv, rij 1, veld 'kolom D': onbekende kolom 'waardes'",
        ),
        (
            "latin.csv",
            b"indicator,year,district,value\n\xff\xfe\x00,2014,,3\n",
            "latin.csv: bestand is geen UTF-8-tekst",
        ),
        ("groot.csv", b"x" * (5 * 1024 * 1024 + 1), "groot.csv: het bestand is meer dan 5 MB"),
    ],
)
def test_a_refused_file_gets_its_error_without_a_row_summary(
    capsys, tmp_path, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    assert cli(capsys, "history", "--limit", "1")[0] == 0  # the database exists, seeded
    before = stored_rows()
    for extra in ([], ["--dry-run"]):
        code, out, err = cli(capsys, "import", str(path), "--editor", "anna", *extra)
        assert code == 1 and message in err, err
        # "0 cijfers ... 0 rijen met fouten" would say the rows were read and were fine.
        assert SUMMARY not in err + out and "cijfers en" not in err + out, err
        assert "Niets geïmporteerd: herstel het bestand." in err and "--only-valid" not in err
        assert "Traceback" not in err
    assert stored_rows() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "x.csv", "--editor", "zed"], "'zed' is geen redacteur"),
        (["import", "bestaat-niet.csv", "--editor", "anna"], "kan bestaat-niet.csv niet lezen"),
        (["approve", "--editor", "anna"], "geef --all of --indicator"),
        (["reject", "--editor", "anna", "--reason", "x"], "geef --all of --indicator"),
    ],
)
def test_usage_errors_exit_2(capsys, args, message):
    code, _out, err = cli(capsys, *args)
    assert code == 2 and message in err


def test_close_year_outside_the_plan_is_invalid(capsys):
    """A year the plan has not is a wrong option value: exit code 2, as -h says and as
    'approve --year 2016' answers (close-year answered 1)."""
    for command in ("close-year", "reopen-year"):
        code, _out, err = cli(capsys, command, "2020", "--editor", "bob")
        assert code == 2 and "onbekend jaar 2020: het plan loopt van 2012-2015" in err, err


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_actuals(capsys, tmp_path, upload, fmt):
    cli(capsys, "import", str(upload), "--editor", "anna")
    out_file = tmp_path / f"export.{fmt}"
    for concept in (False, True):
        args = ["export-actuals", "--format", fmt, "--out", str(out_file)]
        code, _out, err = cli(capsys, *args, *(["--include-concept"] if concept else []))
        assert code == 0 and "voorbeeldgegevens" in err
        if fmt == "csv":
            text = out_file.read_text(encoding="utf-8")
            assert text.startswith("# example: ja\n")
            line = next(x for x in text.splitlines() if x.startswith(FIGURE))
        else:
            sheet = openpyxl.load_workbook(out_file)["Cijfers"]
            line = next(
                ",".join(str(c or "") for c in row)
                for row in sheet.iter_rows(values_only=True)
                if row[0] == "hbo_coach_fte" and row[1] == 2014
            )
        assert ("3,6" if concept else "3,2") in line or ("3.6" if concept else "3.2") in line


def test_export_to_stdout(capsys):
    code, out, _err = cli(capsys, "export-actuals")
    assert code == 0 and "indicator,year,district,value" in out


def test_add_editor_reads_the_password_from_stdin(tmp_path, monkeypatch):
    secrets = tmp_path / "nieuw.toml"
    monkeypatch.setenv("HJK_SECRETS", str(secrets))
    monkeypatch.setattr(sys, "stdin", io.StringIO("een lang wachtwoord\n"))
    assert run(["add-editor", "carla", "--password-stdin"]) == 0
    config = auth.editor_config(auth.load_secrets(secrets))
    assert auth.check_password(config, "carla", "een lang wachtwoord")


def test_init_db_empty(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'leeg.sqlite3'}")
    code, _out, err = cli(capsys, "init-db", "--empty")
    assert code == 0 and "0 cijfers" in err
    # --from on a database that exists was ignored: 'Database klaar: 0 cijfers', nothing read
    figures = tmp_path / "cijfers.csv"
    figures.write_text(f"indicator,year,district,value\n{FIGURE}3,6\n", encoding="utf-8")
    code, _out, err = cli(capsys, "init-db", "--from", str(figures))
    assert code == 2 and "bestaat al; --from" in err and "python -m lib import" in err, err
    assert cli(capsys, "init-db")[0] == 0  # opening it as it is still works


def test_the_module_runs_as_a_program(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "lib", "history", "--limit", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"#\d+ \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d [^\n]+\n", result.stdout)
