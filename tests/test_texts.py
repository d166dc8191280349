"""The editors' texts (lib/store/texts.py): concept until a second editor approves, history with
restore, a closed year refuses changes, the 1.000-character limit, what `texts()` gives the
report, `explain` and `approve --all` on the command line, and `changes` kind `explanation`."""

from __future__ import annotations

import os
from datetime import date

import pytest
from store_fixtures import FTE, GROUPS_W01, open_store

import lib.store.writes
from lib.cli.main import run
from lib.plan.load import load_plan
from lib.problems import ValidationFailed
from lib.progress.changes import changes_since
from lib.store import auth
from lib.store.store import FigureInput, Store
from lib.store.text_rules import MAX_CHARS


@pytest.fixture
def store(plan, store_url) -> Store:
    return open_store(plan, store_url)


def version(store: Store, key) -> int:
    return store.text_layers()[key]["version"]


def test_a_text_counts_only_after_a_second_editor_approves_it(store):
    assert store.save_text(FTE, "  Vacatures open\r\nbij twee locaties ", "Werving", "anna") == 1
    assert store.texts() == {}
    assert store.texts(include_concept=True) == {
        FTE: ("Vacatures open\nbij twee locaties", "Werving")
    }
    with pytest.raises(ValidationFailed, match="vier ogen"):
        store.approve_texts([(FTE, version(store, FTE))], "anna")
    assert store.texts() == {}
    store.approve_texts([(FTE, version(store, FTE))], "bob")
    assert store.texts() == {FTE: ("Vacatures open\nbij twee locaties", "Werving")}
    layers = store.text_layers()[FTE]
    assert layers["concept"] is None
    assert (layers["approved"]["changed_by"], layers["approved"]["approved_by"]) == ("anna", "bob")
    assert store.save_text(FTE, "Vacatures open\nbij twee locaties", "Werving", "bob") == 0


@pytest.mark.parametrize("approver", ["anna@almere.nl", "ANNA@ALMERE.NL", " Anna@Almere.nl "])
def test_one_address_in_another_case_is_the_same_person_for_four_eyes(store, approver):
    # An OIDC address as the identity provider spells it, and as the editor list does.
    store.save_text(FTE, "Vacatures open", "", "Anna@Almere.nl")
    with pytest.raises(ValidationFailed, match="vier ogen"):
        store.approve_texts([(FTE, version(store, FTE))], approver)
    assert store.texts() == {}


def test_an_approval_of_a_text_changed_meanwhile_is_refused(store):
    store.save_text(FTE, "Eerste", "", "anna")
    seen = version(store, FTE)
    store.save_text(FTE, "Tweede", "", "anna")
    with pytest.raises(ValidationFailed, match="intussen gewijzigd"):
        store.approve_texts([(FTE, seen)], "bob")
    with pytest.raises(ValidationFailed, match="intussen gewijzigd"):
        store.save_text(FTE, "Derde", "", "bob", expected_version=seen)


def test_history_and_restore_make_a_concept_again(store):
    store.save_text(FTE, "Eerste", "A", "anna")
    store.approve_texts([(FTE, version(store, FTE))], "bob")
    first = store.text_history(FTE)[-1]["id"]
    store.save_text(FTE, "Tweede", "B", "bob")
    store.approve_texts([(FTE, version(store, FTE))], "anna")
    assert [r["action"] for r in store.text_history(FTE)] == ["edit", "approve", "edit", "approve"]
    assert store.text_history(FTE)[2]["old_explanation"] == "Eerste"
    store.restore_text(first, "anna")
    assert store.texts() == {FTE: ("Tweede", "B")}  # four eyes for a restore too
    assert store.texts(include_concept=True) == {FTE: ("Eerste", "A")}
    store.approve_texts([(FTE, version(store, FTE))], "bob")
    assert store.texts() == {FTE: ("Eerste", "A")}
    # Emptying both texts proposes removing them; approved, they are gone.
    store.save_text(FTE, "", "", "anna")
    store.approve_texts([(FTE, version(store, FTE))], "bob")
    assert store.texts() == {}


