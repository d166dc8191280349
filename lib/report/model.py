"""The progress report for the stuurgroep: its content once, rendered as PDF, PowerPoint and Excel.

`build_report` gathers everything (tables, figures, texts); lib/report/write.py renders the charts
once and hands the model to the writers in lib/report/pdf.py, pptx.py and xlsx.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from lib.charts.districts import district_heatmap, district_matrix
from lib.charts.timeline import (
    describe_milestones,
    milestone_rows,
    milestone_table,
    milestone_timeline,
)
from lib.figures.actuals import Actuals
from lib.plan.schema import Plan
from lib.progress.compare import progress_table
from lib.views.agenda import ChartItem, GoalSection, agenda_sections
from lib.views.overview import overview_table, source_line, tiles

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
