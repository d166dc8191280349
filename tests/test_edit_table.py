"""The editing grid as data: which figures it offers, and which edits become which saves."""

from __future__ import annotations

import pytest
from store_fixtures import FTE, open_store

from lib.figures.entry import figure_keys, target_text
from lib.store.edit_table import edit_table, grid_changes


@pytest.fixture
def table(plan, tmp_path):
    store = open_store(plan, f"sqlite:///{tmp_path / 'f.sqlite3'}")
    layers, versions, _ = store.layers()
    return edit_table(plan, layers, versions, agenda=1, year=2014, district="")


def test_figure_keys_cover_city_and_districts_where_counted(plan):
    keys = figure_keys(plan)
    assert ("hbo_coach_vve_groepen", 2014, "w03") in keys and FTE in keys
    assert ("hbo_coach_fte", 2014, "w03") not in keys
    milestone = next(i for i in plan.indicators if i.kind == "milestone")
    assert {k[1] for k in keys if k[0] == milestone.id} == {milestone.deadline.year}


@pytest.mark.parametrize(
    ("indicator", "year", "district", "expected"),
    [
        ("hbo_coach_vve_groepen", 2014, "", "40 groepen"),
        ("hbo_coach_fte", 2014, "", "4 FTE"),
        ("hbo_coach_vve_groepen", 2014, "w01", "alleen stadsdoel"),
    ],
)
def test_target_text(plan, indicator, year, district, expected):
    assert target_text(plan.indicator(indicator), year, district) == expected


def test_the_grid_shows_the_figure_beside_its_target(table):
    row = table[table["indicator"] == "hbo_coach_fte"].iloc[0]
    assert (row["Waarde"], row["Doel"], row["Status"], row["version"]) == (
        "3,2",
        "4 FTE",
        "vastgesteld",
        1,
    )
    assert set(table["Jaar"]) == {2014} and set(table["Agendapunt"]) == {1}


def edit(table, indicator: str, **cells):
    edited = table.copy()
    index = edited.index[edited["indicator"] == indicator][0]
    for column, value in cells.items():
        edited.loc[index, column] = value
    return edited, int(index) + 1


def test_an_edited_value_becomes_a_wish_with_the_version_seen(plan, table):
    edited, _ = edit(table, "hbo_coach_fte", Waarde="3,6", Opmerking="nageteld")
    wishes, problems = grid_changes(plan, table, edited)
    assert problems == []
    (wish,) = wishes
    assert (wish.key, wish.value, wish.note, wish.expected_version) == (FTE, "3,6", "nageteld", 1)


def test_emptying_a_value_proposes_removal(plan, table):
    edited, _ = edit(table, "hbo_coach_fte", Waarde="")
    (wish,), _ = grid_changes(plan, table, edited)
    assert wish.value is None


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"Waarde": "veel"}, "Waarde", "'veel' is geen getal"),
        ({"Waarde": "-2"}, "Waarde", "-2 is negatief"),
        ({"Teldatum": "morgen"}, "Teldatum", "'morgen' is geen datum"),
    ],
)
def test_invalid_cells_are_named_and_left_out(plan, table, cells, column, message):
    edited, row = edit(table, "hbo_coach_fte", **cells)
    wishes, (problem,) = grid_changes(plan, table, edited)
    assert wishes == []
    assert (problem.row, problem.field) == (row, column) and message in problem.message


def test_untouched_grid_has_no_changes(plan, table):
    assert grid_changes(plan, table, table.copy()) == ([], [])
