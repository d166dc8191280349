"""What changed since a date (say, the last stuurgroep meeting): figures, statuses, milestones.

"Then" is rebuilt from the history (lib/figures/history.counted_then_and_now), never from today's
figures with an earlier date: the figures as they were counted at 00:00 on the date (approved
ones only unless include_concept). Figures from the starting file count as present before any
meeting. "Now" is what the dashboard counts today. Both are judged at the same peildatum,
`today` (by default the one the dashboard uses: the date the figures declare, else today), so a
status moves because figures changed, never because the two were judged on different days (at
a peildatum chosen before the figures' own, "then" judged at the figures' date made 13 statuses
'move' to geen gegevens). A deadline passed since then is a `milestone` row.

One row per change, every row with the fields of FIELDS (a field that does not apply is None):
- `figure`: a figure whose counted value differs now from then; changed_by entered it,
  approved_by approved it (None for a concept), changed_at is when it became what is counted
  (all three None for a figure that was removed).
- `total`: a city figure that is the sum of its districts and differs because district figures
  changed (only with city rows); changed_by and approved_by name the editors of those district
  figures, changed_at when the last of them came to count.
- `status`: a status that moved, status_before -> status_now; before/after are the figures
  the two statuses were judged on.
- `milestone`: a milestone whose deadline fell between then and now, or falls before the next
  meeting (lib/store/meetings.due_before); changed_at is the deadline.
- `explanation`: an editor's toelichting or maatregelen that is new or changed (approved; with
  include_concept, concepts too); before/after are the texts then and now, the toelichting
  followed by ' · Maatregelen: ...' where there are any.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pandas as pd
from sqlalchemy import select

from lib.figures.actuals import Actuals
from lib.figures.history import Counted, Key, counted_then_and_now
from lib.figures.index import summed_indicators
from lib.figures.rows import FRAME_COLUMNS, check_row
from lib.plan.schema import Plan
from lib.progress.compare import progress_table
from lib.progress.moves import (
    FIELDS,
    KINDS,
    make_row,
    milestone_rows,
    shown_value,
    status_rows,
    summary_counts,
    text_line,
)
from lib.store.db import changes, reading
from lib.store.meetings import due_before as due_before_of
from lib.store.store import Store


def moment(since: date) -> str:
    """00:00 on `since` as the history writes moments, so the day itself is included."""
    return datetime.combine(since, time()).isoformat(timespec="seconds")


def changes_since(
    plan: Plan,
    store: Store,
    since: date,
    *,
    year: int | None = None,
    district: str | None = None,
    include_concept: bool = False,
    today: date | None = None,
    actuals: Actuals | None = None,
    progress: pd.DataFrame | None = None,
) -> list[dict]:
    """Every change since 00:00 on `since`: figures and totals (in plan order) first, then
    statuses, milestones, texts.

    year: one plan year, None for every year. district: None for city rows only, "all" for the
    city and every district, or one district id for that district's rows (milestones are the
    city's and come with city rows). A caller that has them already (the dashboard) passes
    the figures counted now (`actuals`, read with the same include_concept) and their progress
    table at `today` for every year, the city and every district (`progress`).
    """
    with reading(store.engine) as conn:
        result = conn.execute(select(changes).order_by(changes.c.id))
        columns = list(result.keys())
        history = [dict(zip(columns, row, strict=True)) for row in result.all()]
    now_actuals = actuals or store.read_actuals(include_concept=include_concept)
    declared = now_actuals.meta.reporting_date
    today = today or declared or date.today()
    then, now = counted_then_and_now(history, moment(since), include_concept)
    then_actuals = actuals_of(plan, then, now, now_actuals)

    def wanted(key: Key) -> bool:
        in_year = year is None or key[1] == year
        if district == "all":
            return in_year
        return in_year and key[2] == (district or "")

    now = known_at(then, now, today)
    rows = figure_rows(plan, then, now, wanted)
    table_district = "all" if district == "all" else (district or None)
    before = progress_table(plan, then_actuals, today, year=year, district=table_district)
    if progress is None:
        after = progress_table(plan, now_actuals, today, year=year, district=table_district)
    else:
        after = progress if year is None else progress[progress["year"] == year]
        if district is None:
            after = after[after["district"] == ""]
    if district not in (None, "all"):
        before, after = (t[t["district"] == district] for t in (before, after))
    else:
        rows += total_rows(plan, then, now, year, before, after, rows)
    rows = in_plan_order(plan, rows)
    rows += status_rows(before, after)
    if district in (None, "all"):
        rows += milestone_rows(
            plan, before, after, since, today, due_before_of(store.meetings(), today)
        )
    rows += explanation_rows(plan, store, since, wanted, include_concept)
    return rows


def actuals_of(
    plan: Plan, counted: dict[Key, Counted], now: dict[Key, Counted], like: Actuals
) -> Actuals:
    """The `counted` figures as `Actuals`, with the metadata of `like` (the figures counted now,
    `now` as replayed): a figure that is the same now is taken from `like` as it is typed
    there; only the others are typed again."""
    frame = like.frame
    same = {k for k, shown in counted.items() if k in now and now[k].record == shown.record}
    keys = pd.MultiIndex.from_arrays([frame["indicator"], frame["year"], frame["district"]])
    kept = frame[keys.isin(list(same))] if same else frame.iloc[0:0]
    records = []
    for key, shown in sorted(counted.items()):
        if key in same:
            continue
        raw = {
            "indicator": key[0],
            "year": str(key[1]),
            "district": key[2],
            "value": shown.record.value,
            "counted_on": shown.record.counted_on,
            "source": shown.record.source,
            "note": shown.record.note,
            "changed_at": shown.changed_at,
            "changed_by": shown.changed_by,
        }
        typed, _problems = check_row(raw, plan, "geschiedenis", None, stored=True)
        if typed:  # a figure the plan no longer knows was not counted then either
            records.append(typed)
    changed = pd.DataFrame(records, columns=FRAME_COLUMNS)
    both = pd.concat([kept[FRAME_COLUMNS], changed], ignore_index=True) if records else kept
    return Actuals(
        both[FRAME_COLUMNS].reset_index(drop=True), like.meta, f"{like.version}:then", like.file
    )


def figure_rows(plan: Plan, then: dict, now: dict, wanted) -> list[dict]:
    """One row per figure whose counted value differs now from then (in_plan_order sorts)."""
    names = {i.id: i.name for i in plan.indicators}
    keys = [
        k
        for k in set(then) | set(now)
        if k[0] in names and wanted(k) and _value(then.get(k)) != _value(now.get(k))
    ]
    rows = []
    for key in keys:
        current = now.get(key)
        rows.append(
            make_row(
                "figure",
                key,
                names[key[0]],
                before=_value(then.get(key)),
                after=_value(current),
                changed_at=current.changed_at if current else None,
                changed_by=current.changed_by if current else None,
                approved_by=current.approved_by if current else None,
            )
        )
    return rows


def total_rows(
    plan: Plan,
    then: dict[Key, Counted],
    now: dict[Key, Counted],
    year: int | None,
    before: pd.DataFrame,
    after: pd.DataFrame,
    figures: list[dict],
) -> list[dict]:
    """City totals that are the sum of their districts (lib/figures/index.summed_indicators) and
    differ now from then because district figures changed: one row per indicator and year, with
    who entered and approved those district figures and when the last of them came to count.
    A total whose city figure is itself a `figure` row is not repeated."""
    names = {i.id: i.name for i in plan.indicators}
    summed = set(summed_indicators(plan))
    causes: dict[tuple[str, int], list[Counted | None]] = {}
    for key in set(then) | set(now):
        ident, in_year, where = key
        if where and ident in summed and (year is None or in_year == year):
            if _value(then.get(key)) != _value(now.get(key)):
                causes.setdefault((ident, in_year), []).append(now.get(key))
    listed = {(r["indicator"], r["year"]) for r in figures if r["district"] == ""}
    was_then, is_now = (
        table[table["district"] == ""].set_index(["indicator", "year"])["actual"]
        for table in (before, after)
    )
    rows = []
    for (ident, in_year), changed in causes.items():
        was, now_shown = (shown_value(t.get((ident, in_year))) for t in (was_then, is_now))
        if (ident, in_year) in listed or was == now_shown:
            continue
        present = [c for c in changed if c is not None]
        approvers = {c.approved_by for c in present}
        rows.append(
            make_row(
                "total",
                (ident, in_year, ""),
                names[ident],
                before=was,
                after=now_shown,
                changed_at=max((c.changed_at for c in present), default=None),
                changed_by=", ".join(sorted({c.changed_by for c in present})) or None,
                approved_by=None if None in approvers else ", ".join(sorted(approvers)) or None,
            )
        )
    return rows


def in_plan_order(plan: Plan, rows: list[dict]) -> list[dict]:
    """Rows by the plan's order of indicators, then year and district (the city first)."""
    order = {i.id: n for n, i in enumerate(plan.indicators)}
    return sorted(rows, key=lambda r: (order[r["indicator"]], r["year"], r["district"]))


