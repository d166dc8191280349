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
