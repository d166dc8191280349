"""Charts as the report shows them: drawn at the size of a slide's picture box, with fonts that
read when projected, and shared by the PDF and Word, where the same image spans the A4 text width.

One image serves both: a 1,200-pixel chart fills a slide's 12.5 inches (0.75 pt a pixel), so a
19-pixel label is 14 pt as projected; on 17 cm of A4 (0.40 pt a pixel) it is 7.6 pt as printed.
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

from lib.charts.export import EXPORT_WIDTH, export_spec, figure_title
from lib.charts.style import TITLE_FONT_SIZE, as_text, wrap_to_width

SLIDE_PICTURE_INCHES = (12.53, 5.75)  # lib/report/slide_layout.py: the body between the margins
CHART_WIDTH = EXPORT_WIDTH  # CSS pixels, drawn 1:1 at the slide's 96 pixels an inch
CHART_HEIGHT = round(CHART_WIDTH * SLIDE_PICTURE_INCHES[1] / SLIDE_PICTURE_INCHES[0])  # 551
POINTS_PER_PIXEL = SLIDE_PICTURE_INCHES[0] * 72 / CHART_WIDTH  # 0.75 as projected
MIN_FONT_PX = 19  # 14.3 pt on the slide, 7.6 pt on A4
FONT_SCALE = MIN_FONT_PX / 14  # the screen's smallest text (ticks, labels) becomes MIN_FONT_PX
# A chart up to this tall on screen fits the slide's box at these fonts; a taller one (a goal
# with many milestones) grows, and is shrunk on the slide.
FITS_SCREEN_HEIGHT = 460
TITLE_PX = 1000  # a title line at most this wide (estimated): the export's font is wider
TOP_SCALE = 1.2  # the title's room: its lines grow, the space under them need not
TITLE_PAD_EXTRA = 10
FONT_KEYS = ("font", "tickfont", "textfont", "insidetextfont", "outsidetextfont")
SPAN_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)px")


def presentation_spec(fig: go.Figure) -> dict:
    """`fig` as a plain dict for the report: CHART_WIDTH wide, at least CHART_HEIGHT tall (a
    chart taller on screen keeps its proportion), every text at least MIN_FONT_PX, markers
    grown with the text."""
    spec = export_spec(fig)
    layout = spec["layout"]
    screen_height = int(fig.layout.height or 500)
    extra = max(0, round((screen_height - FITS_SCREEN_HEIGHT) * FONT_SCALE))
    layout["height"] = CHART_HEIGHT + extra
    added_lines = _rewrap_title(fig, layout)
    _scale_fonts(spec)
    for trace in spec.get("data", []):
        marker = trace.get("marker")
        size = marker.get("size") if isinstance(marker, dict) else None
        if isinstance(size, int | float):
            marker["size"] = round(size * FONT_SCALE)
        elif isinstance(size, list):
            marker["size"] = [round(s * FONT_SCALE) for s in size]
    margin = layout.get("margin")
    if isinstance(margin, dict):  # room for the larger title, legend and ticks
        layout["margin"] = {
            k: round(v * (TOP_SCALE if k == "t" else FONT_SCALE)) if isinstance(v, int) else v
            for k, v in margin.items()
        }
    pad = layout.get("title", {}).get("pad")
    if isinstance(pad, dict) and isinstance(pad.get("t"), int):
        # Plotly sets a multi-line title's first line partly above its pad: at 30 px a third of
        # the line was cut off at the image's top edge.
        pad["t"] = round(pad["t"] * FONT_SCALE) + TITLE_PAD_EXTRA
    if added_lines and isinstance(layout.get("margin", {}).get("t"), int):
        layout["margin"]["t"] += round(added_lines * _font_size(TITLE_FONT_SIZE) * 1.3)
    for trace in spec.get("data", []):
        if trace.get("type") == "heatmap":  # every cell says its figure and share already
            trace["showscale"] = False
    return spec


def _rewrap_title(fig: go.Figure, layout: dict) -> int:
    """The title's own words wrapped again for the larger font (the screen's lines would run
    off the image); how many lines that adds."""
    title = layout.get("title")
    text = title.get("text") if isinstance(title, dict) else None
    if not isinstance(text, str) or not text.startswith("<b>") or "</b>" not in text:
        return 0
    own, rest = text[3:].split("</b>", 1)
    lines = wrap_to_width(figure_title(fig), TITLE_PX, _font_size(TITLE_FONT_SIZE))
    title["text"] = f"<b>{as_text(lines)}</b>{rest}"
    return len(lines) - (own.count("<br>") + 1)


def _font_size(size: float) -> int:
    return max(MIN_FONT_PX, round(size * FONT_SCALE))


def _scale_fonts(node: object) -> None:
    """Every font size in the figure, and every size in its texts' inline styles, scaled."""
    if isinstance(node, list):
        for child in node:
            _scale_fonts(child)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in FONT_KEYS and isinstance(value, dict):
            size = value.get("size", 14)
            value["size"] = (
                [_font_size(s) for s in size] if isinstance(size, list) else _font_size(size)
            )
        elif key == "text" and isinstance(value, str) and "font-size" in value:
            node[key] = SPAN_SIZE.sub(lambda m: f"font-size:{_font_size(float(m[1]))}px", value)
        if isinstance(value, dict | list):
            _scale_fonts(value)
