"""The overview's first screen as HTML (lib/views/overview_html.py): words, badges, links."""

from __future__ import annotations

from lib.views.overview_html import (
    actions_box,
    page_link,
    since_box,
    tile_grid,
    view_link,
)

STATUSES = ("behaald", "op koers", "achter", "geen gegevens")


def _tile(**changes) -> dict:
    tile = {
        "number": 1,
        "name": "Expertise <b>& meer</b>",
        "counts": {
            "behaald": 1234,
            "op koers": 1,
            "achter": 3,
            "geen gegevens": 0,
            "nog niet aan de orde": 2,
        },
        "targets": 1240,
        "concepts": 0,
    }
    return tile | changes


def test_a_tile_has_each_status_in_colour_icon_and_word_with_its_count_in_dutch():
    html = tile_grid([_tile()], STATUSES, 2014)
    assert 'data-agenda-item="1"' in html
    assert "Expertise &lt;b&gt;&amp; meer&lt;/b&gt;" in html  # a name is text, never markup
    assert "<b>" not in html
    for status in STATUSES:
        assert f"{status}</span> <strong>" in html
    assert "✖ achter</span> <strong>3</strong>" in html
    assert "<strong>1.234</strong>" in html  # Dutch thousands separator
    assert "background" in html  # the badge's colour beside its icon and word
    assert "1.240 doelen in 2014, 2 nog niet aan de orde" in html


def test_a_tile_says_how_many_targets_are_judged_on_a_concept():
    assert ", 2 op een conceptcijfer" in tile_grid([_tile(concepts=2)], STATUSES, 2014)
    assert "conceptcijfer" not in tile_grid([_tile()], STATUSES, 2014)


def test_links_carry_the_filters_escaped_and_are_marked_for_the_page_script():
    link = page_link("sinds-vorige-vergadering", "Bekijk <dit>", {"jaar": "2014", "wijk": "a&b"})
    assert 'href="sinds-vorige-vergadering?jaar=2014&amp;wijk=a%26b"' in link
    assert "data-hjk-link" in link and "Bekijk &lt;dit&gt;" in link
    assert page_link("actiepunten", "Naar", {}).count('href="actiepunten"') == 1
    assert 'href="?jaar=2013&amp;doelen=alle"' in view_link(
        {"jaar": "2013", "doelen": "alle"}, "Alle doelen"
    )


def test_the_since_and_actions_blocks_escape_what_editors_typed():
    link = page_link("x", "Bekijk", {})
    since = since_box("15 september 2014", "1 cijfer <gewijzigd>", "in 2014, hele stad.", link)
    assert "Sinds de vorige vergadering (15 september 2014):</strong>" in since
    assert "1 cijfer &lt;gewijzigd&gt; in 2014, hele stad." in since
    actions = actions_box("Actiepunten: 1 open", ["A1 **vet** <script>"], link)
    assert "<li>A1 **vet** &lt;script&gt;</li>" in actions
    assert "<ul>" not in actions_box("Actiepunten: 1 open", [], link)
