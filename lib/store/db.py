"""The figures database: tables (SQLAlchemy Core), engine set-up, and the write transaction.

Tables:
- `dataset`: one row; `revision` counts every write, so a cache keyed on it sees each save.
- `years`: one row per plan year; `closed` years refuse changes until reopened.
- `figures`: one row per figure (indicator, year, district; '' is the city) with its `version`,
  the optimistic-concurrency counter. Never deleted, so a version never starts again at 1.
- `figure_values`: the figure's value per layer, `vastgesteld` (approved) and `concept`. A
  concept with value NULL proposes to remove the figure.
- `changes`: every change, per layer: who, when, action, old and new value, note, source.
- `login_attempts`: the login throttle shared by every app instance (lib/store/throttle.py): per
  name (a hash of it, never the name) the recent password checks. Not figures: no revision bump.
  Adding or removing a meeting is recorded here too (no indicator; the date as the value).
- `meetings`: the stuurgroep meetings (date, optional title).
- `texts`: the editors' toelichting and maatregelen per indicator, year and district, per layer
  like figure_values; `text_changes` is their history (the full new texts of every change, and
  a rejection's reason).

Every write runs in `writing()`: one transaction whose first statement bumps the revision. That
row lock queues writers one at a time on PostgreSQL as on SQLite (which we open with BEGIN
IMMEDIATE), so a writer always reads what the writer before it committed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKeyConstraint,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    select,
    update,
)
from sqlalchemy.engine import RootTransaction
from sqlalchemy.exc import OperationalError

from lib import fmt
from lib.problems import Problem, ValidationFailed

CONCEPT = "concept"
APPROVED = "vastgesteld"
_WRITE_OPTION = "hjk_write"
# How long a SQLite writer waits for another writer's lock (seconds), and how often it tries.
SQLITE_TIMEOUT = 5.0
LOCK_ATTEMPTS = 3
LOCK_PAUSE = 0.2
# How long a PostgreSQL writer waits for any one lock another transaction holds (seconds): its
# lock_timeout, set per write transaction. Then it gives up like a SQLite writer.
PG_LOCK_TIMEOUT = 15.0
LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout ran out

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
    Column("note", Text, nullable=False, default="", server_default=""),  # a rejection's reason
)


login_attempts = Table(
    "login_attempts",
    metadata,
    Column("name_key", String(64), primary_key=True),  # sha256 of the normalised name
    Column("attempts", Integer, nullable=False),
    Column("first_at", Float, nullable=False),  # seconds since the epoch, shared by instances
    Column("last_at", Float, nullable=False),
)


def make_engine(url: str) -> Engine:
    """An engine for the URL; SQLite gets foreign keys, WAL and our own BEGIN statements."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_TIMEOUT})

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
    """One write transaction and its new revision; everything in it is kept or nothing is.

    A SQLite writer waits up to SQLITE_TIMEOUT seconds for another writer's lock, LOCK_ATTEMPTS
    times; then it gives up with a Dutch problem (ValidationFailed) before writing anything. A
    PostgreSQL writer waits up to PG_LOCK_TIMEOUT seconds for each lock (lock_timeout); then the
    transaction is rolled back and it gives up with the same kind of problem.
    """
    conn, transaction = _begin_writing(engine)
    with _busy_when_locked_out(), conn, transaction:
        _limit_lock_wait(conn)
        conn.execute(update(dataset).values(revision=dataset.c.revision + 1))
        revision = conn.execute(select(dataset.c.revision)).scalar_one()
        yield conn, revision


def _limit_lock_wait(conn: Connection) -> None:
    """On PostgreSQL: wait at most PG_LOCK_TIMEOUT seconds for each lock in this transaction."""
    if conn.dialect.name == "postgresql":
        limit = f"{max(1, round(PG_LOCK_TIMEOUT * 1000))}ms"
        conn.execute(select(func.set_config("lock_timeout", limit, True)))


@contextmanager
def _busy_when_locked_out() -> Iterator[None]:
    """PostgreSQL's lock_timeout (the transaction is rolled back) as our Dutch problem."""
    try:
        yield
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) != LOCK_NOT_AVAILABLE:
            raise
        raise _busy(PG_LOCK_TIMEOUT) from None


def _begin_writing(engine: Engine) -> tuple[Connection, RootTransaction]:
    """A connection whose write transaction has begun (on SQLite: holding the write lock)."""
    for attempt in range(LOCK_ATTEMPTS):
        conn = engine.connect()
        try:
            conn.execution_options(**{_WRITE_OPTION: True})
            return conn, conn.begin()
        except OperationalError as exc:
            conn.close()
            if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
                raise
            if attempt + 1 < LOCK_ATTEMPTS:
                time.sleep(LOCK_PAUSE)
    raise _busy(SQLITE_TIMEOUT * LOCK_ATTEMPTS)


def _busy(seconds: float) -> ValidationFailed:
    """The writer gave up waiting for another writer's lock; nothing was written."""
    return ValidationFailed(
        [
            Problem(
                "database",
                f"de database bleef {fmt.number(seconds)} seconden bezet door een andere "
                "wijziging; er is niets opgeslagen. Probeer het over een minuut opnieuw",
            )
        ]
    )


@contextmanager
def locking(engine: Engine) -> Iterator[Connection]:
    """A write transaction that is not a change of the figures (no new revision): SQLite takes
    its write lock at once; on PostgreSQL the caller locks the rows it changes (FOR UPDATE),
    waiting for them as a writer does (PG_LOCK_TIMEOUT)."""
    with _busy_when_locked_out(), engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            _limit_lock_wait(conn)
            yield conn


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read transaction, so a page sees one consistent state."""
    with engine.connect() as conn, conn.begin():
        yield conn
