"""Closed years: a closed year refuses every change until it is reopened; both are recorded.

Mixed into lib/store/store.Store, which brings `engine` and `plan`.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from lib.figures.history import Record, describe_key
from lib.problems import Problem, ValidationFailed
from lib.store.clock import now
from lib.store.db import reading, writing, years
from lib.store.writes import FigureInput, record_change


class YearStore:
    """Which years are closed, closing and reopening them, and the check every write makes."""

    def closed_years(self) -> set[int]:
        with reading(self.engine) as conn:
            return set(conn.execute(select(years.c.year).where(years.c.closed)).scalars())

    def _refuse_closed(
        self, conn: Connection, wanted_years: list[int], wishes: list[FigureInput] | None = None
    ) -> None:
        closed = set(conn.execute(select(years.c.year).where(years.c.closed)).scalars())
        # Which figure, as the messages name it (a grid's rows have no row number to say it).
        named = [describe_key(self.plan, w.key) + ": " for w in wishes] if wishes else None
        problems = [
            Problem(
                "invoer",
                f"{named[i] if named else ''}jaar {year} is afgesloten; heropen het jaar eerst "
                "om cijfers te wijzigen",
                row=(wishes[i].row if wishes else None),
                field="Jaar",
            )
            for i, year in enumerate(wanted_years)
            if year in closed
        ]
        if problems:
            raise ValidationFailed(problems)

    def set_year_closed(self, year: int, closed: bool, editor: str) -> None:
        """Close a year (no more changes) or reopen it; both are recorded."""
        if year not in self.plan.plan.years:
            raise ValidationFailed([Problem("jaren", f"{year} hoort niet bij het plan")])
        with writing(self.engine) as (conn, revision):
            is_closed = conn.execute(
                select(years.c.closed).where(years.c.year == year)
            ).scalar_one()
            if is_closed == closed:
                state = "al afgesloten" if closed else "niet afgesloten"
                raise ValidationFailed([Problem("jaren", f"jaar {year} is {state}")])
            conn.execute(
                update(years)
                .where(years.c.year == year)
                .values(closed=closed, changed_at=now(), changed_by=editor)
            )
            record_change(
                conn,
                revision,
                editor,
                "close_year" if closed else "reopen_year",
                {"indicator": None, "year": year, "district": None, "status": None},
                None,
                Record(None),
                None,
            )
