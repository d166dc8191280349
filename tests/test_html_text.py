"""lib/views/html_text: headings, status lines and notes around a chart as escaped HTML."""

from __future__ import annotations

import pytest

from lib.status import BEHIND, STATUSES
from lib.views import html_text


def test_headings_are_real_heading_elements_with_the_text_escaped():
    assert html_text.heading("Doel 1: <b>60</b> & meer", 2) == (
        "<h2>Doel 1: &lt;b&gt;60&lt;/b&gt; &amp; meer</h2>"
    )
    assert html_text.heading("VVE-groepen", 3) == "<h3>VVE-groepen</h3>"


@pytest.mark.parametrize("status", list(STATUSES))
def test_every_status_badge_has_its_colour_icon_and_word(status):
    style = STATUSES[status]
    badge = html_text.status_badge(status)
    assert f"background-color:{style.colour}" in badge
    assert f">{style.icon} {style.word}</span>" in badge  # never colour alone (WCAG 1.4.1)


def test_a_status_line_has_the_year_the_badge_and_the_detail_escaped():
    line = html_text.status_line(2014, BEHIND, "3,9 onder het planpad (29,9) <x>")
    assert line.startswith('<p>2014: <span class="hjk-badge"')
    assert line.endswith("✖ achter</span> 3,9 onder het planpad (29,9) &lt;x&gt;</p>")
    assert html_text.status_line(2014, BEHIND, None).endswith("✖ achter</span></p>")
    assert html_text.status_line(2014, BEHIND, "").endswith("✖ achter</span></p>")


def test_unknown_status_is_an_error_not_an_uncoloured_word():
    with pytest.raises(KeyError):
        html_text.status_badge("ergens tussenin")


def test_labelled_paragraphs_and_notes_escape_label_and_text():
    assert html_text.labelled("Plan (§ 3.1)", "“*60* groepen”") == (
        "<p><strong>Plan (§ 3.1):</strong> “*60* groepen”</p>"  # no Markdown: shown as written
    )
    assert html_text.labelled("A<b>", "x & y") == "<p><strong>A&lt;b&gt;:</strong> x &amp; y</p>"
    note = html_text.note_lines("Bron: <opgave>.", ("Tekstalternatief", "26 groepen"))
    assert note == (
        '<p class="hjk-note">Bron: &lt;opgave&gt;.<br>'
        "<strong>Tekstalternatief:</strong> 26 groepen</p>"
    )
    assert html_text.paragraph("Thema", note=True) == '<p class="hjk-note">Thema</p>'
    assert html_text.paragraph("a < b") == "<p>a &lt; b</p>"


def test_a_block_wraps_its_parts_in_one_styled_element():
    block = html_text.block(html_text.heading("Mijlpalen", 3), html_text.paragraph("x"))
    assert block == '<div class="hjk-text"><h3>Mijlpalen</h3><p>x</p></div>'


def test_a_long_text_becomes_html_with_its_sections_lists_and_tables():
    text = (
        "### 3. De statussen\n\nEen **status** is *altijd* een woord.\n\n"
        "- behaald\n- achter\n\n| Teken | Status |\n|---|---|\n| ✖ | achter |\n"
    )
    shown = html_text.document(text)
    assert shown.startswith('<div class="hjk-text hjk-doc"><h3>3. De statussen</h3>')
    assert "<p>Een <strong>status</strong> is <em>altijd</em> een woord.</p>" in shown
    assert "<li>behaald</li>" in shown and "<li>achter</li>" in shown
    assert "<th>Teken</th>" in shown and "<td>✖</td>" in shown  # tables, as Streamlit reads them


def test_html_and_script_links_in_a_long_text_are_not_passed_on():
    shown = html_text.document(
        'Tekst <script>alert("x")</script> <b>vet</b> en [klik](javascript:alert(1)).'
    )
    assert "<script>" not in shown and "<b>" not in shown
    assert "&lt;script&gt;" in shown and "&lt;b&gt;vet&lt;/b&gt;" in shown
    assert "[klik](javascript:alert(1))" in shown and "href" not in shown  # left as plain text


def test_editor_texts_keep_what_was_typed_and_leave_out_an_empty_one():
    both = html_text.editor_texts("Te weinig *HBO'ers*\nin Haven", "<script>x</script> werven")
    assert both.startswith('<div class="hjk-texts">') and both.endswith("</div>")
    assert "<strong>Toelichting:</strong> Te weinig *HBO&#x27;ers*\nin Haven</p>" in both
    assert "<strong>Maatregelen:</strong> &lt;script&gt;x&lt;/script&gt; werven</p>" in both
    assert "white-space: pre-wrap" in both  # the editor's line breaks stay
    only = html_text.editor_texts("", "Extra coaches")
    assert "Toelichting" not in only and "Maatregelen:</strong> Extra coaches" in only


def test_a_reason_cell_has_the_detail_then_the_texts_then_the_computation_folded():
    texts = html_text.editor_texts("Twee <aanbieders> zoeken", "")
    cell = html_text.reason_cell("3,9 onder het planpad (29,9)", "Doel 2014: 40 & meer.", texts)
    assert cell.startswith("<strong>3,9 onder het planpad (29,9)</strong>")
    assert cell.index("Twee &lt;aanbieders&gt; zoeken") < cell.index("<details")
    # Closed until opened (no `open` attribute), the computation escaped inside it.
    assert cell.endswith(
        '<details class="hjk-calc"><summary>Berekening</summary>Doel 2014: 40 &amp; meer.</details>'
    )
    # A status without a short detail or a computation leaves those parts out, not empty tags.
    assert html_text.reason_cell("", "", texts) == texts
    assert "<strong>" not in html_text.reason_cell("", "Regel: x.", html_text.editor_texts("", ""))
