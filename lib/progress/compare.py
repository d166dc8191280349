"""The comparison: for every indicator, year and district, target against actual, and a status.

The rules are written down for people in docs/methodology.md; lib/progress/judge.py is their only
implementation. This module applies them to whole tables: figures are looked up with one join,
and rows that agree on everything a verdict depends on are judged once, so a million rows cost
seconds, not minutes.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from lib.figures.actuals import Actuals
from lib.figures.index import FigureIndex, city_figures
from lib.plan.schema import NUMERIC_KINDS, Plan
from lib.progress.columns import (
    difference_and_percentage,
    objects,
    or_none,
    share_of_city,
    shown_actual,
    with_notes,
)
from lib.progress.judge import Facts, judge
from lib.progress.projection import project

PROGRESS_COLUMNS = [
    "indicator",
    "agenda_item",
    "goal",
    "name",
    "unit",
    "kind",
    "year",
    "district",
    "district_name",
    "target",
    "target_min",
    "target_max",
    "actual",
    "difference",
    "percentage",
    "status",
    "detail",
    "explanation",
    "share_of_city",
    "city_mismatch",
    "projection",
    "projection_reached",
    "counted_on",
    "source",
    "changed_at",
    "figure_status",  # "concept" or "vastgesteld" for a stored figure; None from a CSV or none
]

# What decides a verdict; rows that agree on all of it get the same verdict, judged once.
_VERDICT_KEY = [
    "indicator",
    "year",
    "target_district",
    "number",
    "reached_on",
    "flag",
    "counted_on",
    "counted_later",
]


def progress_table(
    plan: Plan,
    actuals: Actuals,
    as_of: date,
    year: int | None = None,
    district: str | None = None,
) -> pd.DataFrame:
    """Progress rows judged at `as_of`.

    year: one plan year, or None for every year. district: None for city-wide rows only,
    "all" for the city and every district, or one district id for that district's rows.
    Rows come per indicator in plan order, per year, the city before its districts.
    """
    years = [year] if year is not None else plan.plan.years
    figures = FigureIndex(actuals, as_of)
    # Every plan year of the city, whatever is asked: projections and shares of the city need them.
    city = city_figures(plan, figures, plan.plan.years)
    city = city.assign(district="", **_projections(plan, city, as_of))
    city["counted_later"] = figures.counted_later(city)
    city["order"] = np.arange(len(city)) * (len(plan.districts.list) + 2)
    parts = []
    if district in (None, "all"):
        parts.append(city[city["year"].isin(years)])
    if district is not None:
        wanted = plan.district_ids() if district == "all" else [district]
        parts.append(_district_rows(plan, figures, city, years, wanted))
    rows = pd.concat(parts, ignore_index=True)
    rows = rows.sort_values("order", kind="stable", ignore_index=True)
    return _table(plan, rows, as_of)


def _district_rows(
    plan: Plan, figures: FigureIndex, city: pd.DataFrame, years: list[int], wanted: list[str]
) -> pd.DataFrame:
    """Rows of the districts in `wanted` for every indicator counted per district."""
    counted = [i.id for i in plan.counted_per_district()]
    city = city[city["indicator"].isin(counted) & city["year"].isin(years)]
    keys = pd.DataFrame(
        {
            "indicator": np.repeat(city["indicator"].to_numpy(), len(wanted)),
            "year": np.repeat(city["year"].to_numpy(), len(wanted)),
            "district": np.tile(np.asarray(wanted, dtype=object), len(city)),
            "order": np.repeat(city["order"].to_numpy(), len(wanted))
            + np.tile(np.arange(1, len(wanted) + 1), len(city)),
            "city_actual": np.repeat(
                shown_actual(city, _Indicators(plan, city).attribute("kind")), len(wanted)
            ),
        }
    )
    return pd.concat([keys, figures.lookup(keys)], axis=1).assign(
        districts_counted=None,
        city_note="",
        projection=None,
        projection_reached=None,
        counted_later=figures.counted_later(keys),
    )


def _projections(plan: Plan, city: pd.DataFrame, as_of: date) -> dict[str, list]:
    """Per city row, the projection of its indicator to the plan's last year (same every year)."""
    keys = zip(city["indicator"], city["year"], strict=True)
    numbers = dict(zip(keys, city["number"], strict=True))
    projected, reached = [], []
    for indicator in plan.indicators:
        result: tuple[float | None, bool | None] = (None, None)
        if indicator.kind in NUMERIC_KINDS:
            values = {
                y: numbers[(indicator.id, y)]
                for y in plan.plan.years
                if numbers[(indicator.id, y)] is not None and y <= as_of.year
            }
            result = project(indicator, values, as_of, plan.plan.last_year)
        projected += [result[0]] * len(plan.plan.years)
        reached += [result[1]] * len(plan.plan.years)
    return {"projection": projected, "projection_reached": reached}


