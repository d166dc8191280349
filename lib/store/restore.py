"""What a restore would do: per figure its value now and the value it comes back to.

`plan_restore` works on the recorded changes and the current layers only, so the page can show
(and the editor confirm) exactly the wishes that `Store.restore` then saves; a figure changed in
between is refused as a conflict, like any save.
"""

from __future__ import annotations

from lib.figures.history import Key, Layers, Record, replay
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
