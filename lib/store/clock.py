"""The moment a write is recorded at: now, or a moment set for the bundled example's history.

Every history line, figure and meeting takes its time from `now()`. The example's history
(lib/store/story.py) happened in 2014 and is written through the same code as an editor's
save, inside `recorded_at`, so its lines carry their own dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

_SET: ContextVar[str | None] = ContextVar("hjk_recorded_at", default=None)


def now() -> str:
    """Local time to the second, as the history and the figures record it."""
    return _SET.get() or datetime.now().isoformat(timespec="seconds")


@contextmanager
def recorded_at(moment: datetime) -> Iterator[None]:
    """Writes inside the block are recorded at `moment` instead of now."""
    token = _SET.set(moment.isoformat(timespec="seconds"))
    try:
        yield
    finally:
        _SET.reset(token)
