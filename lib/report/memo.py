"""Report files kept beside the chart images, so asking for the same report twice costs little.

A report is the same file when everything it is made of is the same: the plan, the figures (their
content, not a revision number), peildatum, year, the day it is made, the summary's inputs and the
code that makes it (every source file of lib/ and the versions of the libraries that draw and
write). The key is a hash of all of that; anything else found under it is made again. The files
live in the image cache's folder (lib/charts/cache.py): bounded and safe to delete.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from importlib import metadata
from pathlib import Path

import pandas as pd

from lib.figures.actuals import Actuals
from lib.plan.schema import Plan

LIB = Path(__file__).resolve().parents[1]
LIBRARIES = ("plotly", "kaleido", "reportlab", "python-pptx", "openpyxl", "python-docx", "pandas")
_CODE: str | None = None


def code_fingerprint() -> str:
    """A hash of the code that makes a report: lib/'s sources and the libraries' versions."""
    global _CODE
    if _CODE is None:
        digest = hashlib.sha256()
        for path in sorted(LIB.rglob("*.py")):
            digest.update(str(path.relative_to(LIB)).encode())
            digest.update(path.read_bytes())
        for name in LIBRARIES:
            try:
                digest.update(f"{name}={metadata.version(name)}".encode())
            except metadata.PackageNotFoundError:
                digest.update(f"{name}=?".encode())
        _CODE = digest.hexdigest()
    return _CODE


def figures_fingerprint(actuals: Actuals) -> str:
    """A hash of the figures' content and metadata: the same figures, the same hash."""
    frame = actuals.frame
    rows = pd.util.hash_pandas_object(frame.astype(str), index=False).to_numpy()
    digest = hashlib.sha256(rows.tobytes())
    digest.update(json.dumps(list(frame.columns)).encode())
    digest.update(repr(actuals.meta).encode())
    return digest.hexdigest()


def report_key(
    plan: Plan, actuals: Actuals, as_of: date, year: int, created: date, options: dict
) -> str:
    """The key of one report: see the module's docstring. `options`: the summary's inputs."""
    spec = {
        "plan": plan.content_hash or plan.model_dump_json(),
        "figures": figures_fingerprint(actuals),
        "as_of": as_of.isoformat(),
        "year": year,
        "created": created.isoformat(),
        "options": options,
        "code": code_fingerprint(),
    }
    text = json.dumps(spec, sort_keys=True, default=str)
    return "report-" + hashlib.sha256(text.encode()).hexdigest()
