"""Who may read the dashboard: everyone (the default), or only people who have logged in.

In the secrets file, beside `[auth]` and `[editors_oidc]` (lib/store/auth.py):

    [access]
    readers = "ingelogd"            # "iedereen" (the default) or "ingelogd"
    reader_domains = ["almere.nl"]  # optional: verified addresses in these domains may read
    reader_emails = ["extern@voorbeeld.nl"]   # optional: and these verified addresses

With "ingelogd" nobody sees a figure before logging in: through the identity provider (OIDC),
or with the editor password login where no OIDC is configured (then only editors read). When
`reader_domains` or `reader_emails` is given, a logged-in address outside them is refused;
editors may always read. The app checks these settings at start and stops with a Dutch message
naming the key; the command line does not read them (it runs on the server itself).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lib.problems import Problem, ValidationFailed

SECTION = "access"
EVERYONE, LOGGED_IN = "iedereen", "ingelogd"
KEYS = ("readers", "reader_domains", "reader_emails")
# Labels of letters, digits and hyphens, at least two of them, the last one letters only.
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_DOMAIN = re.compile(rf"^(?:{_LABEL}\.)+[a-z]{{2,63}}$")
_LOCAL = re.compile(r"^[^@\s\"(),:;<>\[\\\]]{1,64}$")


@dataclass(frozen=True)
class Access:
    """The `[access]` settings, checked; domains and addresses casefolded."""

    login_required: bool = False
    domains: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()

    def may_read(self, email: str | None, verified: bool) -> bool:
        """Whether a logged-in visitor who is no editor may read.

        Without lists anyone the identity provider lets in may; with lists only a verified
        address on them or in one of their domains (an unverified one could be anybody's).
        """
        if not self.login_required or not (self.domains or self.emails):
            return True
        address = " ".join(str(email or "").split()).casefold()
        if not verified or "@" not in address:
            return False
        return address in self.emails or address.rpartition("@")[2] in self.domains


def access_settings(secrets: dict, file: str) -> Access:
    """The `[access]` table of the secrets, checked; every problem names its key."""
    table = secrets.get(SECTION, {})
    if not isinstance(table, dict):
        raise ValidationFailed([_problem(file, SECTION, "moet een tabel [access] zijn")])
    problems = [
        _problem(file, f"{SECTION}.{key}", f"onbekende instelling; bedoeld is een van {_keys()}")
        for key in table
        if key not in KEYS
    ]
    readers = table.get("readers", EVERYONE)
    if readers not in (EVERYONE, LOGGED_IN):
        problems.append(
            _problem(
                file,
                f"{SECTION}.readers",
                f'{_shown(readers)} is geen geldige waarde; kies "{EVERYONE}" (iedereen mag '
                f'lezen) of "{LOGGED_IN}" (alleen na inloggen)',
            )
        )
    domains = _entries(table, "reader_domains", _is_domain, "geen domeinnaam", problems, file)
    emails = _entries(table, "reader_emails", _is_email, "geen e-mailadres", problems, file)
    problems += _logins_missing(secrets, file, readers, domains, emails)
    if problems:
        raise ValidationFailed(problems)
    return Access(readers == LOGGED_IN, frozenset(domains), frozenset(emails))


def _entries(table, key, valid, what, problems, file) -> list[str]:
    """A list of strings, casefolded; problems for anything else."""
    values = table.get(key, [])
    field = f"{SECTION}.{key}"
    if not isinstance(values, list):
        problems.append(_problem(file, field, f'moet een lijst zijn, zoals ["{_example(key)}"]'))
        return []
    found = []
    for value in values:
        text = value.strip().casefold() if isinstance(value, str) else None
        if text is None or not valid(text):
            problems.append(_problem(file, field, f"{_shown(value)} is {what}"))
        else:
            found.append(text)
    return found


def _logins_missing(secrets: dict, file: str, readers, domains, emails) -> list[Problem]:
    """Settings that could never take effect: nobody can log in, or only editors can."""
    if readers != LOGGED_IN or "auth" in secrets:
        return []
    if domains or emails:
        return [
            _problem(
                file,
                f"{SECTION}.{'reader_domains' if domains else 'reader_emails'}",
                "lezers per domein of adres werken alleen met inloggen via de gemeente "
                "([auth], OIDC); met wachtwoorden lezen alleen de redacteuren",
            )
        ]
    if not secrets.get("editors"):
        return [
            _problem(
                file,
                f"{SECTION}.readers",
                f'"{LOGGED_IN}" maar niemand kan inloggen: stel [auth] (OIDC) in of voeg een '
                "redacteur toe (python -m lib add-editor NAAM)",
            )
        ]
    return []


def _is_domain(text: str) -> bool:
    return len(text) <= 253 and bool(_DOMAIN.match(text))


def _is_email(text: str) -> bool:
    local, at, domain = text.rpartition("@")
    return bool(at) and bool(_LOCAL.match(local)) and _is_domain(domain)


def _example(key: str) -> str:
    return "almere.nl" if key == "reader_domains" else "naam@almere.nl"


def _keys() -> str:
    return ", ".join(KEYS)


def _shown(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _problem(file: str, field: str, message: str) -> Problem:
    return Problem(file, message, field=field)
