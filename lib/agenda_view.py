"""What the page and the report show for one agenda item: goals, and per goal its charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lib.charts import commitment_chart, describe_commitment, describe_indicator, indicator_chart
from lib.plan import NUMERIC_KINDS, Goal, Indicator, Plan
from lib.timeline import describe_milestones, milestone_rows, milestone_timeline


@dataclass(frozen=True)
class ChartItem:
    """One chart with its text alternative; `indicator` is None for a goal's milestone timeline."""

    key: str
    figure: go.Figure
    description: str
    indicator: Indicator | None = None
    status_row: pd.Series | None = None  # the indicator's city row in the chosen year


@dataclass(frozen=True)
class GoalSection:
    goal: Goal | None
    items: list[ChartItem]


def agenda_sections(
    plan: Plan, city: pd.DataFrame, number: int, year: int, as_of: date, subtitle: str
) -> list[GoalSection]:
    """Per goal of agenda item `number`: a chart per indicator and one timeline of its milestones.

    `city` holds the city-wide progress rows of every year.
    """
    sections = []
    for goal in plan.goals_of(number):
        indicators = plan.indicators_of(number, goal)
        items = [
            _indicator_item(i, city, year, as_of, subtitle)
            for i in indicators
            if i.kind != "milestone"
        ]
        milestone_ids = [i.id for i in indicators if i.kind == "milestone"]
        if milestone_ids:
            rows = milestone_rows(city[city["indicator"].isin(milestone_ids)])
            items.append(
                ChartItem(
                    f"timeline_{goal.id if goal else number}",
                    milestone_timeline(rows, as_of, subtitle),
                    describe_milestones(rows),
                )
            )
        if items:
            sections.append(GoalSection(goal, items))
    return sections


def _indicator_item(
    indicator: Indicator, city: pd.DataFrame, year: int, as_of: date, subtitle: str
) -> ChartItem:
    own = city[city["indicator"] == indicator.id]
    now = own[own["year"] == year].iloc[0]
    if indicator.kind in NUMERIC_KINDS:
        figure = indicator_chart(indicator, own, subtitle, as_of.year)
        description = describe_indicator(indicator, own, year)
    else:
        figure = commitment_chart(indicator, own, subtitle)
        description = describe_commitment(indicator, own)
    return ChartItem(f"chart_{indicator.id}", figure, description, indicator, now)
