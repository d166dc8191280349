"""The progress report as 16:9 slides (python-pptx) for the stuurgroep meeting.

Slide titles state the finding; one chart (a picture shape) a slide at the body's full width; one
source line per slide; every goal behind named as text; the editors' toelichting and maatregelen
in the notes of their chart's slide.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from lib import fmt
from lib.report import actions as report_actions
from lib.report.model import METHOD_SUMMARY, Report, charted
from lib.report.slide_layout import (
    BODY_BOTTOM,
    BODY_TOP,
    MARGIN,
    SLIDE_H,
    SLIDE_W,
    line_pages,
    table_pages,
)
from lib.report.summary import TEXT_LABELS, blocks
from lib.status import BEHIND
from lib.views.agenda import ChartItem

GREY = RGBColor(0x59, 0x59, 0x59)
DUTCH = MSO_LANGUAGE_ID.DUTCH  # spelling: PowerPoint otherwise checks the text as English
NOTICE = RGBColor(0xA0, 0x3F, 0x00)
NUMBER_W = Inches(1.0)  # the slide's number, right of its source line


def _text(slide, text: str, left, top, width, height, size=14, bold=False, colour=None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for n, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(size), bold
        run.font.language_id = DUTCH
        if colour is not None:
            run.font.color.rgb = colour
    return box


def _slide(deck, report: Report, title: str):
    """A blank slide with its title and one source line at the bottom."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    width = SLIDE_W - 2 * MARGIN
    _text(slide, title, MARGIN, Inches(0.25), width, Inches(0.8), size=28, bold=True)
    # Beside the slide's number (write), at a size read at the back of a meeting room.
    source_w = width - NUMBER_W
    _text(slide, report.source, MARGIN, BODY_BOTTOM, source_w, Inches(0.5), size=12, colour=GREY)
    return slide


def _number_slides(deck) -> None:
    """'5 / 40' at the bottom right of every slide after the cover: a slide a council member
    asks about can be named."""
    slides = list(deck.slides)
    for n, slide in enumerate(slides[1:], start=2):
        left = SLIDE_W - MARGIN - NUMBER_W
        box = _text(slide, f"{n} / {len(slides)}", left, BODY_BOTTOM, NUMBER_W, Inches(0.5), 12)
        box.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT
        box.name = "slide number"


def _picture(slide, data: bytes, left, top, max_w, max_h, name: str, alt: str):
    picture = slide.shapes.add_picture(io.BytesIO(data), left, top)
    ratio = min(max_w / picture.width, max_h / picture.height)
    picture.width, picture.height = int(picture.width * ratio), int(picture.height * ratio)
    picture.left = int(left + (max_w - picture.width) / 2)
    picture.name = name
    # The alt text screen readers read (python-pptx leaves 'image.jpg'), as the Word report has.
    picture._element.nvPicPr.cNvPr.set("descr", alt)
    return picture


def _table(slide, headers, rows, top, size: int = 14, widths=None, width=SLIDE_W - 2 * MARGIN):
    shape = slide.shapes.add_table(len(rows) + 1, len(headers), MARGIN, top, width, Inches(0.4))
    table = shape.table
    for col, share in enumerate(widths or [1 / len(headers)] * len(headers)):
        table.columns[col].width = Emu(int(width * share))
    for r, row in enumerate([headers, *rows]):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = str(text)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size, run.font.bold = Pt(size), r == 0
                    run.font.language_id = DUTCH
    return shape


def _chart_slides(deck, report: Report, title: str, items: list[ChartItem], extra: str = ""):
    """One chart a slide, as wide as the slide's body: it was drawn at that size, with fonts
    that read when projected (lib/charts/presentation.py). What the presenter says with it (the
    text alternative, the editors' toelichting and maatregelen, goals without a chart) goes in
    the slide's notes; the audience reads the finding in the title."""
    if not items and extra:  # an agenda item whose goals have no target this year
        slide = _slide(deck, report, title)
        _text(slide, extra, MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, Inches(2), size=18)
        return
    for n, item in enumerate(items):
        suffix = f" ({n + 1}/{len(items)})" if len(items) > 1 else ""
        slide = _slide(deck, report, title + suffix)
        width, height = SLIDE_W - 2 * MARGIN, BODY_BOTTOM - BODY_TOP
        _picture(
            slide,
            report.images[item.key],
            MARGIN,
            BODY_TOP,
            width,
            height,
            item.key,
            item.description,
        )
        notes = [item.description, _item_texts(report, item), extra if n == 0 else ""]
        slide.notes_slide.notes_text_frame.text = "\n".join(text for text in notes if text)


def _item_texts(report: Report, item: ChartItem) -> str:
    if item.indicator is None:
        return ""
    found = zip(TEXT_LABELS, report.texts_of(item.indicator.id), strict=True)
    return "\n".join(f"{name}: {text}" for name, text in found if text)


