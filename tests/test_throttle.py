"""The login throttle in the database (lib/store/throttle.py): shared by every app instance,
atomic under parallel attempts, and forgetting old names. Runs on SQLite and, with
TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from lib.accounts.identity import canonical_editor, editor_key, same_editor
from lib.store.db import login_attempts, make_engine, metadata
from lib.store.throttle import LoginThrottle


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def engine(store_url):
    engine = make_engine(store_url)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def rows(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(login_attempts)).scalar_one()


def fail(throttle: LoginThrottle, name: str) -> float:
    """One attempt whose password turns out wrong: reserved, and never cleared."""
    return throttle.attempt(name)


def test_a_name_is_locked_after_five_failures_and_free_again_after_the_lockout(engine):
    clock = FakeClock()
    throttle = LoginThrottle(engine, max_failures=5, window_s=900, lockout_s=900, clock=clock)
    for _ in range(4):
        assert fail(throttle, "anna") == 0
        clock.now += 10
    assert throttle.locked_for("anna") == 0
    assert fail(throttle, "anna") == 0  # the fifth is still checked ...
    assert throttle.locked_for("anna") == 900  # ... and locks the name when it fails
    # Another spelling of the same name is the same name; another name is not locked.
    assert throttle.locked_for("  ANNA ") == 900
    assert throttle.attempt(" Anna") == 900  # refused, nothing checked, nothing counted
    assert throttle.locked_for("bob") == 0
    clock.now += 899
    assert throttle.locked_for("anna") == 1
    clock.now += 1
    assert throttle.locked_for("anna") == 0
    # The count starts again from nothing after a lockout.
    assert fail(throttle, "anna") == 0
    assert throttle.locked_for("anna") == 0


def test_old_failures_and_a_good_login_do_not_count(engine):
    clock = FakeClock()
    throttle = LoginThrottle(engine, max_failures=3, window_s=60, lockout_s=600, clock=clock)
    fail(throttle, "anna")
    fail(throttle, "anna")
    clock.now += 61  # both fell out of the window
    fail(throttle, "anna")
    fail(throttle, "anna")
    assert throttle.locked_for("anna") == 0
    throttle.attempt("anna")
    throttle.succeeded("anna")  # the third was the right password
    fail(throttle, "anna")
    fail(throttle, "anna")
    assert throttle.locked_for("anna") == 0
    fail(throttle, "anna")
    assert throttle.locked_for("anna") == 600


def test_thirty_attempts_at_once_check_at_most_five_passwords(engine):
    throttle = LoginThrottle(engine, max_failures=5)
    start = threading.Barrier(30)
    allowed = []

    def attempt() -> None:
        start.wait()
        if throttle.attempt("anna") == 0:
            allowed.append(1)

    threads = [threading.Thread(target=attempt) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(allowed) == 5
    assert throttle.locked_for("anna") > 0


def test_two_instances_share_the_count(engine, store_url):
    # Two throttles on two engines: what two app servers on one database have.
    other = make_engine(store_url)
    try:
        first, second = LoginThrottle(engine), LoginThrottle(other)
        for _ in range(3):
            first.attempt("anna")
        for _ in range(2):
            second.attempt("ANNA")
        assert first.locked_for("anna") > 0 and second.attempt("anna") > 0
    finally:
        other.dispose()


def test_old_names_are_forgotten_and_names_are_not_stored(engine):
    clock = FakeClock()
    throttle = LoginThrottle(engine, max_failures=5, window_s=900, lockout_s=900, clock=clock)
    for n in range(50):
        throttle.attempt(f"naam {n}")
    assert rows(engine) == 50
    with engine.connect() as conn:
        keys = conn.execute(select(login_attempts.c.name_key)).scalars().all()
    assert not any("naam" in key for key in keys)  # a hash: people type passwords as names
    clock.now += 901
    throttle.attempt("nog een")
    assert rows(engine) == 1  # the fifty were forgotten


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Anna", "anna", True),
        ("  Anna   de Vries ", "anna de vries", True),
        ("ANNA\tDE VRIES", "anna de vries", True),
        ("Straße", "strasse", True),  # case-folded, not only lower-cased
        ("anna", "annabel", False),
        ("", "", False),
    ],
)
def test_one_editor_is_one_identity(a, b, same):
    assert same_editor(a, b) is same
    assert (editor_key(a) == editor_key(b)) is (same or a == b)


def test_names_are_shown_as_configured():
    known = ["Anna de Vries", "bob"]
    assert canonical_editor(known, " anna  DE vries") == "Anna de Vries"
    assert canonical_editor(known, "BOB") == "bob"
    assert canonical_editor(known, "carla") is None
    assert canonical_editor(known, "  ") is None
