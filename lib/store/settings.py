"""Where the app keeps its secrets and its database, read the same way by the app and the CLI.

Secrets live in `.streamlit/secrets.toml` (git-ignored), the file Streamlit itself reads; tests
and unusual deployments point `HJK_SECRETS` at another file. The database is `DATABASE_URL`
from the environment, else `database_url` in the secrets file, else a SQLite file in data/.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from lib.problems import Problem, ValidationFailed, os_reason

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SECRETS = ROOT / ".streamlit" / "secrets.toml"
DEFAULT_DATABASE = ROOT / "data" / "actuals.sqlite3"


def secrets_path() -> Path:
    return Path(os.environ.get("HJK_SECRETS", DEFAULT_SECRETS))


def load_secrets(path: Path | None = None) -> dict:
    """The secrets file as a dict; {} when there is none. A broken file is a Dutch problem."""
    path = path or secrets_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise ValidationFailed(
            [Problem(str(path), f"kan het bestand niet lezen ({os_reason(exc)})")]
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationFailed([Problem(str(path), f"geen geldige TOML: {exc}")]) from None


def database_url(secrets: dict | None = None) -> str:
    """The SQLAlchemy URL of the figures database, with the psycopg 3 driver for PostgreSQL."""
    url = os.environ.get("DATABASE_URL") or ""
    if not url:
        url = str((secrets if secrets is not None else load_secrets()).get("database_url", ""))
    return normalise_url(url or f"sqlite:///{DEFAULT_DATABASE}")


def normalise_url(url: str) -> str:
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy would pick psycopg2 for those.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def url_label(url: str) -> str:
    """How people see a database URL: the SQLite file's name, or 'PostgreSQL-database'."""
    if url.startswith("sqlite"):
        return Path(url.split("///", 1)[-1]).name
    return "PostgreSQL-database"
