"""The house style of every chart, on screen and in exports: defined here and nowhere else.

Colours come from the Okabe-Ito palette (safe for the common forms of colour blindness) and are
chosen so that target, actual and projection also differ in line style, marker and pattern, and
so stay apart in greyscale print.
"""

from __future__ import annotations

import html
import math
import os

import plotly.graph_objects as go
import plotly.io as pio

from lib import fmt
from lib.status import STATUSES

# "Source Sans" is the name under which Streamlit serves its font to the page: on screen, charts
# use the dashboard's typeface (and the glyph widths below fit it). Exports have no such web
# font and take the next one installed. Quoted names: an unquoted "Source Sans 3" is invalid CSS
# and drops the browser to a serif font.
FONT_FAMILY = (
    '"Source Sans", "Source Sans Pro", "Source Sans 3", Arial, Helvetica, "DejaVu Sans", sans-serif'
)
BASE_FONT_SIZE = 16  # readable on a projector at the back of a meeting room
TITLE_FONT_SIZE = 22
TICK_FONT_SIZE = 14  # set, not left to Streamlit's theme: margins are computed from it
INK = "#1A1A1A"
MUTED = "#595959"  # 7:1 on white
GRID = "#D9D9D9"

TARGET = "#000000"  # plan path: black, dashed, square markers
ACTUAL = "#0072B2"  # actual figures: blue bars
ACTUAL_LIGHT = "#9CC7E4"
PROJECTION = "#CC79A7"  # projection: purple, dotted, open circles
RANGE_FILL = "rgba(0, 0, 0, 0.10)"
SEQUENTIAL = [[0.0, "#F7FBFF"], [0.5, "#9ECAE1"], [1.0, "#4292C6"]]  # dark text stays legible
STATUS_COLOURS = {word: style.colour for word, style in STATUSES.items()}
# Markers need a visible edge on white: the pale fills of the table get their dark text colour.
STATUS_MARKER_COLOURS = {
    word: (style.text_colour if word in ("nog niet aan de orde", "geen doel") else style.colour)
    for word, style in STATUSES.items()
}
STATUS_SYMBOLS = {
    "behaald": "circle",
    "op koers": "triangle-right",
    "achter": "x",
    "geen gegevens": "circle-open",
    "nog niet aan de orde": "diamond-open",
    "geen doel": "line-ew",
}

SCREEN_HEIGHT = 420
RIGHT_MARGIN = 30  # px right of the plot on every chart

# Plotly checks every property set on a figure against its schema: half the time of building a
# chart (1.2 of 2.6 s for the report's 35). The builders here set fixed, tested properties, so
# figures skip that check; the tests turn it back on (tests/conftest.py) to catch a misspelt one.
VALIDATE = os.environ.get("HJK_VALIDATE_FIGURES") == "1"


def new_figure(data: object = None) -> go.Figure:
    """An empty figure (or one with `data`) whose later updates are not checked (see VALIDATE)."""
    return go.Figure(data=data, _validate=VALIDATE)


def _template() -> go.layout.Template:
    """Plotly's white template, with trace defaults only for the chart types used here.

    The full template carries defaults for 24 trace types (7 kB in every chart) that the browser
    works through for every chart it draws.
    """
    white = pio.templates["plotly_white"]
    return go.layout.Template(
        layout=white.layout, data={kind: white.data[kind] for kind in ("bar", "scatter", "heatmap")}
    )


TEMPLATE = _template()
TEMPLATE_JSON = TEMPLATE.to_plotly_json()


# A title line is at most this wide (as label_width estimates it; about 790 px drawn): a chart at
# full width beside the sidebar on a 1280-pixel screen. Plotly does not wrap titles, and a
# longer line runs off the chart's right edge.
TITLE_WIDTH = 880
TITLE_LINE = round(TITLE_FONT_SIZE * 1.3)
SUBTITLE_LINE = round(BASE_FONT_SIZE * 1.3)


