"""Open the dashboard under AppTest on one of its pages directly, as a link to that page does.

`AppTest.switch_page` needs a finished run to know the pages `st.navigation` registers, so tests
used to run the start page first and then the page they test: two script runs for one. Here the
page's script hash is learnt once per app file from one run, and every later test aims its
AppTest at the page before its first run, so that run is the page's own, with the link's query
parameters, as a visitor following a link gets it.

`AppTest` has no public way to choose the first page; this sets the attribute `switch_page` sets
(`_page_hash`) and reads the pages the last run registered (`_registered_pages`). If a Streamlit
upgrade renames them, `aim` raises at once rather than testing the wrong page.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from streamlit.testing.v1 import AppTest


@cache
def _page_hashes(app: str) -> dict[Path, str]:
    """Page file -> the script hash its st.Page is registered under, from one run of the app."""
    at = AppTest.from_file(app, default_timeout=60).run()
    hashes: dict[Path, str] = {}
    for page_hash, info in at._registered_pages.items():
        script = info.get("script_path")
        # A file registered twice (say also as the start page) keeps its first registration,
        # the one switch_page prefers too when the URL path differs from the file name.
        if script:
            hashes.setdefault(Path(str(script)).resolve(), page_hash)
    return hashes


def aim(at: AppTest, app: Path, page: str) -> AppTest:
    """Make the first run of `at` (not run yet) the page `page` (relative to the app file)."""
    target = (app.parent / page).resolve()
    hashes = _page_hashes(str(app))
    if target not in hashes:
        raise ValueError(f"{page} is not a page the app registers: {sorted(map(str, hashes))}")
    if not hasattr(at, "_page_hash"):
        raise AttributeError("AppTest has no _page_hash any more: see tests/apptest_open.py")
    at._page_hash = hashes[target]
    return at
