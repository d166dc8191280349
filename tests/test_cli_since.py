"""`python -m lib meetings`, `changes` and `explain`: the fields and formats of their output,
usage errors (exit 2), four eyes through `approve --all`, and meetings in `history`."""

from __future__ import annotations

import csv
import io
import json

import pytest
from store_fixtures import cli

from lib.figures.actuals import DEFAULT_ACTUALS
from lib.plan.load import load_plan
from lib.progress.changes import FIELDS
from lib.store.store import FigureInput, Store

# A database and two editors (anna, bob) of each test's own (conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")


def change_fte(capsys, value: str = "1,5") -> None:
    store = Store.open(load_plan("targets.yaml"))
    key = ("hbo_coach_fte", 2014, "")
    store.save([FigureInput(*key, value, expected_version=store.layers()[1][key])], "anna")
    assert cli(capsys, "approve", "--all", "--editor", "bob")[0] == 0


def test_meetings_add_list_remove(capsys):
    Store.open(load_plan("targets.yaml"), seed=DEFAULT_ACTUALS)  # the figures, not their story
    code, _, err = cli(
        capsys, "meetings", "add", "2014-09-15", "--title", "Stuurgroep", "--editor", "anna"
    )
    assert code == 0 and "Vergadering van 15 september 2014 toegevoegd." in err
    assert cli(capsys, "meetings", "add", "2014-10-27", "--editor", "bob")[0] == 0
    code, out, _ = cli(capsys, "meetings", "list")
    assert out == "2014-09-15\tStuurgroep\n2014-10-27\t\n"
    code, out, _ = cli(capsys, "meetings", "list", "--format", "json")
    assert json.loads(out)[0] == {"date": "2014-09-15", "title": "Stuurgroep"}
    code, _, err = cli(capsys, "meetings", "add", "2014-09-15", "--editor", "anna")
    assert code == 1 and "op 15 september 2014 staat al een vergadering" in err
    assert cli(capsys, "meetings", "remove", "2014-10-27", "--editor", "anna")[0] == 0
    code, out, _ = cli(capsys, "history", "--limit", "2")
    assert "vergadering verwijderd 2014-10-27" in out and "vergadering toegevoegd" in out
    with pytest.raises(SystemExit) as exit_code:
        cli(capsys, "meetings", "add", "15-09-2014", "--editor", "anna")
    assert exit_code.value.code == 2
    assert cli(capsys, "meetings", "add", "2014-09-16", "--editor", "niemand")[0] == 2


def test_changes_lists_exactly_the_fields_in_csv_and_json(capsys):
    change_fte(capsys)
    code, out, err = cli(capsys, "changes", "--since", "2014-01-01", "--year", "2014")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == FIELDS
    figure = next(r for r in rows if r["kind"] == "figure")
    assert (figure["before"], figure["after"], figure["changed_by"], figure["approved_by"]) == (
        "3,2",
        "1,5",
        "anna",
        "bob",
    )
    assert figure["status_before"] == ""  # does not apply
    code, out, _ = cli(capsys, "changes", "--since", "2014-01-01", "--format", "json")
    rows = json.loads(out)
    assert all(list(r) == FIELDS for r in rows)
    figure = next(r for r in rows if r["kind"] == "figure")
    assert figure["status_before"] is None and figure["year"] == 2014
    move = next(r for r in rows if r["kind"] == "status" and r["indicator"] == "hbo_coach_fte")
    assert (move["status_before"], move["status_now"]) == ("op koers", "achter")
    # city rows unless --district all; a decision, or an action about no indicator, has no place
    assert {r["district"] for r in rows if r["indicator"]} == {""}


def test_changes_usage_errors(capsys):
    assert cli(capsys, "changes", "--since", "2014-01-01", "--year", "2030")[0] == 2
    assert cli(capsys, "changes", "--since", "2014-01-01", "--district", "w99")[0] == 2
    with pytest.raises(SystemExit) as exit_code:
        cli(capsys, "changes", "--since", "gisteren")
    assert exit_code.value.code == 2


def test_report_since_a_meeting_lists_the_move_and_needs_the_database(capsys, tmp_path):
    import openpyxl

    assert cli(capsys, "meetings", "add", "2014-09-15", "--editor", "anna")[0] == 0
    change_fte(capsys, "1")  # op koers -> achter
    args = ["report", "--year", "2014", "--since", "2014-09-15", "--format", "xlsx"]
    code, out, err = cli(capsys, *args, "--out", str(tmp_path))
    assert code == 0, err
    book = openpyxl.load_workbook(out.strip())
    cells = [str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    assert any("Inzet HBO-coaches op VVE-groepen" in c and "achter" in c for c in cells), cells[:40]
    assert any("15 september 2014" in c for c in cells)
    # A CSV of figures has no history: the moves cannot be known, and the CLI says so.
    code, _, err = cli(capsys, *args, "--actuals", "data/example_actuals.csv")
    assert code == 2 and "--since heeft de opgeslagen cijfers nodig" in err


def test_changes_at_an_earlier_peildatum_are_those_known_then(capsys):
    """The example's story, since the meeting of 25 August 2014. Judged at the figures' own
    peildatum (1 October) Huisbezoeken went 35 -> 41 and two statuses moved. At peildatum 1
    September, as the dashboard shows it with that peildatum: the 41 was counted later (as the
    overview there shows 35), and no status moves because 'then' was judged on another day
    than 'now' (13 statuses 'moved' to geen gegevens before)."""
    Store.open(load_plan("targets.yaml"))  # the example with its story
    since = ["changes", "--since", "2014-08-25", "--year", "2014", "--format", "json"]
    code, out, err = cli(capsys, *since)
    assert code == 0, err
    rows = json.loads(out)
    figures = {r["indicator"]: (r["before"], r["after"]) for r in rows if r["kind"] == "figure"}
    assert figures["huisbezoeken"] == ("35", "41")
    assert sum(r["kind"] == "status" for r in rows) == 2

    code, out, err = cli(capsys, *since, "--as-of", "2014-09-01")
    assert code == 0, err
    rows = json.loads(out)
    assert [r for r in rows if r["kind"] in ("figure", "total", "status")] == []
    assert "0 cijfers gewijzigd, 0 statussen veranderd" in err
    code, out, _ = cli(capsys, "progress", "--year", "2014", "--as-of", "2014-09-01")
    visits = next(r for r in csv.DictReader(io.StringIO(out)) if r["indicator"] == "huisbezoeken")
    assert visits["actual"] in ("35", "35,0", "35.0")


def test_a_meeting_with_decisions_or_actions_is_not_removed(capsys):
    """Removing 25 August 2014 left its two decisions and three actions pointing at a meeting
    that no longer existed, and no decision could be added to it again."""
    Store.open(load_plan("targets.yaml"))  # the example with its story, actions and decisions
    code, _out, err = cli(capsys, "meetings", "remove", "2014-08-25", "--editor", "anna")
    assert code == 1, err
    assert "bij de vergadering van 25 augustus 2014 horen 2 besluiten en 3 actiepunten" in err
    _code, out, _err = cli(capsys, "meetings", "list")
    assert "2014-08-25" in out
    assert cli(capsys, "meetings", "add", "2014-10-27", "--editor", "anna")[0] == 0
    assert cli(capsys, "meetings", "remove", "2014-10-27", "--editor", "bob")[0] == 0
