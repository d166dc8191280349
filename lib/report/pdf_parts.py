"""Layout pieces of the PDF report (reportlab): fonts, paragraph styles, images and tables."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from lib.report.pdf_image import PngPicture, image_parts
from lib.status import STATUSES, label

# Chart images go into the PDF as binary streams, not ASCII85 text: a fifth smaller, and the
# encoding in pure Python took a third of the PDF's time (1.6 -> 1.1 s for the full report).
rl_config.useA85 = 0

# DejaVu has the status icons (✔ ➜ ✖ …); without it the words still say everything.
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
WIDTH = A4[0] - 4 * cm


def fonts() -> tuple[str, str]:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
                pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


# A long Dutch compound word ("jeugdverpleegkundigen") that does not fit a narrow table cell is
# broken at a syllable with a hyphen (pyphen's Dutch dictionary), not cut anywhere without one.
DUTCH = "nl_NL"
LONG_WORD = 13  # shorter words move to the next line whole: "agenda-punt" helps nobody
HYPHENATED = {"hyphenationLang": DUTCH, "hyphenationMinWordLength": LONG_WORD}


def make_styles() -> dict[str, ParagraphStyle]:
    regular, bold = fonts()
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle(
            "t", parent=base["Title"], fontName=bold, fontSize=24, leading=30, alignment=TA_LEFT
        ),
        "h1": ParagraphStyle(
            "h1", parent=base["Heading1"], fontName=bold, fontSize=17, leading=22, keepWithNext=1
        ),
        "h2": ParagraphStyle(
            "h2", parent=base["Heading2"], fontName=bold, fontSize=13, leading=17, keepWithNext=1
        ),
        "body": ParagraphStyle(
            "b",
            parent=base["BodyText"],
            fontName=regular,
            fontSize=10,
            leading=14,
            **HYPHENATED,
        ),
        "small": ParagraphStyle(
            "s",
            parent=base["BodyText"],
            fontName=regular,
            fontSize=8,
            leading=10.5,
            textColor=colors.HexColor("#595959"),
            **HYPHENATED,
        ),
        "cell": ParagraphStyle(
            "c",
            parent=base["BodyText"],
            fontName=regular,
            fontSize=8,
            leading=10,
            **HYPHENATED,
        ),
        "notice": ParagraphStyle(
            "n",
            parent=base["BodyText"],
            fontName=bold,
            fontSize=11,
            leading=15,
            textColor=colors.HexColor("#7A4A00"),
            backColor=colors.HexColor("#FFF4D6"),
            borderPadding=8,
        ),
    }


def image(data: bytes, width: float = WIDTH, max_height: float = 22 * cm) -> Flowable:
    """A chart at the page's width; a tall one (a timeline) still fits on one page."""
    parts = image_parts(data)
    if parts is None:  # not a JPEG or opaque PNG: reportlab decodes and compresses it itself
        picture = Image(io.BytesIO(data))
        pixels = picture.imageWidth, picture.imageHeight
    else:
        pixels = parts[0], parts[1]
    ratio = pixels[1] / pixels[0]
    size = (
        (width, width * ratio) if width * ratio <= max_height else (max_height / ratio, max_height)
    )
    if parts is not None:
        return PngPicture(data, *size)
    picture.drawWidth, picture.drawHeight = size
    return picture


def status_table(frame, columns: list[str], widths: list[float], styles) -> Table:
    rows = [[Paragraph(f"<b>{c}</b>", styles["cell"]) for c in columns]]
    rows += [
        [Paragraph(escape(str(record[c])), styles["cell"]) for c in columns]
        for _, record in frame.iterrows()
    ]
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#BFBFBF")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    fills = {label(s): STATUSES[s].colour for s in STATUSES}
    status_col = columns.index("Status")
    for n, (_, record) in enumerate(frame.iterrows(), start=1):
        fill = fills.get(record["Status"])
        if fill:
            style.append(("BACKGROUND", (status_col, n), (status_col, n), colors.HexColor(fill)))
    table.setStyle(TableStyle(style))
    return table


def table(rows: list[list[str]], widths: list[float], styles, header: bool = True) -> Table:
    """A plain table of texts; the first row as a header."""
    cells = [
        [
            Paragraph(
                (f"<b>{escape(str(c))}</b>" if n == 0 and header else escape(str(c))),
                styles["cell"],
            )
            for c in row
        ]
        for n, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#BFBFBF")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")))
    table.setStyle(TableStyle(style))
    return table


def block_story(
    blocks: Iterable[tuple], styles, widths: Callable[[list[str]], list[float]]
) -> list:
    """Text blocks as flowables: ('h1' | 'h', text), ('p', text), ('list', lines) or
    (kind, headers, rows) for a table whose column widths `widths(headers)` gives. A heading gets
    no spacer after it: keepWithNext keeps it with what follows."""
    story: list = []
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h"):
            story.append(Paragraph(escape(block[1]), styles["h1" if kind == "h1" else "h2"]))
            continue
        if kind == "p":
            story.append(Paragraph(escape(block[1]), styles["body"]))
        elif kind == "list":
            story += [Paragraph(f"• {escape(line)}", styles["body"]) for line in block[1]]
        else:
            story.append(table([block[1], *block[2]], widths(block[1]), styles))
        story.append(Spacer(1, 0.2 * cm))
    return story
