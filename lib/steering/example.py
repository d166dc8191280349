"""The bundled example's actions and decisions: data/example_steering.yaml.

Invented, like the example figures. Written once, through the same code an editor uses and at
the file's own moments (lib/store/clock.recorded_at), the first time the action tables are made
in a database filled from the bundled example for the bundled plan. Checked whole before
anything is written; the file names no indicator in code, only in its data.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select

from lib.figures.actuals import DEFAULT_ACTUALS
from lib.plan.load import schema_problems
from lib.plan.yamlsource import load_yaml_with_lines, read_text
from lib.problems import ValidationFailed
from lib.steering.actions import change_action, insert_action
from lib.steering.decisions import insert_decision
from lib.steering.rules import ActionFields, check_action, check_decision
from lib.steering.tables import action_changes
from lib.store.clock import recorded_at
from lib.store.db import dataset, reading, writing
from lib.store.seed import example_seed

EXAMPLE_STEERING = DEFAULT_ACTUALS.with_name("example_steering.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExampleDone(_Strict):
    at: datetime
    status: str
    note: str


class ExampleAction(_Strict):
    at: datetime
    text: str
    owner: str
    deadline: date
    meeting: date | None = None
    indicator: str | None = None
    year: int | None = None
    district: str | None = None
    agenda_item: int | None = None
    done: ExampleDone | None = None

    def fields(self) -> ActionFields:
        skip = {"at", "done"}
        return ActionFields(**{k: v for k, v in self.model_dump().items() if k not in skip})


class ExampleDecision(_Strict):
    meeting: date
    at: datetime
    text: str


class ExampleSteering(_Strict):
    editor: str
    actions: list[ExampleAction] = []
    decisions: list[ExampleDecision] = []


def wants_example(steering) -> bool:
    """Whether `steering`'s database is the bundled example with its story (the meetings),
    still without any action."""
    with reading(steering.engine) as conn:
        info = conn.execute(select(dataset)).mappings().first()
        started = conn.execute(select(action_changes.c.id).limit(1)).first() is not None
    return (
        info is not None
        and info["is_example"]
        and info["seeded_from"] == DEFAULT_ACTUALS.name
        and not started
        and EXAMPLE_STEERING.is_file()
        and example_seed(steering.plan) is not None
        and _story_meetings(steering)
    )


def _story_meetings(steering) -> bool:
    """Whether the meetings the example's actions and decisions refer to are all there (the
    example's story was replayed); without them the example stays without actions."""
    data, _ = load_yaml_with_lines(read_text(EXAMPLE_STEERING, EXAMPLE_STEERING.name), "")
    items = [*(data or {}).get("actions", []), *(data or {}).get("decisions", [])]
    wanted = {str(item.get("meeting")) for item in items if item.get("meeting")}
    return wanted <= {m.day.isoformat() for m in steering.store.meetings()}


def read_example(path: Path, steering) -> ExampleSteering:
    """The file, checked against the plan and the stored meetings; ValidationFailed otherwise."""
    file = path.name
    data, lines = load_yaml_with_lines(read_text(path, file), file)
    try:
        told = ExampleSteering.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(schema_problems(exc, data, lines, file)) from None
    meetings = {m.day for m in steering.store.meetings()}
    problems = []
    for row, action in enumerate(told.actions, start=1):
        _, found = check_action(steering.plan, meetings, action.fields(), row=row, file=file)
        problems += found
    for row, decision in enumerate(told.decisions, start=1):
        problems += check_decision(meetings, decision.meeting, decision.text, row=row)[1]
    if problems:
        raise ValidationFailed([replace(p, file=file) for p in problems])
    return told


def apply_example(steering) -> None:
    """Write the example's actions, decisions and status changes in the order of their moments,
    in one transaction that first checks no action was written meanwhile (another app instance
    may start at the same moment); the actions are numbered in the file's order."""
    told = read_example(EXAMPLE_STEERING, steering)
    meetings = {m.day for m in steering.store.meetings()}
    added = [check_action(steering.plan, meetings, a.fields())[0] for a in told.actions]
    events = [(a.at, 0, n, a) for n, a in enumerate(told.actions, start=1)]
    events += [(d.at, 1, n, d) for n, d in enumerate(told.decisions)]
    events += [(a.done.at, 2, n, a.done) for n, a in enumerate(told.actions, start=1) if a.done]
    with writing(steering.engine) as (conn, revision):
        if conn.execute(select(action_changes.c.id).limit(1)).first() is not None:
            return
        for moment, kind, number, item in sorted(events, key=lambda e: (e[0], e[1], e[2])):
            with recorded_at(moment):
                if kind == 0:
                    insert_action(conn, revision, added[number - 1], told.editor, "add")
                elif kind == 1:
                    day, text = item.meeting.isoformat(), item.text.strip()
                    insert_decision(conn, revision, day, text, told.editor)
                else:
                    typed = {**added[number - 1], "status": item.status, "note": item.note}
                    change_action(conn, revision, number, typed, told.editor, "edit", None)
