"""ui/serve.py: Streamlit's page served with the lines that spare a direct link its probing."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ui import serve
from ui.links import OVERVIEW_ALIAS, URL_PATHS

INDEX = '<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <script type="module" src="./static/js/index.js"></script>\n  </head>\n</html>\n'


def _static(folder: Path, index: str = INDEX) -> Path:
    (folder / "static" / "js").mkdir(parents=True)
    (folder / "static" / "js" / "index.js").write_text("// app", encoding="utf-8")
    (folder / "favicon.png").write_bytes(b"png")
    (folder / "index.html").write_text(index, encoding="utf-8")
    return folder


def test_the_page_tells_streamlit_where_its_server_is_before_its_own_code_runs(tmp_path):
    original = _static(tmp_path / "streamlit")
    into = tmp_path / "served"
    into.mkdir()

    served = serve.static_dir(original, into)

    assert served == into
    page = (into / "index.html").read_text(encoding="utf-8")
    ours = page.index("window.__streamlit")
    assert ours < page.index('<script type="module"'), "Streamlit reads it once, when it loads"
    # Every page's path is known to the script, the overview's own ("start") and /overzicht too.
    (listed,) = re.findall(r"const pages = (\[.*?\]);", page)
    assert sorted(json.loads(listed)) == sorted({*URL_PATHS.values(), OVERVIEW_ALIAS})
    # Nothing else is copied: the rest are links to Streamlit's own files.
    assert (into / "static").is_symlink() and (into / "favicon.png").is_symlink()
    assert (into / "static" / "js" / "index.js").read_text(encoding="utf-8") == "// app"
    assert original.joinpath("index.html").read_text(encoding="utf-8") == INDEX


def test_a_page_without_a_head_is_served_as_streamlit_has_it(tmp_path):
    original = _static(tmp_path / "streamlit", index="<html><body></body></html>")
    into = tmp_path / "served"
    into.mkdir()

    assert serve.static_dir(original, into) == original
    assert not any(into.iterdir())
