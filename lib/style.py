"""The house style of every chart, on screen and in exports: defined here and nowhere else.

Colours come from the Okabe-Ito palette (safe for the common forms of colour blindness) and are
chosen so that target, actual and projection also differ in line style, marker and pattern, and
so stay apart in greyscale print.
"""

from __future__ import annotations

import plotly.graph_objects as go

from lib.status import STATUSES

FONT_FAMILY = "Source Sans Pro, Source Sans 3, Arial, Helvetica, sans-serif"
BASE_FONT_SIZE = 16  # readable on a projector at the back of a meeting room
TITLE_FONT_SIZE = 22
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
STATUS_SYMBOLS = {
    "behaald": "circle",
    "op koers": "triangle-right",
    "achter": "x",
    "geen gegevens": "circle-open",
    "nog niet aan de orde": "diamond-open",
    "geen doel": "line-ew",
}

SCREEN_HEIGHT = 420


def apply_style(fig: go.Figure, title: str, subtitle: str = "", source: str = "") -> go.Figure:
    """Title, subtitle, source line, fonts and layout shared by every chart."""
    title_text = f"<b>{title}</b>"
    if subtitle:
        title_text += f"<br><span style='font-size:{BASE_FONT_SIZE}px;color:{MUTED}'>{subtitle}</span>"
    fig.update_layout(
        template="plotly_white",
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": INK},
        title={"text": title_text, "x": 0, "xanchor": "left", "font": {"size": TITLE_FONT_SIZE}},
        margin={"l": 20, "r": 20, "t": 100 if subtitle else 70, "b": 110 if source else 70},
        legend={"orientation": "h", "yanchor": "top", "y": -0.14, "x": 0, "xanchor": "left"},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": BASE_FONT_SIZE}},
        separators=",.",  # Dutch: decimal comma, thousands dot
        height=SCREEN_HEIGHT,
    )
    fig.update_xaxes(gridcolor=GRID, linecolor=MUTED, tickfont={"color": INK}, automargin=True)
    fig.update_yaxes(gridcolor=GRID, linecolor=MUTED, tickfont={"color": INK}, automargin=True)
    if source:
        set_source(fig, source)
    return fig


def set_source(fig: go.Figure, source: str) -> go.Figure:
    """The 'Bron: ...' line under the chart (kept when exported)."""
    fig.add_annotation(
        text=source,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-95,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": BASE_FONT_SIZE - 3, "color": MUTED},
        align="left",
        name="source",
    )
    return fig
