"""The figures database: round trip, versions, history and restore, conflicts, four eyes, closed
years, and a crash in the middle of an import. Every test runs against SQLite, and against
PostgreSQL when TEST_DATABASE_URL is set (.ci/run starts one)."""

from __future__ import annotations

import re
import threading

import pandas as pd
import pytest
from sqlalchemy import func, select
from store_fixtures import FTE, GROUPS_W01, counts, open_store

import lib.store.writes
from lib.problems import ValidationFailed
from lib.progress.compare import progress_table
from lib.store.db import changes, dataset, figure_values
from lib.store.store import Conflict, FigureInput, Store, canonical_value


def version_of(store: Store, key) -> int:
    return store.layers()[1].get(key, 0)


def fte_value(store: Store, include_concept: bool = False) -> tuple[str, str]:
    frame = store.read_actuals(include_concept).frame
    (row,) = frame[(frame["indicator"] == FTE[0]) & (frame["year"] == FTE[1])].to_dict("records")
    return row["value"], row["status"]


# ------------------------------------------------------------------ round trip


def test_new_database_holds_the_example_figures_as_approved(store_url, plan, example_actuals):
    store = open_store(plan, store_url)
    stored = store.read_actuals()
    assert len(stored.frame) == len(example_actuals.frame)
    assert set(stored.frame["status"]) == {"vastgesteld"}
    assert stored.meta.is_example is True
    assert stored.meta.reporting_date == example_actuals.meta.reporting_date
    assert stored.meta.description == example_actuals.meta.description


def test_comparison_is_the_same_from_file_and_database(store_url, plan, example_actuals):
    stored = open_store(plan, store_url).read_actuals()
    as_of = example_actuals.meta.reporting_date
    from_file = progress_table(plan, example_actuals, as_of, district="all")
    from_db = progress_table(plan, stored, as_of, district="all")
    # Only the database knows whether a figure is approved; everything else is the same.
    assert from_file["figure_status"].isna().all()
    has_figure = from_db["actual"].notna()
    assert set(from_db.loc[has_figure, "figure_status"]) == {"vastgesteld"}
    columns = [c for c in from_file.columns if c != "figure_status"]
    pd.testing.assert_frame_equal(from_file[columns], from_db[columns])


def test_opening_again_keeps_what_was_saved(store_url, plan):
    store = open_store(plan, store_url)
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    again = Store.open(plan, store_url)
    assert fte_value(again, include_concept=True) == ("3,5", "concept")


def test_empty_database(store_url, plan):
    store = open_store(plan, store_url, seed=None)
    actuals = store.read_actuals()
    assert actuals.frame.empty and actuals.meta.is_example is False


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [
        ("level", {"number": 3.2}, "3,2"),
        ("level", {"number": 4.0}, "4"),
        ("level", {"number": 1234567.5}, "1234567,5"),
        ("milestone", {"reached_on": None}, "nee"),
        ("commitment", {"flag": True}, "ja"),
        ("commitment", {"flag": False}, "nee"),
    ],
)
def test_values_are_stored_in_one_spelling(kind, typed, expected):
    assert canonical_value(kind, typed) == expected


# ------------------------------------------------------------------ saving and versions


def test_every_save_changes_the_version_the_cache_sees(store_url, plan):
    store = open_store(plan, store_url)
    before = store.read_actuals(True).version
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    after = store.read_actuals(True).version
    assert before != after
    assert store.read_actuals(False).version != after  # approved-only is cached apart


def test_a_saved_figure_is_a_concept_until_approved(store_url, plan):
    store = open_store(plan, store_url)
    assert store.save([FigureInput(*FTE, "3.5", "2014-10-02", expected_version=1)], "anna") == 1
    assert fte_value(store) == ("3,2", "vastgesteld")
    assert fte_value(store, include_concept=True) == ("3,5", "concept")
    assert store.concept_count() == 1


