"""The progress table (lib/progress/compare.py), computed once per worker for each set of inputs.

`progress_table` judges every figure of every year. The app computes it for every new database,
and hundreds of page tests each open a new database with the same example figures (their own
file, so their own URL and cache key in the app): a seventh of the CPU of the tests without a
browser went to computing the same table again. Here a table is kept under the full content of
what it is computed from: the plan and the figures (pickled whole, so a plan narrowed to a
selection or a figure changed by a test is another key), the peildatum, the year and the
district asked. Nothing else goes into it (no clock, no file, no setting).

Each caller gets its own copy (a shallow one: pandas copies on write), so a caller that changes
its table changes no other's. `install` is called once per worker by tests/conftest.py.
"""

from __future__ import annotations

import hashlib
import inspect
import pickle
import threading
from collections import OrderedDict
from functools import wraps

import pandas as pd
import pytest

import lib.cli.main
import lib.progress.changes
import lib.progress.compare
import lib.report.model
import lib.views.todo_read
import ui.context
from lib.figures.actuals import Actuals
from lib.plan.schema import Plan

# Every module that calls it by the name it imported.
CALLERS = (
    lib.progress.compare,
    lib.progress.changes,
    lib.report.model,
    lib.cli.main,
    lib.views.todo_read,
    ui.context,
)
KEPT = 64  # tables, the least recently used dropped first: a few MiB each at most

_tables: OrderedDict[str, pd.DataFrame] = OrderedDict()
_lock = threading.Lock()  # AppTest runs the app's script in a thread of its own


def _key(plan: Plan, actuals: Actuals, *rest: object) -> str:
    content = pickle.dumps((plan, actuals.frame, actuals.earlier, rest), protocol=5)
    return hashlib.sha256(content).hexdigest()


def install(patch: pytest.MonkeyPatch) -> None:
    compute = lib.progress.compare.progress_table

    signature = inspect.signature(compute)

    @wraps(compute)
    def progress_table(*args: object, **kwargs: object) -> pd.DataFrame:
        # One key whether the arguments come by position or by name, defaults filled in.
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        key = _key(*bound.args)
        with _lock:
            table = _tables.get(key)
            if table is not None:
                _tables.move_to_end(key)
        if table is None:
            table = compute(*bound.args)
            with _lock:
                _tables[key] = table
                while len(_tables) > KEPT:
                    _tables.popitem(last=False)
        return table.copy(deep=False)

    for module in CALLERS:
        patch.setattr(module, "progress_table", progress_table)
