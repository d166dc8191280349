"""Rendered chart images kept on disk, so a chart that did not change is never rendered twice.

Rendering is much of a report's time (about a twentieth of a second per chart in Chromium). An
image is stored under a key made of everything that decides its pixels: the figure's full JSON
(data, layout, texts, the source line and export date), the format, size and scale. A report
whose charts did not change renders nothing; after one changed figure, only that chart.

The folder is `data/image-cache/` (git-ignored), or `HJK_IMAGE_CACHE`. It is bounded (oldest
used images go first) and safe to delete at any time: a missing image is simply rendered again.
A damaged or unwritable folder never stops a report; the image is then rendered as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

import plotly.graph_objects as go

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "data" / "image-cache"
MAX_BYTES = 200 * 1024 * 1024  # about 800 report charts; a report holds 35
MAX_FILES = 2000


def cache_folder() -> Path:
    return Path(os.environ.get("HJK_IMAGE_CACHE") or DEFAULT_FOLDER)


def image_key(
    figure: go.Figure | dict, fmt_name: str, width: int, height: int, scale: float
) -> str:
    """A hash of everything that decides the image: the figure as JSON and how it is rendered."""
    plain = figure if isinstance(figure, dict) else figure.to_plotly_json()
    spec = json.dumps(plain, sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.sha256(spec.encode())
    digest.update(f"|{fmt_name}|{width}|{height}|{scale}".encode())
    return digest.hexdigest()


class ImageCache:
    """Images by key in one folder; `hits` and `misses` count what a report found and rendered."""

    def __init__(
        self, folder: Path | None = None, max_bytes: int = MAX_BYTES, max_files: int = MAX_FILES
    ) -> None:
        self.folder = folder or cache_folder()
        self.max_bytes, self.max_files = max_bytes, max_files
        self.hits = self.misses = 0
        self._lock = threading.Lock()

    def _path(self, key: str, fmt_name: str) -> Path:
        return self.folder / f"{key}.{fmt_name}"

    def get(self, key: str, fmt_name: str) -> bytes | None:
        path = self._path(key, fmt_name)
        try:
            data = path.read_bytes()
            os.utime(path)  # recently used: kept longest when the cache is trimmed
        except OSError:
            with self._lock:
                self.misses += 1
            return None
        with self._lock:
            self.hits += 1
        return data

    def put(self, key: str, fmt_name: str, data: bytes) -> None:
        path = self._path(key, fmt_name)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # A whole file or none: written aside, then moved into place in one step.
            part = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
            part.write_bytes(data)
            part.replace(path)
        except OSError:
            return
        self.trim()

    def trim(self) -> None:
        """Remove the least recently used images until the folder is within its bounds."""
        try:
            entries = [(p.stat(), p) for p in self.folder.iterdir() if p.suffix != ".part"]
        except OSError:
            return
        entries.sort(key=lambda e: e[0].st_mtime, reverse=True)
        total = 0
        for n, (info, path) in enumerate(entries):
            total += info.st_size
            if n >= self.max_files or total > self.max_bytes:
                path.unlink(missing_ok=True)
