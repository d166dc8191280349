"""A consistent copy of the SQLite figures database, made with SQLite's own backup API.

The copy is taken page by page inside SQLite while the app may keep writing, and is a complete
database of one moment: restore it by stopping the app and putting the file in place of
`data/actuals.sqlite3` (or pointing DATABASE_URL at it). PostgreSQL has `pg_dump` for this.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from lib.problems import UsageError


def sqlite_path(url: str) -> Path | None:
    """The file of a sqlite:/// URL; None for any other database."""
    if not url.startswith("sqlite"):
        return None
    return Path(url.split("///", 1)[-1])


def backup_sqlite(url: str, target: Path) -> int:
    """Write a consistent copy of the database at `url` to `target`; return its page count."""
    source = sqlite_path(url)
    if source is None:
        raise UsageError(
            "de database is PostgreSQL: maak een reservekopie met pg_dump (zie docs/storage.md)"
        )
    if not source.is_file():
        raise UsageError(f"de database {source.name} bestaat (nog) niet")
    if target.exists():
        raise UsageError(f"{target} bestaat al; kies een nieuwe bestandsnaam")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute(
                "PRAGMA journal_mode = DELETE"
            )  # one self-contained file, no -wal beside it
            pages = dst.execute("PRAGMA page_count").fetchone()[0]
        finally:
            dst.close()
    partial.replace(target)  # the name appears only once the copy is whole
    return pages