def test_a_second_editor_rejects_a_text_with_a_reason_that_the_history_keeps(store):
    store.save_text(FTE, "Eerste", "A", "anna")
    store.approve_texts([(FTE, version(store, FTE))], "bob")
    store.save_text(FTE, "Tweede", "B", "anna")
    seen = version(store, FTE)
    with pytest.raises(ValidationFailed, match="geef een reden voor het afwijzen"):
        store.reject([], "bob", "  \t", texts=[(FTE, seen)])
    with pytest.raises(ValidationFailed, match="moet haar afwijzen \\(vier ogen\\)"):
        store.reject([], " ANNA ", "Niet goed", texts=[(FTE, seen)])
    assert store.texts(include_concept=True) == {FTE: ("Tweede", "B")}  # nothing happened
    assert store.reject([], "bob", "  Cijfers kloppen niet\r\n", texts=[(FTE, seen)]) == 1
    assert store.texts(include_concept=True) == {FTE: ("Eerste", "A")}  # the approved stays
    assert store.text_layers()[FTE]["concept"] is None
    last = store.text_history(FTE)[-1]
    assert [last[k] for k in ("action", "editor", "note")] == [
        "reject",
        "bob",
        "Cijfers kloppen niet",
    ]
    assert (last["explanation"], last["old_explanation"]) == ("Eerste", "Tweede")
    assert last["at"]
    with pytest.raises(ValidationFailed, match="intussen gewijzigd"):  # nothing left to reject
        store.reject([], "bob", "nog een keer", texts=[(FTE, seen)])
    # A restore to just before the rejection brings the concept back: the history replays it.
    store.restore_text(last["id"] - 1, "anna")
    assert store.texts(include_concept=True) == {FTE: ("Tweede", "B")}
    assert store.texts() == {FTE: ("Eerste", "A")}


def test_rejecting_a_new_text_leaves_none_and_a_closed_year_refuses_it(store):
    store.save_text(FTE, "Nieuw", "", "anna")
    store.set_year_closed(2014, True, "bob")
    with pytest.raises(ValidationFailed, match="jaar 2014 is afgesloten"):
        store.reject([], "bob", "Nee", texts=[(FTE, version(store, FTE))])
    store.set_year_closed(2014, False, "bob")
    store.reject([], "bob", "Nee", texts=[(FTE, version(store, FTE))])
    assert store.texts(include_concept=True) == {}
    assert store.texts_counted(None, include_concept=True) == {}


def test_figures_and_texts_are_rejected_all_or_nothing(store):
    store.save([FigureInput(*FTE, "30", expected_version=1)], "anna")
    store.save_text(FTE, "Eigen tekst", "", "bob")  # bob's own: he may not reject it
    figure, text = [(FTE, store.layers()[1][FTE])], [(FTE, version(store, FTE))]
    with pytest.raises(ValidationFailed, match="zelf geschreven"):
        store.reject(figure, "bob", "Typefout", texts=text)
    assert store.layers()[0][FTE].concept.value == "30"  # the figure was not rejected either
    assert store.reject(figure, "carla", "Typefout", texts=text) == 2
    assert store.concept_count() == 0 and store.text_layers() == {}


def test_an_older_database_gets_the_column_for_the_reason(plan, store, store_url):
    store.save_text(FTE, "Van voor de reden", "", "anna")
    with store.engine.begin() as conn:  # the table as databases made before it was added have it
        conn.exec_driver_sql("ALTER TABLE text_changes DROP COLUMN note")
    store = Store.open(plan, store_url)
    assert [r["note"] for r in store.text_history(FTE)] == [""]
    store.reject([], "bob", "Te vaag", texts=[(FTE, version(store, FTE))])
    assert store.text_history(FTE)[-1]["note"] == "Te vaag"
    assert Store.open(plan, store_url).text_history(FTE)[-1]["note"] == "Te vaag"  # added once


