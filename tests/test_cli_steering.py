"""`python -m lib actions ...` and `decisions ...`: fields and formats, exit code 2 for a wrong
option value and 1 for a file with bad rows (nothing written), the actielijst's export and
import, and the kinds `action` and `decision` of `changes --since` (-h: tests/test_cli.py)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from openpyxl import Workbook, load_workbook
from store_fixtures import cli as run_cli

from lib.cells import starts_like_formula
from lib.steering.exchange import DECISION_FIELDS, LIST_FIELDS, SHEET_COLUMNS

# A database (the example with its story and actions) and two editors, anna and bob.
pytestmark = pytest.mark.usefixtures("cli_store")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """As store_fixtures.cli, with argparse's own refusals (SystemExit 2) as an exit code."""
    try:
        return run_cli(capsys, *args)
    except SystemExit as exc:
        out, err = capsys.readouterr()
        return exc.code, out, err


def listed(capsys, *args: str) -> list[dict]:
    code, out, _ = cli(capsys, "actions", "list", "--format", "json", *args)
    assert code == 0
    return json.loads(out)


def test_list_gives_the_open_actions_late_first_with_exactly_the_fields(capsys):
    rows = listed(capsys)
    assert [(r["id"], r["days_overdue"]) for r in rows] == [("A2", 16), ("A4", 0)]
    assert all(list(r) == LIST_FIELDS for r in rows)
    assert rows[0]["district"] is None and rows[0]["year"] == 2014
    code, out, err = cli(capsys, "actions", "list", "--status", "alle")
    header, *lines = list(csv.reader(io.StringIO(out)))
    assert header == LIST_FIELDS and len(lines) == 4 and "voorbeeldgegevens" in err
    assert [r["id"] for r in listed(capsys, "--overdue")] == ["A2"]
    # Late is judged at the peildatum asked for, not at the clock.
    assert listed(capsys, "--overdue", "--as-of", "2014-09-15") == []
    assert [r["days_overdue"] for r in listed(capsys, "--as-of", "2014-10-08")] == [23, 2]


def test_add_then_done_by_another_editor(capsys):
    code, out, _ = cli(
        capsys,
        *("actions", "add", "--text", "Ouders uitnodigen", "--owner", "GGD"),
        *("--deadline", "2014-11-01", "--agenda-item", "2", "--meeting", "2014-08-25"),
        *("--editor", "anna"),
    )
    assert (code, out) == (0, "A5\n")
    code, _, err = cli(capsys, "actions", "update", "5", "--status", "gereed", "--editor", "bob")
    assert code == 2 and "notitie" in err
    args = ("actions", "update", "a5", "--status", "gereed", "--note", "Gedaan", "--editor", "bob")
    assert cli(capsys, *args)[0] == 0
    row = next(r for r in listed(capsys, "--status", "gereed") if r["id"] == "A5")
    assert (row["agenda_item"], row["note"], row["changed_by"], row["days_overdue"]) == (
        2,
        "Gedaan",
        "bob",
        None,
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--deadline", "1-11-2014"), "geen datum"),
        (("--deadline", "2014-11-01", "--indicator", "onbekend", "--year", "2014"), "onbekende"),
        (
            ("--deadline", "2014-11-01", "--indicator", "hbo_coach_vve_groepen", "--year", "2031"),
            "hoort niet bij het plan",
        ),
        (("--deadline", "2014-11-01", "--meeting", "2014-09-01"), "staat geen vergadering"),
        (("--deadline", "2014-11-01", "--agenda-item", "8"), "onbekend agendapunt"),
    ],
)
def test_a_wrong_option_value_is_exit_code_2_and_nothing_is_written(capsys, args, words):
    before = listed(capsys, "--status", "alle")
    code, _, err = cli(
        capsys, "actions", "add", "--text", "T", "--owner", "O", *args, "--editor", "anna"
    )
    assert code == 2 and words in err
    assert listed(capsys, "--status", "alle") == before


@pytest.mark.parametrize(
    "args",
    [
        ("actions", "update", "A99", "--owner", "GGD", "--editor", "anna"),
        ("actions", "update", "X1", "--owner", "GGD", "--editor", "anna"),
        ("actions", "list", "--status", "klaar"),
        ("decisions", "add", "--meeting", "2014-09-01", "--text", "T", "--editor", "anna"),
    ],
)
def test_unknown_numbers_statuses_and_meetings_are_exit_code_2(capsys, args):
    assert cli(capsys, *args)[0] == 2


