"""The overview's first screen below its title as one piece of HTML: the since-block, the
actions line, the agenda tiles.

Drawn as Streamlit elements these were some twenty Markdown elements, containers, columns and
two page links; the browser loads the code of a Markdown element with HTML in it (the status
badges) and of a page link only when the first one is drawn, one after the other, each a wait
of its own before the page settles (bench/README.md, "lighter first screens"). As HTML they come with the
page's style block, in one element: the same words, badges in colour, icon and word, and real
links. Everything from the plan or an editor is escaped.
"""

from __future__ import annotations

import html
from urllib.parse import urlencode

import pandas as pd

from lib import fmt
from lib.status import BEHIND, NO_DATA, label
from lib.views.html_table import Markup
from lib.views.html_text import status_badge

BOX_CLASS = "hjk-box"  # a bordered block, like a Streamlit container with a border
TILES_CLASS = "hjk-tiles"
TILE_CLASS = "hjk-tile"
LINK_CLASS = "hjk-link"


def page_link(url_path: str, label: str, params: dict[str, str]) -> Markup:
    """A link to another page of the app with these filters in its address.

    `data-hjk-link` lets the page's script (ui/links.js) open it inside the app, in the same
    session, as the sidebar's links do; without the script it opens the page all the same.
    """
    query = f"?{urlencode(params)}" if params else ""
    return _link(f"{url_path}{query}", label)


def view_link(params: dict[str, str], label: str) -> Markup:
    """A link to this page with other query parameters (another view of it)."""
    return _link(f"?{urlencode(params)}", label)


def _link(href: str, label: str) -> Markup:
    return Markup(
        f'<p><a class="{LINK_CLASS}" href="{html.escape(href)}" data-hjk-link>'
        f'{html.escape(label)} <span aria-hidden="true">→</span></a></p>'
    )


def since_box(day_words: str, summary: str, scope: str, link: Markup) -> Markup:
    """'Sinds de vorige vergadering (15 september 2014): 3 cijfers gewijzigd, ...' and a link."""
    return Markup(
        f'<div class="{BOX_CLASS} hjk-since"><p><strong>Sinds de vorige vergadering '
        f"({html.escape(day_words)}):</strong> {html.escape(summary)} {html.escape(scope)}</p>"
        f"{link}</div>"
    )


def actions_box(line: str, late: list[str], link: Markup) -> Markup:
    """'Actiepunten: 2 open, waarvan 1 over de deadline', the late ones listed, a link."""
    items = "".join(f"<li>{html.escape(text)}</li>" for text in late)
    listed = f"<ul>{items}</ul>" if items else ""
    return Markup(
        f'<div class="hjk-actions"><p><strong>{html.escape(line)}</strong></p>{listed}{link}</div>'
    )


def tile_grid(tiles: list[dict], statuses: tuple[str, ...], year: int) -> Markup:
    """Per agenda item a bordered tile: its name, per status the badge and the count, and how
    many targets it has in `year` (and how many are not yet due, judged on a concept figure)."""
    shown = []
    for tile in tiles:
        counts = "<br>".join(
            f"{status_badge(s)} <strong>{fmt.number(tile['counts'][s], 0)}</strong>"
            for s in statuses
        )
        later = tile["counts"]["nog niet aan de orde"]
        caption = (
            f"{fmt.count(tile['targets'], 'doel', 'doelen')} in {year}"
            + (f", {later} nog niet aan de orde" if later else "")
            + (f", {tile['concepts']} op een conceptcijfer" if tile.get("concepts") else "")
        )
        shown.append(
            f'<div class="{BOX_CLASS} {TILE_CLASS}" data-agenda-item="{tile["number"]}">'
            f"<p><strong>{tile['number']}. {html.escape(tile['name'])}</strong></p>"
            f'<p class="hjk-counts">{counts}</p><p class="hjk-note">{html.escape(caption)}</p>'
            "</div>"
        )
    return Markup(f'<div class="{TILES_CLASS}">{"".join(shown)}</div>')


def heading(text: str) -> Markup:
    """A section of the overview: h2, straight under the page's h1 (an h3 skipped a level,
    WCAG 1.3.1), drawn at a subheader's size (ui/components.py, .hjk-sub)."""
    return Markup(f'<h2 class="hjk-sub">{html.escape(text)}</h2>')


def targets_view(
    table: pd.DataFrame, every: bool, year: int, scope: str
) -> tuple[pd.DataFrame, str, list[str]]:
    """Overzicht's table: what needs attention (behind, or without figures), or every target of
    the year; the rows shown, the table's caption, and the heading and count line above it."""
    behind = int((table["Status"] == label(BEHIND)).sum())
    missing = int((table["Status"] == label(NO_DATA)).sum())
    summary = (
        f"<p><strong>{behind}</strong> van de {fmt.count(len(table), 'doel', 'doelen')} "
        f"{'ligt' if behind == 1 else 'liggen'} achter"
    )
    if every:
        caption = f"Alle doelen {year}, {scope}"
        return (
            table,
            caption,
            [heading(f"{caption}: wat achter ligt staat bovenaan"), summary + ".</p>"],
        )
    caption = f"Wat aandacht vraagt in {year}, {scope}"
    shown = table[table["Status"].isin([label(BEHIND), label(NO_DATA)])]
    summary += (
        f", {missing} zonder gegevens. "
        f"De andere {len(table) - len(shown)} staan in de lijst van alle doelen.</p>"
    )
    return shown, caption, [heading(f"{caption}: achter of zonder gegevens"), summary]