def test_a_closed_year_refuses_texts(store):
    store.save_text(FTE, "Concept", "", "anna")
    store.set_year_closed(2014, True, "anna")
    with pytest.raises(ValidationFailed, match="jaar 2014 is afgesloten"):
        store.save_text(FTE, "Nieuw", "", "anna")
    with pytest.raises(ValidationFailed, match="jaar 2014 is afgesloten"):
        store.approve_texts([(FTE, version(store, FTE))], "bob")
    store.set_year_closed(2014, False, "anna")
    store.approve_texts([(FTE, version(store, FTE))], "bob")
    assert store.texts()[FTE] == ("Concept", "")


def test_at_most_a_thousand_characters_and_a_known_key(store):
    store.save_text(FTE, "x" * MAX_CHARS, "y" * MAX_CHARS, "anna")  # exactly the limit: fine
    with pytest.raises(ValidationFailed) as refused:
        store.save_text(FTE, "x" * (MAX_CHARS + 1), "y" * 1200, "anna")
    messages = [str(p) for p in refused.value.problems]
    assert any("de toelichting: 1.001 tekens; het maximum is 1.000" in m for m in messages)
    assert any("de maatregelen: 1.200 tekens" in m for m in messages)
    assert store.texts(include_concept=True)[FTE] == ("x" * MAX_CHARS, "y" * MAX_CHARS)
    with pytest.raises(ValidationFailed, match="alleen voor de hele stad"):
        store.save_text((FTE[0], 2014, "w01"), "wijk", "", "anna")
    with pytest.raises(ValidationFailed, match="onbekende indicator"):
        store.save_text(("bestaat_niet", 2014, ""), "x", "", "anna")
    store.save_text(GROUPS_W01, "Per wijk", "", "anna")
    assert store.texts(include_concept=True)[GROUPS_W01] == ("Per wijk", "")


def test_changes_lists_a_new_or_changed_approved_text(plan, store, monkeypatch):
    clock = {"at": "2014-09-10T10:00:00"}
    monkeypatch.setattr(lib.store.texts, "now", lambda: clock["at"])
    store.save_text(FTE, "Oud", "", "anna")
    store.approve_texts([(FTE, version(store, FTE))], "bob")
    clock["at"] = "2014-09-16T10:00:00"
    store.save_text(FTE, "Nieuw", "Extra inzet", "anna")
    rows = [r for r in changes_since(plan, store, date(2014, 9, 15)) if r["kind"] == "explanation"]
    assert rows == []  # a concept is not counted
    assert len(changes_since(plan, store, date(2014, 9, 15), include_concept=True)) >= 1
    store.approve_texts([(FTE, version(store, FTE))], "bob")
    (row,) = [
        r for r in changes_since(plan, store, date(2014, 9, 15)) if r["kind"] == "explanation"
    ]
    assert (row["before"], row["after"]) == ("Oud", "Nieuw · Maatregelen: Extra inzet")
    assert (row["changed_by"], row["approved_by"]) == ("anna", "bob")
    assert [
        r for r in changes_since(plan, store, date(2014, 9, 17)) if r["kind"] == "explanation"
    ] == []


