"""The editing grid as data: which figures it shows, and which edits become which saves.

The grid shows the current figure (a concept where one waits) beside its target; people change
Waarde, Teldatum, Bron and Opmerking. `grid_changes` turns the edited table into figure wishes
for the store, each with the version the editor started from, and checks every changed row with
the same rules as an import; invalid rows are reported and left out.
"""

from __future__ import annotations

import pandas as pd

from lib.figures.entry import figure_keys, target_text, value_hint
from lib.figures.history import ACTION_LABELS, Key, Layers, describe_value
from lib.figures.rows import check_row
from lib.plan.schema import Plan
from lib.problems import Problem
from lib.store.store import FigureInput

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


def history_table(plan: Plan, frame: pd.DataFrame) -> pd.DataFrame:
    """Recorded changes with Dutch headers, newest first (as `Store.history` returns them)."""
    names = {i.id: i.name for i in plan.indicators}
    return pd.DataFrame(
        {
            "Nr": frame["id"].astype(int),
            "Wanneer": [str(a).replace("T", " ") for a in frame["at"]],
            "Wie": frame["editor"],
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


def concepts_table(plan: Plan, layers: dict[Key, Layers], entered: dict[Key, dict]) -> pd.DataFrame:
    """Concept figures waiting for a second editor: the approved value beside the proposed one."""
    names = {i.id: i.name for i in plan.indicators}
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
                "Ingevoerd door": entered[key]["by"],
                "Op": entered[key]["at"].replace("T", " "),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["Indicator", "Jaar", "Wijk", "Vastgesteld", "Concept", "Ingevoerd door", "Op"],
    )


def figure_label(plan: Plan, key: Key) -> str:
    return f"{plan.indicator(key[0]).name} · {key[1]} · {_where(plan, key[2])}"
