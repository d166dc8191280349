"""A consistent copy of the SQLite figures database, made with SQLite's own backup API.

The copy is taken page by page inside SQLite while the app may keep writing, and is a complete
database of one moment: restore it by stopping the app and putting the file in place of
`data/actuals.sqlite3` (or pointing DATABASE_URL at it). PostgreSQL has `pg_dump` for this.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from lib.problems import Problem, UsageError, ValidationFailed, os_reason


def sqlite_path(url: str) -> Path | None:
    """The file of a sqlite:/// URL; None for any other database."""
    if not url.startswith("sqlite"):
        return None
    return Path(url.split("///", 1)[-1])


def backup_sqlite(url: str, target: Path) -> int:
    """Write a consistent copy of the database at `url` to `target`; return its page count.

    The copy is written to a temporary file of its own unique name beside `target`, which is
    removed on any failure: nothing is left behind and no one else's file is touched. The
    folder must exist already (a typing error should not create folders)."""
    source = sqlite_path(url)
    if source is None:
        raise UsageError(
            "de database is PostgreSQL: maak een reservekopie met pg_dump (zie docs/storage.md)"
        )
    if not source.is_file():
        raise UsageError(f"de database {source.name} bestaat (nog) niet")
    if target.exists():
        raise UsageError(f"{target} bestaat al; kies een nieuwe bestandsnaam")
    folder = target.parent
    if not folder.is_dir():
        raise UsageError(f"de map {folder} bestaat niet; maak die eerst of kies een andere map")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _cannot_write(target, os_reason(exc)) from None
    os.close(handle)
    partial = Path(name)
    try:
        pages = _copy(source, partial)
        _publish(partial, target)
    except FileExistsError:
        raise UsageError(f"{target} bestaat al; kies een nieuwe bestandsnaam") from None
    except (OSError, sqlite3.Error) as exc:
        raise _cannot_write(
            target, os_reason(exc) if isinstance(exc, OSError) else str(exc)
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return pages


def _copy(source: Path, partial: Path) -> int:
    """Copy the database at `source` into the (empty) file `partial`; its page count."""
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src:
        with closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal
            return dst.execute("PRAGMA page_count").fetchone()[0]


def _publish(partial: Path, target: Path) -> None:
    """Give the whole copy its name, never overwriting a file made there in the meantime."""
    try:
        os.link(partial, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if target.exists():
            raise FileExistsError(target) from None
        partial.replace(target)


def _cannot_write(target: Path, reason: str) -> ValidationFailed:
    known = {"database or disk is full": "de schijf is vol"}
    reason = known.get(reason, reason)
    return ValidationFailed(
        [Problem(str(target), f"kan de reservekopie niet schrijven ({reason}); niets geschreven")]
    )
