"""The page Gegevens bijwerken in AppTest: without editors, logging in, approving with a second
editor, closing a year, OIDC, and the sidebar switch for concept figures."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from apptest_open import aim
from store_fixtures import FTE, GROUPS_W01, app_store, counts
from streamlit.testing.v1 import AppTest

from lib.plan.schema import Plan
from lib.store import auth, db
from lib.store.store import FigureInput, Store
from lib.store.throttle import LoginThrottle

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
    return app_store(plan, tmp_path, monkeypatch)


@pytest.fixture
def editors(secrets) -> Path:
    for name in ("anna", "bob"):
        auth.add_editor(secrets, name, PASSWORD, rounds=4)
    return secrets


def open_edit_page(user: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    if user is not None:
        at.user = user
    aim(at, ROOT / "dashboard.py", EDIT).run()
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


@pytest.mark.parametrize(
    ("name", "password"),
    [("anna", "geen idee"), ("anna", "x" * 80), ("onbekend", "x" * 80), ("onbekend", "geen idee")],
)
def test_a_wrong_name_or_password_gets_one_answer(store, editors, name, password):
    at = log_in(open_edit_page(), name, password)  # log_in asserts that nothing raised
    assert texts(at.error) == "Naam of wachtwoord klopt niet."
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


def test_a_login_the_busy_database_holds_up_says_so_and_lets_no_one_in(store, editors, monkeypatch):
    def busy(_self, _name: str) -> float:  # the throttle's lock not had in time (lib/store/db.py)
        raise db._busy(db.PG_LOCK_TIMEOUT)

    monkeypatch.setattr(LoginThrottle, "attempt", busy)
    at = log_in(open_edit_page(), "anna")  # log_in asserts that nothing raised
    assert texts(at.error).startswith("**Niet ingelogd.**\n\n- database: de database bleef 15 ")
    assert not at.tabs and at.text_input(key="edit_login_name")


def test_an_editor_logs_in_and_out(store, editors):
    at = log_in(open_edit_page(), "anna")
    assert [t.label for t in at.tabs] == [
        "Te doen",
        "Cijfers bewerken",
        "Importeren uit Excel",
        "Vaststellen",
        "Geschiedenis",
        "Jaren afsluiten",
        "Toelichting en maatregelen",
        "Vergaderingen",
        "Actiepunten en besluiten",
    ]
    assert "Ingelogd als redacteur **anna**" in texts(at.caption)
    at.button(key="edit_logout").click().run()
    assert not at.tabs and at.text_input(key="edit_login_name")


def test_a_second_editor_approves_and_the_dashboard_counts_it(plan, store, editors):
    store.save([FigureInput(*FTE, "3,6", counted_on="2014-09-30", expected_version=1)], "anna")
    at = log_in(open_edit_page(), "ANNA")  # the same editor in another spelling
    assert "U heeft alle wachtende cijfers zelf ingevoerd" in texts(at.info)
    assert not [b for b in at.button if b.label.startswith("Alle ")]  # never "Alle 0 vaststellen"
    at = go_to(log_in(open_edit_page(), "bob"), "Vaststellen")
    assert "1 wacht op vaststelling: 1 cijfer." in texts(at.sidebar.caption)
    # The list shows the value, its count date and its source.
    (row,) = table(at, "edit_concepts").to_dict("records")
    assert (row["Vastgesteld"], row["Concept"], row["Teldatum"]) == (
        "3,2",
        "3,6",
        "30 september 2014",
    )
    assert "Bron" in row and row["Ingevoerd door"] == "anna"
    choice = at.multiselect(key="edit_approve_choice")
    assert len(choice.options) == 1
    assert not [b for b in at.button if b.label.startswith("Alle ")]  # one figure: no "Alle 1"
    choice.set_value([FTE]).run()
    at.button(key="edit_approve").click().run()
    assert not at.exception
    assert "1 cijfer vastgesteld." in texts(at.success)
    assert at.session_state["edit_tab"] == "Vaststellen"  # still on the tab of the approval
    assert "Niets wacht op vaststelling." in texts(at.sidebar.caption)
    assert store.layers()[0][FTE].approved.value == "3,6"


# A read-only st.dataframe does not carry its key into AppTest: known by a column of its own.
TABLE_COLUMNS = {
    "edit_concepts": "Ingevoerd door",
    "edit_confirm_table": "Verder",
    "edit_restore_preview": "Wordt",
    "edit_history": "Wat",
}


def table(at: AppTest, key: str):
    found = [d.value for d in at.dataframe if TABLE_COLUMNS[key] in d.value.columns]
    return found[0] if found else None


def go_to(at: AppTest, tab: str) -> AppTest:
    at.session_state["edit_tab"] = tab
    return at.run()


def test_a_second_editor_rejects_with_a_reason(plan, store, editors):
    store.save([FigureInput(*FTE, "30", counted_on="2014-09-30", expected_version=1)], "anna")
    at = go_to(log_in(open_edit_page(), "bob"), "Vaststellen")
    at.multiselect(key="edit_approve_choice").set_value([FTE]).run()
    assert at.button(key="edit_reject").disabled  # no reason yet
    assert "Afwijzen kan pas met een reden." in texts(at.caption)
    before = counts(store)
    at.text_input(key="edit_reject_reason").input("30 FTE is een typefout").run()
    at.button(key="edit_reject").click().run()
    assert not at.exception
    assert "1 cijfer afgewezen." in texts(at.success)
    assert at.session_state["edit_tab"] == "Vaststellen"
    assert counts(store) != before and store.concept_count() == 0
    assert store.layers()[0][FTE].approved.value == "3,2"
    last = store.history(FTE).iloc[0]
    assert (last["action"], last["editor"], last["note"]) == (
        "reject",
        "bob",
        "30 FTE is een typefout",
    )
    history = table(at, "edit_history")
    assert history.iloc[0]["Wat"] == "afgewezen"


def grid_row(at: AppTest, key) -> int:
    table = at.session_state["edit_grid"]["table"]
    matches = table.index[(table["indicator"] == key[0]) & (table["district"] == key[2])]
    return int(matches[0])


def edit_grid(at: AppTest, edits: dict[int, dict]) -> AppTest:
    """Type into the grid: {row: {column: text}}, as the browser's data editor reports it."""
    key = f"edit_grid_{at.session_state['edit_grid_nonce']}"
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    return at.run()


