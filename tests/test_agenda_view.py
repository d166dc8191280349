"""lib/agenda_view: an agenda item's themes (what the page shows at a time) and their sections."""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib.progress.compare import progress_table
from lib.status import BEHIND, MET, NOT_YET, ON_TRACK
from lib.views.agenda import OTHER_GOALS, agenda_sections, agenda_themes


def city_rows(statuses: dict[tuple[str, int], str]) -> pd.DataFrame:
    """A minimal city progress table: (indicator, year) -> status."""
    return pd.DataFrame(
        [{"indicator": i, "year": y, "status": s} for (i, y), s in statuses.items()]
    )


def test_goals_group_by_theme_and_goalless_indicators_share_one(small_plan):
    city = city_rows({("groepen", 2014): MET, ("locaties", 2014): MET, ("monitor", 2014): MET})
    themes = agenda_themes(small_plan, city, 1, 2014)
    assert [t.name for t in themes] == ["Thema A", OTHER_GOALS]
    assert [t.goals for t in themes] == [(small_plan.goals[0],), (None,)]
    assert [t.label for t in themes] == ["Thema A", OTHER_GOALS]


def test_a_theme_counts_its_targets_behind_in_the_chosen_year(small_plan):
    city = city_rows(
        {
            ("groepen", 2014): BEHIND,
            ("locaties", 2014): BEHIND,
            ("monitor", 2014): BEHIND,  # a missed milestone is behind too
            ("groepen", 2013): ON_TRACK,
            ("locaties", 2013): NOT_YET,
            ("kinderen", 2014): BEHIND,  # agenda item 2: not counted for item 1
        }
    )
    themes = agenda_themes(small_plan, city, 1, 2014)
    assert [t.behind for t in themes] == [1, 2]
    assert [t.label for t in themes] == ["Thema A · ✖ 1 achter", f"{OTHER_GOALS} · ✖ 2 achter"]
    assert [t.behind for t in agenda_themes(small_plan, city, 1, 2013)] == [0, 0]


def test_the_themes_sections_together_are_the_whole_agenda_item(plan, example_actuals):
    as_of = date(2014, 10, 1)
    progress = progress_table(plan, example_actuals, as_of, district="all")
    city = progress[progress["district"] == ""]
    for item in plan.agenda_items:
        whole = agenda_sections(plan, city, item.number, 2014, as_of, "x")
        themes = agenda_themes(plan, city, item.number, 2014)
        parts = [
            section
            for theme in themes
            for section in agenda_sections(plan, city, item.number, 2014, as_of, "x", theme.goals)
        ]
        keys = [[i.key for i in s.items] for s in parts]
        assert sorted(keys) == sorted([i.key for i in s.items] for s in whole)
        assert len({t.name for t in themes}) == len(themes)


def test_every_timeline_title_says_whose_milestones_it_shows(plan, example_actuals):
    """A downloaded timeline or a slide has no page around it: its title names the agenda item
    and goal, and no two timelines of the plan share a title (nor a download name)."""
    from lib.charts.export import figure_title

    as_of = date(2014, 10, 1)
    progress = progress_table(plan, example_actuals, as_of, district="all")
    city = progress[progress["district"] == ""]
    titles = []
    for item in plan.agenda_items:
        for section in agenda_sections(plan, city, item.number, 2014, as_of, "x"):
            for chart in section.items:
                if chart.indicator is None:
                    title = figure_title(chart.figure)
                    goal = (
                        f"{section.goal.theme} ({section.goal.label})"
                        if section.goal
                        else OTHER_GOALS.lower()
                    )
                    assert (
                        title
                        == f"Mijlpalen van agendapunt {item.number}, {goal}: deadline en stand"
                    )
                    titles.append(title)
    assert len(titles) >= 3  # the plan has milestones under several goals
    assert len(set(titles)) == len(titles)


def test_milestones_of_names_the_plan_an_agenda_item_or_a_goal(small_plan):
    from lib.views.agenda import milestones_of

    goal = small_plan.goals[0]
    assert milestones_of(None) == "van het plan"
    assert milestones_of(2) == "van agendapunt 2"
    assert milestones_of(1, goal) == f"van agendapunt 1, {goal.theme} ({goal.label})"
    assert milestones_of(1, None, other=True) == f"van agendapunt 1, {OTHER_GOALS.lower()}"
