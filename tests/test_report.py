"""Chart exports and the progress report: each file opens as what it claims to be, with its texts.

Rendering charts needs Chromium (kaleido drives it); without it these tests skip with a reason,
except the Excel workbook, which needs no browser.
"""

from __future__ import annotations

import io
import struct
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.util import Inches
from pypdf import PdfReader

from lib.charts.cache import ImageCache
from lib.charts.export import (
    Exporter,
    default_exporter,
    export_figure,
    file_name,
    find_chromium,
)
from lib.charts.indicators import indicator_chart
from lib.progress.compare import progress_table
from lib.report.model import build_report, goal_heading
from lib.report.write import render
from lib.report.xlsx import PROGRESS_HEADERS
from lib.status import STATUSES
from lib.views.todo import milestones_due
from tests.report_fixtures import (
    FakeExporter,
    behind_names,
    concept_actuals,
    is_number,
    pdf_text,
)

AS_OF = date(2014, 10, 1)
CREATED = date(2026, 11, 29)
needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="Chromium niet gevonden: grafiek-export overgeslagen (installeer met 'apt-get install chromium')",
)


@pytest.fixture(scope="module")
def exporter() -> Exporter:
    """The process's exporter, the one `python -m lib report` below draws with too: one Chromium
    started for both (about 4 s of CPU each). It is stopped when the process ends."""
    return default_exporter()


TEXTS = {
    # a goal behind, and one on course: texts are shown whatever the status
    ("hbo_coach_vve_groepen", 2014, ""): ("Twee coaches zijn uitgevallen.", "Werving loopt."),
    ("vve_thuis_groepen", 2014, ""): ("Loopt volgens plan.", ""),
}
MOVES = [
    {
        "kind": "total",  # a city total through its wijken
        "indicator": "hbo_coach_vve_groepen",
        "name": "VVE-groepen met een HBO'er",
        "year": 2014,
        "district": "",
        "before": "24",
        "after": "26",
        "status_before": None,
        "status_now": None,
        "changed_at": "2014-09-09T10:05:00",
        "changed_by": "anna",
        "approved_by": "bert",
    },
    {
        "kind": "figure",  # a milestone reached
        "indicator": "pedagogiek_dt_ad_ontwikkeld",
        "name": "DT- en AD-variant ontwikkeld",
        "year": 2014,
        "district": "",
        "before": None,
        "after": "2014-09-15",
        "status_before": None,
        "status_now": None,
        "changed_at": "2014-09-17T09:15:00",
        "changed_by": "anna",
        "approved_by": "bert",
    },
    {
        "kind": "figure",  # a wijk's own figure: the city's total above says it
        "indicator": "hbo_coach_vve_groepen",
        "name": "VVE-groepen met een HBO'er",
        "year": 2014,
        "district": "w01",
        "before": "3",
        "after": "4",
        "status_before": None,
        "status_now": None,
        "changed_at": "2014-09-09T10:05:00",
        "changed_by": "anna",
        "approved_by": "bert",
    },
    {
        "kind": "status",
        "indicator": "hbo_coach_vve_groepen",
        "name": "VVE-groepen met een HBO'er",
        "year": 2014,
        "district": "",
        "before": "30",
        "after": "26",
        "status_before": "op koers",
        "status_now": "achter",
        "changed_at": "2014-09-20T10:00:00",
        "changed_by": "anna",
        "approved_by": "bert",
    },
    {
        "kind": "explanation",
        "indicator": "vve_thuis_groepen",
        "name": "Groepen VVE Thuis",
        "year": 2014,
        "district": "",
        "before": None,
        "after": None,
        "status_before": None,
        "status_now": None,
        "changed_at": "2014-09-21T10:00:00",
        "changed_by": "anna",
        "approved_by": "bert",
    },
]


@pytest.fixture(scope="module")
def report(plan, example_actuals):
    return build_report(
        plan,
        example_actuals,
        AS_OF,
        2014,
        created=CREATED,
        since=date(2014, 9, 1),
        changes=MOVES,
        texts=TEXTS,
    )


@pytest.fixture(scope="module")
def whole(plan, example_actuals):
    """The report as it comes without options: approved figures, no texts, no meeting. Shared
    by the tests that only read it; building one takes seconds of charts."""
    return build_report(plan, example_actuals, AS_OF, 2014, created=CREATED)