def test_decisions_add_and_list(capsys):
    args = ("decisions", "add", "--meeting", "2014-10-06", "--text", "Nieuw besluit.")
    assert cli(capsys, *args, "--editor", "anna")[0] == 0
    code, out, _ = cli(capsys, "decisions", "list", "--format", "json")
    rows = json.loads(out)
    assert all(list(r) == DECISION_FIELDS for r in rows)
    assert [(r["meeting"], r["number"]) for r in rows][-1] == ("2014-10-06", 1)
    code, out, _ = cli(capsys, "decisions", "list", "--meeting", "2014-08-25")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 2


def test_changes_since_has_the_kinds_action_and_decision(capsys):
    code, out, _ = cli(capsys, "changes", "--since", "2014-08-25", "--format", "json")
    rows = json.loads(out)
    done = [r for r in rows if r["kind"] == "action" and r["after"] == "gereed"]
    assert len(done) == 1 and done[0]["before"] == "open" and done[0]["name"].startswith("Scholing")
    assert len([r for r in rows if r["kind"] == "decision"]) == 2


def test_export_then_import_changes_nothing_and_a_changed_row_is_previewed(capsys, tmp_path):
    out = tmp_path / "actielijst.xlsx"
    assert cli(capsys, "actions", "export", "--format", "xlsx", "--out", str(out))[0] == 0
    book = load_workbook(out)
    sheet = book["Actiepunten"]
    assert [c.value for c in sheet[1]] == list(SHEET_COLUMNS) and "Let op" in book.sheetnames
    # the example's notice is what the file opens on; the rows stay on the first sheet
    assert book.active.title == "Let op" and book.worksheets[0] is sheet
    code, _, err = cli(capsys, "actions", "import", str(out), "--editor", "anna")
    assert code == 0 and "Niets veranderd" in err
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "A2")
    row[4].value, row[5].value = "gereed", "Vacatures staan open"
    book.save(out)
    code, preview, err = cli(capsys, "actions", "import", str(out), "--editor", "anna", "--dry-run")
    assert code == 0 and "A2: status open -> gereed" in preview and "niets opgeslagen" in err
    assert [r["id"] for r in listed(capsys)] == ["A2", "A4"]
    assert cli(capsys, "actions", "import", str(out), "--editor", "anna")[0] == 0
    assert [r["id"] for r in listed(capsys)] == ["A4"]


def _sheet(tmp_path, rows: list[list]) -> str:
    book = Workbook()
    book.active.append(list(SHEET_COLUMNS))
    for row in rows:
        book.active.append(row)
    path = tmp_path / "lijst.xlsx"
    book.save(path)
    return str(path)


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (["", "Nieuw", "", "2014-11-01"], "rij 2, veld 'Eigenaar': mag niet leeg zijn"),
        (
            ["", "Nieuw", "GGD", "volgende week"],
            "rij 2, veld 'Deadline': 'volgende week' is geen datum",
        ),
        (["A99", "Nieuw", "GGD", "2014-11-01"], "rij 2, veld 'Nr': actiepunt A99 bestaat niet"),
        # not 'actiepunt A0 bestaat niet'
        (["B2", "Nieuw", "GGD", "2014-11-01"], "rij 2, veld 'Nr': 'B2' is geen actienummer"),
        (["A2", None, None, None, "vervallen"], "rij 2, veld 'Notitie'"),
        (
            ["", "Nieuw", "GGD", "2014-11-01", "", "", "onbekend", 2014],
            "veld 'Indicator': onbekende",
        ),
        (["", "=1+1", "GGD", "2014-11-01"], "rij 2, veld 'kolom B': een formule"),
        (
            ["", "Nieuw", "GGD", "2014-11-01", "", "", "", "", "", "2014-09-01"],
            "veld 'Vergadering'",
        ),
    ],
)
def test_a_file_with_bad_rows_is_exit_code_1_and_nothing_is_written(capsys, tmp_path, row, words):
    good = ["", "Goede rij", "GGD", "2014-11-01"]
    path = _sheet(tmp_path, [good, row] if row[0] != "A2" else [row, good])
    before = listed(capsys, "--status", "alle")
    code, _, err = cli(capsys, "actions", "import", path, "--editor", "anna")
    assert code == 1, err
    assert words.replace("rij 2", f"rij {3 if row[0] != 'A2' else 2}") in err
    assert listed(capsys, "--status", "alle") == before


