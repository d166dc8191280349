"""Who may edit: editor accounts with bcrypt hashes, or an allow-list for the municipality's OIDC.

Both live in the secrets file (see lib/store/settings.py):

    [editors]                       # embedded accounts, added with `python -m lib add-editor NAME`
    "anna" = "$2b$12$..."

    [auth]                          # Streamlit's own OIDC settings (st.login)
    redirect_uri = "https://.../oauth2callback"
    ...
    [editors_oidc]                  # who of the identity provider's users may edit
    emails = ["a.jansen@almere.nl"]

With `[auth]` present, OIDC decides and `[editors]` is ignored, so an old password cannot
outlive a person's account at the municipality. Who may read is `[access]` (lib/accounts/access.py).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import bcrypt

from lib import fmt
from lib.accounts.identity import canonical_editor
from lib.accounts.lookalike import lookalike, mixed_scripts
from lib.problems import Problem, ValidationFailed
from lib.store.settings import load_secrets

Mode = Literal["none", "password", "oidc"]
_NAME = re.compile(r"^[\w .@'-]{1,60}$")
# bcrypt reads at most 72 bytes of a password (and the bcrypt package refuses longer ones).
MAX_PASSWORD_BYTES = 72
LOGIN_REFUSED = "Naam of wachtwoord klopt niet."


@dataclass(frozen=True)
class EditorConfig:
    mode: Mode
    passwords: dict[str, str] = field(default_factory=dict)
    oidc_emails: frozenset[str] = frozenset()

    @property
    def can_edit(self) -> bool:
        return bool(self.passwords) if self.mode == "password" else bool(self.oidc_emails)

    @property
    def names(self) -> frozenset[str]:
        """Every editor as spelled in the secrets file."""
        return frozenset(self.passwords) if self.mode == "password" else self.oidc_emails

    def editor(self, name: str | None) -> str | None:
        """The configured spelling of an editor's name (any case or spacing), or None."""
        return canonical_editor(self.names, name)


def editor_config(secrets: dict | None = None) -> EditorConfig:
    """How editors log in, from the secrets (the secrets file when none are given)."""
    secrets = load_secrets() if secrets is None else secrets
    if "auth" in secrets:
        emails = secrets.get("editors_oidc", {}).get("emails", [])
        return EditorConfig("oidc", oidc_emails=frozenset(str(e).strip() for e in emails))
    editors = {str(k): str(v) for k, v in secrets.get("editors", {}).items()}
    return EditorConfig("password" if editors else "none", passwords=editors)


def hash_password(password: str, rounds: int = 12) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=rounds)).decode("ascii")


def check_password(config: EditorConfig, name: str, password: str) -> str | None:
    """The editor's name as configured when `name` (any case or spacing) is an account and the
    password matches its hash; None otherwise.

    Every refusal costs one bcrypt check, so an unknown name, an over-long password and a wrong
    password take about as long, and none of them raises.
    """
    dummy = _dummy_hash(_cost(config))  # made (once) on every path, so no path is slower
    editor = config.editor(name) if config.mode == "password" else None
    candidate = password.encode("utf-8")
    stored = config.passwords.get(editor) if editor else None
    if stored is None or len(candidate) > MAX_PASSWORD_BYTES:
        # Check against something all the same, so a wrong name costs as long as a wrong password.
        bcrypt.checkpw(b"-", dummy)
        return None
    try:
        return editor if bcrypt.checkpw(candidate, stored.encode("ascii")) else None
    except ValueError:  # not a bcrypt hash: a hand-edited file
        return None


def wait_message(seconds: float) -> str:
    """The Dutch refusal while a name is locked: 'Probeer het over 15 minuten opnieuw.'"""
    minutes = max(math.ceil(seconds / 60), 1)
    return (
        "Te vaak een verkeerde naam of wachtwoord. Probeer het over "
        f"{minutes} {'minuut' if minutes == 1 else 'minuten'} opnieuw."
    )


