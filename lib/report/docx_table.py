"""Word tables sized to their content (lib/report/docx.py): a column is at least as wide as its
longest word, so no word is broken in the middle ("Agendapu nt"), and the width left over goes to
the columns with the most text (the indicator and the texts), not in equal shares."""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from docx.shared import Emu, Pt

TABLE_FONT = 9  # points: six columns of Dutch on 17 cm
CHAR_EM = 0.62  # a wide estimate of a character's width in Arial (bold headers, capitals)
BREAKS = re.compile(r"\s+|(?<=[-/])")
CELL_PADDING = Pt(13)  # Word's default cell margins, 0.19 cm each side, and a little more
MAX_WORD_SHARE = 0.35  # of the table's width at most for one column's longest word


def words(text: str) -> list[str]:
    """The pieces a line may break between: at spaces, and after a hyphen or slash."""
    return [w for w in BREAKS.split(str(text)) if w]


def _longest_word(texts: list[str]) -> int:
    return max((len(word) for text in texts for word in words(text)), default=1)


def column_widths(headers: list[str], rows: list[list[str]], total: int) -> list[int]:
    """Widths (EMU) that add up to `total`: each column its longest word at least, the rest
    shared by how much more text a column's cells hold on average than their longest word."""
    columns = [[h, *(row[n] for row in rows)] for n, h in enumerate(headers)]
    char = Pt(TABLE_FONT * CHAR_EM)
    # A word wider than MAX_WORD_SHARE of the table (an e-mail address, a pasted link) is broken
    # by Word anyway; its column asking for all of it squeezed "A5" and the dates to a sliver.
    least = [
        min(_longest_word(texts) * char + CELL_PADDING, total * MAX_WORD_SHARE) for texts in columns
    ]
    if sum(least) >= total:  # too many long words: the widest columns give way (see _capped)
        return _capped(least, total)
    wish = [
        max(sum(len(str(t)) for t in texts[1:]) / max(len(texts) - 1, 1) * char - w, 0) + char
        for texts, w in zip(columns, least, strict=True)
    ]
    left = total - sum(least)
    widths = [int(w + left * x / sum(wish)) for w, x in zip(least, wish, strict=True)]
    widths[-1] += total - sum(widths)
    return widths


def _capped(least: list[float], total: int) -> list[int]:
    """Widths adding up to `total` when the longest words and the cells' margins do not all fit
    side by side: every column its longest word, and the margins to the columns with the
    shortest longest words first. Shrinking every column in proportion took part of each margin
    and LibreOffice broke "Agendapunt" and "gegevens", for one "(ontwikkelingsperspectief" in
    another column."""
    base = [w - CELL_PADDING for w in least]
    if sum(base) >= total:  # not even the words fit: shrink in proportion (Word then hyphenates)
        return [int(total * w / sum(base)) for w in base]
    left, widths = total - sum(base), list(base)
    for n in sorted(range(len(base)), key=lambda n: base[n]):
        widths[n] += min(CELL_PADDING, left)
        left -= min(CELL_PADDING, left)
    widths = [int(w) for w in widths]
    widths[widths.index(max(widths))] += total - sum(widths)
    return widths


def size_table(table, widths: list[int]) -> None:
    """Fixed column widths, in the grid (LibreOffice) and in every cell (Word), and the table's
    text at TABLE_FONT."""
    table.autofit = False
    properties = table._tbl.tblPr
    layout = properties.find(qn("w:tblLayout"))
    if layout is None:
        layout = properties.makeelement(qn("w:tblLayout"), {})
        properties.append(layout)
    layout.set(qn("w:type"), "fixed")
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Emu(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Emu(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(TABLE_FONT)
