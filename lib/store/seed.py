"""The start of a database: on first use the dataset row, the plan's years, and the starting
figures; on every start the columns added since an older database was made (NEW_COLUMNS).

Figures loaded here (the example file, or `init-db --from FILE`) are approved at once and
recorded as `seed` by the editor SEED_EDITOR, so the history knows they were there from the start.
The bundled example, chosen by default, comes with its story (lib/store/story.py): the starting
figures are then those before the story, recorded at its start, and the store replays the rest.
A process stopped during that replay leaves the example with part of its story; deleting the
database file starts it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sqlalchemy import Engine, insert, inspect, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from lib.figures.actuals import DEFAULT_ACTUALS, ActualsMeta
from lib.figures.actuals import read_actuals as read_actuals_file
from lib.plan.schema import Plan
from lib.store.clock import now
from lib.store.db import (
    APPROVED,
    changes,
    dataset,
    figure_values,
    figures,
    make_engine,
    reading,
    writing,
    years,
)
from lib.store.story import apply_story, example_story, read_story, starting_records
from lib.store.writes import canonical_value

SEED_EDITOR = "startbestand"
BUNDLED_TARGETS = DEFAULT_ACTUALS.parents[1] / "targets.yaml"
# Columns added to a table after databases were made without them (create_all only makes the
# tables that are missing): table -> column -> its SQL, the same on SQLite and PostgreSQL.
NEW_COLUMNS = {"text_changes": {"note": "TEXT NOT NULL DEFAULT ''"}}


def example_seed(plan: Plan) -> Path | None:
    """The bundled example figures for the bundled plan; None (start empty) for any other plan,
    whose indicators and districts the example figures do not know."""
    try:
        bundled = hashlib.sha256(BUNDLED_TARGETS.read_bytes().decode().encode()).hexdigest()
    except OSError:
        return None
    return DEFAULT_ACTUALS if plan.content_hash == bundled else None


def initialise(
    engine: Engine, plan: Plan, seed: Path | None, story: bool = False
) -> Callable[..., None] | None:
    """Create the dataset row and the plan's years on first use; a new database is filled from
    `seed` (a CSV of figures, or None for an empty start).

    `story`: when `seed` is the bundled example, it comes with its story (lib/store/story.py).
    Returns what is then left to do once this call filled the database: replaying the story on
    the store."""
    add_new_columns(engine)
    with reading(engine) as conn:
        exists = _filled(conn)
    rest = None
    if not exists:
        try:
            rest = _seed(engine, plan, seed, story)
        except IntegrityError:
            pass  # another instance created it at the same moment
    with reading(engine) as conn:
        known = set(conn.execute(select(years.c.year)).scalars())
    missing = [y for y in plan.plan.years if y not in known]
    if missing:
        with writing(engine) as (conn, _revision):
            conn.execute(insert(years), [{"year": y, "closed": False} for y in missing])
    return rest


def add_new_columns(engine: Engine) -> None:
    """Give an older database the columns of NEW_COLUMNS it lacks (empty in existing rows)."""
    schema = inspect(engine)
    for table, columns in NEW_COLUMNS.items():
        present = {column["name"] for column in schema.get_columns(table)}
        for name, sql in columns.items():
            if name in present:
                continue
            try:
                with engine.begin() as conn:
                    conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {sql}")
            except DBAPIError:
                if name not in {c["name"] for c in inspect(engine).get_columns(table)}:
                    raise  # not another instance that added it at the same moment


def _seed(engine: Engine, plan: Plan, seed: Path | None, story: bool) -> Callable[..., None] | None:
    source = read_actuals_file(seed, plan) if seed else None
    meta = source.meta if source else ActualsMeta()
    started = now()
    records = source.frame.to_dict("records") if source else []
    told = None
    if story and (story_file := example_story(seed)):  # checked whole before anything is written
        told = read_story(story_file, plan, records)
        started = told.starting_file_at.isoformat(timespec="seconds")
    with engine.connect() as conn:
        conn.execution_options(hjk_write=True)
        with conn.begin():
            conn.execute(
                insert(dataset).values(
                    id=1,
                    revision=1,
                    is_example=meta.is_example,
                    reporting_date=meta.reporting_date.isoformat() if meta.reporting_date else None,
                    description=meta.description,
                    seeded_from=seed.name if seed else "",
                )
            )
            conn.execute(insert(years), [{"year": y, "closed": False} for y in plan.plan.years])
            seeded = starting_records(told, plan, records) if told else records
            rows = [_seed_rows(plan, record, started) for record in seeded]
            for table, index in ((figures, 0), (figure_values, 1), (changes, 2)):
                if rows:
                    conn.execute(insert(table), [row[index] for row in rows])
    return partial(apply_story, story=told, records=records) if told else None


def _seed_rows(plan: Plan, record: dict, started: str) -> tuple[dict, dict, dict]:
    """The figure, its approved value and its history line, for one seed record."""
    indicator = plan.indicator(record["indicator"])
    key = {"indicator": indicator.id, "year": record["year"], "district": record["district"]}
    value = canonical_value(indicator.kind, record)
    meta = {k: record[k] or "" for k in ("counted_on", "source", "note")}
    approved = {
        **key,
        **meta,
        "status": APPROVED,
        "value": value,
        "changed_at": record["changed_at"] or started,
        "changed_by": record["changed_by"] or SEED_EDITOR,
        "approved_by": SEED_EDITOR,
    }
    history = {
        **key,
        **meta,
        "revision": 1,
        "at": started,
        "editor": SEED_EDITOR,
        "action": "seed",
        "status": APPROVED,
        "dropped": False,
        "old_value": None,
        "new_value": value,
        "version": 1,
    }
    return {**key, "version": 1}, approved, history


def is_filled(url: str) -> bool:
    """Whether the database at `url` was created and filled already (by any first use)."""
    engine = make_engine(url)
    try:
        if not inspect(engine).has_table(dataset.name):
            return False
        with reading(engine) as conn:
            return _filled(conn)
    finally:
        engine.dispose()


def _filled(conn) -> bool:
    """Whether the dataset row exists: a first use created and filled the database."""
    return conn.execute(select(dataset.c.id)).first() is not None
