"""One editor is one identity: names are compared after trimming, collapsing inner spaces and
case-folding, everywhere a name decides something (login, import, grid, approve, restore,
close-year, history, the four-eyes check). People see a name as it is spelled in the secrets file.
"""

from __future__ import annotations

from collections.abc import Iterable

from lib.accounts.lookalike import lookalike


def editor_key(name: str | None) -> str:
    """The form two names are compared in: '  Anna   de Vries ' and 'anna de vries' are one."""
    return " ".join(str(name or "").split()).casefold()


def same_editor(a: str | None, b: str | None) -> bool:
    """One person for the four-eyes check: the same name in any case or spacing, or two names
    that look alike ('Аnna' with a Cyrillic А and 'anna', in a secrets file from before
    add-editor refused that)."""
    if not editor_key(a) or not editor_key(b):
        return False
    return editor_key(a) == editor_key(b) or lookalike(str(a), [str(b)]) is not None


def canonical_editor(known: Iterable[str], name: str | None) -> str | None:
    """The configured spelling of `name` (as in the secrets file), or None when it is not known."""
    key = editor_key(name)
    if not key:
        return None
    return next((k for k in sorted(known) if editor_key(k) == key), None)


def display_editor(known: Iterable[str], name: str) -> str:
    """How the history shows a recorded name: the configured spelling where there is one."""
    return canonical_editor(known, name) or name