def test_a_csv_actielijst_adds_a_row_without_a_number(capsys, tmp_path):
    out = tmp_path / "actielijst.csv"
    assert cli(capsys, "actions", "export", "--format", "csv", "--out", str(out))[0] == 0
    text = out.read_text(encoding="utf-8")
    # the example's actions say so above the header, and the import reads past that
    lines = text.splitlines()
    assert lines[0] == "# example: ja" and "VOORBEELDGEGEVENS" in lines[1]
    assert lines[2] == ",".join(SHEET_COLUMNS)
    out.write_text(text + ",Ouders informeren,GGD,2014-12-01,,,,,,2014-10-06\n", encoding="utf-8")
    code, preview, _ = cli(capsys, "actions", "import", str(out), "--editor", "anna")
    assert code == 0 and preview.startswith("nieuw: Ouders informeren (GGD, 2014-12-01)")
    new = next(r for r in listed(capsys) if r["id"] == "A5")
    assert (new["meeting"], new["changed_by"]) == ("2014-10-06", "anna")


def _csv(tmp_path, lines: list[str]) -> str:
    path = tmp_path / "actielijst.csv"
    path.write_text("\n".join([",".join(SHEET_COLUMNS), *lines]) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("cells", "where", "start"),
    [
        (',"=HYPERLINK(""http://x"",""klik"")",GGD,2014-11-01', "Actie (kolom B)", "="),
        (",Bellen,+31 6 1234,2014-11-01", "Eigenaar (kolom C)", "+"),
        (",Bellen,GGD,2014-11-01,,@SUM(A1)", "Notitie (kolom F)", "@"),
        (",-x,GGD,2014-11-01", "Actie (kolom B)", "-"),
    ],
)
def test_a_csv_cell_that_would_become_a_formula_is_refused(capsys, tmp_path, cells, where, start):
    path = _csv(tmp_path, [",Goede rij,GGD,2014-11-01", cells])
    before = listed(capsys, "--status", "alle")
    code, out, err = cli(capsys, "actions", "import", path, "--editor", "anna")
    assert code == 1 and out == ""
    assert f"actielijst.csv, rij 3, veld '{where}': de cel begint met '{start}' en zou in" in err
    assert listed(capsys, "--status", "alle") == before


def test_a_dash_before_a_number_or_a_space_is_text(capsys, tmp_path):
    path = _csv(tmp_path, [",-5 groepen erbij,GGD,2014-11-01,,- zie notitie"])
    code, out, err = cli(capsys, "actions", "import", path, "--editor", "anna")
    assert code == 0, err
    new = next(r for r in listed(capsys) if r["id"] == "A5")
    assert (new["text"], new["note"]) == ("-5 groepen erbij", "- zie notitie")


def test_exported_csv_has_no_cell_that_runs_and_imports_back_unchanged(capsys, tmp_path):
    note = 'zie notulen;=HYPERLINK("http://x";"klik"),@SUM(A1)'
    args = ("actions", "update", "A4", "--note", note, "--editor", "anna")
    assert cli(capsys, *args)[0] == 0
    out = tmp_path / "actielijst.csv"
    assert cli(capsys, "actions", "export", "--format", "csv", "--out", str(out))[0] == 0
    assert_no_formula_cells(out.read_text(encoding="utf-8"))
    code, _, err = cli(capsys, "actions", "import", str(out), "--editor", "anna")
    assert code == 0 and "Niets veranderd" in err
    assert next(r for r in listed(capsys) if r["id"] == "A4")["note"] == note


def assert_no_formula_cells(text: str) -> None:
    """No cell starts like a formula, read as CSV (Excel in English) or split at semicolons and
    at every line break (Excel with Dutch settings, which uses ';' as the separator)."""
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    cells += [part for line in text.splitlines() for part in line.split(";")]
    assert not [c for c in cells if starts_like_formula(c.lstrip('"'))]


def test_messages_name_fields_as_people_know_them(capsys):
    """'actiepunten, veld 'owner'', 'besluiten, veld 'text'' and 'toelichting, veld
    'explanation'' on the command line and the edit page: the fields are Dutch everywhere."""
    args = ["actions", "add", "--text", "x", "--owner", " ", "--deadline", "2014-12-01"]
    code, _out, err = cli(capsys, *args, "--editor", "anna")
    assert code == 2 and "veld 'Eigenaar': mag niet leeg zijn" in err, err
    args = ["decisions", "add", "--meeting", "2014-08-25", "--text", " ", "--editor", "anna"]
    code, _out, err = cli(capsys, *args)
    assert code == 2 and "veld 'Besluit': mag niet leeg zijn" in err, err
    args = ["explain", "--indicator", "huisbezoeken", "--year", "2014", "--text", "x" * 1001]
    code, _out, err = cli(capsys, *args, "--editor", "anna")
    assert code == 1 and "veld 'Toelichting': de toelichting" in err, err
    assert not re.search(r"veld '(owner|text|explanation)'", err)
