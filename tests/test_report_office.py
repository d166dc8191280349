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
    pages = sorted(tmp_path.glob("pagina-*.png"))
    assert len(pages) == 3
    from PIL import Image

    width, height = Image.open(pages[0]).size
    assert abs(height / width - 297 / 210) < 0.01  # A4


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
    from pypdf import PdfReader

    shown = PdfReader(tmp_path / "deck.pdf")
    assert len(shown.pages) == len(Presentation(io.BytesIO(files["pptx"])).slides)
    if shutil.which("pdftoppm"):  # a chart slide as a projector shows it, 1,280 x 720
        subprocess.run(
            ["pdftoppm", "-png", "-scale-to", "1280", "-f", "5", "-l", "5", "deck.pdf", "dia"],
            cwd=tmp_path,
            check=True,
            timeout=120,
        )
        from PIL import Image

        (slide,) = tmp_path.glob("dia-*.png")
        width, height = Image.open(slide).size
        assert width == 1280 and abs(height - 720) <= 1


def _grid_widths(table) -> list[int]:
    from docx.oxml.ns import qn

    grid = table._tbl.find(qn("w:tblGrid"))
    return [int(col.get(qn("w:w"))) for col in grid.findall(qn("w:gridCol"))]


def test_word_tables_are_sized_to_their_words_and_fit_the_page(drawn):
    """Every column had the same width: LibreOffice broke 'Agendapunt' and 'Pedagogisch
    medewerkers' in the middle. Each column is now at least as wide as its longest word, and
    the indicator and text columns get what is left."""
    from docx import Document
    from docx.shared import Cm, Pt

    from lib.report.docx_table import CHAR_EM, TABLE_FONT, words

    files, _figures = drawn
    document = Document(io.BytesIO(files["docx"]))
    page = Cm(17) / 635  # twentieths of a point (the grid's unit), 1 twip = 635 EMU
    overview = next(t for t in document.tables if t.rows[0].cells[0].text == "Agendapunt")
    for table in document.tables:
        widths = _grid_widths(table)
        assert abs(sum(widths) - page) < 20, widths
        for n, width in enumerate(widths):
            pieces = [w for row in table.rows for w in words(row.cells[n].text)]
            longest = max((len(w) for w in pieces), default=0)
            if sum(widths) and longest * Pt(TABLE_FONT * CHAR_EM) / 635 < page / 2:
                assert width * 635 >= longest * Pt(TABLE_FONT * CHAR_EM), (table, n)
    headers = [c.text for c in overview.rows[0].cells]
    widths = dict(zip(headers, _grid_widths(overview), strict=True))
    assert widths["Indicator"] > 1.5 * widths["Stand"] and widths["Indicator"] > widths["Doel"]


def test_word_footer_carries_the_example_notice_on_every_page(drawn):
    from docx import Document

    files, _figures = drawn
    document = Document(io.BytesIO(files["docx"]))
    assert len(document.sections) == 1  # one footer for every page
    section = document.sections[0]
    assert not section.different_first_page_header_footer
    footer = " ".join(p.text for p in section.footer.paragraphs)
    assert "VOORBEELDGEGEVENS" in footer and "peildatum 1 oktober 2014" in footer


def test_vergaderstuk_and_voortgangsrapport_have_different_titles_and_names(
    plan, example_actuals, report, tmp_path
):
    from docx import Document

    since = date(2014, 8, 25)
    meeting = build_report(
        plan, example_actuals, AS_OF, 2014, created=CREATED, since=since, meeting=date(2014, 10, 6)
    )
    assert (
        meeting.file_stem() == "Vergaderstuk stuurgroep 6 oktober 2014 - Masterplan Het Jonge Kind"
    )
    assert (
        report.file_stem() == "Voortgang Masterplan Het Jonge Kind 2014 (peildatum 1 oktober 2014)"
    )
    no_meeting = build_report(plan, example_actuals, AS_OF, 2014, created=CREATED, since=since)
    assert no_meeting.title == "Vergaderstuk sinds 25 augustus 2014 - Masterplan Het Jonge Kind"
    data = render(meeting, "docx", FakeExporter(), ImageCache(tmp_path))
    document = Document(io.BytesIO(data))
    assert document.core_properties.title == meeting.title
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[0] == meeting.title
    summary = texts.index("Samenvatting")
    assert texts[summary + 1] == "Gewijzigde cijfers sinds 25 augustus 2014"  # opens with it


