"""Worked examples with the loaded plan's own figures, computed when *Over de cijfers* is drawn.

A plan's own text (`plan.methodology`) writes a number that comes from its figures as a
placeholder, `{{indicator year [wijk] field}}` (or `{{peildatum}}`), and this module fills it in
from the progress table of the peildatum shown, with the engine's own planpad
(lib/progress/planpath.py): the example can never say another number than Overzicht does.

Fields: doel, startpunt, stand, status, detail, planpad, onder (planpad minus stand), moment
(the day of the planpad), soort (teldatum or peildatum), dagen ('273 van de 365 dagen'), deel
('74,8%'), factor ('0,748'), teldatum, wijk (its name), aandeel (of the city total), wijken (the wijk figures
as '5 + 4 + ...'), prognose and prognose-oordeel. A placeholder that cannot be filled shows "–".
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date

import pandas as pd

from lib import fmt
from lib.plan.periods import parse_date
from lib.plan.schema import Plan
from lib.progress.judge import Facts
from lib.progress.planpath import PlanPath, plan_path

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
MISSING = "–"


def fill_worked(text: str, plan: Plan, progress: pd.DataFrame, as_of: date) -> str:
    """`text` with every placeholder replaced by the engine's value at `as_of`."""
    return PLACEHOLDER.sub(lambda m: worked_value(m.group(1), plan, progress, as_of), text)


def worked_value(spec: str, plan: Plan, progress: pd.DataFrame, as_of: date) -> str:
    """The value of one placeholder's inside ('vve_thuis_groepen 2014 planpad')."""
    parts = spec.split()
    if parts == ["peildatum"]:
        return fmt.long_date(as_of)
    if len(parts) not in (3, 4) or not parts[1].isdigit():
        return MISSING
    indicator_id, year, field = parts[0], int(parts[1]), parts[-1]
    district = parts[2] if len(parts) == 4 else ""
    rows = progress[
        (progress["indicator"] == indicator_id)
        & (progress["year"] == year)
        & (progress["district"] == district)
    ]
    if rows.empty or indicator_id not in plan.indicators_by_id:
        return MISSING
    row = rows.iloc[0]
    if field == "wijken":
        return _districts(progress, indicator_id, year)
    value = _fields(row, plan, as_of).get(field)
    return MISSING if value is None else value


def _fields(row: pd.Series, plan: Plan, as_of: date) -> dict[str, str | None]:
    actual = None if _missing(row["actual"]) else float(row["actual"])
    counted = row["counted_on"] if isinstance(row["counted_on"], str) else ""
    facts = Facts.for_row(
        plan.indicators_by_id[row["indicator"]],
        int(row["year"]),
        row["district"],
        {"counted_on": counted, "number": actual},
        as_of,
        plan.plan.first_year,
    )
    fields: dict[str, str | None] = {
        "doel": _number(facts.target),
        "startpunt": _number(facts.start),
        "stand": _number(actual),
        "status": row["status"],
        "wijk": row["district_name"],
        "detail": row["detail"] or None,
        "teldatum": fmt.long_date(counted) if counted else None,
        "aandeel": None if _missing(row["share_of_city"]) else fmt.percent(row["share_of_city"]),
        "prognose": _number(row["projection"]),
    }
    if isinstance(row["projection_reached"], bool):
        reached = row["projection_reached"]
        fields["prognose-oordeel"] = "haalt het doel" if reached else "haalt niet het doel"
    if facts.target is not None and facts.phase == "current":
        fields |= _path_fields(
            plan_path(
                facts.target,
                facts.start,
                facts.year,
                parse_date(counted) if counted else None,
                as_of,
            ),
            actual,
        )
    return fields


def _path_fields(road: PlanPath, actual: float | None) -> dict[str, str | None]:
    days = (road.moment - date(road.moment.year, 1, 1)).days + 1
    in_year = 366 if calendar.isleap(road.moment.year) else 365
    return {
        "planpad": fmt.number(road.value),
        "onder": None if actual is None else fmt.number(road.value - actual),
        "moment": fmt.long_date(road.moment),
        "soort": road.moment_word,
        "dagen": f"{days} van de {in_year} dagen",
        "deel": fmt.number(road.share * 100) + "%",
        "factor": fmt.number(road.share, 3),
        "startpunt": fmt.number(road.start),
    }


def _districts(progress: pd.DataFrame, indicator_id: str, year: int) -> str:
    rows = progress[
        (progress["indicator"] == indicator_id)
        & (progress["year"] == year)
        & (progress["district"] != "")
    ]
    figures = [fmt.number(v) for v in rows["actual"] if not _missing(v)]
    return " + ".join(figures) if figures else MISSING


def _number(value: object) -> str | None:
    return None if _missing(value) else fmt.number(float(value))


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
