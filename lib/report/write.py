"""Writing the report: every chart rendered once as JPEG (or taken from the image cache), then the
writer of each format. A writer's libraries are imported only when that format is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from lib.charts.cache import ImageCache
from lib.charts.export import Exporter, default_exporter
from lib.charts.presentation import presentation_spec
from lib.report.model import FORMATS, REPORT_PNG_SCALE, Report
from lib.views.agenda import ChartItem

CHART_FORMATS = ("pdf", "pptx", "docx")
REPORT_IMAGE_FORMAT = "jpeg"  # see lib/charts/export.py RENDER_FORMATS
# Called with (what is being done, in Dutch; share of the work done, 0..1).
Progress = Callable[[str, float], None]


def _quiet(_text: str, _share: float) -> None:
    pass


class BackgroundRenderer:
    """Renders charts in worker threads as they are handed over (build_report's `on_chart`).

    While Chromium draws one chart, the main thread builds the next figures: the report's Python
    work hides behind the browser's. Images from `cache` cost nothing.
    """

    def __init__(
        self, exporter: Exporter, cache: ImageCache | None, pool: ThreadPoolExecutor
    ) -> None:
        self.exporter, self.pool = exporter, pool
        self.cache = cache if cache is not None else ImageCache()
        self.jobs: dict[str, Future] = {}

    def __call__(self, item: ChartItem) -> None:
        if item.key in self.jobs:
            return
        # No source line inside the image: each page, slide or document section has its own.
        # Drawn at a slide's size with presentation fonts; the PDF and Word take the same image.
        figure = presentation_spec(item.figure)
        self.jobs[item.key] = self.pool.submit(
            self.exporter.render_cached,
            figure,
            REPORT_IMAGE_FORMAT,
            scale=REPORT_PNG_SCALE,
            cache=self.cache,
        )

    def pending(self, report: Report) -> None:
        """Let the writers start before every chart is drawn: `report.images` hands out each
        image when it is ready, waiting for it if need be."""
        for item in report.all_charts():
            self(item)
        report.images = _Pending(self.jobs, report.images)

    def collect(self, report: Report, progress: Progress = _quiet) -> dict[str, bytes]:
        """Wait for every chart of `report`; `progress` is called from this thread only
        (Streamlit elements cannot be updated from another)."""
        charts = [item for item in report.all_charts() if item.key not in report.images]
        for item in charts:
            self(item)  # a chart not handed over yet
        for n, item in enumerate(charts):
            report.images[item.key] = self.jobs[item.key].result()
            progress(f"Grafiek {n + 1} van {len(charts)} getekend", (n + 1) / len(charts))
        return report.images


class _Pending(dict):
    """Images by chart key; one not fetched yet is waited for (its render's result)."""

    def __init__(self, jobs: dict[str, Future], ready: dict[str, bytes]) -> None:
        super().__init__(ready)
        self.jobs = jobs

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or key in self.jobs

    def __missing__(self, key: str) -> bytes:
        self[key] = self.jobs[key].result()
        return self[key]


def render_images(
    report: Report,
    exporter: Exporter | None = None,
    cache: ImageCache | None = None,
    progress: Progress = _quiet,
) -> dict[str, bytes]:
    """A JPEG of every chart of the report, each made once and shared by the PDF, slides and Word.

    An image rendered earlier from the same figure at the same size comes from `cache` (the
    on-disk cache by default), so a report whose charts did not change renders nothing.
    """
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="report-render") as pool:
        renderer = BackgroundRenderer(exporter or default_exporter(), cache, pool)
        return renderer.collect(report, progress)


def render(
    report: Report,
    fmt_name: str,
    exporter: Exporter | None = None,
    cache: ImageCache | None = None,
    progress: Progress = _quiet,
) -> bytes:
    """The report as a file; the charts are rendered first where the format needs them."""
    if fmt_name not in FORMATS:
        raise ValueError(f"unknown report format {fmt_name!r}")
    if fmt_name in CHART_FORMATS:
        render_images(report, exporter, cache, progress)
    writer = importlib.import_module(f"lib.report.{fmt_name}")
    return writer.write(report)


def write_report(
    report: Report,
    formats: list[str],
    out_dir: Path,
    exporter: Exporter | None = None,
    cache: ImageCache | None = None,
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt_name in dict.fromkeys(formats):  # a format asked for twice is written once
        path = out_dir / f"{report.file_stem()}.{fmt_name}"
        data = render(report, fmt_name, exporter, cache)
        tmp = path.with_suffix(path.suffix + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        written.append(path)
    return written
