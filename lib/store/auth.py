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
outlive a person's account at the municipality. Reading never needs a login.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import bcrypt

from lib.problems import Problem, ValidationFailed
from lib.store.settings import load_secrets

Mode = Literal["none", "password", "oidc"]
_NAME = re.compile(r"^[\w .@'-]{1,60}$")


@dataclass(frozen=True)
class EditorConfig:
    mode: Mode
    passwords: dict[str, str] = field(default_factory=dict)
    oidc_emails: frozenset[str] = frozenset()

    @property
    def can_edit(self) -> bool:
        return bool(self.passwords) if self.mode == "password" else bool(self.oidc_emails)


def editor_config(secrets: dict | None = None) -> EditorConfig:
    """How editors log in, from the secrets (the secrets file when none are given)."""
    secrets = load_secrets() if secrets is None else secrets
    if "auth" in secrets:
        emails = secrets.get("editors_oidc", {}).get("emails", [])
        return EditorConfig("oidc", oidc_emails=frozenset(str(e).lower() for e in emails))
    editors = {str(k): str(v) for k, v in secrets.get("editors", {}).items()}
    return EditorConfig("password" if editors else "none", passwords=editors)


def hash_password(password: str, rounds: int = 12) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=rounds)).decode("ascii")


def check_password(config: EditorConfig, name: str, password: str) -> bool:
    """True when `name` is an editor account and the password matches its hash."""
    if config.mode != "password":
        return False
    stored = config.passwords.get(name)
    candidate = password.encode("utf-8")
    if stored is None:
        # Check against something all the same, so a wrong name costs as long as a wrong password.
        bcrypt.checkpw(candidate, _dummy_hash())
        return False
    try:
        return bcrypt.checkpw(candidate, stored.encode("ascii"))
    except ValueError:  # not a bcrypt hash: a hand-edited file
        return False


class LoginThrottle:
    """Slows down password guessing: after `max_failures` failed logins for one name within
    `window_s` seconds, that name is refused for `lockout_s` seconds without checking anything.

    Counted per name, known or not (the answer never tells whether an account exists), and
    ignoring case and surrounding spaces. Kept in the server's memory: a restart forgets it.
    Thread-safe: Streamlit serves every browser session from its own thread.
    """

    def __init__(
        self,
        max_failures: int = 5,
        window_s: float = 15 * 60,
        lockout_s: float = 15 * 60,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures, self.window_s, self.lockout_s = max_failures, window_s, lockout_s
        self._clock = clock
        self._failures: dict[str, list[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _key(name: str) -> str:
        return name.strip().casefold()

    def locked_for(self, name: str) -> float:
        """Seconds until `name` may try again; 0 when it may now."""
        with self._lock:
            left = self._locked_until.get(self._key(name), 0.0) - self._clock()
            return max(left, 0.0)

    def failed(self, name: str) -> None:
        key, now = self._key(name), self._clock()
        with self._lock:
            recent = [t for t in self._failures.get(key, []) if now - t < self.window_s]
            recent.append(now)
            if len(recent) >= self.max_failures:
                self._locked_until[key] = now + self.lockout_s
                recent = []
            self._failures[key] = recent

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(self._key(name), None)


def wait_message(seconds: float) -> str:
    """The Dutch refusal while a name is locked: 'Probeer het over 15 minuten opnieuw.'"""
    minutes = max(math.ceil(seconds / 60), 1)
    return (
        "Te vaak een verkeerde naam of wachtwoord. Probeer het over "
        f"{minutes} {'minuut' if minutes == 1 else 'minuten'} opnieuw."
    )


@cache
def _dummy_hash() -> bytes:
    return bcrypt.hashpw(b"dummy", bcrypt.gensalt(rounds=12))


def oidc_editor(config: EditorConfig, user: dict) -> str | None:
    """The name the history records for a logged-in OIDC user, or None if not on the list."""
    email = str(user.get("email") or "").lower()
    if config.mode != "oidc" or not email or email not in config.oidc_emails:
        return None
    return email


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
    if problems:
        raise ValidationFailed(problems)
    secrets = load_secrets(path)
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


def _replace_in_editors(lines: list[str], name: str, new_line: str) -> list[str]:
    out, section = [], ""
    for existing in lines:
        stripped = existing.strip()
        if stripped.startswith("["):
            section = stripped
        key = stripped.split("=", 1)[0].strip()
        is_name = key in (name, json.dumps(name), f"'{name}'")
        out.append(new_line if section == "[editors]" and is_name else existing)
    return out
