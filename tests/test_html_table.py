"""lib/html_table: small tables as accessible HTML, Dutch numbers, status in colour, icon and word."""

from __future__ import annotations

import math

import pandas as pd

from lib.status import BEHIND, MET, STATUSES, label
from lib.views.html_table import EMPTY_CELL, html_table


def test_caption_headers_and_scroll_region_are_there():
    html = html_table(pd.DataFrame({"Mijlpaal": ["Start"], "Status": [label(MET)]}), "Mijlpalen")
    assert '<div class="hjk-table-wrap" role="region" aria-label="Mijlpalen" tabindex="0">' in html
    assert "<caption>Mijlpalen</caption>" in html
    assert '<th scope="col">Mijlpaal</th><th scope="col">Status</th>' in html
    assert html.endswith("</tbody></table></div>")


def test_numbers_are_dutch_and_missing_values_a_dash():
    frame = pd.DataFrame({"Aantal": [1234.5, math.nan, 3.0], "Tekst": ["a", None, "c"]})
    html = html_table(frame, "Cijfers")
    assert '<td class="num">1.234,5</td>' in html
    assert '<td class="num">3</td>' in html
    assert html.count(f"<td>{EMPTY_CELL}</td>") == 2  # the NaN and the None
    assert '<td class="num">–' not in html  # a missing number is not aligned as a number


def test_status_cells_get_their_colour_and_keep_icon_and_word():
    frame = pd.DataFrame({"Naam": [label(BEHIND)], "Status": [label(BEHIND)]})
    html = html_table(frame, "Status", status_column="Status")
    fill = STATUSES[BEHIND].colour
    assert f'<td style="background-color:{fill};color:#000000">✖ achter</td>' in html
    # The same text in another column is left alone: only the status column is coloured.
    assert "<td>✖ achter</td>" in html


def test_text_is_escaped():
    frame = pd.DataFrame({"Naam <b>": ['<script>alert("x")</script> & co']})
    html = html_table(frame, 'Titel "met" <tags>')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html
    assert 'aria-label="Titel &quot;met&quot; &lt;tags&gt;"' in html


def test_the_index_becomes_row_headers():
    frame = pd.DataFrame({"Noord": [2.0], "Zuid": [math.nan]}, index=["Groepen"])
    html = html_table(frame.rename_axis("Indicator"), "Per wijk", index=True)
    assert '<th scope="col">Indicator</th><th scope="col">Noord</th>' in html
    assert (
        f'<tr><th scope="row">Groepen</th><td class="num">2</td><td>{EMPTY_CELL}</td></tr>' in html
    )


def svg_of(img: str) -> str:
    import base64
    import re

    return base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', img)[1]).decode()


def test_sparkline_draws_known_years_and_breaks_the_line_at_a_gap():
    from lib.views.sparkline import sparkline

    img = sparkline([None, 26.0, None, 40.5], [2012, 2013, 2014, 2015])
    assert img.startswith('<img class="hjk-spark" src="data:image/svg+xml;base64,')
    label = "Verloop: 2012: geen cijfer; 2013: 26; 2014: geen cijfer; 2015: 40,5"
    assert f'alt="{label}"' in img and f'title="{label}"' in img
    svg = svg_of(img)
    assert svg.count("<circle") == 2
    assert "<polyline" not in svg  # no two consecutive years: dots, no line across the gap
    joined = svg_of(sparkline([1.0, 2.0, None, 4.0], [2012, 2013, 2014, 2015]))
    assert joined.count("<polyline") == 1 and joined.count("<circle") == 3
    assert "geen cijfers" in sparkline([None, None], [2012, 2013])


def test_markup_columns_are_not_escaped_and_others_are():
    frame = pd.DataFrame({"Lijn": ["<svg></svg>"], "Tekst": ["<svg></svg>"]})
    html = html_table(frame, "x", html_columns={"Lijn"})
    assert "<td><svg></svg></td>" in html
    assert "<td>&lt;svg&gt;&lt;/svg&gt;</td>" in html
