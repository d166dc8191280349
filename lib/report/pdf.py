"""The progress report as an A4 PDF (reportlab): cover, overview, agenda items, districts, milestones."""

from __future__ import annotations

import io
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
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from lib import fmt
from lib.report.model import METHOD_SUMMARY, Report
from lib.status import STATUSES, label

# Chart images go into the PDF as binary streams, not ASCII85 text: a fifth smaller, and the
# encoding in pure Python took a third of the PDF's time (1.6 -> 1.1 s for the full report).
rl_config.useA85 = 0

# DejaVu has the status icons (✔ ➜ ✖ …); without it the words still say everything.
FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
WIDTH = A4[0] - 4 * cm


def _fonts() -> tuple[str, str]:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
                pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _fonts()
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
            "b", parent=base["BodyText"], fontName=regular, fontSize=10, leading=14
        ),
        "small": ParagraphStyle(
            "s",
            parent=base["BodyText"],
            fontName=regular,
            fontSize=8,
            leading=10.5,
            textColor=colors.HexColor("#595959"),
        ),
        "cell": ParagraphStyle(
            "c", parent=base["BodyText"], fontName=regular, fontSize=8, leading=10
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


def _image(data: bytes, width: float = WIDTH) -> Image:
    image = Image(io.BytesIO(data))
    ratio = image.imageHeight / image.imageWidth
    image.drawWidth, image.drawHeight = width, width * ratio
    if image.drawHeight > 22 * cm:  # a tall timeline must still fit on one page
        image.drawHeight, image.drawWidth = 22 * cm, 22 * cm / ratio
    return image


def _status_table(frame, columns: list[str], widths: list[float], styles) -> Table:
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


def _cover(report: Report, styles) -> list:
    plan = report.plan.plan
    story = [
        Spacer(1, 4 * cm),
        Paragraph(report.title, styles["title"]),
        Spacer(1, 0.5 * cm),
        Paragraph(f"{plan.subtitle or ''}", styles["body"]),
        Paragraph(f"Gemeente {plan.municipality} · {plan.version}", styles["body"]),
        Spacer(1, 1 * cm),
        Paragraph(f"Peildatum: <b>{fmt.long_date(report.as_of)}</b>", styles["body"]),
        Paragraph(f"Gemaakt op: {fmt.long_date(report.created)}", styles["body"]),
        Spacer(1, 1 * cm),
    ]
    if report.actuals.meta.is_example:
        story.append(
            Paragraph(
                "VOORBEELDGEGEVENS: de cijfers in dit rapport zijn verzonnen om het dashboard te tonen; "
                "het zijn geen resultaten van de gemeente.",
                styles["notice"],
            )
        )
    story += [Spacer(1, 1 * cm), Paragraph(escape(report.source), styles["small"]), PageBreak()]
    return story


def _overview(report: Report, styles) -> list:
    story = [Paragraph(f"Overzicht {report.year}", styles["h1"])]
    counts = [
        [
            "Agendapunt",
            *[
                label(s)
                for s in ("behaald", "op koers", "achter", "geen gegevens", "nog niet aan de orde")
            ],
        ]
    ]
    for tile in report.tiles():
        counts.append(
            [
                f"{tile['number']}. {tile['name']}",
                *[
                    str(tile["counts"][s])
                    for s in (
                        "behaald",
                        "op koers",
                        "achter",
                        "geen gegevens",
                        "nog niet aan de orde",
                    )
                ],
            ]
        )
    table = Table(
        [[Paragraph(escape(str(c)), styles["cell"]) for c in row] for row in counts],
        colWidths=[5.4 * cm] + [2.32 * cm] * 5,
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#BFBFBF")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
            ]
        )
    )
    story += [table, Spacer(1, 0.6 * cm)]
    story.append(Paragraph("Alle doelen; wat achter ligt staat bovenaan.", styles["h2"]))
    overview = report.overview()
    columns = ["Agendapunt", "Indicator", "Doel", "Stand", "Status", "Toelichting"]
    story.append(
        _status_table(
            overview, columns, [1.6 * cm, 4.6 * cm, 2.7 * cm, 2.5 * cm, 2.4 * cm, 3.2 * cm], styles
        )
    )
    story.append(PageBreak())
    return story


def _agenda(report: Report, styles) -> list:
    story = []
    for part in report.agenda:
        story.append(Paragraph(f"Agendapunt {part.number}: {part.name}", styles["h1"]))
        for section in part.sections:
            goal = section.goal
            story.append(
                Paragraph(
                    escape(f"{goal.label}: {goal.theme}") if goal else "Overige doelen",
                    styles["h2"],
                )
            )
            if goal:
                story.append(Paragraph(f"<i>Uit het plan:</i> {escape(goal.text)}", styles["body"]))
            for item in section.items:
                story.append(
                    KeepTogether(
                        [
                            _image(report.images[item.key]),
                            Paragraph(escape(item.description), styles["small"]),
                            Spacer(1, 0.3 * cm),
                        ]
                    )
                )
        story.append(PageBreak())
    return story


def _districts_and_milestones(report: Report, styles) -> list:
    story = [
        Paragraph(f"Per wijk {report.year}", styles["h1"]),
        Paragraph(
            "Het plan stelt vrijwel alleen doelen voor de hele stad; per wijk staat hoe de stand is "
            "verdeeld (aantal en aandeel in het stadstotaal). De wijknamen zijn voorlopig.",
            styles["body"],
        ),
        _image(report.images[report.districts.key]),
        PageBreak(),
        Paragraph("Mijlpalen", styles["h1"]),
        _image(report.images[report.milestones.key]),
        Paragraph(escape(report.milestones.description), styles["small"]),
        Spacer(1, 0.4 * cm),
        _status_table(
            report.milestone_table(),
            ["Mijlpaal", "Deadline", "Bereikt op", "Status", "Toelichting"],
            [5.6 * cm, 2.8 * cm, 2.8 * cm, 2.6 * cm, 3.2 * cm],
            styles,
        ),
        PageBreak(),
        Paragraph("Zo is de status bepaald", styles["h1"]),
    ]
    story += [Paragraph(f"• {line}", styles["body"]) for line in METHOD_SUMMARY]
    return story


def write(report: Report) -> bytes:
    styles = _styles()
    buffer = io.BytesIO()
    footer = f"{report.title} · peildatum {fmt.long_date(report.as_of)}"
    if report.actuals.meta.is_example:
        footer += " · VOORBEELDGEGEVENS"

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(styles["small"].fontName, 8)
        canvas.setFillColor(colors.HexColor("#595959"))
        canvas.drawString(2 * cm, 1.2 * cm, footer)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"pagina {doc.page}")
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=report.title,
        author=f"Gemeente {report.plan.plan.municipality}",
        lang="nl-NL",
    )
    story = _cover(report, styles) + _overview(report, styles) + _agenda(report, styles)
    story += _districts_and_milestones(report, styles)
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
