"""Static chart export (PNG, SVG, PDF) with Plotly's kaleido, in the house style plus source and date.

Kaleido drives a headless Chromium. Starting one costs seconds, so one is started per process on
first use and reused for every chart after that, in the same tab (lib/charts/chromium.py): about
a twentieth of a second per chart.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import re
import threading
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

import plotly.graph_objects as go

from lib import fmt
from lib.charts.cache import ImageCache, image_key
from lib.charts.style import VALIDATE, set_source

EXPORT_WIDTH = 1200  # CSS pixels; PNG is rendered at twice this, 2400 pixels wide
PNG_SCALE = 2
SLIDE_HEIGHT = EXPORT_WIDTH * 9 // 16  # 675: an export at least this tall is 16:9 or taller
MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}
# What a render may make: the downloads above, and JPEG for the report (no alpha channel, so the
# PDF takes it as it is, and Chromium encodes it faster than a PNG).
RENDER_FORMATS = (*MIME_TYPES, "jpeg")
INSTALL_HINT = (
    "Exporteren als afbeelding kan niet: op de server ontbreekt de browser Chromium die de "
    "grafieken tekent. Installeer die met `apt-get install chromium` (Debian/Ubuntu) en start "
    "het dashboard opnieuw."
)


class ExportUnavailable(RuntimeError):
    """No Chromium to render with; the message says in Dutch how to install one."""


def find_chromium() -> str | None:
    """Path of the Chromium kaleido will use, or None."""
    from choreographer.browsers.chromium import Chromium

    return Chromium.find_browser(skip_local=False)


@dataclass
class Exporter:
    """One Chromium for the whole process (lib/charts/chromium.py), started on first use."""

    _lock: threading.Lock
    _started: bool = False
    _browser: Any = None

    @classmethod
    def create(cls) -> Exporter:
        return cls(threading.Lock())

    @property
    def available(self) -> bool:
        return find_chromium() is not None

    def _ensure_started(self) -> None:
        with self._lock:
            if not self._started:
                if not self.available:
                    raise ExportUnavailable(INSTALL_HINT)
                from lib.charts.chromium import Chromium

                # No MathJax: kaleido would fetch it from a CDN on every tab reload, and on a
                # closed network each failed fetch can stall a render for seconds.
                self._browser = Chromium(mathjax=False)
                self._started = True
                atexit.register(self.stop)

    def start_in_background(self) -> None:
        """Start Chromium in a thread, so it starts while other work goes on; a render waits
        for it (a failure to start is raised by the render, in Dutch)."""

        def start() -> None:
            try:
                self._ensure_started()
            except Exception:  # noqa: BLE001 - raised again, with its message, by render()
                pass

        threading.Thread(target=start, name="chromium-start", daemon=True).start()

    def render(self, fig: go.Figure | dict, fmt_name: str, scale: float | None = None) -> bytes:
        """Bytes of `fig` as png, svg or pdf; the figure must already carry its export texts."""
        if fmt_name not in RENDER_FORMATS:
            raise ValueError(f"unknown export format {fmt_name!r}")
        self._ensure_started()
        return self._browser.render(fig, render_options(fig, fmt_name, scale))

    def render_cached(
        self,
        fig: go.Figure | dict,
        fmt_name: str,
        scale: float | None = None,
        cache: ImageCache | None = None,
    ) -> bytes:
        """Like `render`, but an image rendered before from the same figure comes from `cache`."""
        opts = render_options(fig, fmt_name, scale)
        key = image_key(fig, fmt_name, opts["width"], opts["height"], opts["scale"])
        data = cache.get(key, fmt_name) if cache is not None else None
        if data is None:
            data = self.render(fig, fmt_name, scale)
            if cache is not None:
                cache.put(key, fmt_name, data)
        return data

    def stop(self) -> None:
        with self._lock:
            if self._started:
                self._started = False
                browser, self._browser = self._browser, None
                browser.close()


def render_options(fig: go.Figure | dict, fmt_name: str, scale: float | None = None) -> dict:
    height = fig["layout"].get("height") if isinstance(fig, dict) else fig.layout.height
    return {
        "format": fmt_name,
        "width": EXPORT_WIDTH,
        "height": int(height or 500),
        "scale": (scale or PNG_SCALE) if fmt_name in ("png", "jpeg") else 1,
    }


_DEFAULT: Exporter | None = None
_DEFAULT_LOCK = threading.Lock()


def default_exporter() -> Exporter:
    """The process-wide exporter (the app holds it in st.cache_resource, the CLI uses it directly)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = Exporter.create()
        return _DEFAULT


