"""Small tables as plain HTML: read as tables by screen readers, printed as they look, and light.

The milestone, baseline and district tables are a few dozen rows. As HTML they are a real
<table> with a caption and column headers (WCAG 1.3.1), Dutch numbers, and status cells in
colour, icon and word; the browser draws them without Streamlit's data grid, which costs the
chart pages a few hundred milliseconds before their charts (see bench/README.md).
"""

from __future__ import annotations

import html
import math
import numbers

import pandas as pd

from lib import fmt
from lib.status import STATUSES, label

TABLE_CLASS = "hjk-table"
EMPTY_CELL = "–"  # no figure; said in words in the caption where it matters
STATUS_TEXT_COLOUR = "#000000"  # on every status fill at least 4.5:1 (see lib/status.py)
_FILLS = {label(word): style.colour for word, style in STATUSES.items()}


class Markup(str):
    """Text that is HTML already (made by lib/views, never from user input).

    A marker for readers of the code: pandas keeps only the text, so html_table is told which
    columns hold markup (`html_columns`).
    """


def status_fill(text: str) -> str | None:
    """The fill colour of a status cell ('✖ achter'); None for text that is not a status."""
    return _FILLS.get(text)


def fill_style(fill: str) -> str:
    """The inline style of a status fill: the colour, with text that stays readable on it."""
    return f"background-color:{fill};color:{STATUS_TEXT_COLOUR}"


def html_table(
    frame: pd.DataFrame,
    caption: str,
    *,
    index: bool = False,
    status_column: str | None = None,
    column_classes: dict[str, str] | None = None,
    table_class: str = "",
    html_columns: frozenset[str] | set[str] = frozenset(),
    fills: pd.DataFrame | None = None,
) -> str:
    """`frame` as an HTML table; `status_column` cells (icon and word) get their status colour.

    With `index`, the row labels become row headers. Numbers are written the Dutch way, missing
    values as a dash; all text is escaped, except in `html_columns`, whose cells are markup made
    by lib/views (a sparkline, a reason with its detail in bold). `column_classes`: a CSS class for
    the header and cells of a column (say, one that wraps long text); `table_class`: an extra
    class of the table. `fills`: a frame like `frame` with a fill colour per cell ("" for none),
    for cells whose text says their status or flag in words.
    """
    classes = column_classes or {}
    head = ([frame.index.name or ""] if index else []) + [str(c) for c in frame.columns]
    # A labelled, focusable scroll region: a wide table scrolls sideways by keyboard too.
    region = html.escape(caption, quote=True)
    lines = [
        f'<div class="{TABLE_CLASS}-wrap" role="region" aria-label="{region}" tabindex="0">',
        f'<table class="{" ".join(filter(None, [TABLE_CLASS, table_class]))}">',
        f"<caption>{html.escape(caption)}</caption>",
        "<thead><tr>"
        + "".join(f'<th scope="col"{_class(classes.get(h))}>{html.escape(h)}</th>' for h in head),
        "</tr></thead><tbody>",
    ]
    for row_label, row in zip(frame.index, frame.itertuples(index=False), strict=True):
        cells = [f'<th scope="row">{html.escape(str(row_label))}</th>'] if index else []
        for column, value in zip(frame.columns, row, strict=True):
            text = cell_text(value)
            fill = status_fill(text) if column == status_column else None
            if fills is not None:
                fill = fills.at[row_label, column] or fill
            style = f' style="{fill_style(fill)}"' if fill else ""
            kind = "num" if _is_number(value) else classes.get(column)
            shown = text if column in html_columns else html.escape(text)
            cells.append(f"<td{_class(kind)}{style}>{shown}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</tbody></table></div>")
    return "\n".join(lines)


def _class(name: str | None) -> str:
    return f' class="{name}"' if name else ""


def cell_text(value: object) -> str:
    """What a cell shows: Dutch numbers, a dash for a missing value, text as it is."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return EMPTY_CELL
    if _is_number(value):
        return fmt.number(value)
    return str(value)


def _is_number(value: object) -> bool:
    return (
        isinstance(value, numbers.Number)
        and not isinstance(value, bool)
        and not (isinstance(value, float) and math.isnan(value))
    )
