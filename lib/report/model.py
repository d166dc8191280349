"""The progress report for the stuurgroep: its content once, as PDF, PowerPoint, Excel and Word.

`build_report` gathers everything (summary, tables, figures, texts); lib/report/write.py renders
the charts once and hands the model to the writers in lib/report/pdf.py, pptx.py, xlsx.py and
docx.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from lib import fmt
from lib.charts.timeline import milestone_rows, milestone_table
from lib.figures.actuals import Actuals
from lib.plan.schema import Plan
from lib.progress.compare import progress_table
from lib.report.actions import SteeringPart
from lib.report.parts import district_parts, milestone_parts, split_goal_timelines
from lib.report.selection import Selection, narrowed
from lib.report.summary import WHY, Summary, Texts, build_summary, text_of
from lib.views.agenda import ChartItem, GoalSection, agenda_sections
from lib.views.overview import CONCEPT_NOTE, overview_table, source_line, tiles

FORMATS = ("pdf", "pptx", "xlsx", "docx")
NO_TARGET = "geen doel"
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
    # The long charts in parts (lib/report/parts.py); empty when the plan counts nothing per
    # district, or has no milestones.
    districts: list[ChartItem]
    milestones: list[ChartItem]
    milestone_rows: pd.DataFrame
    summary: Summary
    texts: Texts = field(default_factory=dict)
    include_concept: bool = False
    images: dict[str, bytes] = field(default_factory=dict)
    steering: SteeringPart | None = None  # actions and decisions (lib/report/actions.py)
    meeting: date | None = None  # a vergaderstuk's meeting: the next one after the peildatum
    selection: Selection | None = None

    @property
    def source(self) -> str:
        return source_line(self.plan, self.actuals, self.as_of)

    @property
    def title(self) -> str:
        """The voortgangsrapport's, or the vergaderstuk's when made since a date."""
        if self.summary.since is not None:
            return meeting_title(self.plan, self.summary.since, self.meeting)
        return f"Voortgangsrapportage {self.plan.plan.title} {self.year}"

    @property
    def notices(self) -> list[str]:
        """What every format says up front: example figures, concept figures counted."""
        out = []
        if self.actuals.meta.is_example:
            out.append(
                "VOORBEELDGEGEVENS: de cijfers en toelichtingen in dit rapport zijn verzonnen om "
                "het dashboard te tonen; het zijn geen resultaten van de gemeente."
            )
        if self.include_concept:
            out.append(
                f"{CONCEPT_NOTE.upper()}: cijfers die een tweede redacteur nog niet heeft "
                "vastgesteld tellen mee; in de grafieken zijn ze gearceerd en gemarkeerd."
            )
        return out

    def tiles(self) -> list[dict]:
        return tiles(self.progress, self.plan, self.year)

    def overview(self) -> pd.DataFrame:
        """Every target of the year; the computed reason under its own name (not 'toelichting')."""
        table = overview_table(self.progress, self.plan, self.year)
        table = table.drop(columns=[WHY, "Verloop"], errors="ignore")
        return table.rename(columns={"Toelichting": WHY})

    def milestone_table(self) -> pd.DataFrame:
        return milestone_table(self.milestone_rows).rename(columns={"Toelichting": WHY})

    def texts_of(self, indicator: str, district: str = "") -> tuple[str, str]:
        """The editors' (toelichting, maatregelen) for an indicator in the report's year."""
        return text_of(self.texts, indicator, self.year, district)

    def all_charts(self) -> list[ChartItem]:
        """Every chart the report shows (an indicator without a target this year has none)."""
        charts = [i for part in self.agenda for s in part.sections for i in s.items if charted(i)]
        return [*charts, *self.districts, *self.milestones]

    def file_stem(self) -> str:
        since = self.summary.since
        return file_stem(
            self.plan,
            self.year,
            self.as_of,
            self.include_concept,
            since,
            self.meeting,
            self.selection,
        )


def meeting_title(plan: Plan, since: date, meeting: date | None) -> str:
    """'Vergaderstuk stuurgroep 6 oktober 2014 - Masterplan Het Jonge Kind' for the next meeting
    recorded, else 'Vergaderstuk sinds 25 augustus 2014 - ...'."""
    when = f"stuurgroep {fmt.long_date(meeting)}" if meeting else f"sinds {fmt.long_date(since)}"
    return f"Vergaderstuk {when} - {plan.plan.title}"


def file_stem(
    plan: Plan,
    year: int,
    as_of: date,
    include_concept: bool,
    since: date | None = None,
    meeting: date | None = None,
    selection: Selection | None = None,
) -> str:
    """As a person would name the file: 'Voortgang Masterplan Het Jonge Kind 2014 (peildatum 1
    oktober 2014)', or with `since` the vergaderstuk's title; a selection says so."""
    notes = [] if since is not None else [f"peildatum {fmt.long_date(as_of)}"]
    if include_concept:
        notes.append(CONCEPT_NOTE)
    if selection:
        notes.append(selection.label().replace(":", ""))
    name = meeting_title(plan, since, meeting) if since else f"Voortgang {plan.plan.title} {year}"
    return fmt.file_name(name + (f" ({', '.join(notes)})" if notes else ""))


def charted(item: ChartItem) -> bool:
    """An indicator gets a chart only when the plan sets it a target in the report's year."""
    return item.status_row is None or item.status_row["status"] != NO_TARGET


