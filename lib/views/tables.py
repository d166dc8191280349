"""Flat tables of the plan for export and the command line."""

from __future__ import annotations

import pandas as pd

from lib.plan.schema import Plan

TARGET_COLUMNS = [
    "indicator",
    "agenda_item",
    "name",
    "unit",
    "kind",
    "year",
    "target",
    "target_min",
    "target_max",
    "goal",
    "per_district",
    "additive",
    "source_section",
    "source_quote",
]


def targets_table(plan: Plan) -> pd.DataFrame:
    """One row per indicator and year in which the plan sets something.

    `target` is the level to reach (cumulative where the plan counts up), the lower bound for a
    range, the deadline (ISO date) for a milestone, and empty for a commitment, whose words for
    that year are in `name`.
    """
    rows = []
    for indicator in plan.indicators:
        levels = indicator.levels()
        for year in indicator.years():
            low, high = indicator.bounds(year)
            target: object = levels.get(year)
            name = indicator.name
            if indicator.kind == "milestone":
                target = indicator.deadline.isoformat()
            elif indicator.kind == "commitment":
                target, name = None, indicator.commitments[year]
            rows.append(
                {
                    "indicator": indicator.id,
                    "agenda_item": indicator.agenda_item,
                    "name": name,
                    "unit": indicator.unit,
                    "kind": indicator.kind,
                    "year": year,
                    "target": target,
                    "target_min": low,
                    "target_max": high,
                    "goal": indicator.goal,
                    "per_district": indicator.per_district,
                    "additive": indicator.additive,
                    "source_section": indicator.source.section,
                    "source_quote": indicator.source.quote,
                }
            )
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


REPEATED = ("Indicator", "Wijk", "Teldatum", "Bron", "Laatst gewijzigd", "Door")


def figures_table(plan: Plan, frame: pd.DataFrame) -> pd.DataFrame:
    """Every stored figure with where it came from and when it last changed (Dutch headers)."""
    from lib import fmt

    names = {i.id: i.name for i in plan.indicators}
    districts = plan.district_names()
    ordered = frame.sort_values(["changed_at", "indicator", "year"], ascending=[False, True, True])
    table = pd.DataFrame(
        {
            "Indicator": [names.get(i, i) for i in ordered["indicator"]],
            "Jaar": ordered["year"].astype(int),
            "Wijk": [districts.get(d, "hele stad") for d in ordered["district"]],
            "Waarde": ordered["value"],
            "Teldatum": [fmt.long_date(d) if d else "–" for d in ordered["counted_on"]],
            "Bron": ordered["source"],
            "Laatst gewijzigd": [fmt.long_date(d) if d else "–" for d in ordered["changed_at"]],
            "Door": ordered["changed_by"],
            "Opmerking": ordered["note"],
        }
    ).reset_index(drop=True)
    # Few distinct texts, repeated on every row: as categories the table is sent to the browser
    # as a dictionary (at 100x the server's peak while sending it went 393 -> 363 MiB).
    return table.astype({column: "category" for column in REPEATED})
