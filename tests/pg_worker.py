"""The PostgreSQL test database of this test process.

`TEST_DATABASE_URL` names one database. The suite runs in several processes (pytest-xdist), and
the tests that use PostgreSQL empty their database first, so two processes must never share one:
each worker gets a database of its own beside the named one (`hjk_test_gw0`, `hjk_test_gw1`, ...),
created on first use. A run without workers uses the named database itself.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from lib.store.settings import normalise_url

SKIP_REASON = "TEST_DATABASE_URL not set: no PostgreSQL server to test against (.ci/run starts one)"


def worker_database_url(given: str, worker: str | None) -> str:
    """The URL of the worker's own database: the given one with `_<worker>` after its name."""
    url = make_url(normalise_url(given))
    if not worker or worker == "master":
        return url.render_as_string(hide_password=False)
    return url.set(database=f"{url.database}_{worker}").render_as_string(hide_password=False)


def _create_if_missing(given: str, url: str) -> None:
    name = make_url(url).database
    # CREATE DATABASE cannot run inside a transaction, hence AUTOCOMMIT on the named database.
    engine = create_engine(normalise_url(given), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
            if found is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()


def postgres_test_url() -> str:
    """This process's PostgreSQL test database (created if needed), or skip the test."""
    given = os.environ.get("TEST_DATABASE_URL")
    if not given:
        pytest.skip(SKIP_REASON)
    url = worker_database_url(given, os.environ.get("PYTEST_XDIST_WORKER"))
    if url != worker_database_url(given, None):
        _create_if_missing(given, url)
    return url
