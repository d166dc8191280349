"""Te doen, the first tab of Gegevens bijwerken in AppTest: figures and texts of another editor
waiting together, approved with one click; the sidebar naming both; a rejection of a figure or a
text with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_fixtures import FTE, app_store
from test_edit_page import PASSWORD, log_in, open_edit_page, texts

from lib.plan.schema import Plan
from lib.store import auth
from lib.store.store import FigureInput, Store

TEXT = (
    "Na de zomer zijn twee coaches vertrokken; de vacatures staan open en de werving loopt via "
    "de kinderopvangorganisaties. Tot de nieuwe coaches er zijn, nemen de pedagogisch "
    "medewerkers met de meeste ervaring een deel van de coaching over. Verwacht wordt dat het "
    "cijfer in november weer op peil is."
)
GROUPS = ("hbo_coach_vve_groepen", 2014, "")


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


def card(at, kind: str, n: int = 0) -> str:
    """The key of the n-th card's button or field `kind` (approve, reason, reject): keyed by
    the concept (ui/todo_section.py), not by its place."""
    prefix = f"edit_todo_{kind}_"
    keys = [w.key for w in [*at.button, *at.text_input] if w.key and w.key.startswith(prefix)]
    return [k for k in keys if k != "edit_todo_approve_all"][n]


def anna_waits(store: Store) -> None:
    """A figure that looks mistyped (3,2 -> 32 FTE) and a toelichting, both by anna."""
    store.save([FigureInput(*FTE, "32", counted_on="2014-09-30", expected_version=1)], "anna")
    store.save_text(GROUPS, TEXT, "Werving via de organisaties", "anna")


def test_figures_and_texts_wait_together_and_all_are_approved_at_once(store, editors):
    anna_waits(store)
    at = log_in(open_edit_page(), "bob")
    assert at.tabs[0].label == "Te doen"  # the tab the page opens on
    assert "2 wachten op vaststelling: 1 cijfer, 1 toelichting." in texts(at.sidebar.caption)
    assert "2 wachten op uw vaststelling: 1 cijfer, 1 toelichting" in texts(at.markdown)
    assert "3,2 FTE → **32 FTE**" in texts(at.markdown)
    assert "Let op: 32 is minstens 10 keer het vorige cijfer" in texts(at.warning)
    assert "Ingevoerd door anna" in texts(at.caption)
    assert TEXT in "".join(h.proto.body for h in at.get("html"))  # the toelichting whole
    at.button(key="edit_todo_approve_all").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "1 cijfer en 1 toelichting vastgesteld." in texts(at.success)
    assert store.concept_count() == 0
    assert store.texts()[GROUPS][0] == TEXT
    assert "Niets wacht op vaststelling." in texts(at.sidebar.caption)


def test_a_single_item_is_approved_with_one_click_and_own_concepts_wait_for_others(store, editors):
    store.save_text(GROUPS, TEXT, "", "anna")
    at = log_in(open_edit_page(), "anna")
    assert not [b for b in at.button if b.key and b.key.startswith("edit_todo_approve")]
    at = log_in(open_edit_page(), "bob")
    assert not [b for b in at.button if b.key == "edit_todo_approve_all"]
    # The Vaststellen tab no longer says only that no figures wait.
    assert (
        "Er wachten geen conceptcijfers. Wel wacht 1 toelichting op vaststelling: zie *Te doen*."
    ) in texts(at.info)
    at.button(key=card(at, "approve")).click().run()
    assert "1 toelichting vastgesteld." in texts(at.success)
    assert store.texts()[GROUPS] == (TEXT, "")


def test_a_rejected_figure_shows_its_reason_to_whoever_entered_it(store, editors):
    anna_waits(store)
    at = log_in(open_edit_page(), "bob")
    at.text_input(key=card(at, "reason")).input("32 FTE is een typefout").run()
    at.button(key=card(at, "reject")).click().run()
    assert "1 cijfer afgewezen" in texts(at.success)
    at = log_in(open_edit_page(), "anna")
    assert "1 afgewezen concept van u" in texts(at.markdown)
    shown = "".join(h.proto.body for h in at.get("html"))
    assert "32 FTE is een typefout" in shown and "32 FTE" in shown


def test_a_text_is_rejected_with_a_reason_that_its_writer_then_sees(store, editors):
    store.save_text(GROUPS, TEXT, "Werving via de organisaties", "anna")
    at = log_in(open_edit_page(), "bob")
    assert at.button(key=card(at, "reject")).disabled  # not without a reason
    at.text_input(key=card(at, "reason")).input("Welke organisaties?").run()
    at.button(key=card(at, "reject")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "1 toelichting afgewezen; de reden staat in de geschiedenis." in texts(at.success)
    assert store.texts(include_concept=True).get(GROUPS) is None
    assert store.text_history(GROUPS)[-1]["note"] == "Welke organisaties?"
    at = log_in(open_edit_page(), "anna")
    assert "1 afgewezen concept van u" in texts(at.markdown)
    (table,) = [h.proto.body for h in at.get("html") if "Uw afgewezen concepten" in h.proto.body]
    assert ">Toelichting en maatregelen<" in table and ">Welke organisaties?<" in table
    assert "Maatregelen: Werving via de organisaties" in table and ">bob<" in table


def test_texts_and_reasons_are_shown_as_typed_never_as_markup(store, editors):
    typed = "<b>vet</b> [klik](https://example.org) **niet vet**"
    store.save_text(GROUPS, typed, "", "anna")
    store.save([FigureInput(*FTE, "3,6", counted_on="2014-09-30", expected_version=1)], "anna")
    store.reject([(FTE, store.layers()[1][FTE])], "bob", reason=typed)
    at = log_in(open_edit_page(), "bob")
    html = "".join(h.proto.body for h in at.get("html"))
    assert "&lt;b&gt;vet&lt;/b&gt; [klik](https://example.org) **niet vet**" in html
    assert "<b>vet</b>" not in html
    at = log_in(open_edit_page(), "anna")
    html = "".join(h.proto.body for h in at.get("html"))
    assert "&lt;b&gt;vet&lt;/b&gt;" in html and "<b>vet</b>" not in html  # the reason


def test_a_click_approves_what_was_on_screen_not_a_concept_added_since(store, editors):
    """bob saw one card (anna's 32 FTE); anna then saved a concept that sorts above it. bob's
    'Vaststellen' approved that new one, which he never saw (the buttons were keyed by place),
    and 'Alles vaststellen' took it along too."""
    anna_waits(store)
    at = log_in(open_edit_page(), "bob")
    fte = card(at, "approve", 0)
    assert FTE[0] in fte
    layers = store.layers()[1]
    store.save(
        [
            FigureInput(
                *GROUPS, "30", counted_on="2014-09-30", expected_version=layers.get(GROUPS, 0)
            )
        ],
        "anna",
    )
    at.button(key=fte).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "1 cijfer vastgesteld." in texts(at.success)
    waiting = {k for k, slot in store.layers()[0].items() if slot.concept}
    assert waiting == {GROUPS}  # the new one still waits; the FTE bob saw is approved

    store.save(
        [
            FigureInput(
                *FTE, "3,3", counted_on="2014-09-30", expected_version=store.layers()[1][FTE]
            )
        ],
        "anna",
    )
    at = log_in(open_edit_page(), "bob")  # sees GROUPS 30, FTE 3,3 and the text
    store.save_text(("hbo_coach_fte", 2014, ""), "Nieuw, nog niet gezien", "", "anna")
    at.button(key="edit_todo_approve_all").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert store.concept_count() == 0
    assert store.texts(include_concept=True).get(("hbo_coach_fte", 2014, "")) is not None
    assert store.texts().get(("hbo_coach_fte", 2014, "")) is None  # not approved unseen
