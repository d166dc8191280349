"""The `[access]` settings (lib/accounts/access.py): who may read, and every wrong value refused in
Dutch with the key it is about."""

from __future__ import annotations

import pytest

from lib.accounts.access import Access, access_settings
from lib.problems import ValidationFailed

FILE = "secrets.toml"
OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback"}}


@pytest.mark.parametrize(
    ("secrets", "expected"),
    [
        ({}, Access()),
        ({"access": {"readers": "iedereen"}}, Access()),
        ({**OIDC, "access": {"readers": "ingelogd"}}, Access(login_required=True)),
        (
            {
                **OIDC,
                "access": {
                    "readers": "ingelogd",
                    "reader_domains": [" Almere.NL "],
                    "reader_emails": ["Extern@Voorbeeld.nl"],
                },
            },
            Access(True, frozenset({"almere.nl"}), frozenset({"extern@voorbeeld.nl"})),
        ),
        # Password logins: only editors can log in, so only editors read.
        ({"editors": {"anna": "$2b$04$x"}, "access": {"readers": "ingelogd"}}, Access(True)),
    ],
)
def test_valid_settings(secrets, expected):
    assert access_settings(secrets, FILE) == expected


@pytest.mark.parametrize(
    ("access", "field", "words"),
    [
        ({"readers": "soms"}, "access.readers", '"soms" is geen geldige waarde; kies "iedereen"'),
        ({"readers": True}, "access.readers", "True is geen geldige waarde"),
        ({"readers": "Ingelogd"}, "access.readers", '"Ingelogd" is geen geldige waarde'),
        ({"reader_domains": ["almere"]}, "access.reader_domains", '"almere" is geen domeinnaam'),
        (
            {"reader_domains": ["@almere.nl"]},
            "access.reader_domains",
            '"@almere.nl" is geen domeinnaam',
        ),
        (
            {"reader_domains": ["almere.nl/intranet"]},
            "access.reader_domains",
            "is geen domeinnaam",
        ),
        ({"reader_domains": [12]}, "access.reader_domains", "12 is geen domeinnaam"),
        ({"reader_domains": "almere.nl"}, "access.reader_domains", "moet een lijst zijn"),
        ({"reader_emails": ["anna"]}, "access.reader_emails", '"anna" is geen e-mailadres'),
        ({"reader_emails": ["a b@almere.nl"]}, "access.reader_emails", "is geen e-mailadres"),
        ({"reader_emails": ["anna@almere"]}, "access.reader_emails", "is geen e-mailadres"),
        ({"lezers": "ingelogd"}, "access.lezers", "onbekende instelling"),
    ],
)
def test_a_wrong_value_names_its_key(access, field, words):
    with pytest.raises(ValidationFailed) as caught:
        access_settings({**OIDC, "access": access}, FILE)
    (problem,) = caught.value.problems
    assert (problem.file, problem.field) == (FILE, field)
    assert words in problem.message
    assert str(problem).startswith(f"{FILE}, veld '{field}': ")


def test_every_problem_at_once():
    access = {"readers": "soms", "reader_domains": ["x"], "reader_emails": ["y"]}
    with pytest.raises(ValidationFailed) as caught:
        access_settings({**OIDC, "access": access}, FILE)
    assert [p.field for p in caught.value.problems] == [
        "access.readers",
        "access.reader_domains",
        "access.reader_emails",
    ]


@pytest.mark.parametrize(
    ("secrets", "field", "words"),
    [
        ({"access": {"readers": "ingelogd"}}, "access.readers", "niemand kan inloggen"),
        (
            {
                "editors": {"anna": "$2b$04$x"},
                "access": {"readers": "ingelogd", "reader_emails": ["a@b.nl"]},
            },
            "access.reader_emails",
            "werken alleen met inloggen via de gemeente",
        ),
    ],
)
def test_settings_that_could_never_work_are_refused(secrets, field, words):
    with pytest.raises(ValidationFailed) as caught:
        access_settings(secrets, FILE)
    (problem,) = caught.value.problems
    assert problem.field == field and words in problem.message


@pytest.mark.parametrize(
    ("email", "verified", "allowed"),
    [
        ("anna@almere.nl", True, True),
        ("Anna@ALMERE.nl", True, True),
        ("extern@voorbeeld.nl", True, True),
        ("EXTERN@voorbeeld.nl", True, True),
        ("ander@voorbeeld.nl", True, False),
        ("anna@almere.nl.evil.example", True, False),
        ("anna@sub.almere.nl", True, False),  # a domain is the domain itself
        ("anna@almere.nl", False, False),  # unverified: could be anybody's
        ("", True, False),
        (None, True, False),
    ],
)
def test_who_may_read_with_lists(email, verified, allowed):
    access = Access(True, frozenset({"almere.nl"}), frozenset({"extern@voorbeeld.nl"}))
    assert access.may_read(email, verified) is allowed


def test_without_lists_anyone_logged_in_may_read():
    assert Access(login_required=True).may_read("wie@dan.ook", False)
    assert Access().may_read(None, False)
