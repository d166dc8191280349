"""lib/style: margins estimated from label widths (no second layout pass in the browser)."""

from __future__ import annotations

from datetime import date

from lib.charts.export import figure_title, for_export
from lib.charts.indicators import indicator_chart
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


def _title_lines(fig) -> tuple[list[str], list[str]]:
    """The title's own lines and the subtitle's, as drawn (Plotly breaks lines at <br>)."""
    head, _, tail = fig.layout.title.text.partition("</b>")
    title = head.removeprefix("<b>").split("<br>")
    subtitle = (
        tail.removeprefix("<br>").partition(">")[2].removesuffix("</span>").split("<br>")
        if tail
        else []
    )
    return title, subtitle


def test_a_long_title_wraps_between_words_and_the_chart_grows_to_keep_its_plot(
    plan, example_actuals
):
    """Plotly does not wrap titles: a long indicator name ran off the chart's right edge."""
    from lib.charts.style import TITLE_FONT_SIZE, TITLE_LINE, TITLE_WIDTH, wrap_to_width

    as_of = date(2014, 10, 1)
    progress = progress_table(plan, example_actuals, as_of, district="all")
    indicator = next(i for i in plan.indicators if i.kind != "milestone")
    rows = progress[(progress["district"] == "") & (progress["indicator"] == indicator.id)]
    long_name = "Aantal " + " ".join(["pedagogisch medewerkers met een afgeronde opleiding"] * 3)

    short = indicator_chart(indicator, rows, "2012-2015 · hele stad", 2014)
    wrapped = indicator_chart(
        indicator.model_copy(update={"name": long_name}), rows, "2012-2015 · hele stad", 2014
    )

    title, subtitle = _title_lines(wrapped)
    assert len(title) >= 3 and subtitle == ["2012-2015 · hele stad"]
    assert " ".join(title) == f"{long_name}: doel en stand"  # every word kept, in order
    assert all(label_width([line], TITLE_FONT_SIZE) <= TITLE_WIDTH for line in title)
    # The plot keeps its height: the chart and its top margin grow by the extra lines.
    extra = (len(title) - 1) * TITLE_LINE
    assert wrapped.layout.margin.t == short.layout.margin.t + extra
    assert wrapped.layout.height == short.layout.height + extra
    assert _title_lines(short)[0] == [f"{indicator.name}: doel en stand"]
    # Download names, popover labels and slide grouping read the whole title, not its first line.
    assert figure_title(wrapped) == f"{long_name}: doel en stand"
    # One word longer than a line keeps its own line instead of being cut.
    assert wrap_to_width("kort " + "x" * 200 + " eind", TITLE_WIDTH, TITLE_FONT_SIZE) == [
        "kort",
        "x" * 200,
        "eind",
    ]


def test_charts_that_set_their_own_height_keep_room_for_a_wrapped_title(plan, example_actuals):
    from lib.charts.districts import district_ranking, district_rows
    from lib.charts.style import TITLE_LINE

    progress = progress_table(plan, example_actuals, date(2014, 10, 1), district="all")
    counted = next(i for i in plan.indicators if i.per_district)
    rows = district_rows(progress, 2014)
    rows = rows[rows["indicator"] == counted.id]
    short = district_ranking(counted, rows, "x")
    long_name = " ".join(
        ["Kinderen toegeleid naar voorschoolse educatie via het consultatiebureau"] * 2
    )
    wrapped = district_ranking(counted.model_copy(update={"name": long_name}), rows, "x")
    lines = len(_title_lines(wrapped)[0])
    assert lines >= 2
    assert wrapped.layout.height == short.layout.height + (lines - 1) * TITLE_LINE


def test_two_title_lines_break_after_the_colon_or_else_evenly():
    from lib.charts.style import TITLE_FONT_SIZE, TITLE_WIDTH, wrap_to_width

    name = "Start module-uitbreiding/aanpassing opleiding pedagogisch medewerker"
    assert wrap_to_width(f"{name}: toezegging per jaar", TITLE_WIDTH, TITLE_FONT_SIZE) == [
        f"{name}:",
        "toezegging per jaar",
    ]
    # Without a colon the two lines come out about as long: no lone word on the second.
    words = " ".join(["opleiding"] * 16)
    top, bottom = wrap_to_width(words, TITLE_WIDTH, TITLE_FONT_SIZE)
    assert top.count(" ") == bottom.count(" ") == 7
    # A title that fits stays on one line.
    assert wrap_to_width(f"{name}: stand", 2000, TITLE_FONT_SIZE) == [f"{name}: stand"]


