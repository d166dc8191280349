"""The progress report as a Word document (python-docx): the vergaderstuk.

Word's own Heading styles for headings (so the navigation pane and a table of contents work),
Word tables for tables, charts as pictures with alt text, and the source line and notices in the
body, not only in a header or footer.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from lib import fmt
from lib.charts.timeline import NO_MILESTONES
from lib.report import actions as report_actions
from lib.report.docx_table import column_widths, size_table
from lib.report.model import METHOD_SUMMARY, Report, charted, goal_heading
from lib.report.summary import TEXT_LABELS, WHY, blocks
from lib.views.agenda import NO_TARGETS
from lib.views.districts import district_intro
from lib.views.overview import CONCEPT_NOTE

WIDTH = Cm(17)  # A4 minus margins
FONT = "Arial"
NOTICE = RGBColor(0x7A, 0x4A, 0x00)
GREY = RGBColor(0x59, 0x59, 0x59)


def _table(document, headers: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    for row in rows:
        added = table.add_row()
        for cell, text in zip(added.cells, row, strict=True):
            cell.text = str(text)
        # a row stays on one page: a goal's reason and texts are not cut in two
        properties = added._tr.get_or_add_trPr()
        properties.append(properties.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))
    # the header row repeats on every page the table runs over
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(header.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    size_table(table, column_widths(headers, [[str(t) for t in row] for row in rows], WIDTH))
    document.add_paragraph()


def _dutch(document) -> None:
    """The text is Dutch to Word (spelling, and hyphenation, which is switched on): without it
    Word checks the report as English and marks nearly every word, and cuts long Dutch words in
    narrow table cells anywhere, without a hyphen."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run.find(qn("w:lang"))
    if language is None:
        language = run.makeelement(qn("w:lang"), {})
        run.append(language)
    language.set(qn("w:val"), "nl-NL")
    settings = document.settings.element
    hyphenation = settings.makeelement(qn("w:autoHyphenation"), {qn("w:val"): "true"})
    # Word rejects settings out of the schema's order: autoHyphenation follows defaultTabStop.
    settings.find(qn("w:defaultTabStop")).addnext(hyphenation)


def _picture(document, data: bytes, alt: str, name: str) -> None:
    shape = document.add_picture(io.BytesIO(data), width=WIDTH)
    properties = shape._inline.docPr
    properties.set("descr", alt)  # alt text, read out by screen readers
    properties.set("name", name)


def _small(document, text: str, colour=GREY) -> None:
    run = document.add_paragraph().add_run(text)
    run.font.size, run.font.color.rgb = Pt(8), colour


def _summary(document, report: Report) -> None:
    document.add_heading("Samenvatting", level=1)
    parts = blocks(report.summary)
    if report.summary.since is not None:  # a vergaderstuk opens with what changed since then
        start = next(n for n, block in enumerate(parts) if block[0] == "h")
        parts = parts[start : start + 4] + parts[:start] + parts[start + 4 :]
    for block in parts:
        if block[0] == "h":
            document.add_heading(block[1], level=2)
        elif block[0] == "p":
            document.add_paragraph(block[1])
        elif block[0] == "list":
            for line in block[1]:
                document.add_paragraph(line, style="List Bullet")
        else:
            _table(document, block[1], block[2])


def _agenda(document, report: Report) -> None:
    for part in report.agenda:
        document.add_heading(f"Agendapunt {part.number}: {part.name}", level=1)
        if not part.sections:
            document.add_paragraph(NO_TARGETS)
        for section in part.sections:
            document.add_heading(goal_heading(section.goal), level=2)
            for item in section.items:
                if charted(item):
                    _picture(document, report.images[item.key], item.description, item.key)
                    _small(document, item.description)
                else:
                    line = f"{item.indicator.name}: het plan stelt hier in {report.year} geen doel."
                    document.add_paragraph(line)
                if item.indicator is not None:
                    found = zip(TEXT_LABELS, report.texts_of(item.indicator.id), strict=True)
                    for label, text in found:
                        if text:
                            paragraph = document.add_paragraph()
                            paragraph.add_run(f"{label}: ").bold = True
                            paragraph.add_run(text)


def _footer(section, report: Report) -> None:
    """On every page, as in the PDF: the title, the peildatum, and that the figures are
    examples or count concepts."""
    footer = f"{report.title} · peildatum {fmt.long_date(report.as_of)}"
    if report.include_concept:
        footer += f" · {CONCEPT_NOTE}"
    if report.actuals.meta.is_example:
        footer += " · VOORBEELDGEGEVENS, geen echte resultaten"
    paragraph = section.footer.paragraphs[0]
    run = paragraph.add_run(f"{footer} · pagina ")
    run.font.size, run.font.color.rgb = Pt(8), GREY
    # The page's number, as the PDF has it: a PAGE field Word fills in on every page.
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = paragraph.add_run("1")
    number.font.size, number.font.color.rgb = Pt(8), GREY
    number._r.addprevious(field)
    field.append(number._r)


def write(report: Report) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    document.core_properties.title = report.title
    document.core_properties.author = f"Gemeente {report.plan.plan.municipality}"
    document.core_properties.language = "nl-NL"
    _dutch(document)
    # Arial, which Word has and LibreOffice draws in a font of the same widths: the table
    # columns are sized to its words (lib/report/docx_table.py). Without a font named,
    # LibreOffice took a wide serif and broke words the widths were made for.
    document.styles["Normal"].font.name = FONT
    _footer(section, report)

    document.add_heading(report.title, level=0)
    plan = report.plan.plan
    document.add_paragraph(f"{plan.subtitle or ''} · Gemeente {plan.municipality} · {plan.version}")
    document.add_paragraph(
        f"Peildatum: {fmt.long_date(report.as_of)} · gemaakt op {fmt.long_date(report.created)}"
    )
    for notice in report.notices:
        run = document.add_paragraph().add_run(notice)
        run.bold, run.font.color.rgb = True, NOTICE
    _small(document, report.source)
    _summary(document, report)
    report_actions.add_docx(document, report, _table)  # besluitenlijst and actielijst

    document.add_heading(f"Overzicht {report.year}", level=1)
    columns = ["Agendapunt", "Indicator", "Doel", "Stand", "Status", WHY]
    overview = report.overview()
    _table(document, columns, [[str(v) for v in r] for r in overview[columns].values.tolist()])
    _agenda(document, report)

    document.add_heading(f"Per wijk {report.year}", level=1)
    document.add_paragraph(district_intro(report.plan, note=False))
    for chart in report.districts:
        _picture(document, report.images[chart.key], chart.description, chart.key)
    if report.districts:
        _small(document, report.source)
    if report.plan.districts.note:
        _small(document, report.plan.districts.note)
    document.add_heading("Mijlpalen", level=1)
    if not report.milestones:  # a plan without milestones
        document.add_paragraph(NO_MILESTONES)
    else:
        for chart in report.milestones:  # in parts of a few rows, each as large as any chart
            _picture(document, report.images[chart.key], chart.description, chart.key)
        columns = ["Mijlpaal", "Deadline", "Bereikt op", "Status", WHY]
        rows = report.milestone_table()[columns].values.tolist()
        _table(document, columns, [[str(v) for v in r] for r in rows])
    document.add_heading("Zo is de status bepaald", level=1)
    for line in METHOD_SUMMARY:
        document.add_paragraph(line, style="List Bullet")
    _small(document, report.source)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