def apply_style(fig: go.Figure, title: str, subtitle: str = "") -> go.Figure:
    """Title, subtitle, fonts and layout shared by every chart."""
    title_lines = wrap_to_width(title, TITLE_WIDTH, TITLE_FONT_SIZE)
    title_text = f"<b>{as_text(title_lines)}</b>"
    sub_lines = wrap_to_width(subtitle, TITLE_WIDTH, BASE_FONT_SIZE) if subtitle else []
    if sub_lines:
        title_text += (
            f"<br><span style='font-size:{BASE_FONT_SIZE}px;color:{MUTED};font-weight:normal'>"
            f"{as_text(sub_lines)}</span>"
        )
    # Every line past the first of each moves the plot down, and the chart grows by as much.
    extra = (len(title_lines) - 1) * TITLE_LINE + max(len(sub_lines) - 1, 0) * SUBTITLE_LINE
    style = dict(
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": INK},
        # Title, subtitle and legend stack above the plot at fixed distances, so the legend
        # stays next to the title however tall the chart is.
        title={
            "text": title_text,
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": 22, "l": 12},
            "font": {"size": TITLE_FONT_SIZE},
        },
        margin={"l": 20, "r": RIGHT_MARGIN, "t": (135 if subtitle else 100) + extra, "b": 60},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "x": 0,
            "xanchor": "left",
            "font": {"size": BASE_FONT_SIZE - 2},
            "traceorder": "normal",
        },
        hoverlabel={"font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE}},
        separators=",.",  # Dutch: decimal comma, thousands dot
        height=SCREEN_HEIGHT + extra,
    )
    ticks = {"color": INK, "size": TICK_FONT_SIZE}
    axis = {"gridcolor": GRID, "linecolor": MUTED, "tickfont": ticks, "automargin": True}
    # Merged as plain dicts and set in one go: Plotly's update_layout walks every key through
    # its property machinery, 40 ms a chart; this takes a fifth of that, with the same result.
    layout = _merge(fig.layout.to_plotly_json(), style)
    for prefix in ("xaxis", "yaxis"):
        for name in [k for k in layout if k.startswith(prefix)] or [prefix]:
            layout[name] = _merge(layout.get(name, {}), axis)
    # An empty template first: a layout set without one gets Plotly's default, built anew.
    fig.layout = {**layout, "template": {}, "meta": {"title_room": extra}}
    if VALIDATE:
        fig.layout.template = TEMPLATE
    else:  # the template's dict as it is: checking it again is a quarter of the time
        fig.layout._props["template"] = TEMPLATE_JSON
    return fig


def set_height(fig: go.Figure, height: int) -> go.Figure:
    """The chart's height for a plot of `height`, plus the room its wrapped title takes."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    fig.update_layout(height=height + int(meta.get("title_room", 0)))
    return fig


def _merge(base: dict, extra: dict) -> dict:
    """`base` updated with `extra` the way update_layout does: dicts merge, other values replace."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


# Plotly's automargin measures the tick labels in the browser and then lays the chart out a
# second time: 30 of 71 ms for the agenda page's four charts (bench/README.md). Charts whose
# labels we know set their margins from an estimate instead.
TICK_GAP = 12  # between tick labels and the plot, and at the chart's edge
AXIS_TITLE_ROOM = BASE_FONT_SIZE + 14  # a rotated axis title and its distance to the labels

# Glyph widths as a share of the font size, measured in the dashboard's font (Source Sans) on
# the milestone labels: the estimate came within 4% of the drawn width; SLACK covers the rest.
# Exports turn automargin back on (lib/charts/export.py): their fonts may be wider, and time does not
# matter there.
WIDE, DIGIT, NARROW, OTHER = 0.72, 0.58, 0.3, 0.5
NARROW_GLYPHS = frozenset("ijlft.,:;!|' ")
SLACK = 1.1


