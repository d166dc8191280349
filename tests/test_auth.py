"""Who may edit: editor accounts (bcrypt) in the secrets file, and the OIDC allow-list."""

from __future__ import annotations

import pytest

from lib.problems import ValidationFailed
from lib.store import auth

ROUNDS = 4  # the cheapest bcrypt cost: the tests check behaviour, not strength


@pytest.fixture
def secrets(tmp_path):
    return tmp_path / ".streamlit" / "secrets.toml"


def test_add_editor_creates_the_file_and_the_password_checks(secrets):
    assert auth.add_editor(secrets, "anna", "een lang wachtwoord", ROUNDS) is False
    config = auth.editor_config(auth.load_secrets(secrets))
    assert config.mode == "password" and config.can_edit
    assert config.passwords["anna"].startswith("$2b$04$")
    assert auth.check_password(config, "anna", "een lang wachtwoord")
    assert oct(secrets.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("name", "password"),
    [("anna", "fout wachtwoord"), ("onbekend", "een lang wachtwoord"), ("", "")],
)
def test_wrong_name_or_password_is_refused(secrets, name, password):
    auth.add_editor(secrets, "anna", "een lang wachtwoord", ROUNDS)
    config = auth.editor_config(auth.load_secrets(secrets))
    assert not auth.check_password(config, name, password)


def test_adding_keeps_other_secrets_and_replacing_changes_only_that_editor(secrets):
    secrets.parent.mkdir(parents=True)
    secrets.write_text('database_url = "sqlite:///x.db"  # eigen database\n', encoding="utf-8")
    auth.add_editor(secrets, "anna", "eerste wachtwoord", ROUNDS)
    auth.add_editor(secrets, "Jan de Vries", "tweede wachtwoord", ROUNDS)
    assert auth.add_editor(secrets, "anna", "nieuw wachtwoord!", ROUNDS) is True
    text = secrets.read_text(encoding="utf-8")
    assert "# eigen database" in text and text.count("[editors]") == 1
    config = auth.editor_config(auth.load_secrets(secrets))
    assert set(config.passwords) == {"anna", "Jan de Vries"}
    assert auth.check_password(config, "anna", "nieuw wachtwoord!")
    assert auth.check_password(config, "Jan de Vries", "tweede wachtwoord")


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("anna", "kort", "minstens 10 tekens"),
        ('an"na]', "een lang wachtwoord", "een naam heeft"),
        ("", "een lang wachtwoord", "een naam heeft"),
    ],
)
def test_bad_names_and_short_passwords_are_refused(secrets, name, password, message):
    with pytest.raises(ValidationFailed, match=message):
        auth.add_editor(secrets, name, password, ROUNDS)
    assert not secrets.exists()


@pytest.mark.parametrize(
    ("secrets", "mode", "can_edit"),
    [
        ({}, "none", False),
        ({"editors": {}}, "none", False),
        ({"editors": {"anna": "$2b$04$x"}}, "password", True),
        ({"auth": {"redirect_uri": "x"}}, "oidc", False),
        ({"auth": {}, "editors_oidc": {"emails": ["A@almere.nl"]}}, "oidc", True),
        ({"auth": {}, "editors": {"anna": "$2b$04$x"}}, "oidc", False),  # OIDC decides
    ],
)
def test_how_editors_log_in(secrets, mode, can_edit):
    config = auth.editor_config(secrets)
    assert (config.mode, config.can_edit) == (mode, can_edit)


@pytest.mark.parametrize(
    ("user", "editor"),
    [
        ({"is_logged_in": True, "email": "a@almere.nl"}, "a@almere.nl"),
        ({"is_logged_in": True, "email": "A@Almere.NL"}, "a@almere.nl"),
        ({"is_logged_in": True, "email": "b@almere.nl"}, None),
        ({"is_logged_in": True}, None),
    ],
)
def test_oidc_users_on_the_list_are_editors(user, editor):
    config = auth.editor_config({"auth": {}, "editors_oidc": {"emails": ["A@almere.nl"]}})
    assert auth.oidc_editor(config, user) == editor


def test_a_broken_secrets_file_is_a_dutch_problem(secrets):
    secrets.parent.mkdir(parents=True)
    secrets.write_text("[editors\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="geen geldige TOML"):
        auth.load_secrets(secrets)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_name_is_locked_after_five_failures_and_free_again_after_the_lockout():
    clock = FakeClock()
    throttle = auth.LoginThrottle(max_failures=5, window_s=900, lockout_s=900, clock=clock)
    for _ in range(4):
        throttle.failed("anna")
        clock.now += 10
    assert throttle.locked_for("anna") == 0
    throttle.failed("anna")
    assert throttle.locked_for("anna") == 900
    # Another spelling of the same name is the same name; another name is not locked.
    assert throttle.locked_for("  ANNA ") == 900
    assert throttle.locked_for("bob") == 0
    clock.now += 899
    assert throttle.locked_for("anna") == 1
    clock.now += 1
    assert throttle.locked_for("anna") == 0
    # The count starts again from nothing after a lockout.
    throttle.failed("anna")
    assert throttle.locked_for("anna") == 0


def test_old_failures_and_a_good_login_do_not_count():
    clock = FakeClock()
    throttle = auth.LoginThrottle(max_failures=3, window_s=60, lockout_s=600, clock=clock)
    throttle.failed("anna")
    throttle.failed("anna")
    clock.now += 61  # both fell out of the window
    throttle.failed("anna")
    throttle.failed("anna")
    assert throttle.locked_for("anna") == 0
    throttle.succeeded("anna")
    throttle.failed("anna")
    throttle.failed("anna")
    assert throttle.locked_for("anna") == 0
    throttle.failed("anna")
    assert throttle.locked_for("anna") == 600


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (900, "Probeer het over 15 minuten opnieuw."),
        (61, "Probeer het over 2 minuten opnieuw."),
        (60, "Probeer het over 1 minuut opnieuw."),
        (0.5, "Probeer het over 1 minuut opnieuw."),
    ],
)
def test_the_wait_is_said_in_whole_minutes(seconds, text):
    assert auth.wait_message(seconds).endswith(text)