def known_at(then: dict[Key, Counted], now: dict[Key, Counted], day: date) -> dict[Key, Counted]:
    """`now` as known at the peildatum `day`: a figure counted after it (its teldatum later) was
    not known then, so what was counted before stands in (or nothing), as the progress table at
    that peildatum shows it (lib/figures/index.py)."""
    after = day.isoformat()
    known = {}
    for key, shown in now.items():
        if (shown.record.counted_on or "")[:10] <= after:
            known[key] = shown
        elif key in then:
            known[key] = then[key]
    return known


def _value(shown: Counted | None) -> str | None:
    return shown.record.value if shown else None


def explanation_rows(plan: Plan, store: Store, since: date, wanted, include_concept: bool) -> list:
    """Texts of editors that are new or changed since `since` (none before they exist)."""
    names = {i.id: i.name for i in plan.indicators}
    then = store.texts_counted(moment(since), include_concept)
    now = store.texts_counted(None, include_concept)
    rows = []
    for key in sorted(k for k in now if k[0] in names and wanted(k)):
        current, earlier = now[key], then.get(key)
        if earlier is not None and earlier.texts == current.texts:
            continue
        rows.append(
            make_row(
                "explanation",
                key,
                names[key[0]],
                before=text_line(earlier.texts) if earlier else None,
                after=text_line(current.texts),
                changed_at=current.changed_at,
                changed_by=current.changed_by,
                approved_by=current.approved_by,
            )
        )
    return rows


__all__ = ["FIELDS", "KINDS", "changes_since", "summary_counts"]
