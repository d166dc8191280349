"""The two datasets the benchmark serves: the example, and one 100 times its size.

Each gets a folder of its own with a SQLite database filled from its figures (the way the
dashboard reads figures in production), a secrets file with one editor account, and the
environment that points the dashboard at all three.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.generate import write_dataset
from bench.server import ROOT
from lib.figures.actuals import DEFAULT_ACTUALS

EDITOR = "bench"
MEETING = date(2014, 9, 15)


@dataclass(frozen=True)
class Dataset:
    name: str
    targets: Path
    figures: Path  # the CSV the database was filled from
    env: dict[str, str]


def prepare_size(folder: Path, x100: bool) -> Dataset:
    """The example, or with `x100` the dataset 100 times its size (ten copies of the plan, ten
    districts for each): the two sizes the benchmark measures."""
    if x100:
        return prepare(folder, "x100", copies=10, districts_per=10)
    return prepare(folder, "voorbeeld")


def prepare(folder: Path, name: str, copies: int = 1, districts_per: int = 1) -> Dataset:
    """Write the dataset's files into `folder`; copies/districts_per 1 is the example itself."""
    from lib.plan.load import load_plan
    from lib.store.auth import hash_password
    from lib.store.store import Store

    folder.mkdir(parents=True, exist_ok=True)
    if copies == 1 and districts_per == 1:
        targets, figures = ROOT / "targets.yaml", Path(DEFAULT_ACTUALS)
    else:
        targets, figures = write_dataset(folder, copies, districts_per)
    secrets = folder / "secrets.toml"
    # Few bcrypt rounds: logging in is not what is measured.
    secrets.write_text(f'[editors]\n"{EDITOR}" = "{hash_password(EDITOR, rounds=4)}"\n')
    url = f"sqlite:///{folder / 'figures.sqlite3'}"
    # The example as a fresh installation has it: its figures and their story (meetings, later
    # changes, toelichtingen; lib/store/story.py). The generated dataset: its figures.
    example = copies == 1 and districts_per == 1
    store = Store.open(load_plan(targets), url, seed=True if example else figures)
    # A meeting before the peildatum, so "Sinds de vorige vergadering" has one to count from.
    store.add_meeting(MEETING, "Stuurgroep", EDITOR)
    store.engine.dispose()
    env = {
        "HJK_TARGETS": str(targets),
        "DATABASE_URL": url,
        "HJK_SECRETS": str(secrets),
        "HJK_ACTUALS": "",  # empty: the database, also when the caller's shell names a CSV
    }
    return Dataset(name, targets, figures, env)
