"""Several app instances on one PostgreSQL, as a municipality runs them behind a load balancer.

Two real app servers (support/streamlit_server.py) share the PostgreSQL of TEST_DATABASE_URL:
a figure imported through one is seen on the next page run of the other (the caches are keyed
on the database revision, ui/context.py), its approval through the other changes the first
one's overview, and the login throttle counts across both. Two conflicting saves from two
instances are shown at the Store level, where a browser adds nothing: the second is refused.

Skips with the reason without TEST_DATABASE_URL (.ci/run sets it), Chromium or Playwright.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import choose_concepts
from pg_worker import postgres_test_url

from lib.plan.load import load_plan
from lib.store import auth
from lib.store.db import make_engine, metadata
from lib.store.store import Conflict, FigureInput, Store
from support import streamlit_server

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "een lang wachtwoord"
FTE = ("hbo_coach_fte", 2014, "")  # example figure 3,2 (city only)
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@pytest.fixture
def pg_url() -> str:
    url = postgres_test_url()
    engine = make_engine(url)
    metadata.drop_all(engine)  # a database of its own: start from the example figures
    engine.dispose()
    return url


@pytest.fixture
def plan():
    return load_plan(ROOT / "targets.yaml")


def test_the_second_of_two_conflicting_saves_from_two_instances_is_refused(pg_url, plan):
    first, second = Store.open(plan, pg_url), Store.open(plan, pg_url)  # two engines, two pools
    try:
        seen = second.layers()[1][FTE]  # both editors start from the same version
        first.save([FigureInput(*FTE, "3,5", expected_version=seen)], "anna")
        with pytest.raises(Conflict, match="intussen gewijzigd door anna") as caught:
            second.save([FigureInput(*FTE, "9,9", expected_version=seen)], "bob")
        assert caught.value.details[0].new_value == "3,5"
        assert second.layers()[0][FTE].concept.value == "3,5"
    finally:
        first.engine.dispose()
        second.engine.dispose()


@pytest.fixture
def two_servers(pg_url, plan, browser, tmp_path) -> Iterator[tuple[str, str]]:
    Store.open(plan, pg_url).engine.dispose()  # the tables and the example figures, once
    secrets = tmp_path / "secrets.toml"
    for name in ("anna", "bob", "carla"):
        auth.add_editor(secrets, name, PASSWORD, rounds=4)
    env = {"DATABASE_URL": pg_url, "HJK_SECRETS": str(secrets)}
    first = streamlit_server.start(env=env)
    try:
        second = streamlit_server.start(env=env)
    except BaseException:
        streamlit_server.stop(first[1])
        raise
    yield first[0], second[0]
    streamlit_server.stop(first[1])
    streamlit_server.stop(second[1])


@pytest.fixture
def fresh_page(browser_context) -> Iterator[Callable[[], Page]]:
    """Opens a tab for one more visitor, in the worker's browser context (conftest.py), and
    closes them all afterwards. Every tab is a Streamlit session of its own, and an editor's
    login is kept in the session, not in a cookie: two tabs are two visitors. A new context per
    visitor compiled Streamlit's scripts anew each time."""
    browser_context.clear_cookies()
    tabs: list[Page] = []

    def open_tab() -> Page:
        tabs.append(browser_context.new_page())
        return tabs[-1]

    yield open_tab
    for tab in tabs:
        tab.close()


def wait(page) -> None:
    page.wait_for_selector(APP_IDLE, timeout=60000)
    page.wait_for_timeout(500)


def sidebar_waiting(page, url: str) -> str:
    """The sidebar's line about concept figures, on a new run of the overview."""
    page.goto(f"{url}/?jaar=2014")
    wait(page)
    line = page.locator('[data-testid="stSidebar"]').get_by_text("op vaststelling")
    line.wait_for(timeout=30000)
    return line.inner_text()


def log_in(page, url: str, name: str, password: str = PASSWORD) -> None:
    page.goto(f"{url}/gegevens-bijwerken")
    wait(page)
    page.get_by_label("Naam").fill(name)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    wait(page)


@pytest.mark.e2e  # drives two servers with Chromium: not in a fast `-m "not e2e"` run
def test_two_app_servers_share_figures_caches_and_the_login_throttle(
    two_servers, fresh_page, tmp_path
):
    one, two = two_servers
    reader = fresh_page()  # a visitor of the second instance, its caches warm
    assert "Niets wacht op vaststelling." in sidebar_waiting(reader, two)

    # anna imports a figure through the first instance.
    anna = fresh_page()
    log_in(anna, one, "anna")
    anna.get_by_text("Ingelogd als redacteur anna").wait_for(timeout=30000)
    anna.get_by_role("tab", name="Importeren uit Excel").click()
    wait(anna)
    upload = tmp_path / "cijfers.csv"
    upload.write_text("indicator,year,district,value\nhbo_coach_fte,2014,,4\n", encoding="utf-8")
    anna.locator('input[type="file"]').set_input_files(str(upload))
    anna.get_by_role("button", name="Importeren").click()
    anna.get_by_text("1 cijfer geïmporteerd als concept").wait_for(timeout=30000)

    # The second instance sees it on its next run: its caches follow the database revision.
    assert "1 wacht op vaststelling: 1 cijfer." in sidebar_waiting(reader, two)

    # bob approves it through the second instance; the first one's figures follow.
    bob = fresh_page()
    log_in(bob, two, "bob")
    choose_concepts(bob, "Inzet HBO-coaches")
    bob.get_by_role("button", name="Gekozen cijfers vaststellen").click()
    bob.get_by_text("1 cijfer vastgesteld.").wait_for(timeout=30000)
    assert "Niets wacht op vaststelling." in sidebar_waiting(anna, one)

    # Five wrong passwords for carla on the first instance lock her name on the second too.
    guesser = fresh_page()
    for _ in range(5):
        log_in(guesser, one, "carla", "geen idee")
    assert "Te vaak een verkeerde naam of wachtwoord" in guesser.inner_text("body")
    carla = fresh_page()
    log_in(carla, two, "carla")  # the right password, on the other instance
    assert "Te vaak een verkeerde naam of wachtwoord" in carla.inner_text("body")
    assert "Ingelogd als redacteur" not in carla.inner_text("body")
