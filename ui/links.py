"""Where each page lives: the URL path of every page file, for the frame's navigation and for
links between pages written as HTML (lib/views/overview_html.page_link).

The script that makes such links switch pages inside the app is ui/links.js, sent with the
page's head block (ui/components.py page_head).
"""

from __future__ import annotations

from pathlib import Path

URL_PATHS = {
    # The overview is served at "/" as the default page; "start" is a path nobody types (see
    # dashboard.py), and "/overzicht" moves on to "/".
    "pages/overview.py": "start",
    "pages/agenda.py": "agendapunten",
    "pages/districts.py": "wijken",
    "pages/milestones.py": "mijlpalen",
    "pages/since.py": "sinds-vorige-vergadering",
    "pages/actions.py": "actiepunten",
    "pages/edit.py": "gegevens-bijwerken",
    "pages/about.py": "over-de-cijfers",
}

DEFAULT_PAGE = "pages/overview.py"  # served at "/"
# The overview's path as one would type it by analogy with /wijken: a hidden page that moves on
# to "/" with the same filters (dashboard.py).
OVERVIEW_ALIAS = "overzicht"

SCRIPT = Path(__file__).with_name("links.js").read_text(encoding="utf-8")


def url_path(page: str) -> str:
    """The URL path of a page file ("pages/since.py" -> "sinds-vorige-vergadering")."""
    return URL_PATHS[page]


def all_paths() -> list[str]:
    """Every path a page of ours answers at, the alias too (without the leading "/")."""
    return sorted({*URL_PATHS.values(), OVERVIEW_ALIAS})


def menu_paths() -> list[str]:
    """The address of every page in the menu, in its order: the default page at "/"."""
    return ["/" if page == DEFAULT_PAGE else f"/{path}" for page, path in URL_PATHS.items()]
