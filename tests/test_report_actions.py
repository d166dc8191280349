"""The steering loop in the report: Besluitenlijst vorige vergadering and Actielijst in the
vergaderstuk (Word, PDF), the late actions' slide, the sheet 'Actiepunten', and the goals behind
without a toelichting or an action, on the example with its story and its actions (peildatum
1 October 2014, previous meeting 25 August), charts drawn without Chromium."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook
from pptx import Presentation
from store_fixtures import open_store

from lib.charts.cache import ImageCache
from lib.report.meeting import meeting_inputs
from lib.report.model import build_report
from lib.report.write import render
from tests.report_fixtures import FakeExporter, pdf_text

AS_OF = date(2014, 10, 1)


@pytest.fixture(scope="module")
def files(plan, tmp_path_factory):
    folder = tmp_path_factory.mktemp("steering")
    store = open_store(plan, f"sqlite:///{folder / 'x.sqlite3'}", seed=True)
    inputs = meeting_inputs(plan, store, 2014, AS_OF, since=date(2014, 8, 25))
    report = build_report(plan, store.read_actuals(), AS_OF, 2014, created=AS_OF, **inputs)
    cache = ImageCache(folder / "images")
    return {f: render(report, f, FakeExporter(), cache) for f in ("pdf", "pptx", "xlsx", "docx")}


def test_the_word_vergaderstuk_has_the_decisions_and_the_action_list(files):
    document = Document(io.BytesIO(files["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Besluitenlijst vorige vergadering (25 augustus 2014)" in headings
    assert "Actielijst" in headings
    body = [p.text for p in document.paragraphs]
    first = "1. Gemeente en aanbieders werven de ontbrekende HBO-coaches samen; tussenstand in december."
    assert first in body
    # numbered by its own number only, not also bulleted ("• 1. ...")
    (decision,) = [p for p in document.paragraphs if p.text == first]
    assert "List" not in decision.style.name
    assert "2 actiepunten open, waarvan 1 over de deadline (peildatum 1 oktober 2014)." in body
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    late = next(r for r in cells if r[0] == "A2")
    assert late[4] == "16 dagen over de deadline" and late[2] == "programmamanager (voorbeeld)"
    assert next(r for r in cells if r[0] == "A3")[4].startswith("gereed: Scholing")
    assert any(
        "Subsidieregeling VVE-scholing duidelijk: geen toelichting, geen actiepunt" in t
        for t in body
    )


def test_the_pdf_has_both_sections(files):
    text = pdf_text(files["pdf"])
    assert "Besluitenlijst vorige vergadering (25 augustus 2014)" in text
    assert "Actielijst" in text and "16 dagen over de deadline" in text
    assert "geen toelichting, geen actiepunt" in text


def test_powerpoint_has_a_slide_for_the_late_actions(files):
    deck = Presentation(io.BytesIO(files["pptx"]))
    titles = [s.shapes[0].text_frame.text for s in deck.slides]
    (index,) = [n for n, t in enumerate(titles) if t == "Actiepunten over de deadline (1)"]
    cells = [
        c.text
        for shape in deck.slides[index].shapes
        if shape.has_table
        for row in shape.table.rows
        for c in row.cells
    ]
    assert cells[5:] == [
        "A2",
        "Vacatures voor HBO-coaches gezamenlijk uitzetten met de aanbieders zonder coach",
        "programmamanager (voorbeeld)",
        "15 september 2014",
        "16",
    ]


def test_excel_has_a_sheet_of_every_action(files):
    book = load_workbook(io.BytesIO(files["xlsx"]))
    sheet = book["Actiepunten"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(n for n, r in enumerate(rows) if r[0] == "Nr")
    assert [r[0] for r in rows[header + 1 :]] == ["A2", "A4", "A1", "A3"]
    assert rows[header + 1][-1] == 16
    # the deadline a date (shown as one), as the figures' sheet has its dates, not a text
    deadline = sheet.cell(header + 2, rows[header].index("Deadline") + 1)
    assert deadline.value.date() == date(2014, 9, 15) and deadline.number_format != "General"


def test_a_changed_action_makes_a_new_report_not_the_remembered_one(plan, tmp_path):
    from lib.report.memo import report_key
    from lib.steering.book import Steering

    store = open_store(plan, f"sqlite:///{tmp_path / 'x.sqlite3'}", seed=True)
    steering = Steering.open(store)
    actuals = store.read_actuals()

    def key() -> str:
        inputs = meeting_inputs(plan, store, 2014, AS_OF, since=date(2014, 8, 25))
        options = {**inputs, "texts": sorted(inputs["texts"].items())}
        return report_key(plan, actuals, AS_OF, 2014, AS_OF, options)

    before = key()
    assert key() == before
    steering.update_action(2, "bob", {"status": "gereed", "note": "Gedaan"})
    assert key() != before


def test_the_pdf_footer_never_runs_into_the_page_number(files):
    """A meeting's title made the footer so long that its end was printed over "pagina 1"."""
    from pypdf import PdfReader
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from lib.report.pdf_parts import make_styles

    font = make_styles()["small"].fontName
    reader = PdfReader(io.BytesIO(files["pdf"]))
    for page in reader.pages[:2]:
        footer: list[tuple[float, float, str]] = []  # (y, x, text) below the bottom margin

        def seen(text, matrix, text_matrix, font_dict, size, footer=footer) -> None:
            y = matrix[5] + text_matrix[5]
            if text.strip() and y < 2 * cm:
                footer.append((y, matrix[4] + text_matrix[4], text.strip()))

        page.extract_text(visitor_text=seen)
        assert "VOORBEELDGEGEVENS" in " ".join(t for _, _, t in footer)
        assert any(t.startswith("pagina ") for _, _, t in footer)
        for y in {y for y, _, _ in footer}:
            line = sorted((x, t) for y2, x, t in footer if y2 == y)
            for (x, text), (next_x, _) in zip(line, line[1:], strict=False):
                assert x + stringWidth(text, font, 8) < next_x, (text, y)
            x, text = line[-1]
            assert x + stringWidth(text, font, 8) <= A4[0] - 2 * cm + 1
