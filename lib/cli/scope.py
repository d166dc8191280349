"""What a command is narrowed to (a year, a wijk, an indicator) checked against the plan: an
unknown one is a usage error (exit code 2) that names what the plan has, not an empty answer.
"""

from __future__ import annotations

from lib.plan.schema import Plan
from lib.problems import UsageError


def check_scope(plan: Plan, year: int | None, district: str | None) -> None:
    """A plan year, and a district id or 'all' (progress, report, changes, explain)."""
    if year is not None and year not in plan.plan.years:
        years = f"{plan.plan.first_year}-{plan.plan.last_year}"
        raise UsageError(f"onbekend jaar {year}: het plan loopt van {years}")
    if district not in (None, "all") and district not in plan.district_ids():
        raise UsageError(
            f"onbekende wijk '{district}'; bekend: {', '.join(plan.district_ids())} of 'all'"
        )


def check_filters(
    plan: Plan, indicator: str | None, in_year: int | None, district: str | None
) -> None:
    """An unknown indicator, year or wijk given to narrow a command (history, approve, reject)
    is a usage error, not an empty answer. None is not given; district '' is the city."""
    if indicator is not None and indicator not in plan.indicators_by_id:
        raise UsageError(f"onbekende indicator '{indicator}'")
    check_scope(plan, in_year, None)
    if district not in (None, "") and district not in plan.district_ids():
        known = ", ".join(plan.district_ids())
        raise UsageError(f"onbekende wijk '{district}'; bekend: {known}, of '' voor de stad")
