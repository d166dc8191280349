"""The progress report for the stuurgroep: its content once, rendered as PDF, PowerPoint and Excel.

`build_report` gathers everything (tables, figures, texts); `render_images` turns every figure
into PNG with one export server; the writers in lib/report_pdf.py, lib/report_pptx.py and
lib/report_xlsx.py lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from lib.actuals import Actuals
from lib.agenda_view import ChartItem, GoalSection, agenda_sections
from lib.compare import progress_table
from lib.district_charts import district_heatmap, district_matrix
from lib.export import Exporter, default_exporter, for_export
from lib.overview import overview_table, source_line, tiles
from lib.plan import Plan
from lib.timeline import describe_milestones, milestone_rows, milestone_table, milestone_timeline

FORMATS = ("pdf", "pptx", "xlsx")
REPORT_PNG_SCALE = 1.5  # 1800 px wide: sharp on A4 and on a projector, files stay small

METHOD_SUMMARY = [
    "Elke rij vergelijkt de stand met het doel van dat jaar uit het plan, beoordeeld op de peildatum.",
    "Behaald: het doel van het jaar is gehaald (bij een bereik: de ondergrens; bij een mijlpaal: "
    "bereikt, eventueel met het aantal maanden vertraging).",
    "Op koers: in het lopende jaar staat de stand minstens op het planpad: het niveau van vorig "
    "jaar plus de jaarstap maal het deel van het jaar dat voorbij is op de teldatum.",
    "Achter: een voorbij jaar zonder gehaald doel, een mijlpaal na de deadline, of een lopend jaar "
    "onder het planpad.",
    "Geen gegevens: er is een doel maar geen cijfer. Nog niet aan de orde: het jaar of de deadline "
    "ligt na de peildatum. Geen doel: het plan stelt hier niets.",
    "Het stadscijfer is de som van de wijkcijfers waar die er zijn. De prognose trekt het tempo van "
    "de bekende jaren door naar het laatste planjaar.",
    "De volledige regels staan in het dashboard onder 'Over de cijfers'.",
]


@dataclass(frozen=True)
class AgendaPart:
    number: int
    name: str
    sections: list[GoalSection]


@dataclass
class Report:
    plan: Plan
    actuals: Actuals
    as_of: date
    year: int
    created: date
    progress: pd.DataFrame
    agenda: list[AgendaPart]
    districts: ChartItem
    milestones: ChartItem
    milestone_rows: pd.DataFrame
    images: dict[str, bytes] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return source_line(self.plan, self.actuals, self.as_of)

    @property
    def title(self) -> str:
        return f"Voortgangsrapportage {self.plan.plan.title} {self.year}"

    def tiles(self) -> list[dict]:
        return tiles(self.progress, self.plan, self.year)

    def overview(self) -> pd.DataFrame:
        return overview_table(self.progress, self.plan, self.year)

    def milestone_table(self) -> pd.DataFrame:
        return milestone_table(self.milestone_rows)

    def all_charts(self) -> list[ChartItem]:
        charts = [i for part in self.agenda for s in part.sections for i in s.items]
        return [*charts, self.districts, self.milestones]

    def file_stem(self) -> str:
        return f"voortgang-{self.plan.plan.id}-{self.year}-{self.as_of.isoformat()}"


def build_report(
    plan: Plan, actuals: Actuals, as_of: date, year: int, created: date | None = None
) -> Report:
    progress = progress_table(plan, actuals, as_of, district="all")
    city = progress[progress["district"] == ""]
    when = f"peildatum {as_of.day}-{as_of.month}-{as_of.year}"
    agenda = [
        AgendaPart(
            item.number,
            item.name,
            agenda_sections(plan, city, item.number, year, as_of, f"hele stad · {year} · {when}"),
        )
        for item in plan.agenda_items
    ]
    actual = district_matrix(progress, plan, year, "actual")
    share = district_matrix(progress, plan, year, "share_of_city")
    districts = ChartItem(
        "district_heatmap",
        district_heatmap(actual, share, f"{year} · {when}"),
        "Stand per wijk en aandeel van elke wijk in het stadstotaal.",
    )
    rows = milestone_rows(city)
    milestones = ChartItem(
        "milestones",
        milestone_timeline(rows, as_of, f"alle agendapunten · {when}"),
        describe_milestones(rows),
    )
    return Report(
        plan,
        actuals,
        as_of,
        year,
        created or date.today(),
        progress,
        agenda,
        districts,
        milestones,
        rows,
    )


def render_images(report: Report, exporter: Exporter | None = None) -> dict[str, bytes]:
    """PNG of every chart of the report, each made once and shared by the PDF and the slides."""
    exporter = exporter or default_exporter()
    source = report.source
    for item in report.all_charts():
        if item.key not in report.images:
            figure = for_export(item.figure, source, report.created)
            report.images[item.key] = exporter.render(figure, "png", scale=REPORT_PNG_SCALE)
    return report.images


def render(report: Report, fmt_name: str, exporter: Exporter | None = None) -> bytes:
    """The report as a file; the charts are rendered first where the format needs them."""
    from lib import report_pdf, report_pptx, report_xlsx

    writers = {"pdf": report_pdf.write, "pptx": report_pptx.write, "xlsx": report_xlsx.write}
    if fmt_name not in writers:
        raise ValueError(f"unknown report format {fmt_name!r}")
    if fmt_name in ("pdf", "pptx"):
        render_images(report, exporter)
    return writers[fmt_name](report)


def write_report(report: Report, formats: list[str], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt_name in formats:
        path = out_dir / f"{report.file_stem()}.{fmt_name}"
        data = render(report, fmt_name)
        tmp = path.with_suffix(path.suffix + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        written.append(path)
    return written