@pytest.fixture(scope="module")
def fake():
    return FakeExporter()


@pytest.fixture(scope="module")
def files(report, fake, tmp_path_factory):
    """Every format of the report, charts drawn by the fake exporter (no Chromium needed)."""
    cache = ImageCache(tmp_path_factory.mktemp("images"))
    return {f: render(report, f, fake, cache) for f in ("pdf", "pptx", "xlsx", "docx")}


def _slides(data: bytes) -> list[list[str]]:
    """Per slide the texts of its text boxes and table cells (not what is inside a picture),
    then its notes (where a chart's toelichting and maatregelen are)."""
    deck = Presentation(io.BytesIO(data))
    out = []
    for slide in deck.slides:
        texts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        out.append(texts)
    return out


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def pdf_bytes(plan, example_actuals, exporter):
    real = build_report(plan, example_actuals, AS_OF, 2014, created=CREATED, texts=TEXTS)
    return render(real, "pdf", exporter)


def _chart(plan, example_actuals):
    from lib.progress.compare import progress_table

    table = progress_table(plan, example_actuals, AS_OF)
    indicator = plan.indicator("vve_thuis_groepen")
    return indicator_chart(
        indicator, table[table["indicator"] == indicator.id], "2012-2015 · hele stad", 2014
    )


SOURCE = "Bron: testbron; peildatum 1 oktober 2014. VOORBEELDGEGEVENS, geen echte resultaten."


