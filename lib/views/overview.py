"""The overview: status counts per agenda item and a compact table of every indicator for a year."""

from __future__ import annotations

import pandas as pd

from lib import fmt
from lib.plan.schema import Plan
from lib.status import NO_TARGET, STATUS_ORDER, STATUSES, label

TILE_STATUSES = ("behaald", "op koers", "achter", "geen gegevens")


def _shown(value: object, kind: str, unit: str, singular: str | None = None) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if kind == "milestone":
        return fmt.long_date(str(value))
    if kind == "commitment":
        return str(value)
    return fmt.quantity(float(value), unit, singular=singular)


def _target_text(row: pd.Series, singular: str | None = None) -> str:
    if row["kind"] == "range" and pd.notna(row["target_min"]):
        high = fmt.quantity(row["target_max"], row["unit"], singular=singular)
        return f"{fmt.number(row['target_min'])} tot {high}"
    if row["kind"] == "milestone":
        return "uiterlijk " + fmt.long_date(row["target"]) if row["target"] else "–"
    if row["kind"] == "commitment":
        return "toezegging" if row["status"] != NO_TARGET else "–"
    return _shown(row["target"], row["kind"], row["unit"], singular)


def tiles(progress: pd.DataFrame, plan: Plan, year: int) -> list[dict]:
    """Per agenda item: its name and how many targets have each status in `year` (city-wide)."""
    city = progress[(progress["district"] == "") & (progress["year"] == year)]
    out = []
    for item in plan.agenda_items:
        rows = city[city["agenda_item"] == item.number]
        counts = rows["status"].value_counts()
        out.append(
            {
                "number": item.number,
                "name": item.name,
                "counts": {s: int(counts.get(s, 0)) for s in STATUS_ORDER},
                "targets": int((rows["status"] != NO_TARGET).sum()),
                # judged on a concept figure (counted with the sidebar switch): said on the tile
                "concepts": int(
                    ((rows["status"] != NO_TARGET) & (rows["figure_status"] == "concept")).sum()
                ),
            }
        )
    return out


def overview_table(
    progress: pd.DataFrame, plan: Plan, year: int, agenda: int | None = None
) -> pd.DataFrame:
    """One row per indicator with a target in `year`, what is behind first; Dutch display text."""
    city = progress[progress["district"] == ""]
    history = (
        city[city["kind"].isin(["level", "cumulative", "per_year", "range", "maintain"])]
        .sort_values("year")
        .groupby("indicator")["actual"]
        .agg(lambda values: [None if pd.isna(v) else float(v) for v in values])
    )
    rows = city[(city["year"] == year) & (city["status"] != NO_TARGET)]
    if agenda is not None:
        rows = rows[rows["agenda_item"] == agenda]
    rows = rows.assign(_order=rows["status"].map(lambda s: STATUSES[s].order))
    rows = rows.sort_values(["_order", "percentage", "agenda_item"], na_position="last")
    singular = {i.id: i.unit_singular for i in plan.indicators}
    return pd.DataFrame(
        {
            "Agendapunt": rows["agenda_item"].astype(int),
            "Indicator": rows["name"],
            "Doel": [_target_text(r, singular[r["indicator"]]) for _, r in rows.iterrows()],
            "Stand": [
                fmt.concept(
                    _shown(r["actual"], r["kind"], r["unit"], singular[r["indicator"]]),
                    r["figure_status"] if pd.notna(r["actual"]) else None,
                )
                for _, r in rows.iterrows()
            ],
            "Verschil": [fmt.signed(v) for v in rows["difference"]],
            "% van doel": [fmt.percent(v) for v in rows["percentage"]],
            "Status": [label(s) for s in rows["status"]],
            "Toelichting": rows["detail"].fillna(""),
            "Verloop": [history.get(i, []) for i in rows["indicator"]],
            "Waarom deze status": rows["explanation"],
            "indicator": rows["indicator"],
        }
    ).reset_index(drop=True)


def agenda_headline(city_year: pd.DataFrame, number: int, year: int) -> str:
    """'In 2014: 5 behaald, 1 op koers, 3 achter ...' for one agenda item's city-wide targets."""
    rows = city_year[(city_year["agenda_item"] == number) & (city_year["status"] != NO_TARGET)]
    counts = rows["status"].value_counts()
    parts = [f"{counts[s]} {label(s)}" for s in STATUS_ORDER if s in counts]
    if not parts:
        return f"In {year} stelt het plan voor dit agendapunt geen doelen."
    return f"**{year}, {fmt.count(len(rows), 'doel', 'doelen')}:** " + " · ".join(parts)


CONCEPT_NOTE = "inclusief conceptcijfers"


def source_line(plan: Plan, actuals, as_of) -> str:
    """'Bron: ...; doelen: ... Peildatum ...', with the example-data warning where it applies."""
    # Distinct values first: every chart's caption asks, and a large dataset has many figures.
    sources = sorted({s for s in actuals.frame["source"].unique() if s})
    source = ", ".join(sources[:3]) + (" e.a." if len(sources) > 3 else "")
    line = f"Bron: {source or 'ingevoerde cijfers'}; doelen: {plan.plan.source}. "
    line += f"Peildatum {fmt.long_date(as_of)}."
    if actuals.counts_concept:
        line += f" {CONCEPT_NOTE.capitalize()}: nog niet vastgestelde cijfers tellen mee."
    if actuals.meta.is_example:
        line += " VOORBEELDGEGEVENS, geen echte resultaten."
    return line


def latest_change(progress_source: pd.DataFrame) -> str | None:
    """The most recent `changed_at` among the figures, as ISO text."""
    changed = progress_source["changed_at"].dropna()
    changed = changed[changed != ""]
    return str(changed.max()) if len(changed) else None
