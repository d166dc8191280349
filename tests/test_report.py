"""Chart exports and the progress report: each file opens as what it claims to be, with its texts.

Rendering charts needs Chromium (kaleido drives it); without it these tests skip with a reason,
except the Excel workbook, which needs no browser.
"""

from __future__ import annotations

import io
import struct
from datetime import date

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from lib.charts.export import Exporter, export_figure, file_name, find_chromium
from lib.charts.indicators import indicator_chart
from lib.figures.actuals import Actuals
from lib.report.model import build_report
from lib.report.write import render
from lib.report.xlsx import PROGRESS_HEADERS

AS_OF = date(2014, 10, 1)
CREATED = date(2026, 11, 29)
needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="Chromium niet gevonden: grafiek-export overgeslagen (installeer met 'apt-get install chromium')",
)


@pytest.fixture(scope="module")
def exporter():
    exporter = Exporter.create()
    yield exporter
    exporter.stop()


@pytest.fixture(scope="module")
def report(plan, example_actuals):
    return build_report(plan, example_actuals, AS_OF, 2014, created=CREATED)


@pytest.fixture(scope="module")
def pdf_bytes(report, exporter):
    return render(report, "pdf", exporter)


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
def test_png_is_wide_enough_for_a_full_slide(plan, example_actuals, exporter):
    data = export_figure(_chart(plan, example_actuals), "png", SOURCE, CREATED, exporter)
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert width >= 2400 and height > 0


@needs_chromium
def test_svg_carries_title_source_and_export_date(plan, example_actuals, exporter):
    svg = export_figure(_chart(plan, example_actuals), "svg", SOURCE, CREATED, exporter).decode()
    assert "Groepen die werken met VVE Thuis: doel en stand" in svg
    assert "VOORBEELDGEGEVENS" in svg
    assert "Geëxporteerd op 29" in svg and "november 2026" in svg  # export date, Dutch


def test_file_name_is_plain_ascii():
    assert file_name("<b>Groepen één: doel</b>", "png", AS_OF) == "groepen-een-doel-2014-10-01.png"


@needs_chromium
def test_report_pdf_has_pages_and_texts(pdf_bytes, report):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    # cover, overview, one or more pages per agenda item, districts, milestones, method
    assert len(reader.pages) >= 3 + len(report.agenda) + 2
    assert "Voortgangsrapportage Masterplan Het Jonge Kind 2014" in text
    assert "VOORBEELDGEGEVENS" in text
    assert "Bron:" in text and "1 oktober 2014" in text
    for part in report.agenda:
        assert f"Agendapunt {part.number}: {part.name}" in text
    assert "✖ achter" in text or "achter" in text  # status as word (and icon where the font has it)
    assert "Zo is de status bepaald" in text


@needs_chromium
def test_report_pptx_has_slides_of_at_most_four_charts(report, exporter):
    deck = Presentation(io.BytesIO(render(report, "pptx", exporter)))
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    texts = [
        "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in deck.slides
    ]
    assert "Voortgangsrapportage" in texts[0] and "VOORBEELDGEGEVENS" in texts[0]
    assert texts[1].startswith("Overzicht 2014")
    pictures = [sum(1 for s in slide.shapes if s.shape_type == 13) for slide in deck.slides]
    assert max(pictures) <= 4
    assert sum(pictures) == len(report.all_charts())
    assert all("Bron:" in t for t in texts[1:])
    assert any(t.startswith("Mijlpalen") for t in texts) and any(
        t.startswith("Per wijk") for t in texts
    )


def test_report_xlsx_has_sheets_headers_and_inert_notes(plan, example_actuals):
    frame = example_actuals.frame.copy()
    frame.loc[frame.index[0], "note"] = '=HYPERLINK("http://example.org","klik")'
    frame.loc[frame.index[1], "note"] = "-2 correctie"
    actuals = Actuals(frame, example_actuals.meta, "test", "test.csv")
    book = load_workbook(
        io.BytesIO(render(build_report(plan, actuals, AS_OF, 2014, CREATED), "xlsx"))
    )
    assert book.sheetnames == ["Voortgang 2014", "Cijfers", "Doelen"]
    progress = book["Voortgang 2014"]
    assert "VOORBEELDGEGEVENS" in progress["A1"].value
    assert [c.value for c in progress[2]] == list(PROGRESS_HEADERS.values())
    assert progress.freeze_panes == "A3"
    figures = book["Cijfers"]
    headers = [c.value for c in figures[2]]
    notes = [
        row[headers.index("Opmerking")] for row in figures.iter_rows(min_row=3, values_only=True)
    ]
    assert '\'=HYPERLINK("http://example.org","klik")' in notes
    assert "'-2 correctie" in notes
    for row in figures.iter_rows(min_row=3):
        for cell in row:
            assert cell.data_type != "f", f"formula in {cell.coordinate}"
    # numbers stay numbers
    years = [row[headers.index("Jaar")] for row in figures.iter_rows(min_row=3, values_only=True)]
    assert all(isinstance(y, int) for y in years)


def test_cli_report_writes_the_requested_files(tmp_path, capsys):
    from lib.cli.main import run

    code = run(["report", "--year", "2014", "--format", "xlsx", "--out", str(tmp_path)])
    out = capsys.readouterr()
    assert code == 0
    written = [tmp_path / line for line in (p.rsplit("/", 1)[-1] for p in out.out.split())]
    assert [p.suffix for p in written] == [".xlsx"] and written[0].exists()
    assert "voorbeeldgegevens" in out.err


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
    assert suffixes == [".pdf", ".pptx", ".xlsx"]
    assert all("2013-2013-12-31" in p.name for p in tmp_path.iterdir())