def test_a_selection_holds_only_its_goals_and_says_so(plan, example_actuals, report, tmp_path):
    from lib.report.selection import Selection

    chosen = Selection(agenda_items=(2,), indicators=("hbo_coach_vve_groepen",))
    selected = build_report(plan, example_actuals, AS_OF, 2014, created=CREATED, selection=chosen)
    assert [p.number for p in selected.agenda] == [1, 2]
    first = [i.key for s in selected.agenda[0].sections for i in s.items]
    assert first == ["chart_hbo_coach_vve_groepen"]
    assert set(selected.progress["indicator"]) == set(chosen.indicator_ids(plan))
    assert "selectie agendapunt 2, 1 indicator" in selected.file_stem()
    assert selected.summary.scope.startswith("Dit rapport is een selectie")
    data = render(selected, "pptx", FakeExporter(), ImageCache(tmp_path))
    deck = Presentation(io.BytesIO(data))
    texts = " ".join(
        s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame
    )
    assert "Dit rapport is een selectie" in texts
    assert "selectie" not in report.file_stem() and not report.summary.scope  # the whole plan


def test_cli_report_of_a_selection_names_it_and_refuses_an_unknown_goal(tmp_path, capsys):
    from openpyxl import load_workbook

    from lib.cli.main import run

    args = ["report", "--year", "2014", "--format", "xlsx", "--out", str(tmp_path)]
    chosen = ["--agenda-item", "2", "--indicator", "hbo_coach_vve_groepen"]
    assert run([*args, *chosen]) == 0
    written = capsys.readouterr().out.splitlines()
    name = written[0].rsplit("/", 1)[-1]
    assert name == (
        "Voortgang Masterplan Het Jonge Kind 2014 "
        "(peildatum 1 oktober 2014, selectie agendapunt 2, 1 indicator).xlsx"
    )
    sheet = load_workbook(tmp_path / name)["Samenvatting"]
    text = " ".join(str(c) for row in sheet.values for c in row if c is not None)
    assert "Dit rapport is een selectie" in text and "VVE-groepen met een HBO'er als coach" in text
    assert run([*args, "--indicator", "bestaat_niet", "--agenda-item", "9"]) == 2
    err = capsys.readouterr().err
    assert "bestaat_niet" in err and "9" in err
    assert len(list(tmp_path.iterdir())) == 1


def test_chart_file_names_keep_what_tells_two_charts_apart(report):
    """'mijlpalen-van-agendapunt-1-hbo-ers-in-de-kinderopvang-en-in--2014-10-01' dropped
    '(Doel 2)', which is what told it from the Doel 3 chart."""
    from lib.charts.export import figure_title, file_name

    titles = {figure_title(i.figure) for i in report.all_charts()}
    names = {file_name(t, "png", AS_OF) for t in titles}
    assert len(names) == len(titles)
    hbo = sorted(n for n in names if "hbo-ers-in-de-kinderopvang" in n)
    assert ["doel-2" in n for n in hbo] == [True, False] and "doel-3" in hbo[1], hbo
    long = "Een titel " * 20
    assert file_name(long + "A", "png", AS_OF) != file_name(long + "B", "png", AS_OF)
    assert len(file_name(long, "png", AS_OF)) < 150


@pytest.mark.parametrize("presented", [False, True])
def test_bars_stand_on_their_year_and_no_target_line_crosses_a_value_label(report, presented):
    """The running year's bar stood between 2013 and 2014, and the dashed target path ran
    through '26 ✖'. A bar is now centred on its year's tick and the target is a line across
    its own bar; a label with a target just above its bar stands above that line."""
    charts = [i for i in report.all_charts() if i.key.startswith("chart_")]
    bars_seen = 0
    for item in charts:
        spec = presentation_spec(item.figure) if presented else item.figure.to_plotly_json()
        layout, data = spec["layout"], spec["data"]
        for bar in (t for t in data if t["type"] == "bar"):
            bars_seen += 1
            assert bar["offset"] == -bar["width"] / 2, item.key  # its middle on the tick
        low, high = layout["yaxis"]["range"]
        plot_px = layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]
        font = (layout.get("font") or {}).get("size", 16)
        label_share = 1.4 * font / plot_px * (high - low)  # a label's height in axis units
        lines = (
            [  # (x from, x to, y) of every target line
                (x0, x1, y0)
                for t in data
                if t.get("name") == "Doel volgens plan"
                for x0, x1, y0 in zip(t["x"][::3], t["x"][1::3], t["y"][::3], strict=False)
            ]
            + [
                (s["x0"], s["x1"], y)
                for s in layout.get("shapes", [])
                if s.get("type") == "rect"
                for y in (s["y0"], s["y1"])
            ]
        )
        for label in (a for a in layout.get("annotations", []) if a.get("name") == "value"):
            for x0, x1, y in lines:
                if x0 <= label["x"] <= x1:
                    assert not label["y"] < y < label["y"] + label_share, (item.key, label)
    assert bars_seen >= 10


