"""The steering loop over one store: `Steering.open(store)` is what pages, reports and the
command line use to read and write actions and decisions."""

from __future__ import annotations

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