def test_saving_the_same_value_again_changes_nothing(store_url, plan):
    store = open_store(plan, store_url)
    layers, versions, _ = store.layers()
    record = layers[FTE].approved
    same = FigureInput(*FTE, "3.2", record.counted_on, record.source, record.note, versions[FTE])
    assert store.save([same], "anna") == 0
    assert store.history(FTE)["action"].tolist() == ["seed"]


def test_invalid_values_are_refused_in_dutch(store_url, plan):
    store = open_store(plan, store_url)
    with pytest.raises(ValidationFailed) as caught:
        store.save([FigureInput(*FTE, "veel", expected_version=1)], "anna")
    assert "'veel' is geen getal" in str(caught.value)


# ------------------------------------------------------------------ conflicts


def test_a_stale_save_is_refused_with_the_other_change(store_url, plan):
    store = open_store(plan, store_url)
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    with pytest.raises(Conflict) as caught:
        store.save([FigureInput(*FTE, "3,9", expected_version=1)], "bob")
    (detail,) = caught.value.details
    assert (detail.editor, detail.old_value, detail.new_value) == ("anna", "3,2", "3,5")
    assert "intussen gewijzigd door anna" in str(caught.value) and "3,2 -> 3,5" in str(caught.value)
    assert re.search(r"anna op \d{1,2} [a-z]+ \d{4}, \d\d:\d\d: ", str(caught.value))  # Dutch
    # Redone on top of the new version it goes through.
    store.save([FigureInput(*FTE, "3,9", expected_version=detail.current)], "bob")
    assert fte_value(store, include_concept=True) == ("3,9", "concept")


def test_a_conflict_and_a_refusal_name_the_district_not_its_id(store_url, plan):
    store = open_store(plan, store_url)
    store.save([FigureInput(*GROUPS_W01, "5", expected_version=1)], "anna")
    with pytest.raises(Conflict) as caught:
        store.save([FigureInput(*GROUPS_W01, "6", expected_version=1)], "bob")
    name = plan.district_names()["w01"]
    assert f"VVE-groepen met een HBO'er als coach 2014 ({name}) is intussen gewijzigd" in str(
        caught.value
    )
    with pytest.raises(ValidationFailed) as refused:
        store.approve([(GROUPS_W01, 2)], "anna")  # her own concept
    assert f"({name})" in str(refused.value)
    for message in (str(caught.value), str(refused.value)):
        assert "w01" not in message


