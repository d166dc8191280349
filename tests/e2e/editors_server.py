"""One dashboard server per worker for the browser tests that log in and edit, each test on a
database of its own.

Those tests each started a server of their own on a new database, so that nothing of another
test's edits was left: a start and a first (cold) page run cost about 9 s of CPU every time. Here
one server with two editor accounts, anna and bob, serves them all, and `fresh` puts a new
database under it before each test: a fresh installation (the example, its story and its
actions), made by Store.open and Steering.open as the server makes it on first use, with what the
test writes into it first. The new content replaces the old in the server's own SQLite file through SQLite's
backup API, the way another process's write reaches it: the server's connections see it on
their next read.

The app's caches are keyed on the database's URL and revision (ui/context.py), and the URL stays
the same. So the new database continues the old one's revision count: no revision the server has
seen before comes back with other figures. Nothing else of the server's carries over between
tests: each test's tab is a new session, and the login throttle is in the database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from helpers import ROOT, start_app_server, stop_app_server

from lib.plan.load import load_plan
from lib.steering.book import Steering
from lib.store import auth
from lib.store.store import Store

PASSWORD = "een lang wachtwoord"
EDITORS = ("anna", "bob")
# Store.open's file is in WAL mode: these beside it belong to it.
SIDE_FILES = ("-wal", "-shm")


class EditorsServer:
    """A dashboard server on a SQLite file in `folder`, with anna and bob as editors."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.database = folder / "figures.sqlite3"
        self.database_url = f"sqlite:///{self.database}"
        self.plan = load_plan(ROOT / "targets.yaml")
        secrets = folder / "secrets.toml"
        for name in EDITORS:
            auth.add_editor(secrets, name, PASSWORD, rounds=4)
        self.url, self._process = start_app_server(
            extra_env={"DATABASE_URL": self.database_url, "HJK_SECRETS": str(secrets)}
        )

    def stop(self) -> None:
        stop_app_server(self._process)

    def fresh(self, prepare: Callable[[Store], object] | None = None) -> str:
        """Give the server a fresh installation's database, after `prepare` (if any) has
        written to it; return the server's URL."""
        made = self.folder / "next.sqlite3"
        for path in (made, *(made.with_name(made.name + s) for s in SIDE_FILES)):
            path.unlink(missing_ok=True)
        store = Store.open(self.plan, f"sqlite:///{made}")
        try:
            if prepare is not None:
                prepare(store)
            # The action tables and the example's actions, made as the server makes them when a
            # page first asks (it asks once per database URL, so it would not make them again).
            Steering.open(store)
        finally:
            store.engine.dispose()
        self._replace_database(made)
        return self.url

    def _replace_database(self, made: Path) -> None:
        source = sqlite3.connect(made)
        live = sqlite3.connect(self.database, timeout=30)
        try:
            with source:
                source.execute(
                    "UPDATE dataset SET revision = max(revision, ?)", (_revision(live) + 1,)
                )
            source.backup(live)
        finally:
            live.close()
            source.close()


def _revision(connection: sqlite3.Connection) -> int:
    """The database's revision; 0 for a file the server has not made yet."""
    try:
        (revision,) = connection.execute("SELECT revision FROM dataset").fetchone()
    except (sqlite3.OperationalError, TypeError):  # no table yet, or no row in it
        return 0
    return revision
