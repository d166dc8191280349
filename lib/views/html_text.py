"""Headings, status lines and notes around a chart as plain HTML: one light element each.

Streamlit parses, renders and measures every Markdown element (a header, a caption, a line
with a status badge) in the browser, before the charts below it are drawn. As HTML, a chart's
heading, its status and its notes are one light element, with the same words, real heading
elements for screen readers (WCAG 1.3.1) and the status in colour, icon and word (see
bench/README.md for what it saved). All text is escaped: a plan's quote or an indicator's name
is shown as written, never read as Markdown or HTML.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from lib.status import STATUSES, label
from lib.views.html_table import Markup, fill_style

# The signs Markdown (and Streamlit's extensions: $ math, :icon:, :red[colour]) reads anywhere in
# a line, and those it reads only at a line's start (a heading, list, quote); CommonMark lets a
# backslash make any of them literal. A colon or ampersand only where it could start a shortcode
# or an entity; 'Oost-Noord', 'database: bezet', 'A & B' and '1.000' stay as they are.
_MARKDOWN_SIGNS = re.compile(r"([\\`*_{}\[\]<>~$|]|:(?=[A-Za-z])|&(?=[#A-Za-z]))")
_LINE_START_SIGNS = re.compile(r"^(\s*(?:\d+)?)([#+=>.)-])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """A name or text from the plan or an editor, safe inside Markdown: shown as written."""
    escaped = _MARKDOWN_SIGNS.sub(r"\\\1", str(text))
    return _LINE_START_SIGNS.sub(r"\1\\\2", escaped)


TEXT_CLASS = "hjk-text"  # styled by the page's style block (ui/components.py)
NOTE_CLASS = "hjk-note"  # small grey text, like a caption
DOCUMENT_CLASS = "hjk-doc"  # a long text with sections, lists and tables


TEXTS_CLASS = "hjk-texts"  # the editors' toelichting and maatregelen
CALC_CLASS = "hjk-calc"  # the computed reason, folded
_TEXTS_STYLE = "white-space: pre-wrap; margin: 0 0 0.5rem 0;"  # line breaks as typed


def editor_texts(explanation: str, measures: str) -> Markup:
    """The editors' two texts, each under its Dutch label; empty ones left out."""
    parts = [
        f'<p style="{_TEXTS_STYLE}"><strong>{name}:</strong> {html.escape(text)}</p>'
        for name, text in (("Toelichting", explanation), ("Maatregelen", measures))
        if text
    ]
    return Markup(f'<div class="{TEXTS_CLASS}">' + "".join(parts) + "</div>")


def reason_cell(detail: str, why: str, texts: Markup) -> Markup:
    """The overview's reason cell: the status's short detail in bold ("7,9 onder het planpad
    (29,9)"), the editors' texts under it, and the computed reason in full behind a
    "Berekening" disclosure: its target and figure stand in the row's own columns already, and
    written out it made every row ten lines high. The browser's own <details>: keyboard and
    screen readers open it without script."""
    first = f"<strong>{html.escape(detail)}</strong>" if detail else ""
    calc = (
        f'<details class="{CALC_CLASS}"><summary>Berekening</summary>{html.escape(why)}</details>'
        if why
        else ""
    )
    return Markup(first + texts + calc)


def heading(text: str, level: int) -> Markup:
    return Markup(f"<h{level}>{html.escape(text)}</h{level}>")


def paragraph(text: str, *, note: bool = False) -> Markup:
    kind = f' class="{NOTE_CLASS}"' if note else ""
    return Markup(f"<p{kind}>{html.escape(text)}</p>")


def labelled(label: str, text: str) -> Markup:
    """'<strong>Plan (§ 3.1):</strong> text' as one paragraph."""
    return Markup(f"<p><strong>{html.escape(label)}:</strong> {html.escape(text)}</p>")


def status_badge(status: str) -> Markup:
    """The status in colour, icon and word, the colour of its cell in the HTML tables."""
    fill = fill_style(STATUSES[status].colour)
    return Markup(f'<span class="hjk-badge" style="{fill}">{html.escape(label(status))}</span>')


def status_line(year: int, status: str, detail: str | None) -> Markup:
    """'2014: ✖ achter 3,9 onder het planpad (29,9)'."""
    rest = f" {html.escape(detail)}" if detail else ""
    return Markup(f"<p>{year}: {status_badge(status)}{rest}</p>")


def note_lines(*lines: tuple[str, str] | str) -> Markup:
    """A small grey note of several lines; a (label, text) pair gets its label in bold."""
    shown = [
        f"<strong>{html.escape(line[0])}:</strong> {html.escape(line[1])}"
        if isinstance(line, tuple)
        else html.escape(line)
        for line in lines
    ]
    return Markup(f'<p class="{NOTE_CLASS}">' + "<br>".join(shown) + "</p>")


def block(*parts: str) -> Markup:
    """Parts made by this module (or other escaped HTML) as one element's content."""
    return Markup(f'<div class="{TEXT_CLASS}">' + "".join(parts) + "</div>")


@lru_cache(maxsize=16)
def document(markdown: str) -> Markup:
    """A long Markdown text (the methodology, the accessibility statement) as HTML, made here.

    Streamlit's Markdown element parses in the browser: on *Over de cijfers* its 18 kB took
    about 260 ms of the browser's time before the page's first content showed (see
    bench/README.md). CommonMark with tables, as Streamlit reads it; HTML in the text is
    escaped, not passed on, and links are checked by markdown-it (no `javascript:`).
    """
    from markdown_it import MarkdownIt  # only the pages with a long text need it

    rendered = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    return Markup(f'<div class="{TEXT_CLASS} {DOCUMENT_CLASS}">{rendered}</div>')