def test_a_goals_long_timeline_is_split_too(plan, example_actuals, report, monkeypatch):
    """A plan whose goal has more milestones than fit a slide gets that goal's timeline in
    parts as well (the example's goals have at most two: split here at one a chart). The
    module's report, built at the usual rows per chart, is the unsplit one."""
    from lib.report import parts

    whole = report
    monkeypatch.setattr(parts, "MILESTONE_ROWS_PER_CHART", 1)
    split = build_report(plan, example_actuals, AS_OF, 2014, created=CREATED)

    def timelines(report) -> list[str]:
        return [
            i.key for p in report.agenda for s in p.sections for i in s.items if not i.indicator
        ]

    assert "timeline_mbo_opleiding" in timelines(whole)
    assert "timeline_mbo_opleiding_2" not in timelines(whole)
    assert {"timeline_mbo_opleiding", "timeline_mbo_opleiding_2"} <= set(timelines(split))
    second = next(
        i
        for p in split.agenda
        for s in p.sections
        for i in s.items
        if i.key == "timeline_mbo_opleiding_2"
    )
    assert "deel 2 van 2" in second.figure.layout.title.text


def test_one_long_word_does_not_take_the_margins_of_every_other_column():
    """The vergaderstuk's overview: with '(ontwikkelingsperspectief' in one indicator's name the
    longest words and the cells' margins did not all fit, every column was shrunk in proportion,
    and LibreOffice broke 'Agendapunt' and 'gegevens'. Every column keeps its longest word; the
    margins go to the columns with the shortest words first."""
    from docx.shared import Cm, Pt

    from lib.report.docx_table import CELL_PADDING, CHAR_EM, TABLE_FONT, column_widths

    headers = ["Agendapunt", "Indicator", "Doel", "Stand", "Status", "Waarom deze status"]
    row = ["4", "Kinderen (ontwikkelingsperspectief in beeld", "bijeenkomsten", "bijeenkomsten"]
    longest = ["Agendapunt", "(ontwikkelingsperspectief", "bijeenkomsten", "bijeenkomsten"]
    row += ["? geen gegevens", "nog niet beoordeeld"]
    longest += ["gegevens", "beoordeeld"]
    total = Cm(17)
    word = {h: len(w) * Pt(TABLE_FONT * CHAR_EM) for h, w in zip(headers, longest, strict=True)}
    assert sum(word.values()) + len(headers) * CELL_PADDING > total  # the case in question
    widths = dict(zip(headers, column_widths(headers, [row], total), strict=True))
    assert sum(widths.values()) == total
    for header, width in widths.items():
        assert width >= word[header], header
    for header in ("Agendapunt", "Status", "Waarom deze status"):  # their margins whole
        assert widths[header] >= word[header] + CELL_PADDING, header


def test_a_word_too_long_for_any_column_leaves_the_others_their_words():
    """An action's text with one 45-character word (an e-mail address): the columns were shrunk
    in proportion to their longest words, 'Nr' to 1 mm and the dates to a letter a line. The
    long word's column takes at most MAX_WORD_SHARE of the table (Word breaks the word); every
    other column keeps its longest word and margins."""
    from docx.shared import Cm, Pt

    from lib.report.docx_table import (
        CELL_PADDING,
        CHAR_EM,
        MAX_WORD_SHARE,
        TABLE_FONT,
        column_widths,
    )

    headers = ["Nr", "Actie", "Eigenaar", "Deadline", "Status", "Gaat over"]
    row = ["A5", "Mail " + "x" * 45, "programmamanager", "1 september 2014", "open", "2014"]
    longest = ["A5", "x" * 45, "programmamanager", "september", "Status", "Gaat"]
    total = Cm(17)
    widths = dict(zip(headers, column_widths(headers, [row], total), strict=True))
    assert sum(widths.values()) == total
    assert widths["Actie"] >= total * MAX_WORD_SHARE
    for header, word in zip(headers, longest, strict=True):
        if header != "Actie":
            assert widths[header] >= len(word) * Pt(TABLE_FONT * CHAR_EM) + CELL_PADDING, header
