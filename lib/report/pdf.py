"""The progress report as an A4 PDF (reportlab): title and summary, overview, agenda items,
districts, milestones. Sections flow on; a new one starts on a new page only when little room is
left."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from lib import fmt
from lib.charts.timeline import NO_MILESTONES
from lib.report import actions as report_actions
from lib.report.model import METHOD_SUMMARY, Report, charted, goal_heading
from lib.report.pdf_parts import WIDTH, block_story, image, make_styles, status_table, table
from lib.report.summary import TEXT_LABELS, WHY, blocks
from lib.status import label
from lib.views.agenda import NO_TARGETS
from lib.views.districts import district_intro
from lib.views.overview import CONCEPT_NOTE


def _summary(report: Report, styles) -> list:
    """The one summary of every format (lib/report/summary.py), on the first page."""
    return [
        Paragraph("Samenvatting", styles["h1"]),
        *block_story(blocks(report.summary), styles, _summary_widths),
    ]


def _summary_widths(headers: list[str]) -> list[float]:
    if len(headers) == 2:
        return [6 * cm, 3 * cm]
    share = WIDTH / len(headers)
    return [share * 1.3, share * 0.9, share * 0.9, share * 0.95, share * 0.95]


def _cover(report: Report, styles) -> list:
    plan = report.plan.plan
    story = [
        Paragraph(report.title, styles["title"]),
        Paragraph(
            escape(f"{plan.subtitle or ''} · Gemeente {plan.municipality} · {plan.version}"),
            styles["body"],
        ),
        Paragraph(
            f"Peildatum: <b>{fmt.long_date(report.as_of)}</b> · gemaakt op {fmt.long_date(report.created)}",
            styles["body"],
        ),
        Spacer(1, 0.4 * cm),
    ]
    for notice in report.notices:
        story += [Paragraph(escape(notice), styles["notice"]), Spacer(1, 0.5 * cm)]
    story += [Paragraph(escape(report.source), styles["small"]), Spacer(1, 0.4 * cm)]
    return story + _summary(report, styles)


def _overview(report: Report, styles) -> list:
    statuses = ("behaald", "op koers", "achter", "geen gegevens", "nog niet aan de orde")
    counts = [["Agendapunt", *[label(s) for s in statuses]]]
    counts += [
        [f"{t['number']}. {t['name']}", *[str(t["counts"][s]) for s in statuses]]
        for t in report.tiles()
    ]
    story = [
        CondPageBreak(8 * cm),
        Paragraph(f"Overzicht {report.year}", styles["h1"]),
        table(counts, [5.4 * cm] + [2.32 * cm] * 5, styles),
        Spacer(1, 0.6 * cm),
        # Not a heading: a heading keeps with the table, and the long table would then move
        # whole to the next page, leaving this one nearly empty.
        Paragraph("<b>Alle doelen; wat achter ligt staat bovenaan.</b>", styles["body"]),
    ]
    columns = ["Agendapunt", "Indicator", "Doel", "Stand", "Status", WHY]
    widths = [1.6 * cm, 4.6 * cm, 2.7 * cm, 2.5 * cm, 2.4 * cm, 3.2 * cm]
    story.append(status_table(report.overview(), columns, widths, styles))
    return story


def _texts(report: Report, indicator, styles) -> list:
    """The editors' toelichting and maatregelen for an indicator, whatever its status."""
    if indicator is None:
        return []
    found = zip(TEXT_LABELS, report.texts_of(indicator.id), strict=True)
    return [
        Paragraph(f"<b>{name}:</b> {escape(text)}", styles["body"]) for name, text in found if text
    ]