def build_report(
    plan: Plan,
    actuals: Actuals,
    as_of: date,
    year: int,
    created: date | None = None,
    *,
    since: date | None = None,
    changes: list[dict] | None = None,
    texts: Texts | None = None,
    due_before: date | None = None,
    include_concept: bool | None = None,
    on_chart: Callable[[ChartItem], None] | None = None,
    steering: SteeringPart | None = None,
    meeting: date | None = None,
    selection: Selection | None = None,
) -> Report:
    """The report of `year` judged at `as_of`.

    since, changes: the changes since that date (lib/progress/changes.py rows; those of kind
    figure, total and status are used); texts: the
    editors' (toelichting, maatregelen) per (indicator, year, district "" for the city);
    due_before: milestones due before then are listed (default: six weeks after `as_of`);
    include_concept: whether concept figures are counted (default: whether any are among them).
    on_chart: called with each chart the report shows as soon as it is built, so rendering can
    start while the rest is built (lib/report/write.py BackgroundRenderer).
    steering: the actions and decisions (lib/report/actions.py; None: not in the report).
    meeting: the vergaderstuk's meeting (with `since`), named in its title.
    selection: only these agenda items and indicators (lib/report/selection.py).
    """
    hand_over = on_chart or (lambda item: None)
    plan = narrowed(plan, selection)
    if selection:
        ids = {i.id for i in plan.indicators}
        changes = [c for c in changes or [] if c.get("indicator") in ids]
    concept = actuals.counts_concept if include_concept is None else include_concept
    progress = progress_table(plan, actuals, as_of, district="all")
    city = progress[progress["district"] == ""]
    when = f"peildatum {fmt.long_date(as_of)}"
    if concept:
        when = f"{CONCEPT_NOTE} · {when}"
    agenda = []
    for item in plan.agenda_items:
        sections = []
        for goal in plan.goals_of(item.number):  # goal by goal, each handed over when built
            subtitle = f"hele stad · {year} · {when}"
            built = [
                split_goal_timelines(plan, city, item.number, section, as_of, subtitle)
                for section in agenda_sections(
                    plan, city, item.number, year, as_of, subtitle, (goal,)
                )
            ]
            for chart in (c for section in built for c in section.items if charted(c)):
                hand_over(chart)
            sections += built
        agenda.append(AgendaPart(item.number, item.name, sections))
    districts = district_parts(progress, plan, year, when) if plan.counted_per_district() else []
    rows = milestone_rows(city)
    milestones = milestone_parts(rows, as_of, when)
    for chart in [*districts, *milestones]:
        hand_over(chart)
    summary = build_summary(
        progress, year, as_of, since=since, changes=changes, texts=texts, due_before=due_before
    )
    if selection:
        summary = replace(summary, scope=selection.sentence(plan))
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
        summary,
        dict(texts or {}),
        concept,
        steering=steering,
        meeting=meeting if since else None,
        selection=selection or None,
    )


def goal_heading(goal) -> str:
    """A goal section's heading in every format: the goal's own words, as on the page (the theme
    it shares with other goals is not repeated)."""
    return f"{goal.label}: {goal.text}" if goal else "Overige doelen"
