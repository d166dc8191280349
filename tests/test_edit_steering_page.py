"""Gegevens bijwerken, tab *Actiepunten en besluiten*, in AppTest: add an action for a meeting
(shown first, saved after "Ja, opslaan"), mark it done (a note is needed), restore it, and add a
decision; on the example with its story (meetings 7 July, 25 August, 6 October 2014)."""

from __future__ import annotations

from datetime import date

import pytest
from store_fixtures import app_store
from test_edit_page import log_in, open_edit_page, texts
from test_edit_texts_page import editors  # noqa: F401 (a fixture)

from lib.plan.schema import Plan
from lib.steering.book import Steering

MEETING = date(2014, 8, 25)


@pytest.fixture
def steering(plan: Plan, tmp_path, monkeypatch) -> Steering:
    return Steering.open(app_store(plan, tmp_path, monkeypatch, seed=True))


def confirm(at):
    assert "Controleer dit voordat u opslaat." in texts(at.markdown)
    at.button(key="edit_steering_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_add_an_action_for_a_meeting_after_confirming(steering, editors):  # noqa: F811
    at = log_in(open_edit_page(), "anna")
    at.selectbox(key="edit_steering_meeting").set_value(MEETING).run()
    at.text_input(key="edit_steering_text").input("Ouders uitnodigen")
    at.text_input(key="edit_steering_owner").input("GGD")
    at.date_input(key="edit_steering_deadline").set_value(date(2014, 11, 1))
    at.selectbox(key="edit_steering_subject").set_value("agenda:2")
    at.button(key="FormSubmitter:edit_steering_add-Actiepunt toevoegen").click().run()
    assert "Nieuw actiepunt: Ouders uitnodigen" in texts(at.text)
    assert len(steering.actions()) == 4  # nothing saved before the confirmation
    confirm(at)
    assert "Actiepunt A5 vastgelegd." in texts(at.success), (texts(at.error), texts(at.text))
    new = steering.action(5)
    assert (new.owner, new.meeting, new.agenda_item, new.changed_by) == ("GGD", MEETING, 2, "anna")


def test_done_needs_a_note_and_a_restore_brings_it_back(steering, editors):  # noqa: F811
    at = log_in(open_edit_page(), "bob")
    at.selectbox(key="edit_steering_pick").set_value(2).run()
    at.selectbox(key="edit_steering_cstatus_2_1").set_value("gereed")
    at.button(key="FormSubmitter:edit_steering_change_2_1-Wijziging bekijken").click().run()
    assert "A2 status: open -> gereed" in texts(at.text)
    confirm(at)
    assert "notitie" in texts(at.error) and steering.action(2).status == "open"
    at.selectbox(key="edit_steering_cstatus_2_1").set_value("gereed")
    at.text_input(key="edit_steering_cnote_2_1").input("Vacatures staan open")
    at.button(key="FormSubmitter:edit_steering_change_2_1-Wijziging bekijken").click().run()
    # the fields as the page names them: 'notitie', not 'note'
    assert "A2 notitie: (leeg) -> Vacatures staan open" in texts(at.text)
    confirm(at)
    assert steering.action(2).status == "gereed" and steering.action(2).changed_by == "bob"
    first = steering.action_history(2)[0]["id"]
    at.selectbox(key="edit_steering_restore_to").set_value(first)
    at.button(key="edit_steering_restore").click().run()
    confirm(at)
    assert steering.action(2).status == "open"
    assert [r["kind"] for r in steering.action_history(2)] == ["add", "status", "restore"]


def test_a_decision_for_the_meeting(steering, editors):  # noqa: F811
    at = log_in(open_edit_page(), "anna")
    at.selectbox(key="edit_steering_meeting").set_value(date(2014, 10, 6)).run()
    at.text_area(key="edit_steering_decision_text").input("De stuurgroep garandeert een groep.")
    at.button(key="FormSubmitter:edit_steering_decision-Besluit toevoegen").click().run()
    confirm(at)
    assert [d.text for d in steering.decisions(date(2014, 10, 6))] == [
        "De stuurgroep garandeert een groep."
    ]


def test_a_decision_is_changed_after_confirming_and_kept_in_its_history(steering, editors):  # noqa: F811
    at = log_in(open_edit_page(), "bob")
    at.selectbox(key="edit_steering_meeting").set_value(MEETING).run()
    at.selectbox(key="edit_steering_decision_pick").set_value(2).run()
    suffix = f"{MEETING.isoformat()}_2"
    at.text_area(key=f"edit_steering_decision_edit_text_{suffix}").input("Herzien besluit.")
    at.button(key=f"FormSubmitter:edit_steering_decision_edit_{suffix}-Wijziging bekijken").click()
    at.run()
    assert "wordt: Herzien besluit." in texts(at.text)
    confirm(at)
    assert [d.text for d in steering.decisions(MEETING)][1] == "Herzien besluit."
    last = steering.decision_history()[-1]
    assert (last["kind"], last["editor"], last["old_text"]) == (
        "edit",
        "bob",
        "Alle organisaties werken per 1 januari 2015 met het kindvolgsysteem.",
    )
