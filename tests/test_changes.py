"""What changed since a meeting: "then" is replayed from the history (lib/progress/changes.py),
and the meetings it is counted from (lib/store/meetings.py).

Moments are set with a clock: every change the store records gets the next time the test gives
it, so "before the meeting" and "after the meeting" are exact.
"""

from __future__ import annotations

from datetime import date

import pytest
from store_fixtures import FTE, GROUPS_W01, open_store

import lib.store.writes
from lib.problems import ValidationFailed
from lib.progress.changes import FIELDS, changes_since, summary_counts
from lib.status import BEHIND
from lib.store.meetings import Meeting, due_before, next_meeting, previous_meeting
from lib.store.store import FigureInput, Store

MEETING = date(2014, 9, 15)


@pytest.fixture
def clock(monkeypatch):
    """Set `clock.at = 'YYYY-MM-DDTHH:MM:SS'`; every recorded change takes that moment."""

    class Clock:
        at = "2014-09-01T10:00:00"

    monkeypatch.setattr(lib.store.writes, "now", lambda: Clock.at)
    return Clock


@pytest.fixture
def store(plan, store_url) -> Store:
    return open_store(plan, store_url)


def enter(store: Store, key, value: str, editor: str = "anna") -> None:
    version = store.layers()[1].get(key, 0)
    store.save([FigureInput(*key, value, expected_version=version)], editor)


def approve(store: Store, key, editor: str = "bob") -> None:
    store.approve([(key, store.layers()[1][key])], editor)


def figure_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if r["kind"] == "figure"]


def test_a_figure_changed_twice_after_the_meeting_is_one_change(plan, store, clock):
    clock.at = "2014-09-15T00:00:00"  # the meeting day itself counts as after
    enter(store, FTE, "3,0")
    approve(store, FTE)
    clock.at = "2014-09-20T09:00:00"
    enter(store, FTE, "2,0", editor="bob")
    approve(store, FTE, editor="anna")
    rows = changes_since(plan, store, MEETING)
    (row,) = figure_rows(rows)
    assert list(row) == FIELDS
    assert (row["before"], row["after"]) == ("3,2", "2")
    assert (row["changed_by"], row["approved_by"]) == ("bob", "anna")
    assert row["changed_at"] == "2014-09-20T09:00:00"
    assert row["status_before"] is None and row["name"] == plan.indicator(FTE[0]).name


def test_a_figure_changed_before_the_meeting_is_no_change(plan, store, clock):
    clock.at = "2014-09-14T23:59:59"
    enter(store, FTE, "3,0")
    approve(store, FTE)
    assert figure_rows(changes_since(plan, store, MEETING)) == []
    # Counted from a day earlier, it is one.
    (row,) = figure_rows(changes_since(plan, store, date(2014, 9, 14)))
    assert (row["before"], row["after"]) == ("3,2", "3")


def test_a_figure_restored_to_its_value_at_the_meeting_is_no_change(plan, store, clock):
    clock.at = "2014-09-16T10:00:00"
    enter(store, FTE, "1,0")
    approve(store, FTE)
    assert len(figure_rows(changes_since(plan, store, MEETING))) == 1
    seeded = int(store.history(FTE)["id"].min())
    clock.at = "2014-09-17T10:00:00"
    store.restore(seeded, "anna", FTE)
    approve(store, FTE)
    assert store.layers()[0][FTE].approved.value == "3,2"
    assert figure_rows(changes_since(plan, store, MEETING)) == []


def test_a_figure_entered_before_and_approved_after_the_meeting_is_a_change(plan, store, clock):
    clock.at = "2014-09-10T10:00:00"
    enter(store, FTE, "2,5")
    clock.at = "2014-09-16T10:00:00"
    approve(store, FTE)
    (row,) = figure_rows(changes_since(plan, store, MEETING))
    assert (row["before"], row["after"], row["approved_by"]) == ("3,2", "2,5", "bob")
    assert row["changed_at"] == "2014-09-16T10:00:00"  # when it started to count


def test_a_concept_never_approved_counts_only_with_include_concept(plan, store, clock):
    clock.at = "2014-09-16T10:00:00"
    enter(store, GROUPS_W01, "9")
    assert figure_rows(changes_since(plan, store, MEETING, district="all")) == []
    (row,) = figure_rows(changes_since(plan, store, MEETING, district="all", include_concept=True))
    assert (row["district"], row["before"], row["after"]) == ("w01", "4", "9")
    assert (row["changed_by"], row["approved_by"]) == ("anna", None)
    # A concept entered before the meeting and still waiting was already counted then.
    assert (
        figure_rows(
            changes_since(plan, store, date(2014, 9, 17), district="all", include_concept=True)
        )
        == []
    )