@needs_chromium
@pytest.mark.parametrize(
    ("fmt_name", "signature"), [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<svg"), ("pdf", b"%PDF")]
)
def test_chart_export_has_the_right_signature(plan, example_actuals, exporter, fmt_name, signature):
    data = export_figure(_chart(plan, example_actuals), fmt_name, SOURCE, CREATED, exporter)
    assert data.startswith(signature)


@needs_chromium
def test_png_is_wide_enough_for_a_full_slide_and_16_by_9(plan, example_actuals, exporter):
    data = export_figure(_chart(plan, example_actuals), "png", SOURCE, CREATED, exporter)
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert width >= 2400 and abs(width / height - 16 / 9) < 0.01


@needs_chromium
def test_svg_carries_title_source_and_export_date(plan, example_actuals, exporter):
    svg = export_figure(_chart(plan, example_actuals), "svg", SOURCE, CREATED, exporter).decode()
    assert "Groepen die werken met VVE Thuis: doel en stand" in svg
    assert "VOORBEELDGEGEVENS" in svg
    assert "Geëxporteerd op 29" in svg and "november 2026" in svg  # export date, Dutch


def test_file_name_is_plain_ascii():
    assert file_name("Groepen één: doel", "png", AS_OF) == "groepen-een-doel-2014-10-01.png"


@needs_chromium
def test_report_pdf_rendered_for_real_has_pages_texts_and_images(pdf_bytes, report):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = pdf_text(pdf_bytes)
    assert len(reader.pages) >= 8
    assert "Voortgangsrapportage Masterplan Het Jonge Kind 2014" in text
    assert "VOORBEELDGEGEVENS" in text and "Bron:" in text and "1 oktober 2014" in text
    for part in report.agenda:
        assert f"Agendapunt {part.number}: {part.name}" in text
    images = sum(len(page.images) for page in reader.pages)
    assert images == len(report.all_charts())  # every chart, embedded as it was rendered
    # no page nearly empty: every page but the last carries a fair amount of text or a chart
    for page in reader.pages[:-1]:
        assert len(page.extract_text()) > 300 or page.images
    # no goal heading alone at the foot of a page, its chart on the next
    headings = [f"Agendapunt {part.number}: {part.name}" for part in report.agenda] + [
        " ".join(goal_heading(s.goal).split()) for part in report.agenda for s in part.sections
    ]
    for n, page in enumerate(reader.pages, start=1):
        body = " ".join(page.extract_text().split())
        assert not any(body.endswith(h) for h in headings), f"pagina {n} eindigt met een kop"


def test_pptx_summary_headings_are_bold(files):
    deck = Presentation(io.BytesIO(files["pptx"]))
    runs = [
        run
        for slide in list(deck.slides)[1:3]
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    heading = next(r for r in runs if r.text == "Gewijzigde cijfers sinds 1 september 2014")
    bullet = next(r for r in runs if r.text.startswith("• VVE-groepen met een HBO'er"))
    due = next(r for r in runs if r.text.startswith("• ") and ": deadline " in r.text)
    assert heading.font.bold and not bullet.font.bold and not due.font.bold


def test_every_format_opens_with_the_same_summary(files, report):
    summary = report.summary
    assert summary.since == date(2014, 9, 1)
    assert [m.now for m in summary.moves] == ["achter"]  # only rows of kind "status"
    assert [c.line for c in summary.changes] == [
        "VVE-groepen met een HBO'er (hele stad, som van de wijken, 2014): 24 groepen → 26 "
        "groepen, 9 september 2014, door bert",
        "DT- en AD-variant ontwikkeld (hele stad, 2014): nog niet bereikt → 15 september 2014, "
        "17 september 2014, door bert",
    ]
    headline = f"{summary.headline}"
    texts = {
        "pdf": pdf_text(files["pdf"]),
        "pptx": " ".join(t for slide in _slides(files["pptx"]) for t in slide),
        "docx": _docx_text(files["docx"]),
        "xlsx": " ".join(  # the summary sheet first, then the texts beside their rows
            str(c)
            for sheet in load_workbook(io.BytesIO(files["xlsx"]))
            for row in sheet.values
            for c in row
            if c is not None
        ),
    }
    for fmt_name, text in texts.items():
        text = " ".join(text.split())
        assert "Samenvatting" in text or fmt_name == "xlsx", fmt_name
        assert headline in text, fmt_name
        assert "Statuswijzigingen sinds 1 september 2014" in text, fmt_name
        assert "Gewijzigde cijfers sinds 1 september 2014" in text, fmt_name
        assert "24 groepen → 26 groepen" in text, fmt_name
        assert "20 september 2014" in text, fmt_name  # the move's date
        assert summary.due_heading in text, fmt_name
        assert "Waarom deze status" in text, fmt_name
        assert "Twee coaches zijn uitgevallen." in text and "Werving loopt." in text, fmt_name
        assert "Loopt volgens plan." in text, fmt_name  # a text of a goal that is not behind


def test_every_indicator_behind_is_named_as_text_in_every_format(files, report):
    names = behind_names(report)
    assert len(names) == 7 and "Subsidieregeling VVE-scholing duidelijk" in names
    pdf, docx = pdf_text(files["pdf"]), _docx_text(files["docx"])
    slides = " ".join(t for slide in _slides(files["pptx"]) for t in slide)
    summary = load_workbook(io.BytesIO(files["xlsx"]))["Samenvatting"]
    cells = [str(c) for row in summary.values for c in row if c is not None]
    for name in names:
        assert name in pdf and name in docx and name in " ".join(slides.split()), name
        assert any(name in c for c in cells), name


def test_summary_without_since_has_no_moves_and_lists_milestones_due(plan, example_actuals, whole):
    report = build_report(plan, example_actuals, AS_OF, 2014, due_before=date(2015, 12, 31))
    assert report.summary.since is None and report.summary.moves == []
    blocks_text = str(report.summary.due_heading)
    assert "31 december 2015" in blocks_text
    due = report.summary.due
    assert due and all(d.deadline <= date(2015, 12, 31) for d in due)
    default = whole.summary
    assert default.due_before == date(2014, 11, 12)  # peildatum + six weeks


def test_summary_lists_the_milestones_the_editors_to_do_list_has(plan, example_actuals, whole):
    """Milestones whose deadline has passed unreached are due too: the summary once said 'Geen
    mijlpalen die voor die datum moeten zijn bereikt' while listing two of them as behind."""
    progress = progress_table(plan, example_actuals, AS_OF, district="all")
    summary = whole.summary
    expected = milestones_due(plan, AS_OF, progress, summary.due_before)
    assert [d.name for d in summary.due] == [i.name for i in expected]
    passed = [d for d in summary.due if d.deadline <= AS_OF]
    assert passed, "the example has milestones over their deadline"
    assert all(
        d.line.endswith(f"verstreken ({STATUSES[d.status].icon} {d.status})") for d in passed
    )


def test_pptx_slides_are_readable_when_projected(files, report):
    deck = Presentation(io.BytesIO(files["pptx"]))
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    slides = _slides(files["pptx"])
    # made since a date without a next meeting: the vergaderstuk
    assert slides[0][0] == "Vergaderstuk sinds 1 september 2014 - Masterplan Het Jonge Kind"
    assert "VOORBEELDGEGEVENS" in " ".join(slides[0])
    titles = [texts[0] for texts in slides]
    assert titles[1].startswith("Samenvatting 2014: ") and "doelen achter" in titles[1]
    assert any(t.startswith("Agendapunt 1: ") and " van " in t and "achter" in t for t in titles)
    pictures = []
    for slide, texts in zip(deck.slides, slides, strict=True):
        shown = [s for s in slide.shapes if s.shape_type == 13]
        pictures.append(len(shown))
        # one chart a slide, at (nearly) the slide's full width
        assert len(shown) <= 1
        assert all(s.width >= 0.9 * deck.slide_width for s in shown)
        assert all(s.top + s.height <= deck.slide_height - Inches(0.5) for s in shown)
        assert sum("Bron:" in t for t in texts) == 1
    assert sum(pictures) == len(report.all_charts())
    milestone_slides = [
        s for s in deck.slides if any(p.name.startswith("milestones") for p in s.shapes)
    ]
    assert len(milestone_slides) == len(report.milestones) >= 2  # 19 milestones, in parts
    deadlines = [
        next(t for t in i.figure.data if t.name == "Deadline volgens plan")
        for i in report.milestones
    ]
    rows = [len(t.y) for t in deadlines]
    assert sum(rows) == len(report.milestone_rows) and max(rows) <= 10


def test_xlsx_numbers_are_numbers_and_names_dutch(files, report):
    book = load_workbook(io.BytesIO(files["xlsx"]))
    assert book.sheetnames == ["Samenvatting", "Voortgang 2014", "Cijfers", "Doelen"]
    progress = book["Voortgang 2014"]
    header_row = next(r for r in progress.iter_rows(values_only=True) if r[0] == "Agendapunt")
    assert list(header_row) == [*PROGRESS_HEADERS.values(), "Toelichting", "Maatregelen"]
    kinds = {r[header_row.index("Soort doel")] for r in progress.iter_rows(values_only=True)}
    assert {"niveau", "mijlpaal", "toezegging"} <= kinds
    assert not kinds & {"level", "per_year", "milestone"}
    figures = book["Cijfers"]
    rows = list(figures.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if r[0] == "Indicator")
    values = [r[rows[head].index("Waarde")] for r in rows[head + 1 :]]
    assert sum(is_number(v) for v in values) > 100
    assert not any(
        isinstance(v, str) and v.replace(",", "").replace(".", "").isdigit() for v in values
    )
    assert report.file_stem() == "Vergaderstuk sinds 1 september 2014 - Masterplan Het Jonge Kind"


def test_docx_uses_word_headings_tables_alt_text_and_the_notice_in_the_body(files, report):
    document = Document(io.BytesIO(files["docx"]))
    styles = {p.style.name for p in document.paragraphs if p.text}
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "Samenvatting" and "Mijlpalen" in headings
    assert len(document.tables) >= 4
    alts = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert len(alts) == len(report.all_charts()) and all(alts)
    body = " ".join(p.text for p in document.paragraphs)
    assert "VOORBEELDGEGEVENS" in body and "Bron:" in body


def test_an_indicator_without_a_target_this_year_gets_a_line_not_a_chart(files, report):
    charted_keys = {i.key for i in report.all_charts()}
    skipped = [
        i
        for part in report.agenda
        for s in part.sections
        for i in s.items
        if i.key not in charted_keys
    ]
    assert skipped  # the example plan has indicators without a target in 2014
    text = pdf_text(files["pdf"])
    for item in skipped:
        assert f"{item.indicator.name}: het plan stelt hier in 2014 geen doel" in text


def test_concept_figures_are_marked_in_charts_and_every_format(
    plan, example_actuals, whole, fake, tmp_path
):
    actuals = concept_actuals(example_actuals, ("hbo_coach_fte", 2014, ""))
    report = build_report(plan, actuals, AS_OF, 2014, created=CREATED)
    assert report.include_concept
    for item in report.all_charts():
        assert "inclusief conceptcijfers" in item.figure.layout.title.text
    chart = next(i for i in report.all_charts() if i.key == "chart_hbo_coach_fte").figure
    concept = [t for t in chart.data if t.type == "bar" and "Concept" in (t.name or "")]
    assert concept and concept[0].marker.pattern.shape == "x"
    assert any("concept" in (a.text or "") for a in chart.layout.annotations)
    assert "inclusief conceptcijfers" in report.file_stem()
    assert "Inclusief conceptcijfers" in report.source  # so every chart export says it too
    cache = ImageCache(tmp_path)
    data = {f: render(report, f, fake, cache) for f in ("pdf", "pptx", "xlsx", "docx")}
    assert "INCLUSIEF CONCEPTCIJFERS" in pdf_text(data["pdf"])
    assert "INCLUSIEF CONCEPTCIJFERS" in " ".join(_slides(data["pptx"])[0])
    assert "INCLUSIEF CONCEPTCIJFERS" in _docx_text(data["docx"])
    sheet = load_workbook(io.BytesIO(data["xlsx"]))["Voortgang 2014"]
    assert any("INCLUSIEF CONCEPTCIJFERS" in str(r[0]) for r in sheet.iter_rows(values_only=True))
    approved = whole
    assert not approved.include_concept
    assert "conceptcijfers" not in approved.source


def test_progress_table_carries_the_figure_status(plan, example_actuals):
    from lib.progress.compare import progress_table

    actuals = concept_actuals(example_actuals, ("hbo_coach_vve_groepen", 2014, "w01"))
    table = progress_table(plan, actuals, AS_OF, district="all")
    row = table[(table["indicator"] == "hbo_coach_vve_groepen") & (table["year"] == 2014)]
    status = dict(zip(row["district"], row["figure_status"], strict=True))
    assert status["w01"] == "concept" and status["w02"] == "vastgesteld"
    assert status[""] == "concept"  # a city sum with a concept in it is a concept
    from lib.charts.districts import heatmap_view

    _, heatmap = heatmap_view(table, plan, 2014, "x")
    marked = [c for row in heatmap.data[0].text for c in row if "concept" in c]
    assert len(marked) == 1  # the one concept district figure says so in its cell


def test_report_progress_is_reported_per_chart(whole, fake, tmp_path):
    from lib.report.write import render_images

    report = whole
    seen = []
    render_images(report, fake, ImageCache(tmp_path), lambda text, share: seen.append(share))
    assert len(seen) == len(report.all_charts()) and seen == sorted(seen)


def test_cli_report_writes_the_requested_files(tmp_path, capsys):
    from lib.cli.main import run

    args = ["report", "--year", "2014", "--format", "xlsx", "--format", "xlsx"]
    code = run([*args, "--since", "2014-09-01", "--out", str(tmp_path)])
    out = capsys.readouterr()
    assert code == 0
    written = [tmp_path / line.rsplit("/", 1)[-1] for line in out.out.splitlines()]
    assert [p.suffix for p in written] == [".xlsx"] and written[0].exists()
    # made since a date: the vergaderstuk, for the next meeting of the example's schedule
    assert (
        written[0].name == "Vergaderstuk stuurgroep 6 oktober 2014 - Masterplan Het Jonge Kind.xlsx"
    )
    assert "voorbeeldgegevens" in out.err
    summary = load_workbook(written[0])["Samenvatting"]
    text = " ".join(str(c) for row in summary.values for c in row if c is not None)
    assert "Statuswijzigingen sinds 1 september 2014" in text


def test_cli_report_formats_are_the_models(plan):
    from lib.cli.report import FORMATS as CLI_FORMATS
    from lib.report.model import FORMATS

    assert CLI_FORMATS == FORMATS == ("pdf", "pptx", "xlsx", "docx")


def test_cli_report_unknown_year_is_a_usage_error(tmp_path, capsys):
    from lib.cli.main import run

    assert run(["report", "--year", "2019", "--out", str(tmp_path)]) == 2
    assert "onbekend jaar 2019" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


@needs_chromium
def test_cli_report_all_formats(tmp_path, capsys):
    from lib.cli.main import run

    assert run(["report", "--year", "2013", "--as-of", "2013-12-31", "--out", str(tmp_path)]) == 0
    suffixes = sorted(p.suffix for p in tmp_path.iterdir())
    assert suffixes == [".docx", ".pdf", ".pptx", ".xlsx"]
    assert all("2013 (peildatum 31 december 2013)" in p.name for p in tmp_path.iterdir())


@pytest.mark.parametrize("width", [80, 95, 100])
def test_pdf_cells_break_long_dutch_words_at_a_syllable_with_a_hyphen(width: int) -> None:
    """A toelichting in the report's narrow columns: 'jeugdverpleegkundigen' was cut anywhere
    ('jeugdverpleegk' / 'undigen'), without a hyphen."""
    from reportlab.platypus import Paragraph

    from lib.report.pdf_parts import make_styles

    text = "Vanaf oktober verwijzen de jeugdverpleegkundigen rechtstreeks."
    for style in ("cell", "body", "small"):
        paragraph = Paragraph(text, make_styles()[style])
        paragraph.wrap(width * (1.25 if style == "body" else 1), 1000)
        lines = [" ".join(words) for _, words in paragraph.blPara.lines]
        assert " ".join(lines).replace("- ", "") == text.replace("- ", ""), lines
        for line, following in zip(lines, lines[1:], strict=False):
            if not line.endswith((".", ",")) and following[:1].islower():
                word_cut = line.split()[-1]
                assert word_cut.endswith("-") or following.split()[0] in text.split(), lines


def test_pptx_table_rows_are_paged_by_their_height() -> None:
    """PowerPoint grows a row to its text: five rows with the example's toelichtingen ran past
    the slide's source line. Short rows still go five to a slide; a row taller than a slide
    gets one of its own."""
    from lib.report import slide_layout as layout

    headers = ["Indicator", "Stand en doel", "Waarom", "Toelichting", "Maatregelen"]
    widths = [0.24, 0.16, 0.16, 0.22, 0.22]
    room = layout.BODY_BOTTOM - layout.BODY_TOP - layout.row_height(headers, widths, 12)
    short = [["a", "b", "c", "d", "e"]] * 7
    assert [len(p) for p in layout.table_pages(headers, short, widths, 12)] == [5, 2]
    text = "De opleiding werft opnieuw bij kinderopvang en peuterspeelzalen, met februari 2015. "
    long = [["a", "b", "c", text * 2, text * 2]] * 7
    pages = layout.table_pages(headers, long, widths, 12)
    assert sum(len(p) for p in pages) == 7 and len(pages) > 2
    for page in pages:
        assert sum(layout.row_height(r, widths, 12) for r in page) <= room
    huge = [["a", "b", "c", text * 40, ""], ["a", "b", "c", "d", "e"]]
    assert [len(p) for p in layout.table_pages(headers, huge, widths, 12)] == [1, 1]
    # The estimate is not below what 12-point text needs: ~230 characters in a 2.76-inch cell
    # take 8 or more lines.
    assert layout.row_height(["", "", "", text * 2 + text[:60], ""], widths, 12) >= 8 * layout.Pt(
        14.4
    )


def test_pptx_summary_text_is_paged_by_sections() -> None:
    """The summary's changed figures, moves and milestones ran past the slide's source line
    once a meeting's changes were listed: they continue on a slide of their own, a heading
    never last in a box, a section moved whole when it fits on the next."""
    from lib.report import slide_layout as layout

    first, full = (
        (layout.Inches(6.5), layout.Inches(5.5)),
        (layout.Inches(12.5), layout.Inches(5.7)),
    )
    change = "• VVE-groepen met een HBO'er als coach (hele stad, 2014): 24 → 26 groepen"
    headings = {"Gewijzigde cijfers", "Statuswijzigingen", "Mijlpalen"}
    lines = ["Gewijzigde cijfers", *[change] * 8, "Statuswijzigingen", *[change] * 3, "Mijlpalen"]
    lines += ["Geen mijlpalen."]
    pages = layout.line_pages(lines, first, full, 16, headings)
    assert [line for page in pages for line in page] == lines
    assert len(pages) == 2 and pages[1][0] == "Statuswijzigingen"  # the section moved whole
    for n, page in enumerate(pages):
        width, height = first if n == 0 else full
        assert layout.text_height("\n".join(page), width, 16) <= height
        assert page[-1] not in headings
    many = ["Gewijzigde cijfers", *[change] * 40]  # taller than a slide: split, not lost
    pages = layout.line_pages(many, first, full, 16, headings)
    assert [line for page in pages for line in page] == many and len(pages) >= 3


def test_pptx_chart_slides_leave_room_for_their_texts(plan, example_actuals, fake, tmp_path):
    """The 'Geen doel in 2014: ...' line ran into the charts below it when it took two lines,
    and a long toelichting ran over the source line: every text box is now as tall as its
    estimated lines, and nothing on a slide overlaps or reaches into the source line."""
    from lib.report import pptx

    long = "Twee aanbieders vonden nog geen coach; de werving loopt sinds juni. " * 5
    texts = {("hbo_coach_vve_groepen", 2014, ""): (long, long)}
    report = build_report(plan, example_actuals, AS_OF, 2014, created=CREATED, texts=texts)
    deck = Presentation(io.BytesIO(render(report, "pptx", fake, ImageCache(tmp_path))))
    for slide in list(deck.slides)[1:]:
        shapes = [s for s in slide.shapes if s.top >= pptx.BODY_TOP and s.top < pptx.BODY_BOTTOM]
        for shape in shapes:
            assert shape.top + shape.height <= pptx.BODY_BOTTOM + 1, shape.name
            if shape.has_text_frame and shape.text_frame.text:
                # 12-point text, about 6 points a character, 14.4 a line, 0.1 inch margins
                per_line = int((shape.width / 12700 - 14.4) / 6)
                lines = sum(
                    -(-max(len(p), 1) // per_line) for p in shape.text_frame.text.split("\n")
                )
                needed = (lines * 14.4 + 14.4) * 12700
                assert shape.height >= needed - 12700 or shape.has_table, shape.text_frame.text[:40]
        for a in shapes:
            for b in shapes:
                if a is not b and not (a.has_table or b.has_table):
                    apart = (
                        a.top + a.height <= b.top
                        or b.top + b.height <= a.top
                        or a.left + a.width <= b.left
                        or b.left + b.width <= a.left
                    )
                    assert apart, (a.name, b.name)


def test_docx_is_dutch_hyphenated_and_keeps_rows_whole(files):
    """Word checked the report as English (a red line under nearly every word) and cut long
    Dutch words and table rows anywhere; now the text is nl-NL, hyphenation is on (in the
    schema's place, or Word refuses the file) and a row never breaks across pages."""
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(files["docx"]))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert (
        defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val"))
        == "nl-NL"
    )
    settings = [child.tag for child in document.settings.element]
    at = settings.index(qn("w:autoHyphenation"))
    assert settings[at - 1] == qn("w:defaultTabStop")
    for table in document.tables:
        for row in table.rows[1:]:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None


def test_pptx_text_is_dutch_to_powerpoint(files):
    """PowerPoint checked the slides' Dutch as English; every run is now nl-NL."""
    deck = Presentation(io.BytesIO(files["pptx"]))
    runs = [
        run
        for slide in deck.slides
        for shape in slide.shapes
        for frame in (
            [shape.text_frame]
            if shape.has_text_frame
            else [c.text_frame for row in shape.table.rows for c in row.cells]
            if shape.has_table
            else []
        )
        for paragraph in frame.paragraphs
        for run in paragraph.runs
    ]
    assert len(runs) > 50
    assert {run.font.language_id for run in runs} == {MSO_LANGUAGE_ID.DUTCH}


def test_pptx_pictures_carry_their_charts_description_as_alt_text(files, report):
    """python-pptx writes 'image.jpg' as every picture's alt text; a screen reader read that."""
    deck = Presentation(io.BytesIO(files["pptx"]))
    described = {item.key: item.description for item in report.all_charts()}
    pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
    assert pictures
    for picture in pictures:
        alt = picture._element.nvPicPr.cNvPr.get("descr")
        assert alt == described[picture.name] and alt != "image.jpg"


def test_pptx_slides_after_the_cover_are_numbered(files):
    deck = Presentation(io.BytesIO(files["pptx"]))
    slides = list(deck.slides)
    for n, slide in enumerate(slides, start=1):
        numbers = [s.text_frame.text for s in slide.shapes if s.name == "slide number"]
        assert numbers == ([] if n == 1 else [f"{n} / {len(slides)}"]), n


def test_docx_footer_numbers_every_page(files):
    """The PDF says 'pagina N' on every page; the Word report had no page numbers."""
    document = Document(io.BytesIO(files["docx"]))
    footer = document.sections[0].footer.paragraphs[0]._p
    fields = footer.findall(".//" + qn("w:fldSimple"))
    assert [f.get(qn("w:instr")) for f in fields] == ["PAGE"]
    assert "· pagina " in "".join(t.text for t in footer.iter(qn("w:t")))
