"""The editing grid as data: which figures it offers, and which edits become which saves."""

from __future__ import annotations

import pytest
from store_fixtures import FTE, open_store

from lib import fmt
from lib.figures.entry import figure_keys, target_text
from lib.store.edit_checks import (
    EMPTY_COUNT_DATE,
    changes_table,
    city_sum_notes,
    current_values,
    district_sums,
    with_wishes,
)
from lib.store.edit_table import edit_table, grid_changes
from lib.store.writes import FigureInput


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


def test_a_count_with_decimals_is_named_and_left_out_while_fte_keeps_them(plan, table):
    edited, row = edit(table, "hbo_coach_vve_groepen", Waarde="26,5", Teldatum="2014-09-30")
    wishes, (problem,) = grid_changes(plan, table, edited)
    assert wishes == [] and (problem.row, problem.field) == (row, "Waarde")
    assert "'26,5' is geen geheel getal" in problem.message and "groepen" in problem.message
    edited, _ = edit(table, "hbo_coach_fte", Waarde="3,25")
    (wish,), problems = grid_changes(plan, table, edited)
    assert problems == [] and wish.value == "3,25"


def test_untouched_grid_has_no_changes(plan, table):
    assert grid_changes(plan, table, table.copy()) == ([], [])


def test_an_empty_teldatum_is_refused_with_its_row_and_column(plan, table):
    edited = table.copy()
    row = int(table.index[table["indicator"] == "hbo_coach_fte"][0])
    edited.loc[row, ["Waarde", "Teldatum"]] = ["4", ""]
    wishes, problems = grid_changes(plan, table, edited)
    assert wishes == []
    (problem,) = problems
    assert (problem.row, problem.field) == (row + 1, "Teldatum")
    assert problem.message == EMPTY_COUNT_DATE


GROUPS = "hbo_coach_vve_groepen"


def test_a_city_figure_unlike_its_districts_sum_is_noted_and_the_sum_shown(plan, tmp_path):
    store = open_store(plan, f"sqlite:///{tmp_path / 'f.sqlite3'}")
    layers, versions, _ = store.layers()
    values = current_values(layers)
    total = district_sums(plan, values)[(GROUPS, 2014)]
    assert (GROUPS, 2014) not in city_sum_notes(plan, values)  # no city figure yet
    grid = edit_table(plan, layers, versions, year=2014, district="")
    city = grid[grid["indicator"] == GROUPS].iloc[0]
    assert city["Som van de wijken"] == fmt.number(total, 2) and city["Waarde"] == ""
    typed = [FigureInput(GROUPS, 2014, "", "30", "2014-09-30")]
    notes = city_sum_notes(plan, with_wishes(values, typed))
    assert notes[(GROUPS, 2014)].startswith(
        f"VVE-groepen met een HBO'er als coach 2014: het stadscijfer 30 wijkt af van de som van "
        f"de wijken ({fmt.number(total, 2)})"
    )
    # The same figure as the sum, or a district figure that makes the sum right, is fine.
    agree = [FigureInput(GROUPS, 2014, "", fmt.number(total, 2), "2014-09-30")]
    assert (GROUPS, 2014) not in city_sum_notes(plan, with_wishes(values, agree))


def test_the_confirmation_lists_old_and_new_per_figure(plan, tmp_path):
    store = open_store(plan, f"sqlite:///{tmp_path / 'f.sqlite3'}")
    layers, _versions, _ = store.layers()
    wishes = [
        FigureInput(*FTE, "4", "2014-09-30", "Monitor", "", expected_version=1),
        FigureInput(GROUPS, 2014, "w01", None, expected_version=1),
    ]
    rows = changes_table(plan, layers, wishes).to_dict("records")
    assert rows[0]["Cijfer"] == "Inzet HBO-coaches op VVE-groepen · 2014 · hele stad"
    assert (rows[0]["Oud"], rows[0]["Nieuw"], rows[0]["Teldatum"]) == (
        "3,2",
        "4",
        "30 september 2014",
    )
    assert rows[0]["Verder"] == "bron: 'Subsidieadministratie gemeente (voorbeeld)' -> 'Monitor'"
    assert rows[0]["Let op"] == rows[1]["Let op"] == ""
    typo = [FigureInput(*FTE, "32", "2014-09-30", "Monitor", "", expected_version=1)]
    (row,) = changes_table(plan, layers, typo).to_dict("records")
    assert row["Let op"].startswith("32 is minstens 10 keer het vorige cijfer (3,2)")
    assert (rows[1]["Oud"], rows[1]["Nieuw"]) == ("4", "(verwijderen)")
