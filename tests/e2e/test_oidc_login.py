"""Logging in as a municipality runs it: Streamlit's st.login against a real OpenID Connect
provider on 127.0.0.1 (oidc-provider-mock, in this process), with the `[auth]` settings the
README gives. An editor on `[editors_oidc]` saves a figure recorded under the list's spelling of
the address; a verified address not on the list and an unverified one are no editors; the user
comes back to the page where Inloggen was clicked; logging out works; readers who must log in
see nothing before they have, and an address outside the readers' domains is refused."""

from __future__ import annotations

import os
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers import app_exceptions, screenshot, start_app_server, stop_app_server, wait_for_app
from sqlalchemy import select
from test_editing import edit_value

from lib.plan.load import load_plan
from lib.store.db import changes
from lib.store.store import Store

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
EDITOR_LIST = '["Anna@Almere.nl"]'  # as the administrator typed it
# sub (the button on the provider's page) -> claims the provider gives
USERS = {
    "anna@almere.nl": {"email": "anna@almere.nl", "email_verified": True, "name": "Anna"},
    "piet@almere.nl": {"email": "piet@almere.nl", "email_verified": True, "name": "Piet"},
    "anna-onbevestigd": {"email": "anna@almere.nl", "email_verified": False},
    "iemand@elders.nl": {"email": "iemand@elders.nl", "email_verified": True},
}
FOLDERS: dict[str, Path] = {}  # the module server's folder: its secrets and database
MUST_LOG_IN = '\n[access]\nreaders = "ingelogd"\nreader_domains = ["almere.nl"]\n'


@pytest.fixture(scope="module")
def provider(browser: Browser) -> Iterator[str]:
    """The issuer URL of an OpenID Connect provider on a free 127.0.0.1 port, for this module.

    Depends on `browser` so that without Chromium nothing is started for nothing."""
    try:
        import oidc_provider_mock
        import werkzeug.serving
    except ImportError:
        pytest.skip("oidc-provider-mock not installed: run 'make venv' (login tests skipped)")
    # Plain http on the loopback address: the provider's Authlib refuses it otherwise.
    saved = os.environ.get("AUTHLIB_INSECURE_TRANSPORT")
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    users = [oidc_provider_mock.User(sub=sub, claims=c) for sub, c in USERS.items()]
    server = werkzeug.serving.make_server(
        "127.0.0.1", 0, oidc_provider_mock.app(user_claims=users), threaded=True
    )
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    if saved is None:
        os.environ.pop("AUTHLIB_INSECURE_TRANSPORT", None)
    else:
        os.environ["AUTHLIB_INSECURE_TRANSPORT"] = saved


def start_with_oidc(folder: Path, issuer: str) -> tuple[str, Callable[[], None]]:
    """A dashboard server whose secrets file has Streamlit's `[auth]` pointing at the provider's
    discovery URL, and the editor list; its own database. Returns URL and stop."""
    folder.mkdir(parents=True, exist_ok=True)
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        # Streamlit fills in {port}: the server's port is chosen when it starts.
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        'client_id = "hjk-dashboard"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n\n'
        f"[editors_oidc]\nemails = {EDITOR_LIST}\n",
        encoding="utf-8",
    )
    url, process = start_app_server(
        extra_env={
            "DATABASE_URL": f"sqlite:///{folder / 'figures.sqlite3'}",
            "HJK_SECRETS": str(secrets_file),  # what the dashboard reads ([editors_oidc], ...)
            "STREAMLIT_SECRETS_FILES": str(secrets_file),  # what st.login reads ([auth])
            "AUTHLIB_INSECURE_TRANSPORT": "1",
        }
    )
    return url, lambda: stop_app_server(process)


