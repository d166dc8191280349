"""The command line: `python -m lib targets|progress|districts|validate`."""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from lib.cli.main import PROGRESS_FIELDS, build_parser, run
from lib.status import STATUS_ORDER

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TARGET_KEYS = {
    "indicator",
    "agenda_item",
    "name",
    "unit",
    "kind",
    "year",
    "target",
    "target_min",
    "target_max",
}
PROGRESS_KEYS = TARGET_KEYS | {
    "district",
    "actual",
    "difference",
    "percentage",
    "status",
    "detail",
    "explanation",
}


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def cli_json(capsys, *args: str) -> list[dict]:
    code, out, err = cli(capsys, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def run_json(*args: str) -> list[dict]:
    """Run a command outside capsys, for module-scoped fixtures shared by several tests."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = run([*args, "--format", "json"])
    assert code == 0, err.getvalue()
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def targets_rows() -> list[dict]:
    return run_json("targets")


@pytest.fixture(scope="module")
def progress_rows() -> list[dict]:
    return run_json("progress", "--year", "2014")


def find(rows: list[dict], indicator: str, year: int, district: str = "") -> dict:
    (found,) = [
        r
        for r in rows
        if (r["indicator"], r["year"], r.get("district", "")) == (indicator, year, district)
    ]
    return found


# ------------------------------------------------------------------ targets


def test_targets_json(targets_rows, plan):
    rows = targets_rows
    assert all(TARGET_KEYS <= set(r) for r in rows)
    assert {r["indicator"] for r in rows} == {i.id for i in plan.indicators}


@pytest.mark.parametrize(
    ("indicator", "year", "target"),
    [
        ("vve_doet_ertoe_locaties", 2013, 8),
        ("vve_doet_ertoe_locaties", 2014, 13),
        ("vve_doet_ertoe_locaties", 2015, 18),
        ("sterk_in_kinderopvang_locaties", 2012, 3),
        ("ouderbeleid_locaties", 2015, 30),
        ("vve_thuis_groepen", 2014, 30),
        ("huisbezoeken", 2014, 50),
        ("ad_pedagogiek_start", 2014, "2014-08-31"),
        ("vve_monitor_2013", 2013, "2013-12-31"),
        ("taal_bijscholing", 2014, None),
    ],
)
def test_targets_values(targets_rows, indicator, year, target):
    assert find(targets_rows, indicator, year)["target"] == target


def test_targets_of_special_kinds(targets_rows):
    rows = targets_rows
    huisbezoeken = find(rows, "huisbezoeken", 2014)
    assert (huisbezoeken["target_min"], huisbezoeken["target_max"]) == (50, 70)
    commitments = [r for r in rows if r["kind"] == "commitment"]
    assert commitments and all(r["target"] is None for r in commitments)
    assert (
        find(rows, "taal_bijscholing", 2014)["name"] == "Bijscholing taal pedagogisch medewerkers"
    )
    for milestone in (r for r in rows if r["kind"] == "milestone"):
        assert len(milestone["target"]) == 10 and milestone["target"][4] == "-"


def test_targets_csv(capsys):
    code, out, _ = cli(capsys, "targets")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert TARGET_KEYS <= set(rows[0])
    assert find(rows, "vve_doet_ertoe_locaties", "2014")["target"] == "13.0"


def test_targets_csv_writes_a_plan_name_that_looks_like_a_formula_as_text(capsys, tmp_path):
    text = (ROOT / "targets.yaml").read_text(encoding="utf-8")
    name = "name: Inzet HBO-coaches op VVE-groepen"
    assert name in text
    plan = tmp_path / "targets.yaml"
    plan.write_text(text.replace(name, "name: '=1+1 HBO-coaches'"), encoding="utf-8")
    (tmp_path / "docs").mkdir()  # the methodology the plan names, beside it
    shutil.copy(ROOT / "docs" / "plan-masterplan-hjk.md", tmp_path / "docs")
    code, out, err = cli(capsys, "targets", "--targets", str(plan))
    assert code == 0, err
    names = {r["name"] for r in csv.DictReader(io.StringIO(out))}
    assert "'=1+1 HBO-coaches" in names and "=1+1 HBO-coaches" not in names


# ------------------------------------------------------------------ progress


def test_progress_json(capsys, plan):
    code, out, err = cli(capsys, "progress", "--year", "2014", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == len(plan.indicators)
    assert all(PROGRESS_KEYS <= set(r) for r in rows)
    assert {r["status"] for r in rows} <= set(STATUS_ORDER)
    assert {r["district"] for r in rows} == {""}
    assert {r["year"] for r in rows} == {2014}
    assert "voorbeeldgegevens" in err and "Peildatum: 2014-10-01" in err


@pytest.mark.parametrize(
    ("indicator", "actual", "status"),
    [
        ("hbo_coach_vve_groepen", 26, "achter"),
        ("vve_thuis_groepen", 28, "op koers"),
        ("pedagogiek_dt_ad_ontwikkeld", "2014-09-15", "behaald"),
        ("taal_bijscholing", "ja", "behaald"),
        ("werkgroep_overleg", None, "geen gegevens"),
    ],
)
def test_progress_rows(progress_rows, indicator, actual, status):
    got = find(progress_rows, indicator, 2014)
    assert (got["actual"], got["status"]) == (actual, status)


def test_progress_district_all(capsys, plan):
    rows = cli_json(capsys, "progress", "--year", "2014", "--district", "all")
    per_district = sum(1 for i in plan.indicators if i.per_district)
    assert len(rows) == len(plan.indicators) + 10 * per_district
    assert {r["district"] for r in rows} == {"", *plan.district_ids()}
    assert find(rows, "wijkbijeenkomsten", 2014, "w10")["status"] == "geen gegevens"


def test_progress_one_district(capsys, plan):
    rows = cli_json(capsys, "progress", "--year", "2014", "--district", "w01")
    assert {r["district"] for r in rows} == {"w01"}
    assert len(rows) == sum(1 for i in plan.indicators if i.per_district)
    assert find(rows, "wijkbijeenkomsten", 2014, "w01")["status"] == "behaald"


def test_progress_as_of_changes_statuses(capsys, progress_rows):
    before = cli_json(capsys, "progress", "--year", "2014", "--as-of", "2014-03-01")
    assert find(before, "ad_pedagogiek_start", 2014)["status"] == "nog niet aan de orde"
    assert find(before, "hbo_coach_vve_groepen", 2014)["actual"] is None
    assert find(progress_rows, "ad_pedagogiek_start", 2014)["status"] == "achter"


def test_progress_as_of_on_stderr(capsys):
    code, _, err = cli(capsys, "progress", "--year", "2014", "--as-of", "2014-03-01")
    assert code == 0 and "Peildatum: 2014-03-01" in err


def test_progress_with_given_actuals(capsys):
    path = FIXTURES / "actuals_small" / "actuals.csv"
    code, out, err = cli(
        capsys, "progress", "--year", "2014", "--actuals", str(path), "--format", "json"
    )
    assert code == 0
    rows = json.loads(out)
    fte = find(rows, "hbo_coach_fte", 2014)
    assert (fte["actual"], fte["status"]) == (4, "behaald")
    assert find(rows, "vve_thuis_groepen", 2014)["status"] == "geen gegevens"
    assert "Peildatum: 2014-12-31" in err
    assert "voorbeeldgegevens" not in err


def test_progress_csv(capsys):
    code, out, _ = cli(capsys, "progress", "--year", "2014", "--district", "all")
    assert code == 0
    reader = csv.DictReader(io.StringIO(out))
    rows = list(reader)
    assert reader.fieldnames == PROGRESS_FIELDS
    assert {r["status"] for r in rows} <= set(STATUS_ORDER)
    assert find(rows, "hbo_coach_vve_groepen", "2014")["actual"] == "26.0"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2016"], "onbekend jaar 2016: het plan loopt van 2012-2015"),
        (["--year", "2011"], "onbekend jaar 2011"),
        (["--year", "2014", "--district", "w99"], "onbekende wijk 'w99'"),
        (["--year", "2014", "--district", "W01"], "onbekende wijk 'W01'"),
    ],
)
def test_progress_usage_errors(capsys, args, message):
    code, out, err = cli(capsys, "progress", *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("as_of", ["2014-13-01", "1-10-2014", "morgen"])
def test_progress_bad_as_of(capsys, as_of):
    with pytest.raises(SystemExit) as caught:
        run(["progress", "--year", "2014", "--as-of", as_of])
    out, err = capsys.readouterr()
    assert caught.value.code == 2
    assert out == ""
    assert f"'{as_of}' is geen datum (JJJJ-MM-DD)" in err


@pytest.mark.parametrize("command", ["progress", "report", "changes", "history"])
@pytest.mark.parametrize("given", ["2014,5", "1e400", "99999999999999999999", "veertien", ""])
def test_a_year_that_is_no_year_is_refused_in_dutch(capsys, command, given):
    extra = {"changes": ["--since", "2014-09-01"]}.get(command, [])
    with pytest.raises(SystemExit) as caught:
        run([command, "--year", given, *extra])
    out, err = capsys.readouterr()
    assert caught.value.code == 2
    assert out == ""
    assert f"'{given}' is geen jaartal (vier cijfers, bijv. 2014)" in err
    assert "invalid int value" not in err


@pytest.mark.parametrize("given", ["0", "-5", "1,5", "veel"])
def test_history_limit_must_be_a_whole_number(capsys, given):
    with pytest.raises(SystemExit) as caught:
        run(["history", f"--limit={given}"])
    assert caught.value.code == 2
    assert f"'{given}' is geen geheel getal van 1 of meer" in capsys.readouterr().err


def test_history_limit_too_large_is_refused_not_a_traceback(capsys):
    # SQLite raised OverflowError on this; the CLI showed the traceback
    with pytest.raises(SystemExit) as caught:
        run(["history", "--limit=99999999999999999999"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "'99999999999999999999' is groter dan 1.000.000.000" in err and "Traceback" not in err


# ------------------------------------------------------------------ validate


def test_validate_real_files(capsys):
    # Without --actuals it checks the stored figures: the test session's database.
    code, out, err = cli(capsys, "validate")
    assert code == 0
    assert out == ""
    assert "In orde: targets.yaml" in err and "actuals.sqlite3 (244 cijfers)" in err


def test_validate_example_file(capsys):
    code, _out, err = cli(capsys, "validate", "--actuals", "data/example_actuals.csv")
    assert code == 0
    assert "example_actuals.csv" in err


def test_validate_broken_actuals(capsys):
    path = FIXTURES / "actuals_broken" / "actuals.csv"
    code, out, err = cli(capsys, "validate", "--actuals", str(path))
    assert code == 1
    assert out == ""
    assert "2 problemen gevonden" in err
    assert "actuals.csv, rij 3, veld 'value': 'veel' is geen getal" in err
    assert "actuals.csv, rij 4, veld 'district': onbekende wijk 'w99'" in err
    assert "Traceback" not in err


def test_validate_broken_targets(capsys, line_of):
    path = FIXTURES / "targets_broken" / "targets.yaml"
    text = path.read_text(encoding="utf-8")
    code, out, err = cli(capsys, "validate", "--targets", str(path))
    assert code == 1
    assert out == ""
    goal_line = line_of(text, "goal: doel_onbekend")
    target_line = line_of(text, "{2012: -10")
    assert f"targets.yaml, regel {goal_line}, veld 'indicators[groepen].goal': onbekend doel" in err
    assert f"targets.yaml, regel {target_line}, veld 'indicators[groepen].targets.2012'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", [["targets"], ["districts"], ["progress", "--year", "2014"]])
def test_every_command_refuses_a_broken_plan(capsys, command):
    path = FIXTURES / "targets_broken" / "targets.yaml"
    code, out, err = cli(capsys, *command, "--targets", str(path))
    assert (code, out) == (1, "")
    assert "onbekend doel" in err


@pytest.mark.parametrize("option", ["--targets", "--actuals"])
def test_validate_missing_file(capsys, tmp_path, option):
    code, out, err = cli(capsys, "validate", option, str(tmp_path / "weg.txt"))
    assert (code, out) == (1, "")
    assert "bestand niet gevonden" in err


@pytest.mark.parametrize("option", ["--targets", "--actuals"])
def test_validate_directory_is_a_problem_not_a_crash(capsys, tmp_path, option):
    code, out, err = cli(capsys, "validate", option, str(tmp_path))
    assert (code, out) == (1, "")


# ------------------------------------------------------------------ districts and the module entry


def test_districts(capsys):
    code, out, _ = cli(capsys, "districts")
    assert code == 0
    assert out.splitlines() == [f"w{n:02d}" for n in range(1, 11)]


def test_districts_json(capsys):
    rows = cli_json(capsys, "districts")
    assert len(rows) == 10
    assert rows[0] == {
        "id": "w01",
        "name": "Stad Oost-Noord",
        "area": "stad_oost",
        "area_name": "Stad Oost",
    }


def test_python_dash_m_lib():
    done = subprocess.run(
        [sys.executable, "-m", "lib", "districts"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.split()) == 10


def test_no_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        run([])
    assert caught.value.code == 2


def _subparsers(parser):
    """Every parser under `parser` (commands, and the actions of meetings), depth first."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield sub
                yield from _subparsers(sub)


def test_help_is_dutch_and_names_every_command():
    """The help is read by policy staff: argparse's own English words ('usage:', 'options',
    'show this help message and exit') are Dutch too, and the overview names every command."""
    parser = build_parser()
    described = " ".join(parser.format_help().split())
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name in commands.choices:
        assert name in described, name
    assert "Afsluitcode 0: in orde; 1: ongeldige invoerbestanden; 2: verkeerd gebruik" in described
    for shown in [parser, *_subparsers(parser)]:
        text = shown.format_help()
        assert text.startswith("gebruik: "), shown.prog
        assert "deze uitleg tonen" in text, shown.prog
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in text, (shown.prog, english)


def test_every_argument_says_what_it_is_for():
    """`python -m lib COMMAND -h` explains every option and argument, not only some."""
    parser = build_parser()
    missing = [
        (shown.prog, action.dest)
        for shown in [parser, *_subparsers(parser)]
        for action in shown._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report"], "python -m lib report: deze argumenten ontbreken: --year"),
        (
            ["report", "--year", "2014", "--format", "doc"],
            "bij --format: ongeldige keuze 'doc' (kies uit 'pdf', 'pptx', 'xlsx', 'docx')",
        ),
        (["frob"], "python -m lib: bij OPDRACHT: ongeldige keuze 'frob' (kies uit 'targets',"),
        (["init-db", "--empty", "--from", "x.csv"], "bij --from: niet samen met --empty"),
        (["progress", "--year", "2014", "--bogus"], "onbekende argumenten: --bogus"),
        (["meetings"], "python -m lib meetings: deze argumenten ontbreken: ACTIE"),
        (["history", "--limit"], "bij --limit: hier hoort een waarde bij"),
        (["progress", "--year", "2014,5"], "bij --year: '2014,5' is geen jaartal"),
    ],
)
def test_usage_errors_are_dutch(capsys, args, message):
    with pytest.raises(SystemExit) as caught:
        run(args)
    out, err = capsys.readouterr()
    assert caught.value.code == 2 and out == ""
    assert err.startswith("gebruik: python -m lib")
    assert message in err
    assert "error:" not in err and "usage:" not in err


