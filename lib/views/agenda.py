"""What the page and the report show for one agenda item: goals, and per goal its charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from lib.charts.indicators import (
    commitment_chart,
    describe_commitment,
    describe_indicator,
    indicator_chart,
)
from lib.charts.timeline import describe_milestones, milestone_rows, milestone_timeline
from lib.plan.schema import NUMERIC_KINDS, Goal, Indicator, Plan
from lib.status import BEHIND, STATUSES


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


OTHER_GOALS = "Overige doelen"  # the heading of indicators the plan gives no goal
# An agenda item may have no indicators yet (a plan's "p.m."): said, not left blank.
NO_TARGETS = "Het plan stelt bij dit agendapunt (nog) geen doelen met cijfers of mijlpalen."


@dataclass(frozen=True)
class Theme:
    """Goals of one agenda item that share a theme in the plan: what the page shows at a time."""

    name: str
    goals: tuple[Goal | None, ...]
    behind: int  # indicators and milestones of these goals that are behind in the chosen year

    @property
    def label(self) -> str:
        """The theme's name, and how many of its targets are behind (icon and word)."""
        if not self.behind:
            return self.name
        return f"{self.name} · {STATUSES[BEHIND].icon} {self.behind} {BEHIND}"


def milestones_of(number: int | None, goal: Goal | None = None, *, other: bool = False) -> str:
    """Whose milestones a timeline shows, for its title, which a downloaded chart or a slide
    carries without the page around it: 'van het plan' (number None), 'van agendapunt 2',
    'van agendapunt 1, Hanteren kindvolgsysteem (Doel 2)': a goal's label alone ('Doel 2') is
    numbered within its theme, so the theme comes with it; with `other`, the indicators
    without a goal (OTHER_GOALS)."""
    if number is None:
        return "van het plan"
    if goal is not None:
        return f"van agendapunt {number}, {goal.theme} ({goal.label})"
    return (
        f"van agendapunt {number}, {OTHER_GOALS.lower()}" if other else f"van agendapunt {number}"
    )


def agenda_themes(plan: Plan, city: pd.DataFrame, number: int, year: int) -> list[Theme]:
    """The themes of agenda item `number` in plan order, each with its goals.

    Goals without a theme of their own share one: `OTHER_GOALS`. `city` holds the city-wide
    progress rows of every year; no figures are built.
    """
    grouped: dict[str, list[Goal | None]] = {}
    for goal in plan.goals_of(number):
        if plan.indicators_of(number, goal):
            grouped.setdefault(goal.theme if goal else OTHER_GOALS, []).append(goal)
    now = city[(city["year"] == year) & (city["status"] == BEHIND)]
    behind = set(now["indicator"])
    return [
        Theme(
            name,
            tuple(goals),
            sum(i.id in behind for g in goals for i in plan.indicators_of(number, g)),
        )
        for name, goals in grouped.items()
    ]


def agenda_sections(
    plan: Plan,
    city: pd.DataFrame,
    number: int,
    year: int,
    as_of: date,
    subtitle: str,
    goals: tuple[Goal | None, ...] | None = None,
) -> list[GoalSection]:
    """Per goal of agenda item `number`: a chart per indicator and one timeline of its milestones.

    `city` holds the city-wide progress rows of every year. `goals`: only these (one theme's),
    in plan order; None: every goal of the agenda item.
    """
    sections = []
    for goal in plan.goals_of(number):
        if goals is not None and goal not in goals:
            continue
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
                    milestone_timeline(
                        rows, as_of, subtitle, milestones_of(number, goal, other=True)
                    ),
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
