"""The planpad of a running year: where an even road from the start to the year's target stands
on one day. One computation for the status (lib/progress/judge.py) and for the worked examples
that Over de cijfers draws from the loaded plan (lib/views/worked.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lib.plan.periods import year_fraction


@dataclass(frozen=True)
class PlanPath:
    moment: date  # the day the path is taken on
    moment_word: str  # "teldatum" or "peildatum"
    share: float  # the part of the year gone by on that day
    start: float
    value: float


def plan_path(
    target: float, start: float | None, year: int, counted_on: date | None, as_of: date
) -> PlanPath:
    """The path at the figure's count date when it was counted in the running year before the
    peildatum, otherwise at the peildatum; without a start the path is the target."""
    counted = counted_on is not None and date(year, 1, 1) <= counted_on < as_of
    moment, word = (counted_on, "teldatum") if counted else (as_of, "peildatum")
    share = year_fraction(moment, year)
    begin = target if start is None else start
    return PlanPath(moment, word, share, begin, begin + (target - begin) * share)
