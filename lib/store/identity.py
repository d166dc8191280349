"""One editor is one identity: names are compared after trimming, collapsing inner spaces and
case-folding, everywhere a name decides something (login, import, grid, approve, restore,
close-year, history, the four-eyes check). People see a name as it is spelled in the secrets file.
"""

from __future__ import annotations

from collections.abc import Iterable


def editor_key(name: str | None) -> str:
    """The form two names are compared in: '  Anna   de Vries ' and 'anna de vries' are one."""
    return " ".join(str(name or "").split()).casefold()


def same_editor(a: str | None, b: str | None) -> bool:
    return bool(editor_key(a)) and editor_key(a) == editor_key(b)


def canonical_editor(known: Iterable[str], name: str | None) -> str | None:
    """The configured spelling of `name` (as in the secrets file), or None when it is not known."""
    key = editor_key(name)
    if not key:
        return None
    return next((k for k in sorted(known) if editor_key(k) == key), None)


def display_editor(known: Iterable[str], name: str) -> str:
    """How the history shows a recorded name: the configured spelling where there is one."""
    return canonical_editor(known, name) or name
