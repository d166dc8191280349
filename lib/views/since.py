"""What the page *Sinds de vorige vergadering* and Overzicht's block show of the changes since a
date (lib/progress/changes.py): Dutch tables and the one-line summary, with correct singulars.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib import fmt
from lib.figures.history import describe_value
from lib.plan.schema import Plan
from lib.progress.changes import summary_counts
from lib.status import BEHIND, label


def summary(rows: list[dict]) -> str:
    """'6 cijfers gewijzigd (waarvan 2 stadstotalen uit de wijken), 2 statussen veranderd
    (1 naar achter)'."""
    counts = summary_counts(rows)
    text = f"{fmt.count(counts['figures'], 'cijfer', 'cijfers')} gewijzigd"
    if counts["totals"]:
        totals = fmt.count(counts["totals"], "stadstotaal", "stadstotalen")
        text += f" (waarvan {totals} uit de wijken)"
    text += ", "
    text += f"{fmt.count(counts['statuses'], 'status', 'statussen')} veranderd"
    if counts["into_behind"]:
        text += f" ({fmt.number(counts['into_behind'])} naar {BEHIND})"
    if counts["explanations"]:
        text += f", {fmt.count(counts['explanations'], 'toelichting', 'toelichtingen')} nieuw of gewijzigd"
    return text


def _where(plan: Plan, district: str, kind: str = "") -> str:
    if kind == "total":
        return "hele stad (som van de wijken)"
    return plan.district_names()[district] if district else "hele stad"


def _value(plan: Plan, indicator: str, value: str | None) -> str:
    """A stored value for people: '3,2 FTE', '1 augustus 2014', 'ja', '(leeg)'."""
    item = plan.indicator(indicator)
    return value_for_people(value, item.kind, item.unit)


def value_for_people(value: str | None, kind: str, unit: str) -> str:
    """A value as the history writes it ('3,2', '2014-08-01', 'ja') for an indicator of `kind`
    counted in `unit`: '3,2 FTE', '1 augustus 2014', 'ja', '(leeg)'."""
    if kind == "milestone" and not value:
        return "nog niet bereikt"
    if value is None or value == "":
        return describe_value(value)
    if kind == "milestone":
        return fmt.long_date(value) if value[:1].isdigit() else "niet bereikt"
    if kind == "commitment":
        return value
    return f"{value} {unit}".strip()


def figure_table(plan: Plan, rows: list[dict]) -> pd.DataFrame:
    """The figures that changed: old -> new, by whom, approved by whom, when. A city total made
    from changed district figures names their editors and the last moment among them."""
    shown = [r for r in rows if r["kind"] in ("figure", "total")]
    return pd.DataFrame(
        {
            "Indicator": [r["name"] for r in shown],
            "Jaar": [str(r["year"]) for r in shown],
            "Waar": [_where(plan, r["district"], r["kind"]) for r in shown],
            "Was": [_value(plan, r["indicator"], r["before"]) for r in shown],
            "Nu": [_value(plan, r["indicator"], r["after"]) for r in shown],
            "Ingevoerd door": [r["changed_by"] or "–" for r in shown],
            "Vastgesteld door": [r["approved_by"] or "nog niet (concept)" for r in shown],
            "Wanneer": [fmt.moment(r["changed_at"]) for r in shown],
        }
    )


def status_table(plan: Plan, rows: list[dict], texts: dict | None = None) -> pd.DataFrame:
    """The statuses that moved, worst first (the order of the rows), with the editors' texts
    (`texts`: (indicator, year, district) -> (toelichting, maatregelen)) where written."""
    shown = [r for r in rows if r["kind"] == "status"]
    pairs = [(texts or {}).get((r["indicator"], r["year"], r["district"]), ("", "")) for r in shown]
    return pd.DataFrame(
        {
            "Indicator": [r["name"] for r in shown],
            "Jaar": [str(r["year"]) for r in shown],
            "Waar": [_where(plan, r["district"]) for r in shown],
            "Was": [label(r["status_before"]) for r in shown],
            "Status": [label(r["status_now"]) for r in shown],
            "Cijfer toen": [_value(plan, r["indicator"], r["before"]) for r in shown],
            "Cijfer nu": [_value(plan, r["indicator"], r["after"]) for r in shown],
            "Toelichting": [p[0] for p in pairs],
            "Maatregelen": [p[1] for p in pairs],
        }
    )


def explanation_table(plan: Plan, rows: list[dict], texts: dict) -> pd.DataFrame:
    """Editors' texts that are new or changed: what they say now, by whom, approved by whom."""
    shown = [r for r in rows if r["kind"] == "explanation"]
    pairs = [texts.get((r["indicator"], r["year"], r["district"]), ("", "")) for r in shown]
    return pd.DataFrame(
        {
            "Indicator": [r["name"] for r in shown],
            "Jaar": [str(r["year"]) for r in shown],
            "Waar": [_where(plan, r["district"]) for r in shown],
            "Toelichting": [p[0] for p in pairs],
            "Maatregelen": [p[1] for p in pairs],
            "Geschreven door": [r["changed_by"] or "–" for r in shown],
            "Vastgesteld door": [r["approved_by"] or "nog niet (concept)" for r in shown],
            "Wanneer": [fmt.moment(r["changed_at"]) for r in shown],
        }
    )


def milestone_table(plan: Plan, rows: list[dict], today: date, due: bool) -> pd.DataFrame:
    """Milestones that fell due up to `today` (due False), or fall due after it (due True)."""
    shown = [
        r for r in rows if r["kind"] == "milestone" and (r["changed_at"] > today.isoformat()) == due
    ]
    return pd.DataFrame(
        {
            "Mijlpaal": [r["name"] for r in shown],
            "Deadline": [fmt.long_date(r["changed_at"]) for r in shown],
            "Bereikt op": [
                fmt.long_date(r["after"]) if (r["after"] or "")[:1].isdigit() else "nog niet"
                for r in shown
            ],
            "Status": [label(r["status_now"]) if r["status_now"] else "–" for r in shown],
        }
    )
