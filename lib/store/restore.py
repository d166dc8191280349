"""The history read back: what a restore would do, and the figures counted before the ones
counted now.

`plan_restore` works on the recorded changes and the current layers only, so the page can show
(and the editor confirm) exactly the wishes that `Store.restore` then saves; a figure changed in
between is refused as a conflict, like any save.

`earlier_figures`: at a peildatum before a figure's teldatum the dashboard shows the figure
known then (lib/figures/index.py), not none; these are the figures each counted one replaced.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from lib.figures.history import Key, Layers, Record, replay, superseded
from lib.figures.rows import FRAME_COLUMNS, check_row
from lib.plan.schema import Plan
from lib.store.db import changes
from lib.store.writes import FigureInput


def plan_restore(
    change_rows: list[dict],
    change_id: int,
    now_layers: dict[Key, Layers],
    versions: dict[Key, int],
    key: Key | None = None,
) -> list[tuple[FigureInput, Record | None]]:
    """The wishes that bring the figures (only `key` when given) back to how they were right
    after change `change_id`, each with the figure's current record (None: no figure)."""
    then = replay(change_rows, change_id)
    keys = [key] if key else sorted(set(then) | set(now_layers))
    planned = []
    for k in keys:
        target = then.get(k, Layers()).effective() or Record(None)
        current = now_layers.get(k, Layers())
        shown = current.concept or current.approved
        if target == (shown or Record(None)):
            continue
        fields = (target.value, target.counted_on, target.source, target.note)
        wish = FigureInput(*k, *fields, expected_version=versions.get(k, 0))
        planned.append((wish, shown))
    return planned


def earlier_figures(conn, plan: Plan, counted: dict[Key, dict], include_concept: bool):
    """Typed rows (FRAME_COLUMNS and `order`) of the figures each counted figure with a teldatum
    replaced, oldest first; None when there are none. Rows the checks refuse now are left out."""
    dated = {key for key, row in counted.items() if row.get("counted_on")}
    if not dated:
        return None
    result = conn.execute(select(changes).order_by(changes.c.id))
    columns = list(result.keys())
    history = [dict(zip(columns, row, strict=True)) for row in result.all()]
    records = []
    for key, earlier in superseded(history, include_concept).items():
        if key not in dated:
            continue
        for record in earlier:
            row = {
                "indicator": key[0],
                "year": str(key[1]),
                "district": key[2],
                "value": record.value,
                "counted_on": record.counted_on,
                "source": record.source,
                "note": record.note,
            }
            typed, problems = check_row(row, plan, "database", None, stored=True)
            if typed and not problems:
                records.append({**typed, "order": len(records)})
    return pd.DataFrame(records, columns=[*FRAME_COLUMNS, "order"]) if records else None