def test_a_closed_year_keeps_its_changes_and_closing_is_none(plan, store, clock):
    clock.at = "2014-09-16T10:00:00"
    enter(store, FTE, "2,0")
    approve(store, FTE)
    store.set_year_closed(2014, True, "anna")
    store.set_year_closed(2013, True, "anna")
    rows = changes_since(plan, store, MEETING)
    assert [(r["indicator"], r["year"]) for r in figure_rows(rows)] == [FTE[:2]]
    assert figure_rows(changes_since(plan, store, MEETING, year=2013)) == []
    with pytest.raises(ValidationFailed):  # and the closed year refuses a change after it
        enter(store, FTE, "1,0")


def test_figures_from_the_starting_file_are_never_changes(plan, store, clock):
    # Seeded a moment ago (2026); counted from any earlier meeting, nothing changed.
    assert store.history()["action"].eq("seed").all()
    assert changes_since(plan, store, date(2012, 1, 1), district="all") == [
        r
        for r in changes_since(plan, store, date(2012, 1, 1), district="all")
        if r["kind"] == "milestone"
    ]


def test_an_empty_start_then_an_import_shows_every_figure(plan, store_url, clock):
    store = open_store(plan, store_url, seed=None)
    clock.at = "2014-09-16T10:00:00"
    enter(store, FTE, "3,2")
    approve(store, FTE)
    (row,) = figure_rows(changes_since(plan, store, MEETING))
    assert (row["before"], row["after"]) == (None, "3,2")


def test_status_moves_come_worst_first(plan, store, clock):
    clock.at = "2014-09-16T10:00:00"
    enter(store, FTE, "0,5")  # op koers -> achter
    approve(store, FTE)
    rows = changes_since(plan, store, MEETING, year=2014)
    moves = [r for r in rows if r["kind"] == "status"]
    assert moves[0]["indicator"] == FTE[0]
    assert (moves[0]["status_before"], moves[0]["status_now"]) == ("op koers", BEHIND)
    assert (moves[0]["before"], moves[0]["after"]) == ("3,2", "0,5")
    counts = summary_counts(rows)
    assert counts["figures"] == 1 and counts["into_behind"] >= 1
    # The order of the groups: into achter, into geen gegevens, out of achter, the rest.
    groups = [
        0
        if r["status_now"] == BEHIND
        else 1
        if r["status_now"] == "geen gegevens"
        else 2
        if r["status_before"] == BEHIND and r["status_now"] in ("op koers", "behaald")
        else 3
        for r in moves
    ]
    assert groups == sorted(groups)


def test_a_figure_removed_after_the_meeting_moves_to_no_data(plan, store, clock):
    clock.at = "2014-09-16T10:00:00"
    enter(store, FTE, None)
    approve(store, FTE)
    rows = changes_since(plan, store, MEETING, year=2014)
    (figure,) = figure_rows(rows)
    assert (figure["before"], figure["after"]) == ("3,2", None)
    (move,) = [r for r in rows if r["kind"] == "status" and r["indicator"] == FTE[0]]
    assert move["status_now"] == "geen gegevens"


def stored(store: Store, key, district: str | None = None) -> float:
    """The stored figure of `key`, or with district "*" the sum over its districts."""
    frame = store.read_actuals().frame
    mine = frame[(frame["indicator"] == key[0]) & (frame["year"] == key[1])]
    if district != "*":
        mine = mine[mine["district"] == key[2]]
    return sum(float(v) for v in mine["value"] if v)


def test_a_wijks_figure_changes_the_city_total_with_its_editors(plan, store, clock):
    w05 = (GROUPS_W01[0], 2014, "w05")
    was = stored(store, GROUPS_W01, "*")
    difference = 9 - stored(store, GROUPS_W01) - stored(store, w05)
    clock.at = "2014-09-16T10:00:00"
    enter(store, GROUPS_W01, "9")
    approve(store, GROUPS_W01)
    clock.at = "2014-09-18T10:00:00"
    enter(store, w05, "0", editor="carla")
    approve(store, w05, editor="anna")
    for district in (None, "all"):
        rows = changes_since(plan, store, MEETING, year=2014, district=district)
        (total,) = [r for r in rows if r["kind"] == "total"]
        assert (total["indicator"], total["district"]) == (GROUPS_W01[0], "")
        assert (total["before"], total["after"]) == (f"{was:g}", f"{was + difference:g}")
        assert (total["changed_by"], total["approved_by"]) == ("anna, carla", "anna, bob")
        assert total["changed_at"] == "2014-09-18T10:00:00"  # the last of the two
        assert summary_counts(rows)["totals"] == 1
    wijken = [r for r in rows if r["kind"] == "figure"]  # district "all": the wijken listed too
    assert [r["district"] for r in wijken] == ["w01", "w05"]
    # In plan order: the total before its districts, with the figures.
    assert [r["kind"] for r in rows[:3]] == ["total", "figure", "figure"]
    # A wijk's own view has its figure and no city total.
    rows = changes_since(plan, store, MEETING, year=2014, district="w01")
    assert [r["kind"] for r in rows if r["kind"] in ("figure", "total")] == ["figure"]


