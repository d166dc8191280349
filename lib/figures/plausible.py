"""Doubts about a figure that passes every check: ten times its previous value or its target, a
tenth of its previous value, or above 0 but below a hundredth. The likeliest wrong figure is a
typing error (a zero too many or too few), and it is valid. So it is not refused: the editor sees it under "Let op" beside it in the
grid's confirmation and the import preview (and the CLI's), before anything is saved.
"""

from __future__ import annotations

from datetime import date

from lib import fmt
from lib.figures.entry import target
from lib.figures.history import Key
from lib.figures.rows import stored_value
from lib.plan.schema import Indicator, Plan

COUNTED_AFTER = "geteld op"  # how counted_after begins
FACTOR = 10  # a digit too many or too few
MIN_GAP = 10  # 1 -> 10 is growth a small count has; 4 -> 40 is worth a second look
TINY = 0.01  # above 0 and below this no figure of a plan is (a hundredth of an FTE, of a %)


def doubt(plan: Plan, key: Key, old: str | None, new: str | None) -> str:
    """Why a stored value `new` (canonical, '3,2') looks mistyped ('40 is minstens 10 keer het
    vorige cijfer (4); een nul te veel?'), else ''."""
    indicator = plan.indicators_by_id.get(key[0])
    if indicator is None or indicator.kind in ("milestone", "commitment"):
        return ""
    value, before = stored_value(indicator.kind, new), stored_value(indicator.kind, old)
    if value is None:
        return ""
    if 0 < value < TINY:  # 1e-20 FTE: no count or share is that small
        return f"{new} is kleiner dan {fmt.number(TINY, 2)}; een komma te ver?"
    if before is not None and _far_above(value, before):
        return (
            f"{fmt.number(value)} is minstens {FACTOR} keer het vorige cijfer "
            f"({fmt.number(before)}); een nul te veel?"
        )
    if before is not None and _far_above(before, value):
        return (
            f"{fmt.number(value)} is hoogstens een tiende van het vorige cijfer "
            f"({fmt.number(before)}); een cijfer vergeten?"
        )
    target = _target(indicator, key)
    if target is not None and _far_above(value, target):
        return (
            f"{fmt.number(value)} is minstens {FACTOR} keer het doel "
            f"({fmt.number(target)}); klopt dat?"
        )
    return ""


def counted_after(counted_on: str | None, as_of: date | None) -> str:
    """A figure counted after the peildatum is saved, but counts only from its teldatum on:
    'geteld op 15 oktober 2014, na de peildatum (1 oktober 2014): telt mee vanaf peildatum 15
    oktober 2014; tot dan telt het vorige cijfer', else ''."""
    if not counted_on or as_of is None or counted_on[:10] <= as_of.isoformat():
        return ""
    return (
        f"{COUNTED_AFTER} {fmt.long_date(counted_on)}, na de peildatum ({fmt.long_date(as_of)}): "
        f"telt mee vanaf peildatum {fmt.long_date(counted_on)}; tot dan telt het vorige cijfer"
    )


def warnings(plan: Plan, key: Key, old: str | None, new: str | None, counted_on, as_of) -> str:
    """Everything to say under "Let op" about one new figure: a typing error, a later count."""
    found = [doubt(plan, key, old, new), counted_after(counted_on, as_of)]
    return "; ".join(f for f in found if f)


def doubt_count(doubts: list[str]) -> str:
    """'1 cijfer lijkt verkeerd getypt' for the page and the CLI; '' when none does (a figure
    that only counts from a later peildatum is no typing error)."""
    found = sum(1 for d in doubts if d and not d.startswith(COUNTED_AFTER))
    return f"{fmt.count(found, 'cijfer lijkt', 'cijfers lijken')} verkeerd getypt" if found else ""


def _far_above(high: float, low: float) -> bool:
    """A digit apart; nothing is a tenth of 0, nor ten times it."""
    return 0 < low and high >= FACTOR * low and high - low >= MIN_GAP


def _target(indicator: Indicator, key: Key) -> float | None:
    """The highest the plan asks of this figure (entry.target, a range's upper bound). None
    where the plan sets none (a wijk without a target of its own is not held to the city's)."""
    _id, year, district = key
    if indicator.kind == "range" and not district:
        found = indicator.bounds(year)[1]
    else:
        found = target(indicator, year, district)
    return float(found) if isinstance(found, int | float) and found > 0 else None
