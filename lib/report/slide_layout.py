"""Where text goes on the report's 16:9 slides (lib/report/pptx.py): the slide's geometry, and
estimates of how tall text will be, so that tables and the summary are paged before PowerPoint
grows a box or a row past the slide's bottom (it does, to fit its text).
"""

from __future__ import annotations

from pptx.util import Inches, Pt

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.4)
BODY_TOP = Inches(1.15)
BODY_BOTTOM = SLIDE_H - Inches(0.6)
ROWS_PER_TABLE_SLIDE = 5  # at most; fewer when the rows' texts are long (table_pages)
# A character is about 0.55 em wide on average (Dutch text; LibreOffice's DejaVu Sans is wider
# than PowerPoint's Calibri, so the estimate errs on the tall side), a line 1.2 em high, and a
# cell or text box has 0.1 inch of margin each side.
CHAR_EM, LINE_EM, CELL_MARGIN = 0.55, 1.2, Inches(0.1)


def text_height(text: str, width: int, size: int) -> int:
    """The estimated height (EMU) of `text` at `size` points in a box or cell `width` wide:
    its lines wrapped at spaces as a word processor does, at CHAR_EM of the size per character."""
    per_line = max(1, int((width - 2 * CELL_MARGIN) / Pt(size * CHAR_EM)))
    lines = sum(_wrapped(part, per_line) for part in str(text).split("\n"))
    return int(lines * Pt(size * LINE_EM) + 2 * CELL_MARGIN)


def _wrapped(text: str, per_line: int) -> int:
    """How many lines `text` takes when wrapped at spaces, `per_line` characters a line; a
    word longer than a line is broken."""
    lines, used = 1, 0
    for word in text.split(" "):
        size = len(word)
        if used and used + 1 + size > per_line:
            lines, used = lines + 1, 0
        while size > per_line:
            lines, size = lines + 1, size - per_line
        used = used + 1 + size if used else size
    return lines


def row_height(cells: list, widths: list[float], size: int, width=SLIDE_W - 2 * MARGIN) -> int:
    """The estimated height (EMU) of a table row of `cells` at `size` points: its tallest cell."""
    return max(
        text_height(text, int(width * share), size)
        for text, share in zip(cells, widths, strict=True)
    )


def line_pages(
    lines: list[str], first: tuple, then: tuple, size: int, headings: set[str]
) -> list[list[str]]:
    """Lines of text in boxes: as many as fit in the first box (width, height), the rest in
    boxes of `then`. A section (one of `headings` and the lines under it) starts a new box
    when it does not fit in what is left; one taller than a box is split, never after its
    heading."""
    sections: list[list[str]] = []
    for line in lines:
        if line in headings or not sections:
            sections.append([])
        sections[-1].append(line)
    pages: list[list[str]] = [[]]

    def fits(candidate: list[str]) -> bool:
        width, height = first if len(pages) == 1 else then
        return text_height("\n".join(candidate), width, size) <= height

    for section in sections:
        if pages[-1] and not fits(pages[-1] + section):
            pages.append([])
        for n, line in enumerate(section):
            keep = section[n : n + 2] if n == 0 else [line]  # a heading with its first line
            if pages[-1] and not fits(pages[-1] + keep):
                pages.append([])
            pages[-1].append(line)
    return pages


def table_pages(headers: list, rows: list, widths: list[float], size: int) -> list[list]:
    """The rows in slides: as many as fit under the header between BODY_TOP and BODY_BOTTOM
    (at most ROWS_PER_TABLE_SLIDE), a row taller than a slide on a slide of its own."""
    room = BODY_BOTTOM - BODY_TOP - row_height(headers, widths, size)
    pages: list[list] = [[]]
    used = 0
    for row in rows:
        height = row_height(row, widths, size)
        if pages[-1] and (used + height > room or len(pages[-1]) >= ROWS_PER_TABLE_SLIDE):
            pages.append([])
            used = 0
        pages[-1].append(row)
        used += height
    return pages