def _table(plan: Plan, rows: pd.DataFrame, as_of: date) -> pd.DataFrame:
    if rows.empty:
        return pd.DataFrame([], columns=PROGRESS_COLUMNS)
    indicators = _Indicators(plan, rows)
    district = rows["district"].to_numpy(dtype=object)
    target_district = np.where(district == "", "", np.where(_own_target(plan, rows), district, "*"))
    groups = (
        rows.assign(target_district=target_district)
        .groupby(_VERDICT_KEY, sort=False, dropna=False)
        .ngroup()
        .to_numpy()
    )
    _, first = np.unique(groups, return_index=True)
    verdicts = _verdicts(plan, rows.iloc[first], as_of)
    target, low, high, facts_target, status, detail, explanation = (
        objects([v[n] for v in verdicts])[groups] for n in range(7)
    )
    kinds = indicators.attribute("kind")
    actual = shown_actual(rows, kinds)
    difference, percentage = difference_and_percentage(kinds, actual, facts_target)
    note = rows["city_note"].to_numpy(dtype=object)
    columns = {
        "indicator": rows["indicator"],
        "agenda_item": indicators.attribute("agenda_item"),
        "goal": indicators.attribute("goal"),
        "name": indicators.attribute("name"),
        "unit": indicators.attribute("unit"),
        "kind": kinds,
        "year": rows["year"],
        "district": district,
        "district_name": _district_names(plan, rows["district"]),
        "target": target,
        "target_min": low,
        "target_max": high,
        "actual": actual,
        "difference": difference,
        "percentage": percentage,
        "status": status,
        "detail": with_notes(plan, detail, note, rows["districts_counted"].to_numpy(object)),
        "explanation": explanation,
        "share_of_city": share_of_city(rows, actual, indicators.attribute("additive")),
        "city_mismatch": note != "",
        "projection": rows["projection"],
        "projection_reached": rows["projection_reached"],
        "counted_on": or_none(rows["counted_on"]),
        "source": or_none(rows["source"]),
        "changed_at": or_none(rows["changed_at"]),
        "figure_status": or_none(rows["figure_status"]),
    }
    # Lists of Python objects: pandas then infers each column's type exactly as it did when this
    # table was built from one dict per row.
    return pd.DataFrame(
        {c: np.asarray(v, dtype=object).tolist() for c, v in columns.items()},
        columns=PROGRESS_COLUMNS,
    )


def _own_target(plan: Plan, rows: pd.DataFrame) -> np.ndarray:
    """Rows of a district with a target of its own; other districts share one verdict per figure.

    A target for "all" districts is the same for each, so it does not set a district apart.
    """
    own = [(i.id, d) for i in plan.indicators for d in i.district_targets or {} if d != "all"]
    if not own:
        return np.zeros(len(rows), dtype=bool)
    return pd.MultiIndex.from_arrays([rows["indicator"], rows["district"]]).isin(own)


class _Indicators:
    """The plan's indicator attributes, one value per row of `rows`."""

    def __init__(self, plan: Plan, rows: pd.DataFrame) -> None:
        self.plan = plan
        self.positions = pd.Index([i.id for i in plan.indicators]).get_indexer(rows["indicator"])

    def attribute(self, name: str) -> np.ndarray:
        return objects([getattr(i, name) for i in self.plan.indicators])[self.positions]


def _district_names(plan: Plan, districts: pd.Series) -> np.ndarray:
    names = objects([d.name for d in plan.districts.list] + ["Hele stad"])
    positions = pd.Index(plan.district_ids()).get_indexer(districts)
    return names[positions]  # -1, not a district, takes the last: the city


def _verdicts(plan: Plan, rows: pd.DataFrame, as_of: date) -> list[tuple]:
    """Per row: target shown, target_min, target_max, target as a number, status, detail,
    explanation."""
    by_id = {i.id: i for i in plan.indicators}
    out = []
    columns = [*_VERDICT_KEY[:2], "district", *_VERDICT_KEY[3:]]
    for ident, year, district, number, reached_on, flag, counted_on, later in zip(
        *(rows[c].tolist() for c in columns), strict=True
    ):
        indicator = by_id[ident]
        record = {
            "number": number,
            "reached_on": reached_on,
            "flag": flag,
            "counted_on": counted_on,
            "counted_later": later,
        }
        facts = Facts.for_row(indicator, year, district, record, as_of, plan.plan.first_year)
        verdict = judge(facts)
        target = facts.target
        if indicator.kind == "milestone":
            target = facts.deadline.isoformat() if facts.deadline else None
        elif indicator.kind == "commitment":
            target = None
        out.append(
            (
                target,
                facts.target_min,
                facts.target_max,
                facts.target,
                verdict.status,
                verdict.detail,
                verdict.explanation,
            )
        )
    return out


def agenda_summary(progress: pd.DataFrame) -> pd.DataFrame:
    """Per agenda item, how many city-wide targets have each status."""
    from lib.status import STATUS_ORDER

    city = progress[progress["district"] == ""]
    counts = pd.crosstab(city["agenda_item"], city["status"])
    return counts.reindex(columns=STATUS_ORDER, fill_value=0)
