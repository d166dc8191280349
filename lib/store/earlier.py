"""The figures counted before the ones counted now, from the history: at a peildatum before a
figure's teldatum the dashboard shows the figure known then (lib/figures/index.py), not none.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from lib.figures.history import Key, superseded
from lib.figures.rows import FRAME_COLUMNS, check_row
from lib.plan.schema import Plan
from lib.store.db import changes


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
