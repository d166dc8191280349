"""Shared fixtures: the real plan and example figures, a tiny synthetic plan, and CSV helpers."""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pg_worker import postgres_test_url

# Before lib/ is imported: figures check every property (lib/charts/style.py VALIDATE), and
# rendered chart images go to a folder of this test session, not to data/.
os.environ.setdefault("HJK_VALIDATE_FIGURES", "1")
os.environ.setdefault("HJK_IMAGE_CACHE", tempfile.mkdtemp(prefix="hjk-image-cache-"))

import lib.cli.main  # noqa: E402
import lib.steering.actions  # noqa: E402
import lib.steering.decisions  # noqa: E402
import lib.steering.example  # noqa: E402
import lib.store.store  # noqa: E402
from lib.figures.actuals import DEFAULT_ACTUALS, Actuals, parse_actuals, read_actuals
from lib.plan.load import load_plan, methodology_path, parse_plan
from lib.plan.schema import Plan
from lib.plan.yamlsource import read_text
from lib.store import auth
from lib.store.db import make_engine, metadata

ROOT = Path(__file__).resolve().parent.parent
REAL_TARGETS = ROOT / "targets.yaml"

# One indicator of every kind, two districts, one indicator with district targets. The numbers
# are chosen to make paths easy to compute by hand; tests must not depend on the real plan's.
SMALL_PLAN_YAML = """\
plan:
  id: testplan
  municipality: Teststad
  title: Testplan Het Jonge Kind
  version: "1"
  source: tests/conftest.py
  first_year: 2012
  last_year: 2015

agenda_items:
  - number: 1
    name: Eerste agendapunt
  - number: 2
    name: Tweede agendapunt

goals:
  - id: doel_a
    agenda_item: 1
    theme: Thema A
    label: Doel
    text: Het eerste doel.

districts:
  areas:
    - id: noord
      name: Noord
    - id: zuid
      name: Zuid
  list:
    - {id: d1, name: Wijk Een, area: noord}
    - {id: d2, name: Wijk Twee, area: zuid}

indicators:
  - id: groepen
    agenda_item: 1
    goal: doel_a
    name: Groepen met coach
    unit: groepen
    kind: level
    per_district: true
    additive: true
    baseline: {year: 2011, value: 0}
    targets: {2012: 10, 2013: 20, 2014: 30, 2015: 40}
    district_targets:
      d1: {2014: 20}
      all: {2014: 10}
    source: {section: Agendapunt 1, quote: "40 groepen in 2015"}
  - id: locaties
    agenda_item: 1
    name: Locaties met programma
    unit: locaties
    kind: cumulative
    per_district: true
    additive: true
    baseline: {year: 2011, value: 2}
    increments: {2012: 3, 2013: 5, 2014: 5, 2015: 5}
    source: {section: Agendapunt 1, quote: "elk jaar 5 locaties erbij"}
  - id: kinderen
    agenda_item: 2
    name: Kinderen toegeleid
    unit: kinderen
    kind: per_year
    per_district: true
    additive: true
    targets: {2013: 100, 2014: 100, 2015: 100}
    source: {section: Agendapunt 2, quote: "100 kinderen per jaar"}
  - id: bezoeken
    agenda_item: 2
    name: Huisbezoeken
    unit: huisbezoeken
    kind: range
    targets:
      2014: {min: 50, max: 70}
      2015: {min: 50, max: 70}
    source: {section: Agendapunt 2, quote: "50 tot 70 huisbezoeken"}
  - id: startgroepen
    agenda_item: 2
    name: Startgroepen in stand gehouden
    unit: startgroepen
    kind: maintain
    baseline: {year: 2011, value: 4}
    targets: {2012: 4, 2013: 4, 2014: 4, 2015: 4}
    source: {section: Agendapunt 2, quote: "de vier startgroepen blijven"}
  - id: monitor
    agenda_item: 1
    name: Monitor verschenen
    unit: mijlpaal
    kind: milestone
    due: "2014-07"
    source: {section: Agendapunt 1, quote: "juli 2014: monitor"}
  - id: overleg
    agenda_item: 2
    name: Werkgroep overlegt
    unit: ja/nee
    kind: commitment
    commitments:
      2014: Werkgroep overlegt elke 6 weken
    source: {section: Agendapunt 2, quote: "eenmaal in de 6 weken"}
"""