def _summary_slides(deck, report: Report) -> None:
    """The summary of every format: counts, moves, due milestones; then the goals behind."""
    summary = report.summary
    slide = _slide(deck, report, f"Samenvatting {report.year}: {summary.headline}")
    lines, tables, headings = [], [], set()
    for block in blocks(summary):
        if block[0] == "table":
            tables.append(block)
        elif block[0] == "list":
            lines += [f"• {line}" for line in block[1]]
        else:
            lines.append(block[1])
            if block[0] == "h":
                headings.add(block[1])
    counts, behind = tables[0], tables[1] if len(tables) > 1 else None
    _text(slide, lines[0], MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, Inches(0.5), size=18)
    _table(slide, counts[1], counts[2], BODY_TOP + Inches(0.6), 16, [0.75, 0.25], Inches(5.5))
    rest = [line for line in lines[1:] if not line.startswith("Achter:")]
    left, top = MARGIN + Inches(6), BODY_TOP + Inches(0.6)
    first = (SLIDE_W - left - MARGIN, BODY_BOTTOM - top)
    full = (SLIDE_W - 2 * MARGIN, BODY_BOTTOM - BODY_TOP)
    for n, page in enumerate(line_pages(rest, first, full, 16, headings)):
        if n:
            slide = _slide(deck, report, f"Samenvatting {report.year} (vervolg)")
        where = (left, top, *first) if n == 0 else (MARGIN, BODY_TOP, *full)
        box = _text(slide, "\n".join(page), *where, 16)
        for paragraph in box.text_frame.paragraphs:  # the headings, as in the other formats
            paragraph.runs[0].font.bold = paragraph.runs[0].text in headings
    if behind is None:
        return
    rows, widths = behind[2], [0.24, 0.16, 0.16, 0.22, 0.22]
    pages = table_pages(behind[1], rows, widths, 12)
    for n, chunk in enumerate(pages):
        suffix = f" ({n + 1}/{len(pages)})" if len(pages) > 1 else ""
        slide = _slide(deck, report, f"Achter: {len(rows)} doelen{suffix}")
        _table(slide, behind[1], chunk, BODY_TOP, size=12, widths=widths)


def _agenda_title(report: Report, number: int, name: str) -> str:
    """'Agendapunt 1: 3 van 12 doelen achter': the finding in the title."""
    city = report.progress
    rows = city[
        (city["district"] == "")
        & (city["year"] == report.year)
        & (city["agenda_item"] == number)
        & (city["status"] != "geen doel")
    ]
    behind = int((rows["status"] == BEHIND).sum())
    total = len(rows)
    if not total:
        return f"Agendapunt {number}: {name}, geen doelen in {report.year}"
    return f"Agendapunt {number}: {behind} van {total} {'doel' if total == 1 else 'doelen'} achter"


def _cover(deck, report: Report) -> None:
    cover = deck.slides.add_slide(deck.slide_layouts[6])
    width = SLIDE_W - 2 * MARGIN
    _text(cover, report.title, MARGIN, Inches(2.0), width, Inches(1.2), size=40, bold=True)
    sub = f"Peildatum {fmt.long_date(report.as_of)} · gemaakt op {fmt.long_date(report.created)}"
    _text(cover, sub, MARGIN, Inches(3.3), width, Inches(0.6), size=20)
    for n, notice in enumerate(report.notices):
        top = Inches(4.1 + 0.9 * n)
        _text(cover, notice, MARGIN, top, width, Inches(0.8), size=18, bold=True, colour=NOTICE)
    _text(cover, report.source, MARGIN, BODY_BOTTOM, width, Inches(0.5), size=10, colour=GREY)


def write(report: Report) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    _cover(deck, report)
    _summary_slides(deck, report)
    report_actions.add_late_slide(deck, report, _slide, _table, BODY_TOP)
    for part in report.agenda:
        items = [i for section in part.sections for i in section.items]
        shown = [i for i in items if charted(i)]
        missing = [i.indicator.name for i in items if not charted(i)]
        extra = f"Geen doel in {report.year}: " + "; ".join(missing) + "." if missing else ""
        _chart_slides(deck, report, _agenda_title(report, part.number, part.name), shown, extra)
    # A plan that counts nothing per district, or has no milestones, has no such slides.
    _chart_slides(deck, report, f"Per wijk {report.year}", report.districts)
    _chart_slides(deck, report, "Mijlpalen", report.milestones)
    method = _slide(deck, report, "Zo is de status bepaald")
    text = "\n".join(f"• {line}" for line in METHOD_SUMMARY)
    _text(method, text, MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, Inches(5.5), size=16)
    _number_slides(deck)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
