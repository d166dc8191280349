"""Writing the report: every chart rendered once as PNG, then the writer of each format."""

from __future__ import annotations

from pathlib import Path

from lib.charts.export import Exporter, default_exporter, for_export
from lib.report import pdf, pptx, xlsx
from lib.report.model import REPORT_PNG_SCALE, Report


def render_images(report: Report, exporter: Exporter | None = None) -> dict[str, bytes]:
    """PNG of every chart of the report, each made once and shared by the PDF and the slides."""
    exporter = exporter or default_exporter()
    source = report.source
    for item in report.all_charts():
        if item.key not in report.images:
            figure = for_export(item.figure, source, report.created)
            report.images[item.key] = exporter.render(figure, "png", scale=REPORT_PNG_SCALE)
    return report.images


def render(report: Report, fmt_name: str, exporter: Exporter | None = None) -> bytes:
    """The report as a file; the charts are rendered first where the format needs them."""
    writers = {"pdf": pdf.write, "pptx": pptx.write, "xlsx": xlsx.write}
    if fmt_name not in writers:
        raise ValueError(f"unknown report format {fmt_name!r}")
    if fmt_name in ("pdf", "pptx"):
        render_images(report, exporter)
    return writers[fmt_name](report)


def write_report(report: Report, formats: list[str], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt_name in formats:
        path = out_dir / f"{report.file_stem()}.{fmt_name}"
        data = render(report, fmt_name)
        tmp = path.with_suffix(path.suffix + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        written.append(path)
    return written
