"""The edit page and the report popover on a 1,366 x 768 laptop screen: the grid's status reads
"concept" in full with nothing cut off at the right, the import preview shows a 300-character
toelichting whole, and keyboard focus lands on the first report download once it is made.
Each test on a database of its own, two editor accounts (tests/e2e/editors_server.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from editors_server import EditorsServer
from helpers import app_exceptions, screenshot, wait_for_app
from test_editing import log_in

from lib.store.store import FigureInput, Store

if TYPE_CHECKING:
    from playwright.sync_api import Page

LAPTOP = {"width": 1366, "height": 768}
FTE = ("hbo_coach_fte", 2014, "")
TEXT = (
    "Na de zomer zijn er twee coaches vertrokken; de vacatures staan open, de werving loopt via "
    "de kinderopvangorganisaties. Tot de nieuwe coaches er zijn, nemen de pedagogisch "
    "medewerkers met de meeste ervaring een deel over. Het cijfer is in november naar "
    "verwachting weer op peil, meldt de coördinator."
)
assert len(TEXT) == 300


@pytest.fixture
def laptop(page: Page) -> Page:
    """The worker's new tab (conftest's `page`), its window a laptop screen's size."""
    page.set_viewport_size(LAPTOP)
    return page


@pytest.fixture
def server(laptop: Page, editors_server: EditorsServer) -> str:
    """A server whose database holds a concept figure of bob's, for anna to see in the grid
    (a database of its own: tests/e2e/editors_server.py)."""

    def concept(store: Store) -> None:
        version = store.layers()[1][FTE]
        concept = FigureInput(*FTE, "3,6", counted_on="2014-09-30", expected_version=version)
        store.save([concept], "bob")

    return editors_server.fresh(concept)


FITS = """() => {
  const scroller = document.querySelector('[data-testid="stDataFrame"] .dvn-scroller');
  return scroller !== null && scroller.scrollWidth <= scroller.clientWidth;
}"""


def grid_fits(page: Page) -> bool:
    """Whether the first grid on the page shows every column without scrolling sideways, once
    it has settled (the grid lays itself out after the script run; a busy machine is slow)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # only where it runs

    try:
        page.wait_for_function(FITS, timeout=15000)
    except PlaywrightTimeout:
        return False
    return True


def grid_cell(page: Page, column: int, row: int):
    return page.locator(f'[data-testid="stDataFrame"] #glide-cell-{column}-{row}')


def test_the_grid_and_the_import_preview_fit_a_laptop_screen(laptop: Page, server: str) -> None:
    from playwright.sync_api import expect

    page = laptop
    log_in(page, server, "anna")
    page.get_by_role("tab", name="Cijfers bewerken").click()
    wait_for_app(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(state="visible", timeout=90000)
    # 2014, hele stad: the second row is 3,2 FTE, with bob's concept 3,6 waiting. Column 5 is
    # Status in the first view; every column fits, so nothing of "concept" is cut off.
    expect(grid_cell(page, 5, 1)).to_have_text("concept", timeout=30000)
    assert grid_fits(page)
    screenshot(page, "laptop-grid.png")
    page.get_by_text("Teldatum, bron en opmerking").click()
    wait_for_app(page)
    expect(grid_cell(page, 4, 1)).to_have_text("2014-09-30", timeout=30000)  # Teldatum, in sight
    assert grid_fits(page)

    page.get_by_role("tab", name="Importeren uit Excel").click()
    quoted = TEXT.replace('"', '""')
    content = f'Indicator-id;Jaar;Wijk-id;Waarde;Toelichting\nhbo_coach_fte;2014;;3,6;"{quoted}"\n'
    upload = {"name": "cijfers.csv", "mimeType": "text/csv", "buffer": content.encode()}
    page.locator('input[type="file"]').set_input_files(upload)
    wait_for_app(page)
    cell = page.locator(".hjk-text-preview td").filter(has_text="Na de zomer")
    cell.wait_for(timeout=30000)
    assert cell.inner_text() == TEXT  # whole, not "Na de…"
    assert cell.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight")
    box = cell.bounding_box()
    assert box and box["x"] + box["width"] <= LAPTOP["width"]
    screenshot(page, "laptop-import-preview.png")
    assert app_exceptions(page) == []


def test_focus_lands_on_the_first_report_download(laptop: Page, server: str) -> None:
    page = laptop
    page.goto(f"{server}/?jaar=2014")
    wait_for_app(page)
    page.get_by_role("button", name="Voortgangsrapport 2014 downloaden").click()
    make = page.get_by_role("button", name="Rapport maken")
    make.click()
    first = page.locator(".st-key-report_downloads [data-testid='stDownloadButton'] button").first
    first.wait_for(timeout=240000)  # every chart is drawn for the PDF and PowerPoint
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest("
        "\".st-key-report_downloads [data-testid='stDownloadButton']\")",
        timeout=10000,
    )
    assert first.evaluate("e => e === document.activeElement")
    screenshot(page, "laptop-report-focus.png")
    for button in page.locator(".st-key-report_downloads [data-testid='stDownloadButton']").all():
        box = button.bounding_box()  # in sight without scrolling
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= LAPTOP["height"]
    screenshot(page, "laptop-report-focus.png")
    assert app_exceptions(page) == []
