"""The progress report as 16:9 slides (python-pptx) for the stuurgroep meeting; charts as images."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from lib import fmt
from lib.report.model import METHOD_SUMMARY, Report
from lib.status import STATUSES, label
from lib.views.agenda import ChartItem

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.4)
CHARTS_PER_SLIDE = 4
GREY = RGBColor(0x59, 0x59, 0x59)


def _text(
    slide, text: str, left, top, width, height, size: int = 14, bold: bool = False, colour=None
):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    lines = text.split("\n")
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(size), bold
        if colour is not None:
            run.font.color.rgb = colour
    return box


def _slide(deck, report: Report, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    _text(slide, title, MARGIN, Inches(0.25), SLIDE_W - 2 * MARGIN, Inches(0.8), size=28, bold=True)
    footer = f"{report.source}"
    _text(
        slide,
        footer,
        MARGIN,
        SLIDE_H - Inches(0.55),
        SLIDE_W - 2 * MARGIN,
        Inches(0.45),
        size=10,
        colour=GREY,
    )
    return slide


def _picture(slide, data: bytes, left, top, max_w, max_h) -> None:
    picture = slide.shapes.add_picture(io.BytesIO(data), left, top)
    ratio = min(max_w / picture.width, max_h / picture.height)
    picture.width, picture.height = int(picture.width * ratio), int(picture.height * ratio)
    picture.left = int(left + (max_w - picture.width) / 2)


def _chart_slides(deck, report: Report, title: str, items: list[ChartItem]) -> None:
    body_top, body_h = Inches(1.1), SLIDE_H - Inches(1.75)
    for start in range(0, len(items), CHARTS_PER_SLIDE):
        chunk = items[start : start + CHARTS_PER_SLIDE]
        suffix = (
            f" ({start // CHARTS_PER_SLIDE + 1}/{-(-len(items) // CHARTS_PER_SLIDE)})"
            if len(items) > CHARTS_PER_SLIDE
            else ""
        )
        slide = _slide(deck, report, title + suffix)
        columns = 1 if len(chunk) == 1 else 2
        rows = 1 if len(chunk) <= 2 else 2
        cell_w = (SLIDE_W - 2 * MARGIN) / columns
        cell_h = body_h / rows
        for n, item in enumerate(chunk):
            left = MARGIN + cell_w * (n % columns)
            top = body_top + cell_h * (n // columns)
            _picture(
                slide,
                report.images[item.key],
                Emu(int(left)),
                Emu(int(top)),
                Emu(int(cell_w - Inches(0.1))),
                Emu(int(cell_h - Inches(0.1))),
            )
            slide.shapes[-1].name = item.key
        notes = "\n".join(item.description for item in chunk)
        slide.notes_slide.notes_text_frame.text = notes  # text alternatives for the presenter


def _overview_slide(deck, report: Report) -> None:
    slide = _slide(deck, report, f"Overzicht {report.year}: waar staan we?")
    statuses = ("behaald", "op koers", "achter", "geen gegevens", "nog niet aan de orde")
    tiles = report.tiles()
    table = slide.shapes.add_table(
        len(tiles) + 1,
        len(statuses) + 1,
        MARGIN,
        Inches(1.2),
        SLIDE_W - 2 * MARGIN,
        Inches(0.5) * (len(tiles) + 1),
    ).table
    header = ["Agendapunt", *[label(s) for s in statuses]]
    for col, text in enumerate(header):
        table.cell(0, col).text = text
    for row, tile in enumerate(tiles, start=1):
        table.cell(row, 0).text = f"{tile['number']}. {tile['name']}"
        for col, status in enumerate(statuses, start=1):
            table.cell(row, col).text = str(tile["counts"][status])
    for cell in (table.cell(r, c) for r in range(len(tiles) + 1) for c in range(len(header))):
        for paragraph in cell.text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(16)
    behind = report.overview()
    behind = behind[behind["Status"] == label("achter")]
    lines = [
        f"{STATUSES['achter'].icon} {r['Indicator']}: {r['Stand']} tegen {r['Doel']} ({r['Toelichting']})"
        for _, r in behind.head(6).iterrows()
    ]
    text = "Achter:\n" + "\n".join(lines) if lines else "Geen doelen liggen achter."
    _text(
        slide,
        text,
        MARGIN,
        Inches(1.4) + Inches(0.5) * (len(tiles) + 1),
        SLIDE_W - 2 * MARGIN,
        Inches(2.2),
        size=14,
    )


def write(report: Report) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    cover = deck.slides.add_slide(deck.slide_layouts[6])
    _text(
        cover,
        report.title,
        MARGIN,
        Inches(2.2),
        SLIDE_W - 2 * MARGIN,
        Inches(1.2),
        size=40,
        bold=True,
    )
    sub = f"Peildatum {fmt.long_date(report.as_of)} · gemaakt op {fmt.long_date(report.created)}"
    _text(cover, sub, MARGIN, Inches(3.5), SLIDE_W - 2 * MARGIN, Inches(0.6), size=20)
    if report.actuals.meta.is_example:
        _text(
            cover,
            "VOORBEELDGEGEVENS: verzonnen cijfers, geen resultaten van de gemeente.",
            MARGIN,
            Inches(4.4),
            SLIDE_W - 2 * MARGIN,
            Inches(0.6),
            size=20,
            bold=True,
            colour=RGBColor(0xA0, 0x3F, 0x00),
        )
    _overview_slide(deck, report)
    for part in report.agenda:
        items = [item for section in part.sections for item in section.items]
        _chart_slides(deck, report, f"{part.number}. {part.name}", items)
    _chart_slides(deck, report, f"Per wijk {report.year}", [report.districts])
    _chart_slides(deck, report, "Mijlpalen", [report.milestones])
    method = _slide(deck, report, "Zo is de status bepaald")
    _text(
        method,
        "\n".join(f"• {line}" for line in METHOD_SUMMARY),
        MARGIN,
        Inches(1.2),
        SLIDE_W - 2 * MARGIN,
        Inches(5.5),
        size=16,
    )
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