def test_a_title_whose_second_line_is_one_overlong_word_does_not_break_the_chart():
    """A name like 'Indicator: xxxx...' (one 200-letter word) made the two-line balancing find
    no split that fits and raise; it keeps the filled lines instead."""
    from lib.charts.style import (
        TITLE_FONT_SIZE,
        TITLE_WIDTH,
        apply_style,
        new_figure,
        wrap_to_width,
    )

    word = "x" * 200
    assert wrap_to_width(f"Indicator: {word}", TITLE_WIDTH, TITLE_FONT_SIZE) == ["Indicator:", word]
    fig = apply_style(new_figure(), f"Indicator: {word}", f"2014 · {word}")
    assert word in fig.layout.title.text


def test_a_plan_name_with_angle_brackets_is_shown_and_named_as_written():
    """Plotly reads '<b>' in a text as bold and drops what looks like a tag from our own title
    reading: a plan's '<' and '&' are text, in the chart, its download name and its slide title."""
    import plotly.graph_objects as go

    from lib.charts.export import figure_title, file_name
    from lib.charts.style import apply_style, set_source

    name = "Doel: <50% uitval, >80% bereik & a<b>c"
    fig = apply_style(go.Figure(), name, "R&D <i>x</i>")
    text = fig.layout.title.text
    assert "&lt;50% uitval, &gt;80% bereik &amp; a&lt;b&gt;c" in text
    assert "R&amp;D &lt;i&gt;x&lt;/i&gt;" in text
    assert figure_title(fig) == name
    assert file_name(figure_title(fig), "svg").startswith("doel-50-uitval-80-bereik-a-b-c-")
    set_source(fig, "Bron: <werkgroep> & co", 1200)
    assert fig.layout.annotations[-1].text == "Bron: &lt;werkgroep&gt; &amp; co"


def test_axis_labels_from_the_plan_are_text_too():
    """Milestone and indicator names on an axis (wrap) and district names under the heatmap."""
    from lib.charts.districts import _column_label
    from lib.charts.style import wrap

    assert wrap("Toeleiding <b>x</b> & y", 40) == "Toeleiding &lt;b&gt;x&lt;/b&gt; &amp; y"
    assert wrap("een twee drie", 8) == "een twee<br>drie"
    assert _column_label("Stad Oost-Noord") == "Stad<br>Oost-<br>Noord"
    assert _column_label("<b>Haven</b>") == "&lt;b&gt;Haven&lt;/b&gt;"


def test_district_names_and_units_on_the_ranking_are_text(plan, example_actuals):
    """The ranking's district axis and the unit are a plan's text as well."""
    from lib.charts.districts import district_ranking, district_rows

    as_of = date(2014, 10, 1)
    progress = progress_table(plan, example_actuals, as_of, district="all")
    indicator = plan.indicators[0].model_copy(update={"unit": "groepen <b>x</b>"})
    rows = district_rows(progress, 2014)
    rows = rows[rows["indicator"] == indicator.id].copy()
    rows["district_name"] = [f"{n} & <i>co</i>" for n in rows["district_name"]]
    fig = district_ranking(indicator, rows, "x")
    assert len(fig.data[0].y) == len(plan.districts.list)
    assert all(name.endswith(" &amp; &lt;i&gt;co&lt;/i&gt;") for name in fig.data[0].y)
    assert fig.layout.xaxis.title.text == "groepen &lt;b&gt;x&lt;/b&gt;"


def test_hover_texts_and_legend_names_from_the_plan_are_text(plan, example_actuals):
    """What shows on pointing (a status's explanation, the unit) and in the legend is escaped as
    the titles are: a '<b>' in a plan's unit or a milestone's name is not read as markup."""
    from lib.charts.indicators import commitment_chart
    from lib.charts.timeline import milestone_rows, milestone_timeline

    as_of = date(2014, 10, 1)
    progress = progress_table(plan, example_actuals, as_of, district="all").copy()
    progress["explanation"] = progress["explanation"] + " <b>x</b> & y"
    city = progress[progress["district"] == ""]
    hostile = "groepen <b>x</b>"

    def rows_of(kind):
        indicator = next(i for i in plan.indicators if i.kind == kind)
        return indicator.model_copy(update={"unit": hostile}), city[
            city["indicator"] == indicator.id
        ]

    for kind in ("per_year", "range"):
        indicator, rows = rows_of(kind)
        fig = indicator_chart(indicator, rows, "x", 2014)
        templates = [t.hovertemplate for t in fig.data if t.hovertemplate]
        assert templates and all("groepen &lt;b&gt;x&lt;/b&gt;" in t for t in templates), kind
        assert all("<b>" not in (t.name or "") for t in fig.data), kind
    fig = commitment_chart(*rows_of("commitment"), "x")
    assert all(h.endswith(" &lt;b&gt;x&lt;/b&gt; &amp; y") for h in fig.data[0].hovertext)
    timeline = milestone_timeline(milestone_rows(progress), as_of, "x")
    hovers = [h for t in timeline.data if t.hovertext for h in t.hovertext]
    assert hovers and all(h.endswith(" &lt;b&gt;x&lt;/b&gt; &amp; y") for h in hovers)