def test_explain_and_approve_all_on_the_command_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    secrets = tmp_path / "secrets.toml"
    monkeypatch.setenv("HJK_SECRETS", str(secrets))
    for name in ("anna", "bob"):
        auth.add_editor(secrets, name, "een lang wachtwoord", rounds=4)
    open_store(load_plan("targets.yaml"), os.environ["DATABASE_URL"])  # without the story's texts
    base = ["explain", "--indicator", FTE[0], "--year", "2014", "--editor", "anna"]
    assert run([*base, "--text", "=HYPERLINK(1)", "--measures", "Werving"]) == 0
    assert "opgeslagen als concept door anna" in capsys.readouterr().err
    assert run([*base, "--text", "x" * 1001]) == 1
    assert "het maximum is 1.000" in capsys.readouterr().err
    assert run(["approve", "--all", "--editor", "anna"]) == 0
    assert "1 eigen concept overgeslagen" in capsys.readouterr().err
    assert run(["approve", "--all", "--editor", "bob"]) == 0
    assert "1 toelichting vastgesteld door bob." in capsys.readouterr().err
    stored = Store.open(load_plan("targets.yaml")).texts()
    assert stored == {FTE: ("=HYPERLINK(1)", "Werving")}
    assert run(["changes", "--since", "2000-01-01"]) == 0  # CSV: the formula made inert
    assert ",'=HYPERLINK(1) · Maatregelen: Werving," in capsys.readouterr().out
    assert (
        run(["explain", "--indicator", "nope", "--year", "2014", "--editor", "anna", "--text", "x"])
        == 2
    )


def test_excel_round_trip_of_texts(plan, store):
    import io

    import openpyxl

    from lib.store.imports import apply_import, preview_import
    from lib.store.workbook import template_workbook

    store.save_text(FTE, "=SOM(A1)", "Werving", "anna")  # a formula: inert in the template
    book = openpyxl.load_workbook(io.BytesIO(template_workbook(plan, store)))
    sheet = book["Cijfers"]
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["Toelichting", "Maatregelen"]
    column = {h: i for i, h in enumerate(header)}
    rows = {
        (
            r[column["Indicator-id"]].value,
            r[column["Jaar"]].value,
            r[column["Wijk-id"]].value or "",
        ): r
        for r in sheet.iter_rows(min_row=2)
    }
    fte = rows[FTE]
    assert fte[column["Toelichting"]].value == "'=SOM(A1)"
    assert fte[column["Maatregelen"]].value == "Werving"
    # Unchanged, it imports as nothing new.
    unchanged = io.BytesIO()
    book.save(unchanged)
    preview = preview_import(unchanged.getvalue(), "sjabloon.xlsx", store)
    assert preview.valid and preview.changes == [] and preview.text_changes == []
    # A row with texts and no value: the texts change, the figure stays.
    empty = next(
        r
        for k, r in rows.items()
        if r[column["Waarde"]].value is None
        and k[2] == ""
        and plan.indicator(k[0]).kind != "milestone"
    )
    empty_key = next(k for k, r in rows.items() if r is empty)
    empty[column["Toelichting"]].value = "Nog niet geteld"
    fte[column["Maatregelen"]].value = "Extra werving"
    fte[column["Waarde"]].value = 3.5
    changed = io.BytesIO()
    book.save(changed)
    preview = preview_import(changed.getvalue(), "sjabloon.xlsx", store)
    assert preview.valid, [str(p) for p in preview.problems]
    assert [c.key for c in preview.changes] == [FTE]
    assert {c.key: c.new for c in preview.text_changes} == {
        FTE: ("=SOM(A1)", "Extra werving"),
        empty_key: ("Nog niet geteld", ""),
    }
    assert any("maatregelen 'Werving' -> 'Extra werving'" in str(c) for c in preview.text_changes)
    assert apply_import(preview, store, "anna") == 3
    assert store.texts(include_concept=True)[empty_key] == ("Nog niet geteld", "")
    assert empty_key not in {
        tuple(k)
        for k in store.read_actuals(include_concept=True)
        .frame[["indicator", "year", "district"]]
        .itertuples(index=False)
    }
    assert store.text_history(FTE)[-1]["action"] == "import"


def test_an_upload_with_a_too_long_text_names_row_and_column(plan, store):
    from lib.store.imports import preview_import

    raw = (f"indicator,year,district,value,explanation\n{FTE[0]},2014,,,{'x' * 1001}\n").encode()
    preview = preview_import(raw, "teksten.csv", store)
    (problem,) = preview.problems
    assert problem.row == 2 and problem.field == "Toelichting (kolom E)"
    assert "1.001 tekens" in problem.message and "1.000" in problem.message