def test_wijk_changes_that_cancel_out_leave_the_total_unchanged(plan, store, clock):
    w05 = (GROUPS_W01[0], 2014, "w05")
    clock.at = "2014-09-16T10:00:00"
    enter(store, GROUPS_W01, f"{stored(store, GROUPS_W01) + 1:g}")
    enter(store, w05, f"{stored(store, w05) - 1:g}")
    approve(store, GROUPS_W01)
    approve(store, w05)
    rows = changes_since(plan, store, MEETING, district="all")
    assert not [r for r in rows if r["kind"] == "total"]
    assert len([r for r in rows if r["kind"] == "figure"]) == 2


def test_a_total_with_a_concept_in_it_is_not_approved(plan, store, clock):
    clock.at = "2014-09-16T10:00:00"
    enter(store, GROUPS_W01, "9")
    assert not [r for r in changes_since(plan, store, MEETING) if r["kind"] == "total"]
    rows = changes_since(plan, store, MEETING, include_concept=True)
    (total,) = [r for r in rows if r["kind"] == "total"]
    assert (total["changed_by"], total["approved_by"]) == ("anna", None)


def test_milestones_due_since_and_before_the_next_meeting(plan, store, clock):
    # Peildatum (the figures' reporting date) 1 October 2014; counted from 1 July 2014.
    rows = changes_since(plan, store, date(2014, 7, 1))
    due = [(r["indicator"], r["changed_at"]) for r in rows if r["kind"] == "milestone"]
    assert due == [
        ("pedagogiek_dt_ad_ontwikkeld", "2014-07-31"),
        ("ad_pedagogiek_start", "2014-08-31"),
    ]
    clock.at = "2014-09-16T10:00:00"
    store.add_meeting(date(2014, 12, 31), "Stuurgroep december", "anna")
    rows = changes_since(plan, store, date(2014, 7, 1))
    later = {r["indicator"] for r in rows if r["kind"] == "milestone"} - {i for i, _ in due}
    assert later == {
        "mbo_modules_start",
        "peuterestafette_nieuw_geimplementeerd",
        "expertisecentrum_start",
    }
    assert all(r["status_now"] for r in rows if r["kind"] == "milestone")


def test_meetings_are_kept_and_recorded(store, clock):
    clock.at = "2014-09-16T10:00:00"
    store.add_meeting(date(2014, 9, 15), "Stuurgroep 15 september 2014", "anna")
    store.add_meeting(date(2014, 10, 27), "", "bob")
    with pytest.raises(ValidationFailed, match="staat al een vergadering"):
        store.add_meeting(date(2014, 9, 15), "", "bob")
    assert [m.day for m in store.meetings()] == [date(2014, 9, 15), date(2014, 10, 27)]
    store.remove_meeting(date(2014, 10, 27), "anna")
    with pytest.raises(ValidationFailed, match="staat geen vergadering"):
        store.remove_meeting(date(2014, 10, 27), "anna")
    history = store.history()
    assert list(history["action"][:3]) == ["meeting_remove", "meeting_add", "meeting_add"]
    assert list(history["editor"][:3]) == ["anna", "bob", "anna"]


def test_previous_and_next_meeting():
    meetings = [
        Meeting(date(2014, 9, 15), "A"),
        Meeting(date(2014, 10, 27)),
        Meeting(date(2014, 6, 2)),
    ]
    assert previous_meeting(meetings, date(2014, 9, 15)).title == "A"  # on the day itself
    assert previous_meeting(meetings, date(2014, 9, 14)).day == date(2014, 6, 2)
    assert previous_meeting(meetings, date(2014, 1, 1)) is None
    assert next_meeting(meetings, date(2014, 9, 15)).day == date(2014, 10, 27)
    assert due_before(meetings, date(2014, 9, 15)) == date(2014, 10, 27)
    assert due_before(meetings, date(2014, 11, 1)) == date(2014, 12, 13)  # six weeks on
    assert Meeting(date(2014, 9, 15)).label() == "15 september 2014"
    assert meetings[0].label() == "A (15 september 2014)"
