"""lib/timeline.milestone_rows: which milestones a timeline shows."""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib.charts.timeline import milestone_rows
from lib.progress.compare import progress_table


def test_milestone_rows_per_agenda_item_split_the_whole_plan(plan, example_actuals):
    progress = progress_table(plan, example_actuals, date(2014, 10, 1), district="all")
    whole = milestone_rows(progress)
    assert not whole.empty
    assert (whole["district"] == "").all()
    # Each milestone once, in the year of its deadline, earliest deadline first.
    assert whole["indicator"].is_unique
    assert [d.year for d in whole["deadline"]] == list(whole["year"])
    assert list(whole["deadline"]) == sorted(whole["deadline"])
    parts = [milestone_rows(progress, item.number) for item in plan.agenda_items]
    for item, part in zip(plan.agenda_items, parts, strict=True):
        assert (part["agenda_item"] == item.number).all()
        assert list(part.index) == list(range(len(part)))
        assert list(part.columns) == list(whole.columns)  # also when the item has none
    together = pd.concat(parts)
    assert sorted(together["indicator"]) == sorted(whole["indicator"])
    assert sum(not part.empty for part in parts) > 1  # the filter really splits something
    assert any(part.empty for part in parts)  # and an item without milestones is covered


def test_every_status_label_fits_before_the_axis_ends(plan, example_actuals):
    """A milestone late at the peildatum has its label right of it: the axis runs on far enough
    for the words ('9 maanden over de deadline' was cut off on agenda item 4 at 1,280 px)."""
    from lib.charts.style import label_width
    from lib.charts.timeline import CHART_WIDTH, LABEL_SIZE, milestone_timeline

    as_of = date(2014, 10, 1)
    progress = progress_table(plan, example_actuals, as_of, district="all")
    checked = 0
    for agenda in [None, *(a.number for a in plan.agenda_items)]:
        rows = milestone_rows(progress, agenda)
        if rows.empty:
            continue
        fig = milestone_timeline(rows, as_of, "x")
        start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
        plot_px = CHART_WIDTH - fig.layout.margin.l - 30
        (labels,) = [t for t in fig.data if t.mode == "text"]
        for x, text in zip(labels.x, labels.text, strict=True):
            room = (end - pd.Timestamp(x)) / (end - start)
            assert room >= label_width([text], LABEL_SIZE) / plot_px, (agenda, text)
            checked += 1
    assert checked > 10
