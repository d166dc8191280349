"""The page Gegevens bijwerken in AppTest: without editors, logging in, approving with a second
editor, closing a year, OIDC, and the sidebar switch for concept figures."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from store_fixtures import FTE, open_store
from streamlit.testing.v1 import AppTest

from lib.plan.schema import Plan
from lib.store import auth
from lib.store.store import FigureInput, Store

ROOT = Path(__file__).resolve().parent.parent
EDIT = "pages/edit.py"
PASSWORD = "een lang wachtwoord"


@pytest.fixture
def secrets(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv("HJK_SECRETS", str(path))
    return path


@pytest.fixture
def store(plan: Plan, tmp_path, monkeypatch) -> Store:
    url = f"sqlite:///{tmp_path / 'figures.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("HJK_ACTUALS", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    return open_store(plan, url)


@pytest.fixture
def editors(secrets) -> Path:
    for name in ("anna", "bob"):
        auth.add_editor(secrets, name, PASSWORD, rounds=4)
    return secrets


def open_edit_page(user: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    if user is not None:
        at.user = user
    at.run()
    at.switch_page(EDIT).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def log_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="edit_login_name").input(name)
    at.text_input(key="edit_login_password").input(password)
    at.button(key="edit_login_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def test_without_editors_the_page_explains_and_edits_nothing(store, secrets):
    at = open_edit_page()
    assert "Er is nog geen redacteur ingesteld" in texts(at.info)
    # The technical how-to is there for the administrator, folded away from other readers.
    assert at.expander[0].label == "Voor de beheerder: een redacteur toevoegen"
    assert "python -m lib add-editor NAAM" in texts(at.expander[0].markdown)
    assert not at.tabs and not at.text_input


def test_a_wrong_password_is_refused(store, editors):
    at = log_in(open_edit_page(), "anna", "geen idee")
    assert "Naam of wachtwoord klopt niet" in texts(at.error)
    assert not at.tabs


def test_after_five_wrong_passwords_the_name_waits_even_with_the_right_one(store, editors):
    at = open_edit_page()
    for _ in range(4):
        log_in(at, "anna", "geen idee")
        assert "Naam of wachtwoord klopt niet" in texts(at.error)
    log_in(at, "anna", "nog steeds niet")
    locked = "Te vaak een verkeerde naam of wachtwoord. Probeer het over 15 minuten opnieuw."
    assert texts(at.error) == locked
    log_in(at, "anna", PASSWORD)  # the right password now: still refused, nothing checked
    assert texts(at.error) == locked and not at.tabs
    log_in(at, "ANNA ", "geen idee")  # the same name in another spelling
    assert texts(at.error) == locked
    # Counted per name for the whole server: another editor, in another session, logs in.
    assert log_in(open_edit_page(), "bob").tabs


def test_an_editor_logs_in_and_out(store, editors):
    at = log_in(open_edit_page(), "anna")
    assert [t.label for t in at.tabs] == [
        "Cijfers bewerken",
        "Importeren uit Excel",
        "Vaststellen",
        "Geschiedenis",
        "Jaren afsluiten",
        "Toelichting en maatregelen",
        "Vergaderingen",
    ]
    assert "Ingelogd als redacteur **anna**" in texts(at.caption)
    at.button(key="edit_logout").click().run()
    assert not at.tabs and at.text_input(key="edit_login_name")


def test_a_second_editor_approves_and_the_dashboard_counts_it(plan, store, editors):
    store.save([FigureInput(*FTE, "3,6", expected_version=1)], "anna")
    at = log_in(open_edit_page(), "anna")
    assert at.multiselect(key="edit_approve_choice").options == []  # not one's own
    at = log_in(open_edit_page(), "bob")
    assert "1 conceptcijfer wacht op vaststelling." in texts(at.sidebar.caption)
    choice = at.multiselect(key="edit_approve_choice")
    assert len(choice.options) == 1
    choice.set_value([FTE]).run()
    at.button(key="edit_approve").click().run()
    assert not at.exception
    assert "1 cijfer(s) vastgesteld." in texts(at.success)
    assert "Geen conceptcijfers wachten op vaststelling." in texts(at.sidebar.caption)
    assert store.layers()[0][FTE].approved.value == "3,6"


def test_closing_a_year_from_the_page(store, editors):
    at = log_in(open_edit_page(), "bob")
    at.button(key="edit_year_2013").click().run()
    assert "Jaar 2013 afgesloten." in texts(at.success)
    assert store.closed_years() == {2013}
    assert at.button(key="edit_year_2013").label == "Heropenen 2013"


def test_restore_from_the_history(store, editors):
    seed = int(store.history(FTE).iloc[0]["id"])
    store.save([FigureInput(*FTE, "3,6", expected_version=1)], "anna")
    at = log_in(open_edit_page(), "bob")
    at.radio(key="edit_history_scope").set_value("één cijfer").run()
    at.selectbox(key="edit_history_figure").set_value(FTE).run()
    at.selectbox(key="edit_restore_to").set_value(seed).run()
    at.button(key="edit_restore").click().run()
    assert "1 cijfer(s) teruggezet" in texts(at.success)
    assert store.concept_count() == 0  # back to the approved 3,2: the concept is withdrawn


def test_the_concept_switch_changes_the_figures_every_page_sees(store, secrets):
    store.save([FigureInput(*FTE, "3,6", expected_version=1)], "anna")
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.run()
    figures = at.session_state["context"].actuals.frame
    assert set(figures["status"]) == {"vastgesteld"}
    at.toggle(key="include_concept").set_value(True).run()
    figures = at.session_state["context"].actuals.frame
    assert figures[figures["indicator"] == FTE[0]]["value"].tolist() == ["3,6"]


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ({"is_logged_in": False}, "Log in met uw account van de gemeente"),
        ({"is_logged_in": True, "email": "b@almere.nl"}, "staat niet op de lijst"),
        ({"is_logged_in": True, "email": "a@almere.nl"}, "Ingelogd als redacteur **a@almere.nl**"),
    ],
)
def test_oidc_editors_come_from_the_identity_provider(store, secrets, user, expected):
    secrets.write_text(
        '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\n'
        'cookie_secret = "test"\n\n[editors_oidc]\nemails = ["a@almere.nl"]\n',
        encoding="utf-8",
    )
    at = open_edit_page(user)
    shown = texts([*at.markdown, *at.warning, *at.caption])
    assert expected in shown
    assert bool(at.tabs) is (user.get("email") == "a@almere.nl")
