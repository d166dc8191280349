"""The login throttle, kept in the database so that every app instance counts the same attempts.

After `max_failures` password checks for one name within `window_s` seconds that did not end in
a login, that name is refused for `lockout_s` seconds without its password being checked. A
check is counted *before* it is made, in one locked transaction, so 30 attempts at once against
a limit of 5 check at most 5 passwords; a good login clears the count.

Counted per name, known or not (the answer never tells whether an account exists), after the
normalising of lib/accounts/identity.py. The table holds a hash of the name, never the name (people
type passwords into the name field), and forgets an entry once its window and lockout are over,
so it stays small. Times are wall-clock seconds, which every instance shares.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from lib.accounts.identity import editor_key
from lib.store.db import locking, login_attempts, reading

T = login_attempts


class LoginThrottle:
    def __init__(
        self,
        engine: Engine,
        max_failures: int = 5,
        window_s: float = 15 * 60,
        lockout_s: float = 15 * 60,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.max_failures, self.window_s, self.lockout_s = max_failures, window_s, lockout_s
        self._clock = clock

    @staticmethod
    def _key(name: str) -> str:
        return hashlib.sha256(editor_key(name).encode("utf-8")).hexdigest()

    def attempt(self, name: str) -> float:
        """Reserve one password check for `name`: 0 when it may be checked now (it counts as a
        failure until `succeeded`), else the seconds to wait, and nothing is counted."""
        key, now = self._key(name), self._clock()
        with locking(self.engine) as conn:
            conn.execute(delete(T).where(T.c.last_at < now - max(self.window_s, self.lockout_s)))
            conn.execute(
                _insert_ignore(conn).values(name_key=key, attempts=0, first_at=now, last_at=now)
            )
            row = conn.execute(select(T).where(T.c.name_key == key).with_for_update()).one()
            wait = self._wait(row, now)
            if wait:
                return wait
            fresh = row.attempts >= self.max_failures or now - row.first_at >= self.window_s
            values = (
                {"attempts": 1, "first_at": now, "last_at": now}
                if fresh
                else {"attempts": row.attempts + 1, "last_at": now}
            )
            conn.execute(update(T).where(T.c.name_key == key).values(**values))
        return 0.0

    def locked_for(self, name: str) -> float:
        """Seconds until `name` may try again; 0 when it may now."""
        with reading(self.engine) as conn:
            row = conn.execute(select(T).where(T.c.name_key == self._key(name))).first()
        return self._wait(row, self._clock()) if row else 0.0

    def succeeded(self, name: str) -> None:
        """A good login: the name's count starts again from nothing."""
        with locking(self.engine) as conn:
            conn.execute(delete(T).where(T.c.name_key == self._key(name)))

    def _wait(self, row, now: float) -> float:
        if row.attempts < self.max_failures:
            return 0.0
        return max(self.lockout_s - (now - row.last_at), 0.0)


def _insert_ignore(conn: Connection):
    """INSERT ... ON CONFLICT DO NOTHING in the database's own dialect."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(T).on_conflict_do_nothing(index_elements=["name_key"])
