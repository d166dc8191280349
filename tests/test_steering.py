"""lib/steering: actions and decisions over the store's database; lateness at the peildatum,
history and restore, the checks, the example's actions, and what changed since a meeting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from store_fixtures import open_store

from lib.problems import ValidationFailed
from lib.steering.book import Steering
from lib.steering.example import apply_example
from lib.steering.model import Action, ordered, parse_number
from lib.steering.rules import FIELD_NAMES, ActionFields
from lib.steering.since import actions_since, change_rows
from lib.steering.tables import ensure_tables
from lib.store.clock import recorded_at

PEILDATUM = date(2014, 10, 1)
EDITOR, OTHER = "anna", "bob"
FIELDS = ActionFields("Vacatures uitzetten", "programmamanager", "2014-09-15")


@pytest.fixture
def steering(plan, tmp_path) -> Steering:
    """The example figures with their meetings (the story), no example actions yet."""
    store = open_store(plan, f"sqlite:///{tmp_path / 'x.sqlite3'}", seed=True)
    ensure_tables(store.engine)
    return Steering(store)


@pytest.mark.parametrize(
    ("deadline", "status", "as_of", "late"),
    [
        (date(2014, 9, 15), "open", date(2014, 10, 1), 16),
        (date(2014, 9, 30), "open", date(2014, 10, 1), 1),
        (date(2014, 10, 1), "open", date(2014, 10, 1), 0),  # due on the peildatum: not late
        (date(2014, 10, 6), "open", date(2014, 10, 1), 0),
        (date(2014, 9, 15), "gereed", date(2014, 10, 1), 0),
        (date(2014, 9, 15), "vervallen", date(2014, 10, 1), 0),
        (date(2014, 9, 15), "open", date(2014, 9, 1), 0),  # an earlier peildatum
    ],
)
def test_lateness_is_judged_at_the_peildatum(deadline, status, as_of, late):
    action = Action(1, "t", "o", deadline, status)
    assert action.days_overdue(as_of) == late
    assert action.is_late(as_of) is (late > 0)


def test_late_actions_come_first_then_by_deadline():
    actions = [
        Action(1, "t", "o", date(2014, 12, 1)),
        Action(2, "t", "o", date(2014, 9, 1), "gereed"),
        Action(3, "t", "o", date(2014, 9, 20)),
        Action(4, "t", "o", date(2014, 8, 1)),
    ]
    assert [a.number for a in ordered(actions, PEILDATUM)] == [4, 3, 1, 2]


@pytest.mark.parametrize(
    ("text", "number"), [("A12", 12), ("a7", 7), ("3", 3), ("B2", None), ("A²", None), ("A0", None)]
)
def test_action_numbers_with_or_without_the_a(text, number):
    assert parse_number(text) == number


def test_an_action_counts_at_once_and_every_change_is_in_its_history(steering):
    added = steering.add_action(
        replace(FIELDS, indicator="hbo_coach_vve_groepen", year=2014, meeting="2014-08-25"),
        EDITOR,
    )
    assert added.label == "A1" and added.status == "open" and added.days_overdue(PEILDATUM) == 16
    steering.update_action(1, EDITOR, {"owner": "GGD", "deadline": "2014-11-01"})
    done, changed = steering.update_action(1, OTHER, {"status": "gereed", "note": "Gedaan."})
    assert changed and done.status == "gereed" and done.changed_by == OTHER
    history = steering.action_history(1)
    assert [(r["kind"], r["editor"], r["old_status"], r["status"]) for r in history] == [
        ("add", EDITOR, None, "open"),
        ("edit", EDITOR, "open", "open"),
        ("status", OTHER, "open", "gereed"),
    ]
    restored, _ = steering.restore_action(history[0]["id"], OTHER)
    assert (restored.owner, restored.deadline, restored.status) == (
        "programmamanager",
        date(2014, 9, 15),
        "open",
    )
    assert steering.action_history(1)[-1]["kind"] == "restore"
    assert len(steering.action_history(1)) == 4


def test_a_status_change_to_done_or_dropped_needs_a_note(steering):
    steering.add_action(FIELDS, EDITOR)
    for status in ("gereed", "vervallen"):
        with pytest.raises(ValidationFailed) as caught:
            steering.update_action(1, EDITOR, {"status": status})
        assert (
            "notitie" in str(caught.value.problems[0])
            and caught.value.problems[0].field == "Notitie"
        )
    assert steering.action(1).status == "open" and len(steering.action_history(1)) == 1


def test_a_change_on_an_older_version_is_refused_with_the_other_change(steering):
    steering.add_action(FIELDS, EDITOR)
    steering.update_action(1, OTHER, {"owner": "GGD"}, expected_version=1)
    with pytest.raises(ValidationFailed, match="intussen gewijzigd door bob"):
        steering.update_action(1, EDITOR, {"owner": "wethouder"}, expected_version=1)
    assert steering.action(1).owner == "GGD"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"deadline": "15-09-2014"}, "deadline", "geen datum"),
        ({"deadline": ""}, "deadline", "mag niet leeg zijn"),
        ({"owner": "  "}, "owner", "mag niet leeg zijn"),
        ({"text": "x" * 301}, "text", "het maximum is 300"),
        ({"indicator": "bestaat_niet", "year": 2014}, "indicator", "onbekende indicator"),
        ({"indicator": "hbo_coach_vve_groepen", "year": 2030}, "year", "hoort niet bij het plan"),
        (
            {"indicator": "hbo_coach_vve_groepen", "year": 2014, "district": "w99"},
            "district",
            "onbekende wijk",
        ),
        ({"agenda_item": 9}, "agenda_item", "onbekend agendapunt 9"),
        ({"meeting": "2014-09-01"}, "meeting", "staat geen vergadering"),
        ({"status": "klaar"}, "status", "geen status"),
    ],
)
def test_bad_input_is_refused_in_dutch_naming_the_field(steering, changes, field, words):
    with pytest.raises(ValidationFailed) as caught:
        steering.add_action(replace(FIELDS, **changes), EDITOR)
    # named as the pages and the actielijst name it ('Eigenaar'), not 'owner'
    assert [p.field for p in caught.value.problems] == [FIELD_NAMES[field]]
    assert words in caught.value.problems[0].message
    assert steering.actions() == [] and steering.action_history() == []


def test_an_unknown_action_number_is_refused(steering):
    with pytest.raises(ValidationFailed, match="actiepunt A5 bestaat niet"):
        steering.update_action(5, EDITOR, {"owner": "GGD"})


def test_decisions_are_numbered_per_meeting_with_history(steering):
    steering.add_decision(date(2014, 8, 25), "Eerste besluit.", EDITOR)
    second = steering.add_decision("2014-08-25", "Tweede besluit.", EDITOR)
    other = steering.add_decision(date(2014, 10, 6), "Ander besluit.", EDITOR)
    assert (second.number, other.number) == (2, 1)
    assert steering.edit_decision(date(2014, 8, 25), 2, "Tweede besluit, herzien.", OTHER)
    assert [d.text for d in steering.decisions(date(2014, 8, 25))] == [
        "Eerste besluit.",
        "Tweede besluit, herzien.",
    ]
    assert [(r["kind"], r["old_text"]) for r in steering.decision_history()][-1] == (
        "edit",
        "Tweede besluit.",
    )
    with pytest.raises(ValidationFailed, match="staat geen vergadering"):
        steering.add_decision(date(2014, 9, 1), "Geen vergadering.", EDITOR)
    with pytest.raises(ValidationFailed, match="het maximum is 500"):
        steering.add_decision(date(2014, 8, 25), "x" * 501, EDITOR)


def test_the_example_shows_one_late_action_one_done_since_the_meeting_and_decisions(plan, tmp_path):
    store = open_store(plan, f"sqlite:///{tmp_path / 'x.sqlite3'}", seed=True)
    steering = Steering.open(store)
    actions = steering.actions()
    late = [a for a in actions if a.is_late(PEILDATUM)]
    assert len(late) == 1 and late[0].days_overdue(PEILDATUM) == 16
    since = actions_since(
        actions, steering.action_history(), steering.decisions(), date(2014, 8, 25), PEILDATUM
    )
    assert len(since.done) == 1 and since.done[0].note
    assert since.gone_late == late
    assert [d.meeting for d in since.decisions] == [date(2014, 8, 25)] * 2
    assert all("(voorbeeld)" in a.owner for a in actions)
    # Opened again: the example is written once.
    assert len(Steering.open(open_store(plan, store.url, seed=True)).actions()) == len(actions)
    # Also by a second app instance that made the tables at the same moment: it finds the
    # actions in its own write transaction and writes nothing.
    apply_example(steering)
    assert len(steering.actions()) == len(actions) and len(steering.decisions()) == 3


def test_since_a_day_lists_added_done_dropped_and_changes_rows(steering):
    with recorded_at(datetime(2014, 8, 1, 9)):
        steering.add_action(replace(FIELDS, text="Oud"), EDITOR)
        steering.add_action(replace(FIELDS, text="Laat vervallen", deadline="2014-12-01"), EDITOR)
    with recorded_at(datetime(2014, 9, 2, 9)):
        steering.add_action(replace(FIELDS, text="Nieuw", deadline="2014-12-01"), EDITOR)
        steering.update_action(2, OTHER, {"status": "vervallen", "note": "Niet meer nodig."})
    since = actions_since(
        steering.actions(), steering.action_history(), [], date(2014, 9, 1), PEILDATUM
    )
    assert [a.text for a in since.added] == ["Nieuw"]
    assert [a.text for a in since.dropped] == ["Laat vervallen"]
    assert [a.text for a in since.gone_late] == ["Oud"]  # deadline 15 September, still open
    rows = change_rows(steering.action_history(), [], date(2014, 9, 1))
    assert [(r["kind"], r["name"], r["before"], r["after"]) for r in rows] == [
        ("action", "Nieuw", None, "open"),
        ("action", "Laat vervallen", "open", "vervallen"),
    ]


def test_a_decision_changed_by_another_editor_meanwhile_is_not_written_over(steering):
    """Two editors changing the same decision: the last save won without a word. With the text
    the editor saw, a change made since is refused, naming who made it."""
    steering.add_decision(date(2014, 8, 25), "Eerste besluit.", EDITOR)
    assert steering.edit_decision(date(2014, 8, 25), 1, "Door bob.", OTHER, was="Eerste besluit.")
    with pytest.raises(ValidationFailed, match=f"intussen gewijzigd door {OTHER}"):
        steering.edit_decision(date(2014, 8, 25), 1, "Door anna.", EDITOR, was="Eerste besluit.")
    assert [d.text for d in steering.decisions(date(2014, 8, 25))] == ["Door bob."]


def test_a_restore_of_an_action_changed_meanwhile_is_refused(steering):
    """The restore wrote over another editor's change made after the editor looked."""
    action = steering.add_action(FIELDS, EDITOR)
    first = steering.action_history(action.number)[0]["id"]
    seen = steering.action(action.number).version
    steering.update_action(action.number, OTHER, {"owner": "GGD"}, expected_version=seen)
    with pytest.raises(ValidationFailed, match=f"intussen gewijzigd door {OTHER}"):
        steering.restore_action(first, EDITOR, expected_version=seen)
    assert steering.action(action.number).owner == "GGD"
