"""The editing grid as data: which figures it shows, and which edits become which saves.

The grid shows the current figure (a concept where one waits) beside its target; people change
Waarde, Teldatum, Bron and Opmerking. `grid_changes` turns the edited table into figure wishes
for the store, each with the version the editor started from, and checks every changed row with
the same rules as an import; invalid rows are reported and left out.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lib import fmt
from lib.accounts.identity import display_editor
from lib.figures.entry import figure_keys, target_text, value_hint
from lib.figures.history import ACTION_LABELS, Key, Layers, describe_value
from lib.figures.plausible import doubt
from lib.figures.rows import check_row, stored_value
from lib.plan.schema import NUMERIC_KINDS, Plan
from lib.problems import Problem
from lib.store.edit_checks import EMPTY_COUNT_DATE, city_sum_notes, current_values, district_sums
from lib.store.store import FigureInput

SUM_COLUMN = "Som van de wijken"
# Grid column -> the figure's field it edits.
EDITABLE = {"Waarde": "value", "Teldatum": "counted_on", "Bron": "source", "Opmerking": "note"}
GRID_COLUMNS = [
    "Agendapunt",
    "Indicator",
    "Jaar",
    "Wijk",
    "Doel",
    "Invullen als",
    "Status",
    *EDITABLE,
    SUM_COLUMN,
    "indicator",
    "district",
    "version",
]


def edit_table(
    plan: Plan,
    layers: dict[Key, Layers],
    versions: dict[Key, int],
    agenda: int | None = None,
    year: int | None = None,
    district: str | None = None,
) -> pd.DataFrame:
    """One row per figure the plan asks for, filtered; `district` '' is the city, None all."""
    names = plan.district_names()
    sums = district_sums(plan, current_values(layers))
    rows = []
    for key in figure_keys(plan):
        indicator = plan.indicator(key[0])
        if agenda is not None and indicator.agenda_item != agenda:
            continue
        if (year is not None and key[1] != year) or (district is not None and key[2] != district):
            continue
        slot = layers.get(key, Layers())
        record = slot.concept or slot.approved
        status = "concept" if slot.concept else "vastgesteld" if slot.approved else ""
        if slot.concept and slot.concept.value is None:
            status = "concept: verwijderen"
        rows.append(
            {
                "Agendapunt": indicator.agenda_item,
                "Indicator": indicator.name,
                "Jaar": key[1],
                "Wijk": names.get(key[2], "hele stad"),
                "Doel": target_text(indicator, key[1], key[2]),
                "Invullen als": value_hint(indicator),
                "Status": status,
                "Waarde": (record.value or "") if record else "",
                "Teldatum": record.counted_on if record else "",
                "Bron": record.source if record else "",
                "Opmerking": record.note if record else "",
                SUM_COLUMN: fmt.number(sums[key[:2]], 2)
                if key[2] == "" and key[:2] in sums
                else "",
                "indicator": key[0],
                "district": key[2],
                "version": versions.get(key, 0),
            }
        )
    return pd.DataFrame(rows, columns=GRID_COLUMNS)


def grid_changes(
    plan: Plan, original: pd.DataFrame, edited: pd.DataFrame
) -> tuple[list[FigureInput], list[Problem]]:
    """The edited rows as wishes (valid ones only) and the problems of the others.

    Rows are numbered as the grid shows them (first row = 1). Emptying the value of an
    existing figure proposes removing it.
    """
    wishes, problems = [], []
    for position, (before, after) in enumerate(
        zip(original.to_dict("records"), edited.to_dict("records"), strict=True), start=1
    ):
        fields = {EDITABLE[c]: _text(after[c]) for c in EDITABLE}
        if all(fields[EDITABLE[c]] == _text(before[c]) for c in EDITABLE):
            continue
        key = (before["indicator"], int(before["Jaar"]), before["district"])
        label = f"tabel ({before['Indicator']} {key[1]} {before['Wijk']})"
        if fields["value"] == "":
            if before["Waarde"] == "" and not before["Status"]:
                continue  # nothing was there and nothing is entered
            wishes.append(FigureInput(*key, None, expected_version=int(before["version"])))
            continue
        record = {"indicator": key[0], "year": str(key[1]), "district": key[2], **fields}
        _typed, found = check_row(record, plan, label, position)
        if not fields["counted_on"] and not any(p.field == "counted_on" for p in found):
            found.append(Problem(label, EMPTY_COUNT_DATE, row=position, field="counted_on"))
        if found:
            problems += [
                Problem(p.file, p.message, row=position, field=_grid_name(p.field)) for p in found
            ]
            continue
        wishes.append(FigureInput(*key, **fields, expected_version=int(before["version"])))
    return wishes, problems


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _grid_name(field: str | None) -> str:
    return next((c for c, f in EDITABLE.items() if f == field), field or "Waarde")


def _where(plan: Plan, district: str | None) -> str:
    return plan.district_names().get(district or "", "hele stad")


def history_table(plan: Plan, frame: pd.DataFrame, editors: Iterable[str] = ()) -> pd.DataFrame:
    """Recorded changes with Dutch headers, newest first (as `Store.history` returns them);
    names of `editors` as they are spelled there (one editor is one identity)."""
    names = {i.id: i.name for i in plan.indicators}
    editors = list(editors)
    return pd.DataFrame(
        {
            "Nr": frame["id"].astype(int),
            "Wanneer": [fmt.moment(a) for a in frame["at"]],
            "Wie": [display_editor(editors, e) for e in frame["editor"]],
            "Wat": [ACTION_LABELS.get(a, a) for a in frame["action"]],
            "Indicator": [names.get(i, i or "–") for i in frame["indicator"]],
            "Jaar": frame["year"],
            "Wijk": [
                _where(plan, d) if i else "–"
                for i, d in zip(frame["indicator"], frame["district"], strict=True)
            ],
            "Oud": [describe_value(v) for v in frame["old_value"]],
            "Nieuw": [describe_value(v) for v in frame["new_value"]],
            "Status": frame["status"].fillna(""),
            "Bron": frame["source"],
            "Opmerking": frame["note"],
        }
    )


def history_sheet(plan: Plan, frame: pd.DataFrame, editors: Iterable[str] = ()) -> pd.DataFrame:
    """`history_table` for a spreadsheet: old and new values of counts as numbers (rows.
    stored_value), so they can be summed and sorted; dates, ja/nee and '(leeg)' stay text."""
    table = history_table(plan, frame, editors)
    kinds = {i.id: i.kind for i in plan.indicators}
    for column, raw in (("Oud", "old_value"), ("Nieuw", "new_value")):
        table[column] = [
            stored_value(kinds[i], value) if kinds.get(i) in NUMERIC_KINDS and value else shown
            for shown, value, i in zip(table[column], frame[raw], frame["indicator"], strict=True)
        ]
    return table


def concepts_table(plan: Plan, layers: dict[Key, Layers], entered: dict[Key, dict]) -> pd.DataFrame:
    """Concept figures waiting for a second editor: the approved value beside the proposed one,
    whether it looks mistyped against the approved one, its count date and source, and a note
    where the city figure would differ from the sum of its districts once approved."""
    names = {i.id: i.name for i in plan.indicators}
    notes = city_sum_notes(plan, current_values(layers))
    rows = []
    for key, slot in sorted(layers.items()):
        if slot.concept is None:
            continue
        rows.append(
            {
                "Indicator": names.get(key[0], key[0]),
                "Jaar": key[1],
                "Wijk": _where(plan, key[2]),
                "Vastgesteld": describe_value(slot.approved.value if slot.approved else None),
                "Concept": "(verwijderen)"
                if slot.concept.value is None
                else describe_value(slot.concept.value),
                "Controleer": doubt(
                    plan,
                    key,
                    slot.approved.value if slot.approved else None,
                    slot.concept.value,
                ),
                "Teldatum": fmt.long_date(slot.concept.counted_on, empty="(leeg)"),
                "Bron": slot.concept.source or "(leeg)",
                "Let op": notes.get(key[:2], ""),
                "Ingevoerd door": entered[key]["by"],
                "Op": fmt.moment(entered[key]["at"]),
            }
        )
    return pd.DataFrame(rows, columns=CONCEPT_COLUMNS)


CONCEPT_COLUMNS = [
    "Indicator",
    "Jaar",
    "Wijk",
    "Vastgesteld",
    "Concept",
    "Controleer",  # a value that looks mistyped (lib/figures/plausible), for the second pair of eyes
    "Teldatum",
    "Bron",
    "Let op",
    "Ingevoerd door",
    "Op",
]


def preview_table(plan: Plan, changes: list) -> pd.DataFrame:
    """An import's changes (imports.PreviewChange) as the page lists them before importing."""
    return pd.DataFrame(
        {
            "Rij": [c.row for c in changes],
            "Cijfer": [figure_label(plan, c.key) for c in changes],
            "Oud": [c.old or "(leeg)" for c in changes],
            "Nieuw": [c.new or "(leeg)" for c in changes],
            # Beside the value, not past the long "Ook gewijzigd" out of sight.
            "Let op": [c.doubt for c in changes],
            "Ook gewijzigd": [c.also for c in changes],
        }
    )


def figure_label(plan: Plan, key: Key) -> str:
    return f"{plan.indicator(key[0]).name} · {key[1]} · {_where(plan, key[2])}"
