"""Te doen (lib/views/todo.py): what waits for one editor, and `python -m lib todo`."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date

import pytest
from store_fixtures import cli

from lib.figures.actuals import DEFAULT_ACTUALS
from lib.plan.load import load_plan
from lib.problems import ValidationFailed
from lib.steering.book import Steering
from lib.steering.rules import ActionFields
from lib.store.store import FigureInput, Store
from lib.views.todo import FIELDS, OpenAction, todo_items
from lib.views.todo_read import approval_line, read_inputs, waiting_line

AS_OF = date(2014, 10, 1)
FTE = ("hbo_coach_fte", 2014, "")
GROUPS = ("hbo_coach_vve_groepen", 2014, "")


def _enter(store: Store, key, value: str, editor: str) -> None:
    version = store.layers()[1].get(key, 0)
    store.save(
        [FigureInput(*key, value, counted_on="2014-09-09", expected_version=version)], editor
    )


def waiting_for_bob() -> Store:
    """Anna enters a figure that looks mistyped and a toelichting; Bob rejects another figure of
    hers with a reason."""
    store = Store.open(load_plan("targets.yaml"), seed=DEFAULT_ACTUALS)  # without the story
    _enter(store, FTE, "32", "anna")
    store.save_text(GROUPS, "Na de zomer " + "x" * 290, "Extra scholing", "anna")
    _enter(store, GROUPS, "27", "anna")
    version = store.layers()[1][GROUPS]
    store.reject([(GROUPS, version)], "bob", reason="teldatum ontbreekt in de bron")
    return store


@pytest.mark.usefixtures("cli_store")
def test_cli_todo_lists_what_waits_per_editor_in_csv_and_json(capsys):
    waiting_for_bob()
    code, out, err = cli(capsys, "todo", "--editor", "bob", "--as-of", "2014-10-01")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == FIELDS
    approve = [r for r in rows if r["kind"] == "approve"]
    assert [(r["indicator"], r["by"]) for r in approve] == [
        ("hbo_coach_fte", "anna"),
        ("hbo_coach_vve_groepen", "anna"),
    ]
    assert approve[0]["what"] == "cijfer: 3,2 FTE -> 32 FTE"
    assert approve[1]["what"].startswith("Toelichting: Na de zomer xx")
    assert approve[1]["what"].endswith(" Maatregelen: Extra scholing")
    assert not [r for r in rows if r["kind"] == "rejected"]  # Bob's list: not his concept
    assert "2 wachten op uw vaststelling: 1 cijfer, 1 toelichting" in err

    code, out, err = cli(capsys, "todo", "--editor", "anna", "--format", "json")
    rows = json.loads(out)
    assert all(list(r) == FIELDS for r in rows)
    assert not [r for r in rows if r["kind"] == "approve"]  # her own concepts wait for others
    rejected = [r for r in rows if r["kind"] == "rejected"]
    assert len(rejected) == 1 and rejected[0]["by"] == "bob"
    assert rejected[0]["what"] == "27 groepen afgewezen; reden: teldatum ontbreekt in de bron"
    kinds = {r["kind"] for r in rows}
    assert {"no_explanation", "milestone_due", "no_figure"} <= kinds
    missing = next(r for r in rows if r["kind"] == "no_figure")
    assert missing["year"] == 2014 and missing["since"] is None
    assert "1 afgewezen concept van u" in err


@pytest.mark.usefixtures("cli_store")
def test_cli_todo_refuses_an_unknown_editor(capsys):
    assert cli(capsys, "todo", "--editor", "niemand")[0] == 2


@pytest.mark.usefixtures("cli_store")
def test_rejection_leaves_the_list_once_the_figure_is_entered_again():
    store = waiting_for_bob()
    plan = store.plan
    data = read_inputs(plan, store, AS_OF)
    assert [i.kind for i in todo_items(plan, "anna", AS_OF, data)].count("rejected") == 1
    figure = next(i for i in todo_items(plan, "bob", AS_OF, data) if i.subject == "figure")
    assert "een nul te veel?" in figure.doubt  # the Let op of a mistyped figure
    _enter(store, GROUPS, "26", "anna")
    data = read_inputs(plan, store, AS_OF)
    assert [i.kind for i in todo_items(plan, "anna", AS_OF, data)].count("rejected") == 0


@pytest.mark.usefixtures("cli_store")
def test_a_rejected_text_waits_for_its_writer_with_the_reason_until_it_changes(capsys):
    store = Store.open(load_plan("targets.yaml"), seed=DEFAULT_ACTUALS)
    plan = store.plan
    store.save_text(GROUPS, "Na de zomer beter", "Extra scholing", "anna")
    data = read_inputs(plan, store, AS_OF)
    (offered,) = [i for i in todo_items(plan, "bob", AS_OF, data) if i.kind == "approve"]
    store.reject([], "bob", "welke scholing?", texts=[(offered.key, offered.version)])
    data = read_inputs(plan, store, AS_OF)
    assert not [
        i for i in todo_items(plan, "bob", AS_OF, data) if i.kind in ("approve", "rejected")
    ]
    (rejected,) = [i for i in todo_items(plan, "anna", AS_OF, data) if i.kind == "rejected"]
    assert (rejected.key, rejected.subject, rejected.by) == (GROUPS, "text", "bob")
    assert rejected.what == "toelichting afgewezen; reden: welke scholing?"
    assert rejected.after == "Toelichting: Na de zomer beter Maatregelen: Extra scholing"
    assert rejected.extra["reason"] == "welke scholing?"

    code, out, err = cli(capsys, "todo", "--editor", "anna", "--format", "json")
    assert code == 0, err
    (row,) = [r for r in json.loads(out) if r["kind"] == "rejected"]
    assert (row["indicator"], row["by"]) == (GROUPS[0], "bob")
    assert row["what"] == "toelichting afgewezen; reden: welke scholing?"
    assert "1 afgewezen concept van u" in err

    store.save_text(GROUPS, "Na de zomer beter", "Scholing in taalstimulering", "anna")
    data = read_inputs(plan, store, AS_OF)
    assert not [i for i in todo_items(plan, "anna", AS_OF, data) if i.kind == "rejected"]


@pytest.mark.usefixtures("cli_store")
def test_actions_keep_a_goal_off_the_unexplained_and_late_ones_are_listed():
    store = Store.open(load_plan("targets.yaml"), seed=DEFAULT_ACTUALS)
    data = read_inputs(store.plan, store, AS_OF)
    behind = [i for i in todo_items(store.plan, "anna", AS_OF, data) if i.kind == "no_explanation"]
    assert behind
    first = behind[0]
    action = OpenAction(
        first.indicator, first.year, first.district, "Extra werving", date(2014, 9, 1)
    )
    items = todo_items(store.plan, "anna", AS_OF, data, [action, replace(action, deadline=None)])
    assert first.key not in {i.key for i in items if i.kind == "no_explanation"}
    late = [i for i in items if i.kind == "overdue_action"]
    assert [(i.indicator, i.since) for i in late] == [(first.indicator, "2014-09-01")]
    assert "Extra werving" in late[0].what


@pytest.mark.parametrize(
    ("figures", "texts", "line"),
    [
        (0, 0, "Niets wacht op vaststelling"),
        (1, 0, "1 wacht op vaststelling: 1 cijfer"),
        (0, 1, "1 wacht op vaststelling: 1 toelichting"),
        (2, 1, "3 wachten op vaststelling: 2 cijfers, 1 toelichting"),
        (1, 3, "4 wachten op vaststelling: 1 cijfer, 3 toelichtingen"),
    ],
)
def test_waiting_line_names_every_kind_in_the_right_number(figures, texts, line):
    assert waiting_line(figures, texts) == line


def test_approval_line_is_empty_without_approvals():
    assert approval_line([]) == ""


@pytest.mark.usefixtures("cli_store")
def test_approving_figures_and_texts_at_once_is_all_or_nothing():
    store = Store.open(load_plan("targets.yaml"), seed=DEFAULT_ACTUALS)
    _enter(store, FTE, "3,6", "anna")
    store.save_text(GROUPS, "Eigen tekst", "", "bob")  # bob's own: he may not approve it
    figure = [(FTE, store.layers()[1][FTE])]
    text = [(GROUPS, store.text_layers()[GROUPS]["version"])]
    with pytest.raises(ValidationFailed):
        store.approve(figure, "bob", texts=text)
    assert store.layers()[0][FTE].concept.value == "3,6"  # the figure was not approved either
    store.save_text(GROUPS, "Tekst van anna", "", "anna")
    text = [(GROUPS, store.text_layers()[GROUPS]["version"])]
    assert store.approve(figure, "bob", texts=text) == 2
    assert store.layers()[0][FTE].approved.value == "3,6"
    assert store.texts()[GROUPS] == ("Tekst van anna", "")


@pytest.mark.usefixtures("cli_store")
def test_cli_todo_reads_the_stuurgroeps_actions_from_the_store(capsys):
    """The actions recorded with `actions add` reach Te doen: one past its deadline at the
    peildatum is an overdue_action, and one on a goal behind keeps it off no_explanation."""
    store = Store.open(load_plan("targets.yaml"), seed=DEFAULT_ACTUALS)  # without the story
    code, out, _ = cli(capsys, "todo", "--editor", "bob", "--as-of", "2014-10-01")
    behind = [r for r in csv.DictReader(io.StringIO(out)) if r["kind"] == "no_explanation"]
    assert behind and all("geen actiepunt" in r["what"] for r in behind)
    goal = behind[0]
    assert not [r for r in csv.DictReader(io.StringIO(out)) if r["kind"] == "overdue_action"]

    Steering.open(store).add_action(
        ActionFields(
            "Subsidieregeling afronden",
            "programmamanager",
            date(2014, 9, 1),
            indicator=goal["indicator"],
            year=int(goal["year"]),
            district=goal["district"],
        ),
        "anna",
    )
    code, out, err = cli(capsys, "todo", "--editor", "bob", "--as-of", "2014-10-01")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    late = [r for r in rows if r["kind"] == "overdue_action"]
    assert [(r["indicator"], r["since"], r["by"]) for r in late] == [
        (goal["indicator"], "2014-09-01", "programmamanager")
    ]
    assert late[0]["what"].startswith("A1 Subsidieregeling afronden: deadline 1 september 2014")
    still = {(r["indicator"], r["district"]) for r in rows if r["kind"] == "no_explanation"}
    assert (goal["indicator"], goal["district"]) not in still
    # Judged at the peildatum, never the clock: before the deadline the action is not late.
    code, out, _ = cli(capsys, "todo", "--editor", "bob", "--as-of", "2014-08-31")
    assert "overdue_action" not in out
