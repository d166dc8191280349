"""Who may edit: editor accounts (bcrypt) in the secrets file, and the OIDC allow-list."""

from __future__ import annotations

import time

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
    assert auth.check_password(config, "anna", "een lang wachtwoord") == "anna"
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
        ({"is_logged_in": True, "email": "a@almere.nl", "email_verified": True}, "A@almere.nl"),
        ({"is_logged_in": True, "email": "A@Almere.NL", "email_verified": True}, "A@almere.nl"),
        ({"is_logged_in": True, "email": "a@almere.nl", "email_verified": "true"}, "A@almere.nl"),
        ({"is_logged_in": True, "email": "b@almere.nl", "email_verified": True}, None),
        ({"is_logged_in": True, "email_verified": True}, None),
        # An address the identity provider has not verified could be anybody's.
        ({"is_logged_in": True, "email": "a@almere.nl", "email_verified": False}, None),
        ({"is_logged_in": True, "email": "a@almere.nl", "email_verified": "false"}, None),
        ({"is_logged_in": True, "email": "a@almere.nl"}, None),
        # Entra ID never sends email_verified for an organisation's accounts; its optional claim
        # xms_edov says the tenant owns the address's domain. email_verified decides where given.
        ({"is_logged_in": True, "email": "a@almere.nl", "xms_edov": True}, "A@almere.nl"),
        ({"is_logged_in": True, "email": "a@almere.nl", "xms_edov": "1"}, "A@almere.nl"),
        ({"is_logged_in": True, "email": "a@almere.nl", "xms_edov": False}, None),
        (
            {
                "is_logged_in": True,
                "email": "a@almere.nl",
                "email_verified": False,
                "xms_edov": True,
            },
            None,
        ),
    ],
)
def test_oidc_users_on_the_list_with_a_verified_address_are_editors(user, editor):
    config = auth.editor_config({"auth": {}, "editors_oidc": {"emails": ["A@almere.nl"]}})
    assert auth.oidc_editor(config, user) == editor


def test_a_broken_secrets_file_is_a_dutch_problem(secrets):
    secrets.parent.mkdir(parents=True)
    secrets.write_text("[editors\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match="geen geldige TOML"):
        auth.load_secrets(secrets)


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


LONG = "x" * 80  # over bcrypt's 72 bytes


@pytest.mark.parametrize(
    ("name", "password"),
    [("anna", LONG), ("onbekend", LONG), ("anna", "é" * 40), ("onbekend", "fout wachtwoord")],
)
def test_an_over_long_password_is_refused_like_any_wrong_one_and_never_raises(
    secrets, name, password
):
    auth.add_editor(secrets, "anna", "een lang wachtwoord", ROUNDS)
    config = auth.editor_config(auth.load_secrets(secrets))
    assert auth.check_password(config, name, password) is None


def test_every_refusal_costs_one_bcrypt_check_of_the_accounts_cost(secrets, monkeypatch):
    auth.add_editor(secrets, "anna", "een lang wachtwoord", ROUNDS)
    config = auth.editor_config(auth.load_secrets(secrets))
    checked = []
    real = auth.bcrypt.checkpw

    def counting(password, hashed):
        checked.append(hashed.split(b"$")[2])  # the cost of the hash checked against
        return real(password, hashed)

    monkeypatch.setattr(auth.bcrypt, "checkpw", counting)
    for name, password in [("anna", "fout wachtwoord"), ("onbekend", "x"), ("anna", LONG),
                           ("onbekend", LONG)]:  # fmt: skip
        checked.clear()
        assert auth.check_password(config, name, password) is None
        assert checked == [b"04"], (name, password)


def test_an_unknown_name_and_a_wrong_password_take_about_as_long(secrets):
    auth.add_editor(secrets, "anna", "een lang wachtwoord", rounds=8)
    config = auth.editor_config(auth.load_secrets(secrets))

    def fastest(name: str, password: str) -> float:
        # The fastest of several tries is the check's own cost: the other test processes and
        # servers of the run (pytest-xdist) only ever make a try slower.
        times = []
        for _ in range(7):
            start = time.perf_counter()
            auth.check_password(config, name, password)
            times.append(time.perf_counter() - start)
        return min(times)

    durations = [
        fastest("anna", "fout wachtwoord"),
        fastest("onbekend", LONG),
        fastest("anna", LONG),
    ]
    assert max(durations) < 3 * min(durations), durations


def test_add_editor_refuses_an_over_long_password_in_dutch(secrets):
    with pytest.raises(ValidationFailed, match="het wachtwoord is te lang: hoogstens 72 bytes"):
        auth.add_editor(secrets, "anna", LONG, ROUNDS)
    assert not secrets.exists()


def test_a_name_logs_in_in_any_case_or_spacing_and_is_spelled_as_configured(secrets):
    auth.add_editor(secrets, "Anna de Vries", "een lang wachtwoord", ROUNDS)
    config = auth.editor_config(auth.load_secrets(secrets))
    for typed in ("Anna de Vries", "anna de vries", "  ANNA   de  vries "):
        assert auth.check_password(config, typed, "een lang wachtwoord") == "Anna de Vries"
    # Adding the same person in another spelling replaces the account, not a second one.
    assert auth.add_editor(secrets, "anna DE vries", "nieuw wachtwoord!", ROUNDS) is True
    config = auth.editor_config(auth.load_secrets(secrets))
    assert set(config.passwords) == {"Anna de Vries"}
    assert auth.check_password(config, "anna de vries", "nieuw wachtwoord!") == "Anna de Vries"