def test_the_confirmation_warns_about_a_figure_that_looks_mistyped(plan, store, editors):
    at = log_in(open_edit_page(), "anna")
    edit_grid(at, {grid_row(at, FTE): {"Waarde": "32"}})
    at.button(key="edit_save").click().run()
    (warning,) = [w.value for w in at.warning if "verkeerd getypt" in w.value]
    assert warning.startswith("**1 cijfer lijkt verkeerd getypt.**")
    (change,) = table(at, "edit_confirm_table").to_dict("records")
    assert change["Let op"].startswith("32 is minstens 10 keer het vorige cijfer")
    at.button(key="edit_confirm_save").click().run()  # it may be right: saving is allowed
    assert not at.exception
    assert store.layers()[0][FTE].concept.value == "32"


def test_dutch_figures_and_dates_typed_in_the_grid_are_confirmed_as_stored(plan, store, editors):
    """'1.234,5' and a teldatum '30-9-2014' pass the grid's checks; the confirmation then
    crashed with Python's English ('could not convert string to float: 1.234.5')."""
    at = log_in(open_edit_page(), "anna")
    edit_grid(at, {grid_row(at, FTE): {"Waarde": "1.234,5", "Teldatum": "30-9-2014"}})
    at.button(key="edit_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (change,) = table(at, "edit_confirm_table").to_dict("records")
    assert (change["Nieuw"], change["Teldatum"]) == ("1234,5", "30 september 2014")
    at.button(key="edit_confirm_save").click().run()
    assert not at.exception
    assert store.layers()[0][FTE].concept.value == "1234,5"


def test_the_second_editor_sees_a_concept_that_looks_mistyped(plan, store, editors):
    store.save([FigureInput(*FTE, "32", counted_on="2014-09-30", expected_version=1)], "anna")
    at = go_to(log_in(open_edit_page(), "bob"), "Vaststellen")
    # Te doen says it too (tests/test_todo_page.py); this is the one of the Vaststellen tab.
    (warning,) = [w.value for w in at.warning if "*Controleer*" in w.value]
    assert warning == (
        "**1 cijfer lijkt verkeerd getypt.** Kijk de kolom *Controleer* na; klopt het, dan kunt "
        "u gewoon vaststellen."
    )
    (row,) = table(at, "edit_concepts").to_dict("records")
    assert row["Controleer"] == "32 is minstens 10 keer het vorige cijfer (3,2); een nul te veel?"


def test_saving_the_grid_shows_old_and_new_and_asks_first(plan, store, editors):
    at = go_to(log_in(open_edit_page(), "anna"), "Cijfers bewerken")
    before = counts(store)
    edit_grid(at, {grid_row(at, FTE): {"Waarde": "4"}})
    at.button(key="edit_save").click().run()
    assert counts(store) == before  # nothing saved yet: first the confirmation
    (change,) = table(at, "edit_confirm_table").to_dict("records")
    assert (change["Oud"], change["Nieuw"]) == ("3,2", "4")
    assert change["Cijfer"].startswith("Inzet HBO-coaches op VVE-groepen · 2014 · hele stad")
    at.button(key="edit_confirm_back").click().run()  # not yet
    assert counts(store) == before and table(at, "edit_confirm_table") is None
    at.button(key="edit_save").click().run()
    at.button(key="edit_confirm_save").click().run()
    assert not at.exception
    assert "1 cijfer opgeslagen als concept" in texts(at.success)
    assert at.session_state["edit_tab"] == "Cijfers bewerken"
    assert store.layers()[0][FTE].concept.value == "4"


def test_an_empty_teldatum_in_the_grid_is_refused(plan, store, editors):
    at = log_in(open_edit_page(), "anna")
    before = counts(store)
    edit_grid(at, {grid_row(at, FTE): {"Waarde": "4", "Teldatum": ""}})
    assert "Teldatum ontbreekt: vul de datum van de telling in (JJJJ-MM-DD)" in texts(at.warning)
    assert at.button(key="edit_save").disabled
    assert counts(store) == before


def test_a_city_figure_unlike_the_sum_of_its_districts_is_flagged_twice(plan, store, editors):
    groups = ("hbo_coach_vve_groepen", 2014, "")
    at = log_in(open_edit_page(), "anna")
    at.selectbox(key="edit_district").set_value(None).run()  # every district and the city
    grid = at.session_state["edit_grid"]["table"]
    city = int(grid.index[(grid["indicator"] == groups[0]) & (grid["district"] == "")][0])
    total = grid.loc[city, "Som van de wijken"]
    assert total and grid.loc[city, "Waarde"] == ""  # the dashboard's figure is visible
    edit_grid(at, {city: {"Waarde": "30", "Teldatum": "2014-09-30"}})
    flagged = f"het stadscijfer 30 wijkt af van de som van de wijken ({total})"
    assert flagged in texts(at.warning)
    at.button(key="edit_save").click().run()
    at.button(key="edit_confirm_save").click().run()
    assert store.layers()[0][groups].concept.value == "30"
    at = go_to(log_in(open_edit_page(), "bob"), "Vaststellen")
    assert flagged in texts(at.warning)
    (row,) = table(at, "edit_concepts").to_dict("records")
    assert flagged in row["Let op"]


def test_closing_a_year_from_the_page(store, editors):
    at = log_in(open_edit_page(), "bob")
    at.button(key="edit_year_afsluiten_2013").click().run()
    assert "Jaar 2013 afgesloten." in texts(at.success)
    assert store.closed_years() == {2013}
    assert at.button(key="edit_year_heropenen_2013").label == "Heropenen 2013"


def test_closing_a_year_another_editor_closed_meanwhile_leaves_it_closed(store, editors):
    """Both had 'Afsluiten 2014' on screen; anna closed it, and bob's click reopened it."""
    at = log_in(open_edit_page(), "bob")
    store.set_year_closed(2014, True, "anna")
    at.button(key="edit_year_afsluiten_2014").click().run()
    assert not at.exception
    assert store.closed_years() == {2014}
    assert at.button(key="edit_year_heropenen_2014").label == "Heropenen 2014"


def test_a_restore_does_not_throw_away_a_concept_saved_since_its_preview(store, editors):
    """bob's preview said 3,6 -> 3,2; anna then saved 4; bob's confirmation withdrew anna's
    concept without a word (the plan was made again on the click). Now a conflict."""
    seed = int(store.history(FTE).iloc[0]["id"])
    store.save([FigureInput(*FTE, "3,6", expected_version=1)], "anna")
    at = go_to(log_in(open_edit_page(), "bob"), "Geschiedenis")
    at.radio(key="edit_history_scope").set_value("één cijfer").run()
    at.selectbox(key="edit_history_figure").set_value(FTE).run()
    at.selectbox(key="edit_restore_to").set_value(seed).run()
    (row,) = table(at, "edit_restore_preview").to_dict("records")
    assert (row["Nu"], row["Wordt"]) == ("3,6", "3,2")
    store.save([FigureInput(*FTE, "4", expected_version=store.layers()[1][FTE])], "anna")
    at.button(key="edit_restore").click().run()
    assert not at.exception
    assert any("intussen gewijzigd door anna" in e.value for e in at.error), texts(at.error)
    assert store.layers()[0][FTE].concept.value == "4"  # anna's concept stays


def test_restore_shows_what_it_brings_back_and_asks_first(store, editors):
    seed = int(store.history(FTE).iloc[0]["id"])
    store.save([FigureInput(*FTE, "3,6", expected_version=1)], "anna")
    at = go_to(log_in(open_edit_page(), "bob"), "Geschiedenis")
    at.radio(key="edit_history_scope").set_value("één cijfer").run()
    at.selectbox(key="edit_history_figure").set_value(FTE).run()
    restore_to = at.selectbox(key="edit_restore_to")
    assert restore_to.value is None  # no default: the latest change would restore nothing
    # Each choice names the value it brings back, when and by whom; the history shows old and
    # new in words, right after who did what.
    assert restore_to.options[0].startswith("3,6 FTE (ingevoerd), ")
    assert "door anna · nr. " in restore_to.options[0]
    assert restore_to.options[-1].startswith("3,2 FTE (startgegevens), ")
    history = table(at, "edit_history")
    assert list(history.columns[:6]) == ["Nr", "Wanneer", "Wie", "Wat", "Oud", "Nieuw"]
    assert (history.iloc[0]["Oud"], history.iloc[0]["Nieuw"]) == ("3,2 FTE", "3,6 FTE")
    latest = int(store.history(FTE).iloc[0]["id"])
    restore_to.set_value(latest).run()
    assert "er valt niets terug te zetten" in texts(at.info)
    at.selectbox(key="edit_restore_to").set_value(seed).run()
    (row,) = table(at, "edit_restore_preview").to_dict("records")
    assert (row["Nu"], row["Wordt"]) == ("3,6", "3,2")
    at.button(key="edit_restore").click().run()
    assert "1 cijfer teruggezet" in texts(at.success)
    assert at.session_state["edit_tab"] == "Geschiedenis"
    assert store.concept_count() == 0  # back to the approved 3,2: the concept is withdrawn


def test_the_history_says_when_it_shows_only_the_newest_and_downloads_all(
    plan, store, editors, monkeypatch
):
    from openpyxl import load_workbook

    from ui import edit_sections

    monkeypatch.setattr(edit_sections, "HISTORY_SHOWN", 3)
    every = len(store.history())
    at = go_to(log_in(open_edit_page(), "bob"), "Geschiedenis")
    shown = table(at, "edit_history")
    assert len(shown) == 3 and every > 3
    assert "De nieuwste 3 wijzigingen; het Excel-bestand hieronder bevat de hele geschiedenis." in (
        texts(at.caption)
    )
    assert re.fullmatch(r"\d{1,2} \w+ \d{4}, \d\d:\d\d", shown["Wanneer"].iloc[0])  # Dutch
    (button,) = [
        b for b in at.get("download_button") if b.proto.id.endswith("edit_history_download")
    ]
    assert button.proto.label == "Hele geschiedenis downloaden (Excel)"
    # What the button hands over, made as it is when clicked.
    ctx = SimpleNamespace(plan=plan, actuals=store.read_actuals())
    book = load_workbook(BytesIO(edit_sections._history_file(ctx, store, None, [])))
    sheet = book["Geschiedenis"]
    assert [c.value for c in sheet[1]][:4] == ["Nr", "Wanneer", "Wie", "Wat"]
    assert sheet.max_row == every + 1 and sheet.freeze_panes == "A2"
    assert book["Let op"]["A1"].value.startswith("VOORBEELDGEGEVENS")
    values = {row[0]: row[7:9] for row in sheet.iter_rows(min_row=2, values_only=True)}
    seeded = values[int(store.history(FTE).iloc[-1]["id"])]
    assert seeded == ("(leeg)", 3.2)  # the new value a number, not the text '3,2'


def test_restoring_every_figure_needs_a_second_confirmation(store, editors):
    seed = int(store.history().iloc[0]["id"])
    store.save(
        [
            FigureInput(*FTE, "3,6", expected_version=1),
            FigureInput(*GROUPS_W01, "5", expected_version=1),
        ],
        "anna",
    )
    at = go_to(log_in(open_edit_page(), "bob"), "Geschiedenis")
    at.selectbox(key="edit_restore_to").set_value(seed).run()
    assert len(table(at, "edit_restore_preview")) == 2
    assert at.button(key="edit_restore").disabled
    before = counts(store)
    at.checkbox(key=f"edit_restore_all_{seed}").check().run()
    assert counts(store) == before  # ticking is not restoring
    at.button(key="edit_restore").click().run()
    assert "2 cijfers teruggezet" in texts(at.success)
    assert store.concept_count() == 0


def test_the_tab_stays_after_an_action_reruns_the_page(store, editors):
    at = go_to(log_in(open_edit_page(), "anna"), "Importeren uit Excel")
    assert at.session_state["edit_tab"] == "Importeren uit Excel"
    at.button(key="edit_year_afsluiten_2013").click().run()  # any action that reruns the page
    assert at.session_state["edit_tab"] == "Importeren uit Excel"


def test_the_concept_switch_changes_the_figures_every_page_sees(store, editors):
    store.save([FigureInput(*FTE, "3,6", expected_version=1)], "anna")
    at = log_in(open_edit_page(), "bob")
    figures = at.session_state["context"].actuals.frame
    assert set(figures["status"]) == {"vastgesteld"}
    at.toggle(key="include_concept").set_value(True).run()
    figures = at.session_state["context"].actuals.frame
    assert figures[figures["indicator"] == FTE[0]]["value"].tolist() == ["3,6"]


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ({"is_logged_in": False}, "Log in met uw account van de gemeente"),
        (
            {"is_logged_in": True, "email": "b@almere.nl", "email_verified": True},
            "staat niet op de lijst",
        ),
        (
            {"is_logged_in": True, "email": "a@almere.nl", "email_verified": False},
            "niet als bevestigd gemeld",
        ),
        (
            {"is_logged_in": True, "email": "a@almere.nl", "email_verified": True},
            "Ingelogd als redacteur **a@almere.nl**",
        ),
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
    assert bool(at.tabs) is ("Ingelogd als" in expected)


def test_approving_all_says_how_many_and_skips_none(store, editors):
    store.save(
        [
            FigureInput(*FTE, "3,6", expected_version=1),
            FigureInput(*GROUPS_W01, "5", expected_version=1),
        ],
        "anna",
    )
    at = go_to(log_in(open_edit_page(), "bob"), "Vaststellen")
    assert at.button(key="edit_approve_all").label == "Alle 2 vaststellen"
    at.button(key="edit_approve_all").click().run()
    assert "2 cijfers vastgesteld." in texts(at.success)
    assert store.concept_count() == 0


def test_approving_all_takes_what_was_on_screen_not_a_concept_added_since(store, editors):
    """bob saw 'Alle 2 vaststellen'; anna then entered a figure that had none. The click
    approved 3, the new one unseen."""
    store.save(
        [
            FigureInput(*FTE, "3,6", expected_version=1),
            FigureInput(*GROUPS_W01, "5", expected_version=1),
        ],
        "anna",
    )
    at = go_to(log_in(open_edit_page(), "bob"), "Vaststellen")
    new = ("peuterestafette_nieuw_geimplementeerd", 2014, "")
    assert new not in store.layers()[1]  # a figure that had none
    store.save([FigureInput(*new, "2014-09-20", counted_on="2014-09-25")], "anna")
    at.button(key="edit_approve_all").click().run()
    assert "2 cijfers vastgesteld." in texts(at.success)
    assert {k for k, slot in store.layers()[0].items() if slot.concept} == {new}
