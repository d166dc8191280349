"""The report's files opened as the office opens them: the deck on a projector (one chart a slide,
at the slide's width, drawn at that size with fonts that read), the PDF on A4, the Word document
as a council letter (tables sized to their words, the example notice in every footer, the
vergaderstuk named as one), and a selection of goals named as one.

Rendering with LibreOffice (a slide) and pdftoppm (a PDF page) runs where they are installed and
is skipped with the reason otherwise; the renders are kept in the test's folder to look at.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from pptx import Presentation

from lib.charts.cache import ImageCache
from lib.charts.presentation import (
    CHART_HEIGHT,
    CHART_WIDTH,
    MIN_FONT_PX,
    SLIDE_PICTURE_INCHES,
    presentation_spec,
)
from lib.report.model import build_report
from lib.report.pdf_parts import WIDTH as PDF_WIDTH
from lib.report.write import render
from tests.report_fixtures import FakeExporter

AS_OF = date(2014, 10, 1)
CREATED = date(2026, 12, 7)
TEXTS = {("hbo_coach_vve_groepen", 2014, ""): ("Twee coaches zijn uitgevallen.", "Werving loopt.")}


class RecordingExporter(FakeExporter):
    """The fake exporter, keeping every figure it was asked to draw."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[dict] = []

    def render(self, fig, fmt_name: str, scale: float | None = None) -> bytes:
        self.figures.append(fig)
        return super().render(fig, fmt_name, scale)


@pytest.fixture(scope="module")
def report(plan, example_actuals):
    return build_report(plan, example_actuals, AS_OF, 2014, created=CREATED, texts=TEXTS)


@pytest.fixture(scope="module")
def drawn(report, tmp_path_factory):
    """Every format, and what the exporter was asked to draw for them."""
    exporter = RecordingExporter()
    cache = ImageCache(tmp_path_factory.mktemp("images"))
    files = {f: render(report, f, exporter, cache) for f in ("pdf", "pptx", "xlsx", "docx")}
    return files, exporter.figures


def _font_sizes(node: object) -> list[float]:
    """Every font size set anywhere in a figure's JSON."""
    if isinstance(node, list):
        return [s for child in node for s in _font_sizes(child)]
    if not isinstance(node, dict):
        return []
    sizes = []
    for key, value in node.items():
        if key.endswith("font") and isinstance(value, dict) and "size" in value:
            size = value["size"]
            sizes += size if isinstance(size, list) else [size]
        sizes += _font_sizes(value)
    return sizes


def test_charts_are_drawn_at_the_slides_size_with_presentation_fonts(report, drawn):
    """The deck showed 1,800-pixel web charts scaled into half a slide (ticks about 7 pixels
    high at 1,280 x 720). Each chart is now drawn at the size of the slide's picture box, every
    text at least 14 pt as projected; the PDF and Word take the same image, 7 pt or more on A4."""
    _files, figures = drawn
    assert len(figures) == len(report.all_charts())  # one image a chart, shared by the formats
    for figure in figures:
        layout = figure["layout"]
        assert layout["height"] == CHART_HEIGHT, layout["title"]["text"]
        sizes = _font_sizes(figure)
        assert sizes and min(sizes) >= MIN_FONT_PX, layout["title"]["text"]
        assert "font-size:16px" not in layout["title"]["text"]  # the subtitle's span too
    projected = MIN_FONT_PX * SLIDE_PICTURE_INCHES[0] * 72 / CHART_WIDTH
    printed = MIN_FONT_PX * PDF_WIDTH / CHART_WIDTH  # reportlab's units are points
    assert projected >= 14 and printed >= 7


def test_a_long_title_is_wrapped_again_for_the_larger_font(report):
    """'Werkgroep Het Jonge Kind overlegt eenmaal per 6 weken: toezegging per jaar' ran off the
    right edge at presentation size."""
    from lib.charts.style import label_width

    for item in report.all_charts():
        title = presentation_spec(item.figure)["layout"]["title"]
        own = title["text"].partition("</b>")[0].removeprefix("<b>")
        for line in own.split("<br>"):
            assert label_width([line], title["font"]["size"]) <= 1000, line


def test_deck_one_chart_a_slide_at_full_width_texts_in_the_notes(report, drawn):
    files, _figures = drawn
    deck = Presentation(io.BytesIO(files["pptx"]))
    chart_slides = 0
    for slide in deck.slides:
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        assert len(pictures) <= 1
        for picture in pictures:
            chart_slides += 1
            assert picture.width >= 0.93 * deck.slide_width
            # drawn at this size: 96 CSS pixels an inch, within a few percent
            assert abs(picture.width / 914400 * 96 - CHART_WIDTH) < 0.03 * CHART_WIDTH
    assert chart_slides == len(report.all_charts())
    coach = next(
        s for s in deck.slides if any(p.name == "chart_hbo_coach_vve_groepen" for p in s.shapes)
    )
    notes = coach.notes_slide.notes_text_frame.text
    assert "Twee coaches zijn uitgevallen." in notes and "Werving loopt." in notes


def test_milestone_timeline_is_split_into_parts_of_at_most_ten_rows(report):
    rows = [
        len(next(t for t in item.figure.data if t.name == "Deadline volgens plan").y)
        for item in report.milestones
    ]
    assert len(report.milestone_rows) == 19
    assert len(rows) >= 2 and max(rows) <= 10 and sum(rows) == 19
    assert [i.key for i in report.milestones][:2] == ["milestones", "milestones_2"]
    assert "deel 1 van" in report.milestones[0].figure.layout.title.text


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) ontbreekt")
def test_a_pdf_page_renders(report, drawn, tmp_path):
    files, _figures = drawn
    (tmp_path / "rapport.pdf").write_bytes(files["pdf"])
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", "rapport.pdf", "pagina"],
        cwd=tmp_path,
        check=True,
        timeout=120,
    )
    assert len(list(tmp_path.glob("pagina-*.png"))) == 3


@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) ontbreekt")
def test_a_slide_renders_in_libreoffice(drawn, tmp_path):
    files, _figures = drawn
    (tmp_path / "deck.pptx").write_bytes(files["pptx"])
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    subprocess.run(
        [_soffice(), profile, "--headless", "--convert-to", "pdf", "deck.pptx"],
        cwd=tmp_path,
        check=True,
        timeout=300,
        capture_output=True,
    )
    assert (tmp_path / "deck.pdf").stat().st_size > 10_000