def test_two_editors_saving_at_once_never_both_win(store_url, plan):
    open_store(plan, store_url)
    stores = [Store.open(plan, store_url), Store.open(plan, store_url)]  # two connections
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(store: Store, value: str, editor: str) -> None:
        start.wait()
        try:
            store.save([FigureInput(*FTE, value, expected_version=1)], editor)
            outcomes.append("saved")
        except Conflict:
            outcomes.append("conflict")

    threads = [
        threading.Thread(target=save, args=(stores[0], "3,5", "anna")),
        threading.Thread(target=save, args=(stores[1], "3,9", "bob")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["conflict", "saved"]
    assert len(stores[0].history(FTE)) == 2  # the seed and one save


# ------------------------------------------------------------------ four eyes


def test_nobody_approves_their_own_figure(store_url, plan):
    store = open_store(plan, store_url)
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    with pytest.raises(ValidationFailed) as caught:
        store.approve([(FTE, 2)], "anna")
    assert "zelf ingevoerd" in str(caught.value)
    assert fte_value(store) == ("3,2", "vastgesteld")


@pytest.mark.parametrize("approver", ["anna", "ANNA", "  Anna ", "anna\t"])
def test_four_eyes_compare_names_as_one_identity(store_url, plan, approver):
    store = open_store(plan, store_url)
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "Anna")
    before = counts(store)
    with pytest.raises(ValidationFailed, match="heeft dit cijfer zelf ingevoerd"):
        store.approve([(FTE, 2)], approver)
    assert counts(store) == before


def test_a_second_editor_rejects_with_a_reason_that_the_history_keeps(store_url, plan):
    store = open_store(plan, store_url)
    store.save([FigureInput(*FTE, "30", expected_version=1)], "anna")
    before = counts(store)
    with pytest.raises(ValidationFailed, match="geef een reden voor het afwijzen"):
        store.reject([(FTE, 2)], "bob", "  ")
    assert counts(store) == before
    assert store.reject([(FTE, 2)], "bob", "Typefout: 3,0 bedoeld") == 1
    assert fte_value(store, include_concept=True) == ("3,2", "vastgesteld")
    assert store.concept_count() == 0
    last = store.history(FTE).iloc[0]
    assert (last["action"], last["editor"], last["old_value"], last["new_value"]) == (
        "reject",
        "bob",
        "30",
        "3,2",
    )
    assert last["note"] == "Typefout: 3,0 bedoeld"
    with pytest.raises(ValidationFailed, match="geen conceptcijfer om af te wijzen"):
        store.reject([(FTE, 3)], "bob", "nog een keer")
    # A restore to just before the rejection brings the concept back: the history replays it.
    reject_id = int(last["id"])
    assert [w.value for w, _now in store.restore_plan(reject_id - 1, FTE)] == ["30"]


@pytest.mark.parametrize("rejecter", ["anna", " ANNA "])
def test_nobody_rejects_their_own_concept(store_url, plan, rejecter):
    store = open_store(plan, store_url)
    store.save([FigureInput(*FTE, "30", expected_version=1)], "anna")
    before = counts(store)
    with pytest.raises(ValidationFailed, match="zelf ingevoerd; een andere redacteur moet het af"):
        store.reject([(FTE, 2)], rejecter, "Typefout")
    assert counts(store) == before


def test_the_restore_plan_shows_now_and_then_and_restores_nothing_from_the_latest(store_url, plan):
    store = open_store(plan, store_url)
    seed = int(store.history(FTE).iloc[0]["id"])
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    latest = int(store.history().iloc[0]["id"])
    assert store.restore_plan(latest) == []  # the state right after the latest change is now
    ((wish, now),) = store.restore_plan(seed, FTE)
    assert (wish.value, now.value, wish.expected_version) == ("3,2", "3,5", 2)


def test_a_second_editor_approves(store_url, plan):
    store = open_store(plan, store_url)
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    store.approve([(FTE, 2)], "bob")
    assert fte_value(store) == ("3,5", "vastgesteld")
    assert store.concept_count() == 0
    last = store.history(FTE).iloc[0]
    assert (last["action"], last["editor"], last["old_value"], last["new_value"]) == (
        "approve",
        "bob",
        "3,2",
        "3,5",
    )


def test_approving_a_concept_changed_since_it_was_seen_is_refused(store_url, plan):
    store = open_store(plan, store_url)
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    store.save([FigureInput(*FTE, "9,9", expected_version=2)], "anna")
    with pytest.raises(Conflict):
        store.approve([(FTE, 2)], "bob")


def test_removing_a_figure_is_a_concept_too(store_url, plan):
    store = open_store(plan, store_url)
    store.save([FigureInput(*GROUPS_W01, None, expected_version=1)], "anna")
    frame = store.read_actuals(include_concept=True).frame
    assert GROUPS_W01 not in set(
        zip(frame["indicator"], frame["year"], frame["district"], strict=True)
    )
    assert len(store.read_actuals().frame) == 244
    store.approve([(GROUPS_W01, 2)], "bob")
    assert len(store.read_actuals().frame) == 243


def test_setting_the_approved_value_back_withdraws_the_concept(store_url, plan):
    store = open_store(plan, store_url)
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    record = store.layers()[0][FTE].approved
    store.save([FigureInput(*FTE, *_fields(record), expected_version=2)], "anna")
    assert store.concept_count() == 0
    assert store.history(FTE).iloc[0]["action"] == "withdraw"


def _fields(record) -> tuple:
    return (record.value, record.counted_on, record.source, record.note)


# ------------------------------------------------------------------ closed years


def test_a_closed_year_refuses_changes_until_reopened(store_url, plan):
    store = open_store(plan, store_url)
    store.set_year_closed(2014, True, "bob")
    with pytest.raises(ValidationFailed) as caught:
        store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    assert "jaar 2014 is afgesloten" in str(caught.value)
    # which figure, and the field in Dutch (the grid's rows have no row number to say it)
    (problem,) = caught.value.problems
    assert problem.field == "Jaar" and problem.message.startswith("Inzet HBO-coaches")
    store.set_year_closed(2014, False, "bob")
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    actions = store.history()["action"].tolist()[:3]
    assert actions == ["edit", "reopen_year", "close_year"]


def test_approving_in_a_closed_year_is_refused(store_url, plan):
    store = open_store(plan, store_url)
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    store.set_year_closed(2014, True, "carla")
    with pytest.raises(ValidationFailed):
        store.approve([(FTE, 2)], "bob")


@pytest.mark.parametrize(
    ("closed", "message"), [(True, "al afgesloten"), (False, "niet afgesloten")]
)
def test_closing_twice_or_reopening_an_open_year_says_so(store_url, plan, closed, message):
    store = open_store(plan, store_url)
    if closed:
        store.set_year_closed(2013, True, "bob")
    with pytest.raises(ValidationFailed, match=message):
        store.set_year_closed(2013, closed, "bob")


# ------------------------------------------------------------------ history and restore


def test_restore_one_figure_to_an_earlier_value(store_url, plan):
    store = open_store(plan, store_url)
    seed_change = int(store.history(FTE).iloc[0]["id"])
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    store.approve([(FTE, 2)], "bob")
    assert store.restore(seed_change, "anna", FTE) == 1
    assert fte_value(store, include_concept=True) == ("3,2", "concept")
    store.approve([(FTE, 4)], "bob")
    assert fte_value(store) == ("3,2", "vastgesteld")
    assert store.history(FTE)["action"].tolist() == [
        "approve",
        "restore",
        "approve",
        "edit",
        "seed",
    ]


def test_restore_the_whole_dataset(store_url, plan):
    store = open_store(plan, store_url)
    before = store.read_actuals(include_concept=True).frame
    last_seed = int(store.history().iloc[0]["id"])
    store.save(
        [
            FigureInput(*FTE, "3,5", expected_version=1),
            FigureInput(*GROUPS_W01, None, expected_version=1),
        ],
        "anna",
    )
    assert store.restore(last_seed, "bob") == 2
    after = store.read_actuals(include_concept=True).frame
    columns = ["indicator", "year", "district", "value"]
    pd.testing.assert_frame_equal(before[columns], after[columns])
    assert store.concept_count() == 0  # back to the approved figures: nothing left to check


# ------------------------------------------------------------------ all or nothing


def test_a_crash_half_way_leaves_the_database_as_it_was(store_url, plan, monkeypatch):
    store = open_store(plan, store_url)
    before = counts(store)
    keys = [k for k in store.layers()[0]][:10]
    wishes = [
        FigureInput(*k, "7", expected_version=1) for k in keys if k[0] != "ad_pedagogiek_start"
    ]
    real_write = lib.store.writes.write_figure
    calls = {"n": 0}

    def crash_half_way(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > len(wishes) // 2:
            raise RuntimeError("stroomstoring")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(lib.store.writes, "write_figure", crash_half_way)
    numeric = [
        w for w in wishes if plan.indicator(w.indicator).kind not in ("milestone", "commitment")
    ]
    with pytest.raises(RuntimeError):
        store.save(numeric, "anna")
    assert calls["n"] > 1
    assert counts(store) == before


def test_counts_helper_sees_writes(store_url, plan):
    store = open_store(plan, store_url)
    before = counts(store)
    store.save([FigureInput(*FTE, "3,5", expected_version=1)], "anna")
    assert counts(store) != before
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(changes)).scalar_one() == 245
        assert conn.execute(select(dataset.c.revision)).scalar_one() == 2
        assert conn.execute(select(func.count()).select_from(figure_values)).scalar_one() == 245