def for_export(fig: go.Figure, source: str | None, exported_on: date) -> go.Figure:
    """A copy of `fig` sized for a slide or page, with the source line and the export date.

    source None: no source line in the image, for a report that prints it once per page or
    slide itself.
    """
    spec = export_spec(fig)
    layout = spec["layout"]
    bottom = int(layout.get("margin", {}).get("b") or 60)
    if source is None:
        return go.Figure(spec, _validate=VALIDATE)
    copy = go.Figure(spec, _validate=VALIDATE)
    set_source(copy, f"{source} Geëxporteerd op {fmt.long_date(exported_on)}.", EXPORT_WIDTH)
    # The source lines get room of their own; the plot keeps its size, and grows to 16:9 when
    # the whole is shorter.
    own = int(fig.layout.height or 500) + int(copy.layout.margin.b or bottom) - bottom
    copy.layout.height = max(own, SLIDE_HEIGHT)
    return copy


def export_spec(fig: go.Figure) -> dict:
    """`fig` as a plain dict sized for a slide or page, without a source line: what the report
    renders. Edited as a dict, without checking each property again (`fig` was built and checked
    by lib/charts): Plotly's update calls would take ten times as long, for every chart."""
    spec = fig.to_plotly_json()
    layout = spec.setdefault("layout", {})
    layout.update(width=EXPORT_WIDTH, paper_bgcolor="white", plot_bgcolor="white")
    # On screen some charts set their margins from estimated label widths (lib/charts/style.py);
    # the exporter's fonts may be wider, so here Plotly measures the labels itself.
    for prefix in ("xaxis", "yaxis"):
        for name in [k for k in layout if k.startswith(prefix)] or [prefix]:
            layout[name] = {**layout.get(name, {}), "automargin": True}
    # At least 16:9, so the chart fills a slide (a tall timeline keeps its height).
    layout["height"] = max(int(layout.get("height") or 500), SLIDE_HEIGHT)
    return spec


def export_figure(
    fig: go.Figure,
    fmt_name: str,
    source: str,
    exported_on: date | None = None,
    exporter: Exporter | None = None,
) -> bytes:
    """The chart as a file for council letters and slides."""
    prepared = for_export(fig, source, exported_on or date.today())
    return (exporter or default_exporter()).render(prepared, fmt_name)


MARKUP = re.compile(r"</?(?:b|br|i|em|span|sup|sub|s|u|a)\b[^>]*>")


SLUG_MAX = 120  # characters: a whole title as the plan words it, well inside any file system


def file_name(title: str, fmt_name: str, when: date | None = None) -> str:
    """'vve-thuis-groepen-doel-en-stand-2014-10-01.png' from a chart's title as figure_title
    reads it (plain text: a '<' in a plan's name is part of the name). The whole title: a title
    longer than SLUG_MAX is cut at a word and gets a short hash of the whole, so two charts
    whose titles differ only past the cut ('(Doel 2)', '(Doel 3)') never share a name."""
    plain = unicodedata.normalize("NFKD", title.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", plain.encode("ascii", "ignore").decode()).strip("-")
    if len(slug) > SLUG_MAX:
        digest = hashlib.sha1(slug.encode()).hexdigest()[:6]
        slug = f"{slug[:SLUG_MAX].rsplit('-', 1)[0]}-{digest}"
    return f"{slug or 'grafiek'}-{(when or date.today()).isoformat()}.{fmt_name}"


def figure_title(fig: go.Figure) -> str:
    """The chart's own title without its subtitle, on one line however it is wrapped."""
    text = fig.layout.title.text or ""
    # The title is bold (lib/charts/style.py apply_style); a title not made there ends at its
    # first line break.
    own = text.partition("</b>")[0] if text.startswith("<b>") else text.split("<br>")[0]
    return " ".join(html.unescape(re.sub(MARKUP, "", own.replace("<br>", " "))).split())
