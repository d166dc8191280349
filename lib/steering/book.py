"""The steering loop over one store: `Steering.open(store)` is what pages, reports and the
command line use to read and write actions and decisions."""

from __future__ import annotations

from datetime import date

from lib import fmt
from lib.problems import Problem, ValidationFailed
from lib.steering.actions import ActionBook
from lib.steering.decisions import DecisionBook
from lib.steering.example import apply_example, wants_example
from lib.steering.tables import ensure_tables


class Steering(ActionBook, DecisionBook):
    """Actions and decisions in the database of `store` (a lib.store.store.Store)."""

    def __init__(self, store) -> None:
        self.store, self.engine, self.plan = store, store.engine, store.plan

    @classmethod
    def open(cls, store) -> Steering:
        """The steering loop of `store`; on first use its tables are made, and a database
        filled from the bundled example gets the example's actions and decisions."""
        steering = cls(store)
        if ensure_tables(store.engine) and wants_example(steering):
            apply_example(steering)
        return steering

    def remove_meeting(self, day: date, editor: str) -> None:
        """Remove the meeting on `day` (Store.remove_meeting), unless decisions were recorded or
        actions agreed at it: they would point at a meeting that no longer exists, and no
        decision could be added to it again."""
        decisions = sum(d.meeting == day for d in self.decisions())
        actions = sum(a.meeting == day for a in self.actions())
        held = fmt.listing(
            [
                fmt.count(n, one, many)
                for n, one, many in (
                    (decisions, "besluit", "besluiten"),
                    (actions, "actiepunt", "actiepunten"),
                )
                if n
            ]
        )
        if held:
            raise ValidationFailed(
                [
                    Problem(
                        "vergaderingen",
                        f"bij de vergadering van {fmt.long_date(day)} horen {held}; een "
                        "vergadering met besluiten of actiepunten blijft staan",
                    )
                ]
            )
        self.store.remove_meeting(day, editor)
