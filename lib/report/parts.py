"""The report's long charts in parts: the district heatmap and the milestone timeline split into
charts of a few rows each, so that every part is legible on its own slide or half an A4 page
rather than shrunk to fit (lib/charts/presentation.py)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib.charts.districts import district_heatmap, district_matrix
from lib.charts.timeline import describe_milestones, milestone_rows, milestone_timeline
from lib.plan.schema import Plan
from lib.views.agenda import ChartItem, GoalSection, milestones_of

DISTRICT_ROWS_PER_CHART = 5  # indicators; each row two lines (figure and share)
MILESTONE_ROWS_PER_CHART = 4  # a milestone's name takes up to two lines


def chunks(count: int, most: int) -> list[range]:
    """`count` rows in as few parts of at most `most` as can be, as even as can be."""
    if count <= 0:
        return []
    parts = -(-count // most)
    size, extra = divmod(count, parts)
    out, start = [], 0
    for n in range(parts):
        end = start + size + (1 if n < extra else 0)
        out.append(range(start, end))
        start = end
    return out


def _part_label(n: int, total: int) -> str:
    return f" · deel {n + 1} van {total}" if total > 1 else ""


def _key(base: str, n: int) -> str:
    return base if n == 0 else f"{base}_{n + 1}"


def district_parts(progress: pd.DataFrame, plan: Plan, year: int, when: str) -> list[ChartItem]:
    """The heatmap of stand per wijk and share of the city, DISTRICT_ROWS_PER_CHART a chart."""
    actual = district_matrix(progress, plan, year, "actual")
    share = district_matrix(progress, plan, year, "share_of_city")
    status = district_matrix(progress, plan, year, "figure_status")
    parts = chunks(len(actual.index), DISTRICT_ROWS_PER_CHART)
    out = []
    for n, rows in enumerate(parts):
        names = actual.index[rows.start : rows.stop]
        figure = district_heatmap(
            actual.loc[names],
            share.loc[names],
            f"{year} · {when}{_part_label(n, len(parts))}",
            status.reindex(index=names),
        )
        description = "Stand per wijk en aandeel van elke wijk in het stadstotaal"
        described = f"{description}: {'; '.join(names)}." if len(parts) > 1 else description + "."
        out.append(ChartItem(_key("district_heatmap", n), figure, described))
    return out


def milestone_parts(rows: pd.DataFrame, as_of: date, when: str) -> list[ChartItem]:
    """The timeline of every milestone, MILESTONE_ROWS_PER_CHART a chart, earliest first."""
    parts = chunks(len(rows), MILESTONE_ROWS_PER_CHART)
    out = []
    for n, part in enumerate(parts):
        chunk = rows.iloc[part.start : part.stop].reset_index(drop=True)
        subtitle = f"alle agendapunten · {when}{_part_label(n, len(parts))}"
        figure = milestone_timeline(chunk, as_of, subtitle)
        out.append(ChartItem(_key("milestones", n), figure, describe_milestones(chunk)))
    return out


def split_goal_timelines(
    plan: Plan, city: pd.DataFrame, number: int, section: GoalSection, as_of: date, subtitle: str
) -> GoalSection:
    """A goal's milestone timeline with more than MILESTONE_ROWS_PER_CHART rows in parts, as
    the plan's timeline: on a slide it would otherwise be shrunk below presentation size."""
    items: list[ChartItem] = []
    for item in section.items:
        if item.indicator is not None:  # an indicator's chart; the timeline has none
            items.append(item)
            continue
        ids = [i.id for i in plan.indicators_of(number, section.goal) if i.kind == "milestone"]
        rows = milestone_rows(city[city["indicator"].isin(ids)])
        if len(rows) <= MILESTONE_ROWS_PER_CHART:
            items.append(item)
            continue
        parts = chunks(len(rows), MILESTONE_ROWS_PER_CHART)
        scope = milestones_of(number, section.goal, other=True)
        for n, part in enumerate(parts):
            chunk = rows.iloc[part.start : part.stop].reset_index(drop=True)
            label = f"{subtitle}{_part_label(n, len(parts))}"
            figure = milestone_timeline(chunk, as_of, label, scope)
            items.append(ChartItem(_key(item.key, n), figure, describe_milestones(chunk)))
    return GoalSection(section.goal, items)
