"""Start the dashboard: `python -m ui.serve [streamlit options]` is `streamlit run dashboard.py`.

Why not plain `streamlit run`:
- Streamlit still treats a `pages/` folder next to the main script the pre-`st.navigation` way
  until the first script run has called `st.navigation`. On a freshly started server, the very
  first visitor who opens a direct link (e.g. /mijlpalen) would see "Page not found" before the
  right page appears. This app always uses `st.navigation`, so we tell Streamlit so before the
  first session starts.
- A direct link to a page (/actiepunten) costs every visitor a round trip and a 100 ms wait
  before anything is drawn: Streamlit's frontend first looks for its server under the page's
  own address (/actiepunten/_stcore/health, in case the app is served under that path), gets
  404, waits its first retry interval and only then asks one level up. Its page (index.html)
  is served here with a few lines that tell it where the server is when the address ends in
  one of our pages' paths (see `_index_html`); at any other address it looks as before.
"""

from __future__ import annotations

import atexit
import json
import shutil
import sys
import tempfile
from pathlib import Path

from streamlit import file_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from ui.links import all_paths

APP = Path(__file__).resolve().parent.parent / "dashboard.py"

# Runs before Streamlit's own code (a classic script before its module scripts), which reads
# window.__streamlit once, when it loads. The base is what comes before the page's path, so the
# app served under a prefix (server.baseUrlPath, or a proxy that strips one) is found as well.
BASE_SCRIPT = """<script>
(() => {
  const pages = PAGES;
  const path = location.pathname.replace(/\\/+$/, "");
  const cut = path.lastIndexOf("/");
  if (cut < 0 || !pages.includes(path.slice(cut + 1))) return;
  window.__streamlit = {BACKEND_BASE_URL: location.origin + path.slice(0, cut + 1)};
})();
</script>"""


def _index_html(original: str) -> str:
    """Streamlit's index.html with BASE_SCRIPT first in its head (unchanged without a head)."""
    pages = json.dumps(all_paths())
    return original.replace("<head>", "<head>\n" + BASE_SCRIPT.replace("PAGES", pages), 1)


def static_dir(original: Path, into: Path) -> Path:
    """A copy of Streamlit's static folder in `into` with our index.html: links to every other
    entry, so nothing but the one page is copied. The original when its page has no head."""
    page = (original / "index.html").read_text(encoding="utf-8")
    changed = _index_html(page)
    if changed == page:
        return original
    for entry in original.iterdir():
        if entry.name != "index.html":
            (into / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    (into / "index.html").write_text(changed, encoding="utf-8")
    return into


def _serve_own_index() -> None:
    """Have Streamlit's static file server read from `static_dir` (it asks once, at start)."""
    original = Path(file_util.get_static_dir())
    into = Path(tempfile.mkdtemp(prefix="hjk-static-"))
    atexit.register(shutil.rmtree, into, ignore_errors=True)
    served = str(static_dir(original, into))
    file_util.get_static_dir = lambda: served


def main() -> None:
    PagesManager.uses_pages_directory = False
    _serve_own_index()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