# The files whose tests build whole reports and write them in the office formats: seconds each,
# half of the rest of the suite's CPU without them. `make test-fast` leaves them out.
REPORT_TEST_FILES = frozenset(
    {
        "test_report.py",
        "test_report_office.py",
        "test_report_actions.py",
        "test_report_download.py",
        "test_image_cache.py",
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that run the app (AppTest, or the app's own store), draw with Chromium or
    build whole reports: `make test-fast` leaves them out, with the browser tests, for a
    unit-test loop of lib/."""
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and (hasattr(module, "AppTest") or hasattr(module, "app_store")):
            item.add_marker(pytest.mark.app)
        if item.path.name in REPORT_TEST_FILES:
            item.add_marker(pytest.mark.report)
        # A test that draws with the real Chromium is skipped, with a reason, where it is
        # missing: that reason is how such a test is known.
        if any("Chromium" in str(m.kwargs.get("reason", "")) for m in item.iter_markers("skipif")):
            item.add_marker(pytest.mark.chromium)


@pytest.fixture(scope="session", autouse=True)
def own_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests never touch the developer's database or editor accounts: the whole session (and
    every app server it starts) uses a fresh SQLite file, filled from the example figures, and
    an empty secrets file. Tests that write figures point DATABASE_URL at a file of their own."""
    folder = tmp_path_factory.mktemp("store")
    saved = {k: os.environ.get(k) for k in ("DATABASE_URL", "HJK_SECRETS")}
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'actuals.sqlite3'}"
    os.environ["HJK_SECRETS"] = str(folder / "secrets.toml")
    yield folder
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session", autouse=True)
def cli_parses_each_plan_once() -> Iterator[None]:
    """`python -m lib` reads and checks targets.yaml on every call, as a command run once per
    process should. The tests call it in-process hundreds of times, and parsing that YAML with
    its line numbers was a fifth of `make test-fast`'s CPU. Here the command line parses each
    text of each file once per worker: the same text at the same place gives the same (frozen)
    Plan, as long as the file it names (`plan.methodology`) is still there; any other text (a
    plan a test wrote or broke) is read and checked afresh, and a refusal is never kept."""
    parsed: dict[tuple[Path, str], Plan] = {}

    def load_plan_once(path: str | Path) -> Plan:
        path = Path(path)
        key = (path.resolve(), read_text(path, str(path)))
        plan = parsed.get(key)
        methodology = plan and methodology_path(plan, path.parent)
        if plan is None or (methodology is not None and not methodology.is_file()):
            plan = parsed[key] = load_plan(path)
        return plan

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lib.cli.main, "load_plan", load_plan_once)
        yield


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A new, empty figures database for one test: a SQLite file, or this process's PostgreSQL
    test database (tests/pg_worker.py; emptied first). DATABASE_URL points at it, for code that reads it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'figures.sqlite3'}"
    else:
        url = postgres_test_url()
        engine = make_engine(url)
        metadata.drop_all(engine)
        engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)
    engines = []

    def tracked(url: str):
        engines.append(make_engine(url))
        return engines[-1]

    # Every store a test opens gives its connections back afterwards (PostgreSQL counts them).
    monkeypatch.setattr(lib.store.store, "make_engine", tracked)
    yield url
    for engine in engines:
        engine.dispose()