def label_width(labels: list[str], size: int = TICK_FONT_SIZE) -> int:
    """Pixels the widest line of `labels` (lines split at <br>) needs, estimated generously."""

    def width(line: str) -> float:
        return sum(
            WIDE
            if c.isupper() or c in "mw"
            else DIGIT
            if c.isdigit()
            else NARROW
            if c in NARROW_GLYPHS
            else OTHER
            for c in line
        )

    lines = [line for label in labels for line in str(label).split("<br>")]
    return math.ceil(max((width(line) for line in lines), default=0) * size * SLACK)


def fixed_margins(fig: go.Figure, left: int, bottom: int = 60) -> go.Figure:
    """Margins set here instead of measured by Plotly in the browser (see label_width)."""
    fig.update_xaxes(automargin=False)
    fig.update_yaxes(automargin=False)
    fig.update_layout(margin={"l": left, "b": bottom})
    return fig


def label_axis_room(labels: list[str], size: int = TICK_FONT_SIZE) -> int:
    """Margin beside an axis with these tick labels: the widest, with a gap on either side."""
    return TICK_GAP + label_width(labels, size) + TICK_GAP


def numeric_axis_room(highest: float | None, title: bool = True) -> int:
    """Left margin for a value axis from 0 to about `highest`, with its title when `title`."""
    # Plotly's ticks are round numbers at most about 15% above the highest value: the widest
    # label has the digits of that, its thousands dot, and perhaps a decimal (",5").
    top = fmt.number(math.ceil((highest or 1) * 1.15), 0)
    return label_axis_room([top + ",5"]) + (AXIS_TITLE_ROOM if title else 0)


def wrap(text: str, width: int) -> str:
    """Break text into lines of at most `width` characters, joined with <br> for Plotly (each
    line escaped: see as_text)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return as_text([*lines, line])


def as_text(lines: list[str]) -> str:
    """Lines of plain text (a plan's names, sources) as Plotly text: '<' and '&' escaped, so a
    name like 'a<b>c' or '<50% uitval, >80% bereik' is shown as written, not read as markup."""
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def wrap_to_width(text: str, max_px: int, size: int) -> list[str]:
    """Lines of `text`, broken between words, each at most `max_px` wide as label_width
    estimates it (bold titles drawn in Chromium came out at 0.88-0.91 of that, so it holds for
    them too). A single longer word keeps its own line.

    Two lines are balanced rather than filled: after the colon when both halves fit ("VVE-groepen
    met ...:" above "doel en stand"), else where the longer line is shortest, so no lone word
    like "jaar" hangs below."""
    lines: list[str] = []
    for word in text.split():
        longer = f"{lines[-1]} {word}" if lines else word
        if lines and label_width([longer], size) <= max_px:
            lines[-1] = longer
        else:
            lines.append(word)
    words = text.split()
    splits = [(" ".join(words[:n]), " ".join(words[n:])) for n in range(1, len(words))]
    fitting = [pair for pair in splits if label_width(list(pair), size) <= max_px]
    if len(lines) != 2 or not fitting:  # no two lines fit when one word alone is too long
        return lines or [""]
    at_colon = [pair for pair in fitting if pair[0].endswith(":")]
    return list(
        at_colon[-1] if at_colon else min(fitting, key=lambda pair: label_width(list(pair), size))
    )


def set_source(fig: go.Figure, source: str, width_px: int) -> go.Figure:
    """Add the 'Bron: ...' lines under the chart, for exports (on screen it is a caption)."""
    size = BASE_FONT_SIZE - 3
    # The note starts where the plot starts, which long axis labels push right: wrap to 60%.
    text = wrap(source, max(40, int(0.6 * width_px / (size * 0.52))))
    lines = text.count("<br>") + 1
    bottom = fig.layout.margin.b or 60
    fig.update_layout(margin={"b": bottom + 10 + lines * (size + 6)})
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-(bottom + 5),
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": size, "color": MUTED},
        align="left",
        name="source",
    )
    return fig
