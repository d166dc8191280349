"""Readers who must log in (`[access]`, ui/access.py) and concepts for editors only, in AppTest:
an anonymous visitor sees no figure on any page, an allowed address reads, another is refused;
wrong settings stop the app but not the command line; the concept switch is hidden from readers."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_open import aim
from store_fixtures import FTE, app_store, cli
from streamlit.testing.v1 import AppTest

from lib.store import auth
from lib.store.store import FigureInput
from tests.test_pages import APP, OVERVIEW, RUN_TIMEOUT_S, navigation_files

OIDC = """
[auth]
redirect_uri = "http://localhost:8501/oauth2callback"
cookie_secret = "test"

[editors_oidc]
emails = ["Redacteur@Gemeente.nl"]
"""
MUST_LOG_IN = """
[access]
readers = "ingelogd"
reader_domains = ["almere.nl"]
reader_emails = ["Extern@Voorbeeld.nl"]
"""
PASSWORD = "een lang wachtwoord"


@pytest.fixture
def store(plan, tmp_path, monkeypatch):
    figures = app_store(plan, tmp_path, monkeypatch)
    figures.save([FigureInput(*FTE, "3,8", expected_version=1)], "anna")  # a concept waits
    return figures


@pytest.fixture
def secrets(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv("HJK_SECRETS", str(path))
    return path


def user(email: str, verified: bool = True) -> dict:
    return {"is_logged_in": True, "email": email, "email_verified": verified}


def open_page(page: str = OVERVIEW, user: dict | None = None, **state) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    if user is not None:
        at.user = user
    for key, value in state.items():
        at.session_state[key] = value
    aim(at, APP, page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def shows_figures(at: AppTest) -> bool:
    """Whether anything of the figures reached the page: a chart, a table, a download, a
    metric, the figures' notices, the sidebar's filters."""
    html = " ".join(e.proto.body for e in at.get("html"))
    drawn = [at.get(kind) for kind in ("dataframe", "download_button", "metric", "plotly_chart")]
    return (
        any(drawn)
        or 'class="hjk-' in html
        or "Voorbeeldgegevens" in texts(at.warning)
        or bool(at.sidebar.selectbox or at.sidebar.date_input)
        or "Filters wijzigen" in " ".join(str(getattr(e, "label", "")) for e in at.sidebar)
    )


@pytest.mark.parametrize("page", navigation_files())
def test_before_logging_in_no_page_shows_a_figure(store, secrets, page):
    secrets.write_text(OIDC + MUST_LOG_IN, encoding="utf-8")
    at = open_page(page, {"is_logged_in": False})
    assert [t.value for t in at.main.title] == ["Inloggen"]
    assert "alleen voor medewerkers die zijn ingelogd" in texts(at.markdown)
    assert at.button(key="access_login").label == "Inloggen"
    assert not shows_figures(at)
    assert not at.sidebar.toggle and not at.sidebar.caption


@pytest.mark.parametrize(
    "address",
    ["lezer@almere.nl", "Lezer@ALMERE.NL", "extern@voorbeeld.nl", "redacteur@gemeente.nl"],
)
def test_an_allowed_address_or_an_editor_reads_once_logged_in(store, secrets, address):
    secrets.write_text(OIDC + MUST_LOG_IN, encoding="utf-8")
    at = open_page(user={"is_logged_in": False})
    assert not shows_figures(at)
    at.user = user(address)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert shows_figures(at)
    assert "access_login" not in _keys(at)
    assert "Inloggen" not in [t.value for t in at.main.title]


@pytest.mark.parametrize(
    ("who", "reason"),
    [
        (
            user("iemand@elders.nl"),
            " als iemand@elders.nl, maar dat adres heeft geen toegang tot dit dashboard",
        ),
        (
            user("lezer@almere.nl", verified=False),
            " als lezer@almere.nl, maar de gemeente heeft dat e-mailadres niet als bevestigd gemeld",
        ),
        (
            {"is_logged_in": True, "email_verified": True},
            ", maar de gemeente heeft geen e-mailadres van u doorgegeven",
        ),
    ],
)
def test_another_address_is_refused_in_dutch_with_a_way_out(store, secrets, who, reason):
    secrets.write_text(OIDC + MUST_LOG_IN, encoding="utf-8")
    at = open_page(user=who)
    (warning,) = at.warning
    shown = warning.value.replace("\\", "")  # the address is escaped for Markdown
    assert shown.startswith(f"U bent ingelogd{reason}.")
    assert at.button(key="access_logout").label == "Uitloggen"
    assert not shows_figures(at)


def test_without_oidc_editors_log_in_with_their_password_to_read(store, secrets):
    auth.add_editor(secrets, "anna", PASSWORD, rounds=4)
    with secrets.open("a", encoding="utf-8") as file:
        file.write('\n[access]\nreaders = "ingelogd"\n')
    at = open_page()
    assert [t.value for t in at.main.title] == ["Inloggen"] and not shows_figures(at)
    at.text_input(key="edit_login_name").input("Anna")
    at.text_input(key="edit_login_password").input(PASSWORD)
    at.button(key="edit_login_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert shows_figures(at)


@pytest.mark.parametrize(
    ("access", "field"),
    [
        ('readers = "soms"', "access.readers"),
        ('readers = "ingelogd"\nreader_domains = ["almere"]', "access.reader_domains"),
    ],
)
def test_a_wrong_setting_stops_the_app_naming_the_key_but_not_the_cli(
    store, secrets, capsys, access, field
):
    secrets.write_text(f"{OIDC}\n[access]\n{access}\n", encoding="utf-8")
    at = open_page(user=user("lezer@almere.nl"))
    (error,) = at.error
    assert error.value.startswith("**Het bestand met instellingen (secrets.toml) bevat fouten")
    assert f"secrets.toml, veld '{field}': " in error.value
    assert not shows_figures(at)
    # The command line runs on the server itself: it does not read [access].
    code, out, _err = cli(capsys, "progress", "--year", "2014", "--format", "csv")
    assert code == 0 and out.count("\n") > 10


@pytest.mark.parametrize(
    ("settings", "who", "state"),
    [
        pytest.param("", None, {}, id="anonymous"),
        pytest.param(OIDC, user("lezer@almere.nl"), {}, id="oidc-reader"),
        pytest.param(OIDC, user("redacteur@gemeente.nl", verified=False), {}, id="unverified"),
    ],
)
def test_readers_never_get_the_concept_switch_or_concepts(store, secrets, settings, who, state):
    secrets.write_text(settings, encoding="utf-8")
    # Even a session that claims the switch is on counts approved figures only.
    at = open_page(user=who, include_concept=True, **state)
    assert not at.sidebar.toggle
    frame = at.session_state["context"].actuals.frame
    assert set(frame["status"]) == {"vastgesteld"}
    assert not [w for w in at.warning if w.value.startswith("**Inclusief conceptcijfers.**")]


@pytest.mark.parametrize("mode", ["oidc", "password"])
def test_editors_get_the_concept_switch_once_logged_in(store, secrets, mode):
    if mode == "oidc":
        secrets.write_text(OIDC, encoding="utf-8")
        at = open_page(user=user("lezer@almere.nl"))
    else:
        auth.add_editor(secrets, "anna", PASSWORD, rounds=4)
        at = open_page()
    assert not at.sidebar.toggle  # a reader, while a concept waits
    if mode == "oidc":
        at.user = user("Redacteur@gemeente.nl")
    else:
        at.session_state["edit_editor"] = "anna"
    at.run()
    (switch,) = at.sidebar.toggle
    assert switch.label == "Conceptcijfers meetellen"
    switch.set_value(True).run()
    frame = at.session_state["context"].actuals.frame
    assert frame[frame["indicator"] == FTE[0]]["value"].tolist() == ["3,8"]


def _keys(at: AppTest) -> set[str]:
    return {getattr(b, "key", None) for b in at.button}
