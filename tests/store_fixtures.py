"""Helpers for the tests of stored figures (the `store_url` and `cli_store` fixtures are in
conftest.py)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from lib.cli.main import run
from lib.figures.actuals import DEFAULT_ACTUALS
from lib.plan.schema import Plan
from lib.store.db import changes, dataset, figure_values, figures
from lib.store.store import Store

FTE = ("hbo_coach_fte", 2014, "")  # example figure 3,2 (city only)
GROUPS_W01 = ("hbo_coach_vve_groepen", 2014, "w01")  # example figure 4


def open_store(plan: Plan, url: str, seed: Path | None | bool = DEFAULT_ACTUALS) -> Store:
    """By default the example figures as they are, without the example's story (meetings,
    later changes, texts: tests/test_story.py), so a test's own changes are the only ones."""
    return Store.open(plan, url, seed=seed)


def app_store(
    plan: Plan, tmp_path: Path, monkeypatch, seed: Path | None | bool = DEFAULT_ACTUALS
) -> Store:
    """A store with the example figures in its own SQLite file, as the app (AppTest) opens it:
    DATABASE_URL pointed at it, no CSV or other plan in the way. Streamlit's caches are kept:
    the app's are keyed on the database's URL and revision, so this new file gets its own.
    `seed` True: the example with its story, as the app creates a database itself."""
    url = f"sqlite:///{tmp_path / 'figures.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("HJK_ACTUALS", raising=False)
    monkeypatch.delenv("HJK_TARGETS", raising=False)
    return open_store(plan, url, seed)


def counts(store: Store) -> tuple:
    """Everything a write could change: revision, every value, every version, the history size."""
    with store.engine.connect() as conn:
        revision = conn.execute(select(dataset.c.revision)).scalar_one()
        values = sorted(tuple(r) for r in conn.execute(select(figure_values)))
        versions = sorted(tuple(r) for r in conn.execute(select(figures)))
        history = conn.execute(select(func.count()).select_from(changes)).scalar_one()
    return revision, values, versions, history


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """`python -m lib ARGS` in this process: its exit code, stdout and stderr."""
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err
