"""The dashboard's pages as the benchmark sees them: where they live, and what shows first.

A page that puts its headline figures in `st.container(key="headline")` (Streamlit gives it
the class `st-key-headline`) is timed to that; until it does, to the element named here.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.server import ROOT

MAIN = '[data-testid="stMain"]'
HEADLINE = f'{MAIN} .st-key-headline [data-testid="stMarkdownContainer"]'


@dataclass(frozen=True)
class Page:
    name: str  # the URL path users see
    url_path: str
    script: str  # for AppTest.switch_page
    fallback: str  # CSS selector of the first meaningful content when there is no headline
    what: str  # that content, in words, for the results

    @property
    def first(self) -> str:
        # In a selector list the browser takes the first match in the page: the headline, which
        # stands above the rest, else the fallback.
        return f"{HEADLINE}, {self.fallback}"


_ALL = [
    Page(
        "overzicht",
        "/",  # the default page lives at the root; /overzicht moves on to it
        "pages/overview.py",
        f"{MAIN} .hjk-tile .hjk-counts",  # lib/views/overview_html.py
        "the first agenda tile with its status counts",
    ),
    Page(
        "agendapunten",
        "/agendapunten",
        "pages/agenda.py",
        f"{MAIN} h3",
        "the status counts of the agenda item (the headline)",
    ),
    Page(
        "wijken",
        "/wijken",
        "pages/districts.py",
        f"{MAIN} h1",
        "the title (year and number of districts); the figures themselves are charts",
    ),
    Page(
        "mijlpalen",
        "/mijlpalen",
        "pages/milestones.py",
        f"{MAIN} .hjk-table",
        "the milestone summary (the status table when a choice has no milestones)",
    ),
    Page(
        "sinds-vorige-vergadering",
        "/sinds-vorige-vergadering",
        "pages/since.py",
        f"{MAIN} h1",
        "the summary of the changes since the previous meeting (the headline)",
    ),
    Page(
        "actiepunten",
        "/actiepunten",
        "pages/actions.py",
        f"{MAIN} h1",
        "the count of open and late actions (the headline)",
    ),
    Page(
        "gegevens-bijwerken",
        "/gegevens-bijwerken",
        "pages/edit.py",
        f'{MAIN} [data-testid="stForm"]',
        "the editors' login form (what a fresh visitor sees)",
    ),
    Page(
        "over-de-cijfers",
        "/over-de-cijfers",
        "pages/about.py",
        f'{MAIN} [data-testid="stMarkdownContainer"] li',
        "the list of sources: where the figures come from, how many, the peildatum",
    ),
]

BARE_FIRST = f'{MAIN} [data-testid="stMarkdownContainer"]'
# The overview's title says the chosen year, in the dashboard and in the reference app alike.
YEAR_SHOWN = "(document.querySelector('h1')?.textContent || '').includes('{year}')"


def pages() -> list[Page]:
    """The pages whose script exists: a page still being written is left out, not an error."""
    return [p for p in _ALL if (ROOT / p.script).is_file()]
