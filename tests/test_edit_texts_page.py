"""Gegevens bijwerken in AppTest: the tabs for meetings and for the editors' texts (toelichting
and maatregelen): add and remove a meeting, write a text, a second editor approves it, restore,
a rejection in the text's history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from store_fixtures import FTE, app_store
from test_edit_page import PASSWORD, log_in, open_edit_page, texts

from lib.plan.schema import Plan
from lib.store import auth
from lib.store.store import Store


@pytest.fixture
def store(plan: Plan, tmp_path, monkeypatch) -> Store:
    return app_store(plan, tmp_path, monkeypatch)


@pytest.fixture
def editors(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv("HJK_SECRETS", str(path))
    for name in ("anna", "bob"):
        auth.add_editor(path, name, PASSWORD, rounds=4)
    return path


TEXT_FIELDS = "_".join(map(str, FTE))


def tab(at, label: str):
    (found,) = [t for t in at.tabs if t.label == label]
    return found


def test_an_editor_adds_and_removes_a_meeting(store, editors):
    at = log_in(open_edit_page(), "anna")
    at.date_input(key="edit_meeting_day").set_value(date(2014, 9, 15)).run()
    at.text_input(key="edit_meeting_title").input("Stuurgroep september").run()
    # Each field sends its value on its own (no form), and the page says which meeting it adds.
    assert "Toe te voegen: de vergadering van 15 september 2014 (Stuurgroep september)." in texts(
        at.caption
    )
    at.button(key="edit_meeting_add").click().run()
    assert not at.exception
    assert "Vergadering van 15 september 2014 toegevoegd." in texts(at.success)
    assert [(m.day, m.title) for m in store.meetings()] == [
        (date(2014, 9, 15), "Stuurgroep september")
    ]
    # Empty fields for the next one: the peildatum again, no title.
    assert at.date_input(key="edit_meeting_day").value == date(2014, 10, 1)
    assert at.text_input(key="edit_meeting_title").value == ""
    at.button(key="edit_meeting_remove").click().run()
    assert "Vergadering van 15 september 2014 verwijderd." in texts(at.success)
    assert store.meetings() == []
    assert list(store.history(limit=2)["editor"]) == ["anna", "anna"]


def choose_fte(at):
    at.selectbox(key="edit_text_indicator").set_value(FTE[0]).run()
    at.selectbox(key="edit_text_year").set_value(FTE[1]).run()
    return at


def test_a_text_is_a_concept_until_a_second_editor_approves_it(store, editors):
    at = choose_fte(log_in(open_edit_page(), "anna"))
    at.text_area(key=f"edit_text_explanation_{TEXT_FIELDS}").input("<b>Vacatures</b> *open*")
    at.text_area(key=f"edit_text_measures_{TEXT_FIELDS}").input("Werving loopt")
    tab(at, "Toelichting en maatregelen").button[0].click().run()
    assert not at.exception
    assert "Toelichting opgeslagen als concept" in texts(at.success)
    assert store.texts() == {}
    assert store.texts(include_concept=True) == {FTE: ("<b>Vacatures</b> *open*", "Werving loopt")}
    # Shown as typed: st.text, not Markdown.
    assert "Toelichting: <b>Vacatures</b> *open*\nMaatregelen: Werving loopt" in texts(at.text)
    assert at.multiselect(key="edit_text_approve_choice").options == []  # not one's own
    at = choose_fte(log_in(open_edit_page(), "bob"))
    at.multiselect(key="edit_text_approve_choice").set_value([FTE]).run()
    at.button(key="edit_text_approve").click().run()
    assert "1 toelichting vastgesteld." in texts(at.success)
    assert store.texts() == {FTE: ("<b>Vacatures</b> *open*", "Werving loopt")}
    # History with restore: a later text, then back to the first one, as a concept again.
    approved_first = max(r["id"] for r in store.text_history(FTE))
    store.save_text(FTE, "Tweede versie", "", "bob")
    store.approve_texts([(FTE, store.text_layers()[FTE]["version"])], "anna")
    at = choose_fte(at)
    # Each choice names the text it brings back, as typed, when and by whom.
    oldest = at.selectbox(key="edit_text_restore_to").options[-1]
    assert oldest.startswith("<b>Vacatures</b> *open*, ") and ", door anna · nr. " in oldest
    at.selectbox(key="edit_text_restore_to").set_value(approved_first).run()
    at.button(key="edit_text_restore").click().run()
    assert "Toelichting teruggezet" in texts(at.success)
    concept = store.text_layers()[FTE]["concept"]
    assert (concept["explanation"], concept["changed_by"]) == ("<b>Vacatures</b> *open*", "bob")
    assert store.text_history(FTE)[-1]["action"] == "restore"
    assert store.texts()[FTE] == ("Tweede versie", "")


def test_the_history_of_a_text_shows_a_rejection_with_who_and_why(store, editors):
    store.save_text(FTE, "Vacatures open", "", "anna")
    store.reject([], "bob", "Welke vacatures?", texts=[(FTE, store.text_layers()[FTE]["version"])])
    at = choose_fte(log_in(open_edit_page(), "anna"))
    (history,) = [d.value for d in at.dataframe if "Reden" in d.value.columns]
    last = history.iloc[0]  # newest first
    assert (last["Wie"], last["Wat"], last["Reden"]) == ("bob", "afgewezen", "Welke vacatures?")
    assert (last["Toelichting"], history.iloc[1]["Reden"]) == ("", "")


def test_a_text_changed_meanwhile_is_refused_not_overwritten(store, editors):
    at = choose_fte(log_in(open_edit_page(), "anna"))
    store.save_text(FTE, "Van bob, intussen", "", "bob")  # after anna's page showed the texts
    at.text_area(key=f"edit_text_explanation_{TEXT_FIELDS}").input("Van anna")
    tab(at, "Toelichting en maatregelen").button[0].click().run()
    assert "de toelichting is intussen gewijzigd door iemand anders" in texts(at.error)
    assert store.texts(include_concept=True)[FTE] == ("Van bob, intussen", "")