def _agenda(report: Report, styles) -> list:
    story = []
    for part in report.agenda:
        story.append(CondPageBreak(10 * cm))
        # Headings go with the first chart under them: never alone at the foot of a page.
        heading = [Paragraph(f"Agendapunt {part.number}: {escape(part.name)}", styles["h1"])]
        if not part.sections:
            heading.append(Paragraph(NO_TARGETS, styles["body"]))
        for section in part.sections:
            heading.append(Paragraph(escape(goal_heading(section.goal)), styles["h2"]))
            for item in section.items:
                texts = _texts(report, item.indicator, styles)
                if not charted(item):
                    line = f"{item.indicator.name}: het plan stelt hier in {report.year} geen doel; geen grafiek."
                    story += [*heading, Paragraph(escape(line), styles["small"])]
                    story += [*texts, Spacer(1, 0.2 * cm)]
                else:
                    picture = image(report.images[item.key])
                    description = Paragraph(escape(item.description), styles["small"])
                    story += [KeepTogether([*heading, picture, description]), *texts]
                    story.append(Spacer(1, 0.3 * cm))
                heading = []
        story += heading  # an agenda item or goal without items
    return story


def _districts(report: Report, styles) -> list:
    charts, note = report.districts, report.plan.districts.note
    pictures = [KeepTogether([image(report.images[c.key]), Spacer(1, 0.3 * cm)]) for c in charts]
    return [
        # A plan that counts nothing per district gets a sentence saying so, not a page.
        CondPageBreak((12 if charts else 4) * cm),
        Paragraph(f"Per wijk {report.year}", styles["h1"]),
        Paragraph(escape(district_intro(report.plan, note=False)), styles["body"]),
        *pictures,
        *([Paragraph(escape(note), styles["small"])] if note else []),
        PageBreak() if charts else CondPageBreak(18 * cm),
    ]


def _milestones(report: Report, styles) -> list:
    charts = report.milestones
    if not charts:  # a plan without milestones
        return [Paragraph("Mijlpalen", styles["h1"]), Paragraph(NO_MILESTONES, styles["body"])]
    # The timeline in parts of a few rows (lib/report/parts.py), each at the page's width: its
    # labels stay as large as every other chart's rather than shrunk to fit one page.
    story: list = [Paragraph("Mijlpalen", styles["h1"])]
    for chart in charts:
        description = Paragraph(escape(chart.description), styles["small"])
        story += [KeepTogether([image(report.images[chart.key]), description]), Spacer(1, 0.3 * cm)]
    story.append(
        status_table(
            report.milestone_table(),
            ["Mijlpaal", "Deadline", "Bereikt op", "Status", WHY],
            [5.6 * cm, 2.8 * cm, 2.8 * cm, 2.6 * cm, 3.2 * cm],
            styles,
        )
    )
    return story


def _method(report: Report, styles) -> list:
    story = [CondPageBreak(8 * cm), Paragraph("Zo is de status bepaald", styles["h1"])]
    story += [Paragraph(f"• {line}", styles["body"]) for line in METHOD_SUMMARY]
    # The charts carry no source line of their own: it is printed at the start and here.
    story += [Spacer(1, 0.4 * cm), Paragraph(escape(report.source), styles["small"])]
    return story


def write(report: Report) -> bytes:
    styles = make_styles()
    buffer = io.BytesIO()
    footer = f"{report.title} · peildatum {fmt.long_date(report.as_of)}"
    if report.include_concept:
        footer += f" · {CONCEPT_NOTE}"
    if report.actuals.meta.is_example:
        footer += " · VOORBEELDGEGEVENS"

    def on_page(canvas, doc) -> None:
        font, number = styles["small"].fontName, f"pagina {doc.page}"
        # The footer wraps beside the page number: a meeting's long title ran into it.
        room = A4[0] - 4 * cm - canvas.stringWidth(number, font, 8) - 0.5 * cm
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(colors.HexColor("#595959"))
        for n, line in enumerate(simpleSplit(footer, font, 8, room)):
            canvas.drawString(2 * cm, 1.2 * cm - n * 10, line)
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, number)
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
    story = _cover(report, styles) + report_actions.pdf_story(report, styles)
    story += _overview(report, styles) + _agenda(report, styles)
    story += _districts(report, styles) + _milestones(report, styles) + _method(report, styles)
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