@pytest.fixture
def store(plan: Plan, store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A store with the example figures (no story) on `store_url`, the CLI pointed at it, and
    two editors, anna and bob. A test module with a `store` fixture of its own uses that one."""
    from store_fixtures import open_store

    secrets = tmp_path / "secrets.toml"
    monkeypatch.setenv("HJK_SECRETS", str(secrets))
    for name in ("anna", "bob"):
        auth.add_editor(secrets, name, "een lang wachtwoord", rounds=4)
    return open_store(plan, store_url)


@pytest.fixture
def cli_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """For the command-line tests: a SQLite database (DATABASE_URL; `python -m lib` creates and
    seeds it on first use) and a secrets file with two editors, anna and bob (password
    'een lang wachtwoord'), of this test's own. Returns the database file."""
    path = tmp_path / "figures.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    secrets = tmp_path / "secrets.toml"
    monkeypatch.setenv("HJK_SECRETS", str(secrets))
    for name in ("anna", "bob"):
        auth.add_editor(secrets, name, "een lang wachtwoord", rounds=4)
    return path


@pytest.fixture
def editor_account(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An editor account, anna, in a secrets file of this test's own; an AppTest logs her in
    with `at.session_state["edit_editor"] = editor_account` (concepts are for editors)."""
    secrets = tmp_path / "editor-secrets.toml"
    monkeypatch.setenv("HJK_SECRETS", str(secrets))
    auth.add_editor(secrets, "anna", "een lang wachtwoord", rounds=4)
    return "anna"


@pytest.fixture(scope="session")
def plan() -> Plan:
    """The real plan, targets.yaml."""
    return load_plan(REAL_TARGETS)


@pytest.fixture(scope="session")
def example_actuals(plan: Plan) -> Actuals:
    """The example figures (reporting date 2014-10-01). Shared: do not modify its frame."""
    return read_actuals(DEFAULT_ACTUALS, plan)


@pytest.fixture
def small_plan_text() -> str:
    return SMALL_PLAN_YAML


@pytest.fixture(scope="session")
def small_plan() -> Plan:
    return parse_plan(SMALL_PLAN_YAML, "targets.yaml")


def csv_bytes(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def actuals_from_lines(lines: list[str], plan: Plan) -> Actuals:
    """Parse CSV lines (header included) as the file test.csv."""
    return parse_actuals(csv_bytes(lines), plan, "test.csv")


@pytest.fixture
def make_actuals() -> Callable[[list[str], Plan], Actuals]:
    return actuals_from_lines


def _line_of(text: str, needle: str) -> int:
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found}, expected exactly one"
    return found[0]


@pytest.fixture
def line_of() -> Callable[[str, str], int]:
    """1-based number of the only line of a text that contains a needle."""
    return _line_of


# What a new database's contents depend on besides the plan and the seed: the example files and
# the clocks that stamp its rows. A test that changes one of them gets a database made afresh.
_SEED_INPUTS = (
    (lib.store.story, "EXAMPLE_STORY"),
    (lib.steering.example, "EXAMPLE_STEERING"),
    (lib.store.seed, "BUNDLED_TARGETS"),
    *(
        (module, "now")
        for name, module in sorted(sys.modules.items())
        if name.startswith("lib.") and getattr(module, "now", None) is lib.store.clock.now
    ),
)


@pytest.fixture(scope="session", autouse=True)
def example_databases_are_copied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A new SQLite database filled from the example (figures, and with seed=True its story)
    takes about 0.2 s to make, and hundreds of tests each open one. Here each worker makes each
    kind once, with Store.open itself, and later opens of a new SQLite file start from a copy;
    Store.open then runs as always on it (finding it made, it seeds nothing). PostgreSQL, an
    existing file, an empty start, or a test that changed an example file or a clock (see
    _SEED_INPUTS) gets the real thing."""
    folder = tmp_path_factory.mktemp("example-databases")
    original = lib.store.store.Store.open.__func__
    inputs = [(module, name, getattr(module, name)) for module, name in _SEED_INPUTS]
    made: dict[tuple[str, str], Path] = {}

    def open_copy(cls, plan: Plan, url: str | None = None, seed: Path | None | bool = True):
        url = url or lib.store.store.database_url()
        target = Path(url.removeprefix("sqlite:///"))
        if (
            not url.startswith("sqlite:///")
            or seed in (None, False)
            or target.exists()
            or not target.parent.is_dir()
            or any(getattr(module, name) is not value for module, name, value in inputs)
        ):
            return original(cls, plan, url, seed)
        key = (plan.content_hash, repr(seed))
        if key not in made:
            template = folder / f"example-{len(made)}.sqlite3"
            original(cls, plan, f"sqlite:///{template}", seed).engine.dispose()
            made[key] = template
        source = sqlite3.connect(made[key])
        try:
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
        except sqlite3.Error:  # a folder it may not write in: let Store.open say so itself
            target.unlink(missing_ok=True)
        finally:
            source.close()
        return original(cls, plan, url, seed)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lib.store.store.Store, "open", classmethod(open_copy))
        yield


@pytest.fixture(scope="session", autouse=True)
def apptests_share_what_cannot_change() -> Iterator[None]:
    """The component scan and the compiled scripts, once per worker (tests/apptest_speed.py)."""
    import apptest_speed

    with pytest.MonkeyPatch.context() as patch:
        apptest_speed.install(patch)
        yield


@pytest.fixture(scope="session", autouse=True)
def progress_tables_are_shared() -> Iterator[None]:
    """The progress table once per worker for the same plan, figures and peildatum
    (tests/progress_memo.py)."""
    import progress_memo

    with pytest.MonkeyPatch.context() as patch:
        progress_memo.install(patch)
        yield
