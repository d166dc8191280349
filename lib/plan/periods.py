"""Dates and periods: the deadline of a plan period, and how far a year has progressed."""

from __future__ import annotations

import calendar
import re
from datetime import date

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_period_end(period: str) -> date | None:
    """Last day of a period written as YYYY, YYYY-MM or YYYY-MM-DD; None if it is not one."""
    match = _PERIOD.match(str(period).strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 12, 31)
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day)
    except ValueError:
        return None


def year_fraction(as_of: date, year: int) -> float:
    """Share of `year` that has passed at the end of day `as_of` (0 before, 1 after)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def add_months(day: date, months: int) -> date:
    """`day` moved `months` calendar months on; a day the month lacks becomes its last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from `earlier` to `later`, rounded down; 0 for less than one.

    31 July to 31 August is 1 month, to 30 August 0; 31 January to 28 February is 1 month (the
    month has no later day). 0 when `later` is not after `earlier`.
    """
    if later <= earlier:
        return 0
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    while months > 0 and add_months(earlier, months) > later:
        months -= 1
    return months


_DUTCH_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
# An ISO date, perhaps with the time of day a spreadsheet's date cell or the history carries;
# nothing else after it: '2014-12-01 verwacht' and '2014-08-311' were read as dates.
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def parse_date(text: str) -> date | None:
    """A date written as 2014-08-01 (ISO, perhaps with a time) or 1-8-2014 (Dutch); None if it
    is neither."""
    text = str(text).strip()
    try:
        if _DUTCH_DATE.match(text):
            day, month, year = (int(p) for p in text.split("-"))
            return date(year, month, day)
        return date.fromisoformat(text[:10]) if _ISO_DATE.match(text) else None
    except ValueError:
        return None
