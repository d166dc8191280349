"""The comparison: for every indicator, year and district, target against actual, and a status.

The rules are written down for people in docs/methodology.md; this module is their only
implementation.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib.actuals import Actuals
from lib.judge import Facts, judge
from lib.plan import NUMERIC_KINDS, Indicator, Plan
from lib.projection import project

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
]


class FigureIndex:
    """Actual figures known at the reporting date, looked up by (indicator, year, district)."""

    def __init__(self, actuals: Actuals, as_of: date) -> None:
        frame = actuals.frame
        if len(frame):
            counted = frame["counted_on"].fillna("")
            # A figure counted after the reporting date was not known then.
            frame = frame[(counted == "") | (counted <= as_of.isoformat())]
        self.records: dict[tuple, dict] = {
            (r["indicator"], r["year"], r["district"]): r
            for r in frame.drop(columns=["row"], errors="ignore").to_dict("records")
        }
        districts = frame[frame["district"] != ""]
        sums = districts.groupby(["indicator", "year"]).agg(
            total=("number", "sum"),
            count=("number", "count"),
            counted_on=("counted_on", "max"),
            changed_at=("changed_at", "max"),
        )
        # The city figure summed from districts is as recent as its latest district count.
        self.district_sums: dict[tuple, tuple[float, int, str, str]] = {
            key: (
                float(row["total"]),
                int(row["count"]),
                row["counted_on"] or "",
                row["changed_at"] or "",
            )
            for key, row in sums.iterrows()
        }

    def get(self, indicator: str, year: int, district: str = "") -> dict | None:
        return self.records.get((indicator, year, district))


def _city_figure(indicator: Indicator, year: int, figures: FigureIndex) -> tuple[dict, str]:
    """The city's figure, and a note when a city figure disagrees with its districts' sum."""
    if indicator.kind == "milestone" and indicator.deadline:
        # A milestone has one figure (the date reached), stored under its deadline year.
        return figures.get(indicator.id, indicator.deadline.year) or {}, ""
    record = figures.get(indicator.id, year) or {}
    if not (indicator.per_district and indicator.additive):
        return record, ""
    summed = figures.district_sums.get((indicator.id, year))
    if summed is None:
        return record, ""
    total, count, counted_on, changed_at = summed
    city = record.get("number")
    note = ""
    if city is not None and abs(city - total) > 1e-9:
        note = f"stadscijfer {city:g} wijkt af van de som van de wijken ({total:g})"
    dates = {
        "counted_on": max(counted_on, record.get("counted_on") or ""),
        "changed_at": max(changed_at, record.get("changed_at") or ""),
    }
    return {**record, **dates, "number": total, "districts_counted": count}, note


def _actual_value(indicator: Indicator, record: dict) -> object:
    if indicator.kind == "milestone":
        reached = record.get("reached_on")
        return reached.isoformat() if reached else None
    if indicator.kind == "commitment":
        flag = record.get("flag")
        return None if flag is None else ("ja" if flag else "nee")
    return record.get("number")


def _row(
    plan: Plan,
    indicator: Indicator,
    year: int,
    district: str,
    record: dict,
    as_of: date,
    city_note: str = "",
) -> dict:
    facts = Facts.for_row(indicator, year, district, record, as_of, plan.plan.first_year)
    verdict = judge(facts)
    target = facts.target
    if indicator.kind == "milestone":
        target = facts.deadline.isoformat() if facts.deadline else None
    elif indicator.kind == "commitment":
        target = None
    actual = _actual_value(indicator, record)
    numeric = indicator.kind in NUMERIC_KINDS and actual is not None and facts.target is not None
    difference = actual - facts.target if numeric else None
    percentage = actual / facts.target * 100 if numeric and facts.target else None
    detail = "; ".join(p for p in (verdict.detail, city_note) if p)
    if record.get("districts_counted") and district == "":
        total = len(plan.districts.list)
        if record["districts_counted"] < total:
            detail = "; ".join(
                p
                for p in (detail, f"som van {record['districts_counted']} van {total} wijken")
                if p
            )
    return {
        "indicator": indicator.id,
        "agenda_item": indicator.agenda_item,
        "goal": indicator.goal,
        "name": indicator.name,
        "unit": indicator.unit,
        "kind": indicator.kind,
        "year": year,
        "district": district,
        "district_name": plan.district_names().get(district, "Hele stad"),
        "target": target,
        "target_min": facts.target_min,
        "target_max": facts.target_max,
        "actual": actual,
        "difference": difference,
        "percentage": percentage,
        "status": verdict.status,
        "detail": detail,
        "explanation": verdict.explanation,
        "share_of_city": None,
        "city_mismatch": bool(city_note),
        "projection": None,
        "projection_reached": None,
        "counted_on": record.get("counted_on") or None,
        "source": record.get("source") or None,
        "changed_at": record.get("changed_at") or None,
    }


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
    """
    years = [year] if year is not None else plan.plan.years
    figures = FigureIndex(actuals, as_of)
    wanted = plan.district_ids() if district in (None, "all") else [district]
    rows: list[dict] = []
    for indicator in plan.indicators:
        projection = _projection(indicator, figures, as_of, plan)
        for y in years:
            record, note = _city_figure(indicator, y, figures)
            city_row = _row(plan, indicator, y, "", record, as_of, note)
            city_row["projection"], city_row["projection_reached"] = projection
            if district in (None, "all"):
                rows.append(city_row)
            if district is None or not indicator.per_district:
                continue
            for d in wanted:
                district_row = _row(
                    plan, indicator, y, d, figures.get(indicator.id, y, d) or {}, as_of
                )
                city_actual = city_row["actual"]
                if indicator.additive and district_row["actual"] is not None and city_actual:
                    district_row["share_of_city"] = district_row["actual"] / city_actual * 100
                rows.append(district_row)
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)


def _projection(
    indicator: Indicator, figures: FigureIndex, as_of: date, plan: Plan
) -> tuple[float | None, bool | None]:
    if indicator.kind not in NUMERIC_KINDS:
        return None, None
    values = {}
    for y in plan.plan.years:
        record, _ = _city_figure(indicator, y, figures)
        if record.get("number") is not None and y <= as_of.year:
            values[y] = record["number"]
    return project(indicator, values, as_of, plan.plan.last_year)


def agenda_summary(progress: pd.DataFrame) -> pd.DataFrame:
    """Per agenda item, how many city-wide targets have each status."""
    from lib.status import STATUS_ORDER

    city = progress[progress["district"] == ""]
    counts = pd.crosstab(city["agenda_item"], city["status"])
    return counts.reindex(columns=STATUS_ORDER, fill_value=0)