def test_argparse_messages_in_dutch():
    from lib.cli.args import dutch_message

    assert dutch_message("the following arguments are required: --year, --editor") == (
        "deze argumenten ontbreken: --year, --editor"
    )
    assert dutch_message("one of the arguments --all --indicator is required") == (
        "geef een van deze argumenten: --all --indicator"
    )
    assert dutch_message("argument --x: expected at least one argument") == (
        "bij --x: hier hoort minstens een waarde bij"
    )
    assert (
        dutch_message("argument --n: invalid int value: 'tien'")
        == "bij --n: ongeldige waarde 'tien'"
    )
    # Our own refusals are Dutch already and pass through whole.
    assert dutch_message("argument --as-of: 'morgen' is geen datum (JJJJ-MM-DD)") == (
        "bij --as-of: 'morgen' is geen datum (JJJJ-MM-DD)"
    )


def test_the_command_line_checks_the_plan_the_app_reads(capsys, tmp_path, monkeypatch):
    """With HJK_TARGETS set, the app read that plan and 'validate' the bundled one: 'In orde'
    for a plan the app refused."""
    from store_fixtures import cli

    broken = tmp_path / "plan.yaml"
    broken.write_text("plan: [\n", encoding="utf-8")
    monkeypatch.setenv("HJK_TARGETS", str(broken))
    code, _out, err = cli(capsys, "validate")
    assert code == 1 and "plan.yaml" in err and "geen geldige YAML" in err, err
    code, _out, err = cli(capsys, "validate", "--targets", str(ROOT / "targets.yaml"))
    assert "targets.yaml" in err and "geen geldige YAML" not in err, err
