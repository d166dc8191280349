"""The figures database: tables (SQLAlchemy Core), engine set-up, and the write transaction.

Tables:
- `dataset`: one row; `revision` counts every write, so a cache keyed on it sees each save.
- `years`: one row per plan year; `closed` years refuse changes until reopened.
- `figures`: one row per figure (indicator, year, district; '' is the city) with its `version`,
  the optimistic-concurrency counter. Never deleted, so a version never starts again at 1.
- `figure_values`: the figure's value per layer, `vastgesteld` (approved) and `concept`. A
  concept with value NULL proposes to remove the figure.
- `changes`: every change, per layer: who, when, action, old and new value, note, source.
  Adding or removing a meeting is recorded here too (no indicator; the date as the value).
- `meetings`: the stuurgroep meetings (date, optional title).
- `texts`: the editors' toelichting and maatregelen per indicator, year and district, per layer
  like figure_values; `text_changes` is their history (the full new texts of every change).

Every write runs in `writing()`: one transaction whose first statement bumps the revision. That
row lock queues writers one at a time on PostgreSQL as on SQLite (which we open with BEGIN
IMMEDIATE), so a writer always reads what the writer before it committed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    select,
    update,
)

CONCEPT = "concept"
APPROVED = "vastgesteld"
_WRITE_OPTION = "hjk_write"

metadata = MetaData()

dataset = Table(
    "dataset",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("revision", Integer, nullable=False),
    Column("is_example", Boolean, nullable=False),
    Column("reporting_date", String(10)),
    Column("description", Text, nullable=False),
    Column("seeded_from", Text, nullable=False),
)

years = Table(
    "years",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("closed", Boolean, nullable=False),
    Column("changed_at", String(19)),
    Column("changed_by", Text),
)

figures = Table(
    "figures",
    metadata,
    Column("indicator", String(100), primary_key=True),
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("district", String(50), primary_key=True),
    Column("version", Integer, nullable=False),
)

figure_values = Table(
    "figure_values",
    metadata,
    Column("indicator", String(100), primary_key=True),
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("district", String(50), primary_key=True),
    Column("status", String(12), primary_key=True),
    Column("value", Text),
    Column("counted_on", String(10), nullable=False),
    Column("source", Text, nullable=False),
    Column("note", Text, nullable=False),
    Column("changed_at", String(19), nullable=False),
    Column("changed_by", Text, nullable=False),
    Column("approved_by", Text, nullable=False),
    ForeignKeyConstraint(
        ["indicator", "year", "district"],
        ["figures.indicator", "figures.year", "figures.district"],
    ),
)

changes = Table(
    "changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("revision", Integer, nullable=False, index=True),
    Column("at", String(19), nullable=False),
    Column("editor", Text, nullable=False),
    Column("action", String(20), nullable=False),
    Column("indicator", String(100)),
    Column("year", Integer),
    Column("district", String(50)),
    Column("status", String(12)),
    Column("dropped", Boolean, nullable=False, default=False),  # the concept was withdrawn
    Column("old_value", Text),
    Column("new_value", Text),
    Column("counted_on", String(10), nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    Column("version", Integer),
)

meetings = Table(
    "meetings",
    metadata,
    Column("day", String(10), primary_key=True),
    Column("title", Text, nullable=False, default=""),
    Column("added_at", String(19), nullable=False),
    Column("added_by", Text, nullable=False),
)

texts = Table(
    "texts",
    metadata,
    Column("indicator", String(100), primary_key=True),
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("district", String(50), primary_key=True),
    Column("status", String(12), primary_key=True),
    Column("explanation", Text, nullable=False),
    Column("measures", Text, nullable=False),
    Column("changed_at", String(19), nullable=False),
    Column("changed_by", Text, nullable=False),
    Column("approved_by", Text, nullable=False),
)

text_changes = Table(
    "text_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("revision", Integer, nullable=False),
    Column("at", String(19), nullable=False),
    Column("editor", Text, nullable=False),
    Column("action", String(20), nullable=False),
    Column("indicator", String(100), nullable=False),
    Column("year", Integer, nullable=False),
    Column("district", String(50), nullable=False),
    Column("status", String(12), nullable=False),
    Column("explanation", Text, nullable=False),
    Column("measures", Text, nullable=False),
    Column("old_explanation", Text),
    Column("old_measures", Text),
    Column("version", Integer, nullable=False),
)


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite gets foreign keys, WAL and our own BEGIN statements."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # We send BEGIN ourselves (below); the driver's own would come too late for writers.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writer takes the write lock at once; a deferred one could read, then fail to upgrade.
        immediate = conn.get_execution_options().get(_WRITE_OPTION)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def writing(engine: Engine) -> Iterator[tuple[Connection, int]]:
    """One write transaction and its new revision; everything in it is kept or nothing is."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            conn.execute(update(dataset).values(revision=dataset.c.revision + 1))
            revision = conn.execute(select(dataset.c.revision)).scalar_one()
            yield conn, revision


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read transaction, so a page sees one consistent state."""
    with engine.connect() as conn, conn.begin():
        yield conn
