"""Writing the report: every chart rendered once as JPEG (or taken from the image cache), then the
writer of each format. A writer's libraries are imported only when that format is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lib.charts.cache import ImageCache
from lib.charts.export import Exporter, default_exporter, for_export
from lib.report.model import FORMATS, REPORT_PNG_SCALE, Report

CHART_FORMATS = ("pdf", "pptx", "docx")
REPORT_IMAGE_FORMAT = "jpeg"  # see lib/charts/export.py RENDER_FORMATS
# Called with (what is being done, in Dutch; share of the work done, 0..1).
Progress = Callable[[str, float], None]


def _quiet(_text: str, _share: float) -> None:
    pass


def render_images(
    report: Report,
    exporter: Exporter | None = None,
    cache: ImageCache | None = None,
    progress: Progress = _quiet,
) -> dict[str, bytes]:
    """A JPEG of every chart of the report, each made once and shared by the PDF, slides and Word.

    An image rendered earlier from the same figure at the same size comes from `cache` (the
    on-disk cache by default), so a report whose charts did not change renders nothing. While
    Chromium draws one chart, this thread prepares the next, so Python's work hides behind the
    browser's. `progress` is called from this thread only (Streamlit elements cannot be updated
    from another).
    """
    exporter = exporter or default_exporter()
    cache = cache if cache is not None else ImageCache()
    charts = [item for item in report.all_charts() if item.key not in report.images]
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="report-render") as pool:
        jobs = []
        for item in charts:
            # No source line inside the image: each page, slide or document section has its own.
            figure = for_export(item.figure, None, report.created)
            jobs.append(
                (
                    item.key,
                    pool.submit(
                        exporter.render_cached,
                        figure,
                        REPORT_IMAGE_FORMAT,
                        scale=REPORT_PNG_SCALE,
                        cache=cache,
                    ),
                )
            )
        for n, (key, job) in enumerate(jobs):
            report.images[key] = job.result()
            progress(f"Grafiek {n + 1} van {len(jobs)} getekend", (n + 1) / len(jobs))
    return report.images


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
