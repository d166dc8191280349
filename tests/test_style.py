"""lib/style: margins estimated from label widths (no second layout pass in the browser)."""

from __future__ import annotations

from datetime import date

from lib.charts.export import for_export
from lib.charts.style import TICK_FONT_SIZE, label_width, numeric_axis_room
from lib.progress.compare import progress_table
from lib.views.agenda import agenda_sections


def test_label_width_takes_the_widest_line_and_counts_wide_letters_wider():
    assert label_width([]) == 0
    assert label_width(["kort<br>een veel langere regel"]) == label_width(
        ["een veel langere regel"]
    )
    assert label_width(["MMMM"]) > label_width(["nnnn"]) > label_width(["iiii"])
    # Measured in the browser: this line is 253 px at 14 px; the estimate may only be wider.
    drawn = 253
    estimate = label_width(["Implementatie nieuwe modules opleiding"], TICK_FONT_SIZE)
    assert drawn <= estimate <= drawn * 1.2


def test_a_value_axis_gets_room_for_its_widest_number():
    assert numeric_axis_room(60) < numeric_axis_room(1500) < numeric_axis_room(150000)
    assert numeric_axis_room(60, title=False) < numeric_axis_room(60)


def test_agenda_charts_set_their_margins_and_exports_measure_again(plan, example_actuals):
    as_of = date(2014, 10, 1)
    progress = progress_table(plan, example_actuals, as_of, district="all")
    city = progress[progress["district"] == ""]
    figures = [
        item.figure
        for item_number in (1, 3)
        for section in agenda_sections(plan, city, item_number, 2014, as_of, "x")
        for item in section.items
    ]
    assert figures
    for fig in figures:
        assert fig.layout.xaxis.automargin is False and fig.layout.yaxis.automargin is False
        assert fig.layout.margin.l >= 20
        exported = for_export(fig, "Bron: test", as_of)
        assert exported.layout.xaxis.automargin is True and exported.layout.yaxis.automargin
        assert fig.layout.yaxis.automargin is False  # the screen figure is left as it was


def test_district_charts_set_their_margins_too(plan, example_actuals):
    from lib.charts.districts import (
        district_heatmap,
        district_matrix,
        district_ranking,
        district_rows,
    )

    progress = progress_table(plan, example_actuals, date(2014, 10, 1), district="all")
    actual = district_matrix(progress, plan, 2014, "actual")
    share = district_matrix(progress, plan, 2014, "share_of_city")
    counted = next(i for i in plan.indicators if i.per_district)
    rows = district_rows(progress, 2014)
    figures = [
        district_heatmap(actual, share, "x"),
        district_ranking(counted, rows[rows["indicator"] == counted.id], "x"),
    ]
    for fig in figures:
        assert fig.layout.xaxis.automargin is False and fig.layout.yaxis.automargin is False
        # Room for the longest row label: more than the default 20 px.
        assert fig.layout.margin.l > 60