def _cost(config: EditorConfig) -> int:
    """The bcrypt cost of the accounts ('$2b$12$...': 12), so a dummy check costs as much."""
    costs = [h.split("$")[2] for h in config.passwords.values() if h.count("$") >= 3]
    return max((n for c in costs if (n := fmt.digits(c)) is not None and 4 <= n <= 20), default=12)


@cache
def _dummy_hash(rounds: int = 12) -> bytes:
    return bcrypt.hashpw(b"dummy", bcrypt.gensalt(rounds=rounds))


def oidc_editor(config: EditorConfig, user: dict) -> str | None:
    """The name the history records for a logged-in OIDC user, or None if not on the list.

    Only an address the identity provider has verified counts (`email_verified` true): an
    unverified one could be anybody's.
    """
    if config.mode != "oidc" or not oidc_verified(user):
        return None
    return config.editor(str(user.get("email") or ""))


def oidc_verified(user: dict) -> bool:
    """Whether the identity provider vouches for the address: `email_verified` true, or, where
    the provider sends no `email_verified` (Entra ID for an organisation's own accounts), its
    optional claim `xms_edov` true: the tenant owns the address's domain."""
    verified = user.get("email_verified", user.get("xms_edov"))
    return verified is True or str(verified).lower() in ("true", "1")


def check_name(name: str) -> list[Problem]:
    if not _NAME.match(name):
        return [
            Problem(
                "add-editor",
                "een naam heeft 1 tot 60 letters, cijfers, spaties of . @ ' - _",
                field="NAME",
            )
        ]
    return []


def add_editor(path: Path, name: str, password: str, rounds: int = 12) -> bool:
    """Add or replace an account in the `[editors]` table; True when it replaced one.

    The file is edited as text, so comments and the rest of the secrets stay as they are.
    """
    problems = check_name(name)
    if len(password) < 10:
        problems.append(
            Problem("add-editor", "het wachtwoord moet minstens 10 tekens hebben", field="password")
        )
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        problems.append(
            Problem(
                "add-editor",
                f"het wachtwoord is te lang: hoogstens {MAX_PASSWORD_BYTES} bytes (zoveel leest "
                "bcrypt; een letter met accent telt als 2)",
                field="password",
            )
        )
    if problems:
        raise ValidationFailed(problems)
    secrets = load_secrets(path)
    # One identity: a name that differs only in case or spacing replaces that account.
    name = canonical_editor(secrets.get("editors", {}), name) or name
    if name not in secrets.get("editors", {}):
        _refuse_lookalike(name, secrets.get("editors", {}))
    line = f"{json.dumps(name)} = {json.dumps(hash_password(password, rounds))}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    replaced = name in secrets.get("editors", {})
    lines = text.splitlines()
    if replaced:
        lines = _replace_in_editors(lines, name, line)
    elif "editors" in secrets:
        start = next(i for i, s in enumerate(lines) if s.strip() == "[editors]")
        lines.insert(start + 1, line)
    else:
        lines += ([""] if lines else []) + ["[editors]", line]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path.chmod(0o600)
    load_secrets(path)  # the result must still be valid TOML
    return replaced


def _refuse_lookalike(name: str, known) -> None:
    """A new account may not look like an existing one, nor mix scripts (one person, one name)."""
    if mixed_scripts(name):
        message = (
            "de naam mengt letters uit verschillende schriften (zoals Latijns en Cyrillisch) en "
            "kan zo op een andere naam lijken; typ de naam in één schrift"
        )
    elif other := lookalike(name, known):
        message = f"de naam lijkt op die van redacteur '{other}'; kies een naam die anders leest"
    else:
        return
    raise ValidationFailed([Problem("add-editor", message, field="NAME")])


def _replace_in_editors(lines: list[str], name: str, new_line: str) -> list[str]:
    out, section = [], ""
    for existing in lines:
        stripped = existing.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.split("=", 1)[0].strip()
        is_name = key in (name, json.dumps(name), json.dumps(name, ensure_ascii=False), f"'{name}'")
        out.append(new_line if section == "[editors]" and is_name else existing)
    return out
