"""The editors' texts (toelichting, maatregelen) on the pages: read once per view, shown as typed.

Shown through escaped HTML, never as Markdown: '<b>' and '*' appear as the editor typed them
and nothing in a text is run. Approved texts count, or with the sidebar switch for concepts a
concept in place of its approved text, as for figures.
"""

from __future__ import annotations

import re

import streamlit as st

from lib.figures.history import Key
from lib.views.html_text import editor_texts
from ui import context
from ui.context import Context

_MARKDOWN_SIGNS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: str) -> str:
    """Text typed by an editor (a meeting's title) safe inside st.markdown: shown as typed."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", text)


def texts_of(ctx: Context) -> dict[Key, tuple[str, str]]:
    """(indicator, year, district) -> (toelichting, maatregelen); none for a figures file."""
    if context.actuals_path() is not None:
        return {}
    include = bool(st.session_state.get("include_concept", False))
    store = context.store(ctx.plan)
    return context.shared(ctx, "texts", lambda: store.texts(include), include)


def show_texts(pair: tuple[str, str] | None) -> bool:
    """Draw the texts (if any) where the caller is; whether there were any."""
    if not pair or not any(pair):
        return False
    st.html(editor_texts(*pair))
    return True