@pytest.fixture(scope="module")
def oidc_app(provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url, stop = start_with_oidc(
        FOLDERS.setdefault("oidc", tmp_path_factory.mktemp("oidc")), provider
    )
    yield url
    stop()


def log_in(page: Page, sub: str) -> None:
    """Click Inloggen on the page shown, choose `sub` on the provider's page, and wait until the
    app has drawn the page it comes back to."""
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Authorize Client").wait_for(timeout=30000)
    page.get_by_role("button", name=sub, exact=True).click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/"), timeout=30000)
    wait_for_app(page)


def on_page(url: str, path: str) -> re.Pattern:
    """The URL of a page, with whatever filters the frame writes in its query."""
    return re.compile(rf"^{re.escape(url)}/{path}(\?.*)?$")


def main_text(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def test_an_editor_on_the_list_logs_in_comes_back_saves_and_logs_out(
    page: Page, oidc_app: str
) -> None:
    page.goto(f"{oidc_app}/gegevens-bijwerken")
    wait_for_app(page)
    assert "Log in met uw account van de gemeente" in main_text(page)
    log_in(page, "anna@almere.nl")
    # Back where Inloggen was clicked (Streamlit's own login ends on the start page).
    page.wait_for_url(on_page(oidc_app, "gegevens-bijwerken"), timeout=30000)
    page.get_by_text("Ingelogd als redacteur Anna@Almere.nl").wait_for(timeout=30000)
    wait_for_app(page)
    screenshot(page, "oidc-editor.png")

    edit_value(page, 1, "4")  # 2014, hele stad: the second row is 3,2 FTE of HBO-coaches
    page.get_by_role("button", name="Opslaan (1 wijziging)...").click()
    page.get_by_role("button", name="Ja, opslaan").click()
    page.get_by_text("1 cijfer opgeslagen als concept").wait_for(timeout=30000)
    assert recorded_editors() == ["Anna@Almere.nl"]
    # An editor gets the concept switch; readers never do (tests/test_access_pages.py).
    page.get_by_text("Conceptcijfers meetellen").wait_for(timeout=30000)

    page.get_by_role("button", name="Uitloggen").click()
    # The provider asks to end its session too, then sends the browser back to the app.
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(re.compile(rf"^{re.escape(oidc_app)}/"), timeout=30000)
    wait_for_app(page)
    page.goto(f"{oidc_app}/gegevens-bijwerken")
    wait_for_app(page)
    assert page.get_by_role("button", name="Inloggen").is_visible()
    assert "Ingelogd als" not in main_text(page)
    assert app_exceptions(page) == []


@pytest.mark.parametrize(
    ("sub", "words"),
    [
        ("piet@almere.nl", "maar dat adres staat niet op de lijst van redacteuren"),
        ("anna-onbevestigd", "niet als bevestigd gemeld"),
    ],
)
def test_who_is_not_an_editor_is_told_so_and_can_log_out(
    page: Page, oidc_app: str, sub: str, words: str
) -> None:
    page.goto(f"{oidc_app}/gegevens-bijwerken")
    wait_for_app(page)
    log_in(page, sub)
    page.wait_for_url(on_page(oidc_app, "gegevens-bijwerken"), timeout=30000)
    page.get_by_text(words).wait_for(timeout=30000)
    wait_for_app(page)
    screenshot(page, f"oidc-no-editor-{sub.split('@')[0]}.png")
    text = main_text(page)
    assert f"U bent ingelogd als {USERS[sub]['email']}" in text
    assert "Cijfers bewerken" not in text  # no editing tabs
    assert page.get_by_text("Conceptcijfers meetellen").count() == 0
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    assert app_exceptions(page) == []


def test_readers_who_must_log_in_see_nothing_before_and_come_back_after(
    page: Page, browser: Browser, oidc_app: str
) -> None:
    # The module's server, with the readers' rule added to its secrets file: the dashboard reads
    # that file on every run, as it reads the editor list, so the rule holds from the next run.
    url = oidc_app
    secrets_file = FOLDERS["oidc"] / "secrets.toml"
    saved = secrets_file.read_text(encoding="utf-8")
    secrets_file.write_text(saved + MUST_LOG_IN, encoding="utf-8")
    try:
        page.goto(f"{url}/wijken?jaar=2013")
        wait_for_app(page)
        text = main_text(page)
        assert "alleen voor medewerkers die zijn ingelogd" in text
        assert "Per wijk" not in text and "Voorbeeldgegevens" not in text
        screenshot(page, "oidc-readers-before.png")
        log_in(page, "piet@almere.nl")  # in the readers' domain
        page.wait_for_url(on_page(url, "wijken"), timeout=30000)
        assert "jaar=2013" in page.url  # with the filters it had
        page.get_by_role("heading", name=re.compile("Per wijk: stand 2013")).wait_for()
        wait_for_app(page)
        screenshot(page, "oidc-readers-after.png")
        assert app_exceptions(page) == []

        # A second visitor, not logged in: a browser context of its own (the login is a cookie).
        other = browser.new_context(locale="nl-NL").new_page()
        other.goto(f"{url}/mijlpalen")
        wait_for_app(other)
        log_in(other, "iemand@elders.nl")
        other.get_by_text("dat adres heeft geen toegang tot dit dashboard").wait_for()
        assert "Mijlpalen" not in main_text(other)
        assert other.get_by_role("button", name="Uitloggen").is_visible()
        screenshot(other, "oidc-readers-refused.png")
        other.context.close()
    finally:
        secrets_file.write_text(saved, encoding="utf-8")


def recorded_editors() -> list[str]:
    """Who the history of the module server's database names for the edit to 4 FTE."""
    url = f"sqlite:///{FOLDERS['oidc'] / 'figures.sqlite3'}"
    store = Store.open(load_plan(ROOT / "targets.yaml"), url)
    try:
        with store.engine.connect() as conn:
            query = select(changes.c.editor, changes.c.new_value).where(
                changes.c.action == "edit", changes.c.indicator == "hbo_coach_fte"
            )
            return [row.editor for row in conn.execute(query) if row.new_value == "4"]
    finally:
        store.engine.dispose()
