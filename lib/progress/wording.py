"""Dutch words for time in a verdict: how late, and a figure counted after the peildatum."""

from __future__ import annotations

from datetime import date

from lib import fmt
from lib.plan.periods import months_between


def delay(earlier: date, later: date) -> str:
    """How long `later` is after `earlier`, in Dutch: less than a whole calendar month in days
    ("20 dagen"), otherwise in whole calendar months, rounded down ("1 maand" for 31 days)."""
    months = months_between(earlier, later)
    if months:
        return f"{months} maand" if months == 1 else f"{months} maanden"
    days = (later - earlier).days
    return f"{days} dag" if days == 1 else f"{days} dagen"


def counted_later(when: date) -> str:
    """'cijfer geteld op 30 september 2014, na de peildatum'."""
    return f"cijfer geteld op {fmt.long_date(when)}, na de peildatum"


def counted_later_why(when: date, as_of: date) -> str:
    return (
        f"Het cijfer is geteld op {fmt.long_date(when)}, na de peildatum "
        f"({fmt.long_date(as_of)}), en was toen nog niet bekend."
    )
