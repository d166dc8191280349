"""Helpers for the report tests: an exporter that draws without Chromium, concept figures."""

from __future__ import annotations

import io
import threading

import pandas as pd
from PIL import Image
from pypdf import PdfReader

from lib.charts.export import Exporter, render_options
from lib.figures.actuals import Actuals


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def behind_names(report) -> list[str]:
    """Every indicator whose city row is behind in the report's year, by its full name."""
    progress = report.progress
    rows = progress[
        (progress["district"] == "")
        & (progress["year"] == report.year)
        & (progress["status"] == "achter")
    ]
    return list(rows["name"])


class FakeExporter(Exporter):
    """Draws a plain PNG of the size kaleido would, and counts what it was asked to render."""

    def __init__(self) -> None:
        super().__init__(threading.Lock())
        self.rendered: list[str] = []

    def render(self, fig, fmt_name: str, scale: float | None = None) -> bytes:
        opts = render_options(fig, fmt_name, scale)
        layout = fig["layout"] if isinstance(fig, dict) else fig.layout.to_plotly_json()
        self.rendered.append(layout.get("title", {}).get("text") or "")
        size = (int(opts["width"] * opts["scale"] / 4), int(opts["height"] * opts["scale"] / 4))
        out = io.BytesIO()
        if fmt_name == "jpeg":
            Image.new("RGB", size, (0, 114, 178)).save(out, "JPEG")
        else:
            Image.new("RGBA", size, (0, 114, 178, 255)).save(out, "PNG")
        return out.getvalue()


def concept_actuals(actuals: Actuals, key: tuple[str, int, str]) -> Actuals:
    """The figures as the store gives them with concepts counted: one of them a concept."""
    frame = actuals.frame.copy()
    frame["status"] = "vastgesteld"
    match = (
        (frame["indicator"] == key[0]) & (frame["year"] == key[1]) & (frame["district"] == key[2])
    )
    assert match.any(), key
    frame.loc[match, "status"] = "concept"
    return Actuals(frame, actuals.meta, actuals.version + ":c", actuals.file)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and not pd.isna(value)
