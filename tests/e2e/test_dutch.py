"""No English reaches a user: every page, its widgets opened, the edit page logged in and each of
its tabs, scanned for English words in the text and in aria-label, title and placeholder.

Streamlit draws some strings itself ("Skip to main content", the data grid's toolbar, the date
picker, the uploader, dialog close buttons); ui/dutch.js, loaded by every page's head block,
puts them in Dutch. This test fails on any English word of the list below that is left, and
says where it was found.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from editors_server import PASSWORD, EditorsServer
from helpers import app_exceptions, open_filters, screenshot, wait_for_app
from test_app import navigation_paths

from lib.store.store import FigureInput

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Words and phrases Streamlit (or Python) writes in English. Whole words, case as written.
ENGLISH = [
    "Skip to main content", "Show/hide columns", "Download as CSV", "Search", "Fullscreen",
    "Choose", "Select all", "Deselect all", "Drag and drop", "Browse files", "per file",
    "Upload", "file upload", "Close", "Dismiss", "Page not found", "None", "Sidebar",
    "Collapse sidebar", "Expand sidebar", "Main menu", "App pages", "Link to heading", "Help",
    "password", "options available", "Selected Date", "Next month", "Previous month", "month",
    "day", "year", "Print", "Record", "Made with", "Running", "No results", "No options",
    "Clear all", "Copy", "Sort", "Pin column", "Hide column", "Add row", "Delete", "Remove",
    # the date picker's calendar (Streamlit 1.67), the forms' typing hints, a progress bar
    "January", "February", "March", "June", "July", "August", "October", "Sunday", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Use arrow keys", "Press Enter",
    "Press Ctrl", "submit", "progress",
]  # fmt: skip
ENGLISH_WORDS = re.compile(r"(?<![\w/])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w])")
# "Open" only as a label: in the text it is also a name ("Open SDG" in the methodology).
ENGLISH_LABEL = re.compile(r'^[\w-]+="Open"$')

# The text and the attributes, outside elements marked translate="no" (Material icon names) and
# code (the CSV format's column names, written as code where the page names them).
COLLECT = """() => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('[translate="no"], script, style, code')) continue;
    for (const name of ['aria-label', 'title', 'placeholder'])
      if (el.getAttribute(name)) out.push(`${name}="${el.getAttribute(name)}"`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.nodeValue.trim();
    if (text && !node.parentElement.closest('[translate="no"], script, style, code')) out.push(text);
  }
  return out;
}"""


TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def english(page: Page) -> set[str]:
    """Every text or attribute on the page with a word of ENGLISH in it."""
    return {
        item
        for item in page.evaluate(COLLECT)
        if ENGLISH_WORDS.search(item) or ENGLISH_LABEL.match(item)
    }


@pytest.fixture
def editing_server(page: Page, editors_server: EditorsServer) -> str:
    """A server on a database of its own with two editors; bob has entered a concept for anna
    to see (tests/e2e/editors_server.py)."""
    return editors_server.fresh(
        lambda store: store.save([FigureInput("hbo_coach_fte", 2014, "", "3,9")], "bob")
    )


class Scan:
    """What was found where, so one failure lists every place at once."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: dict[str, set[str]] = {}

    def __call__(self, where: str) -> None:
        # ui/dutch.js's MutationObserver translates in the microtasks right after a mutation, so
        # two frames after what a click or a run drew, the translation is on screen; the short
        # wait lets a list or picker opened by a click mount first.
        self.page.wait_for_timeout(150)
        self.page.evaluate(TWO_FRAMES)
        left = english(self.page)
        if left:
            self.found[where] = left

    def report(self) -> str:
        return "\n".join(f"{where}: {sorted(items)}" for where, items in self.found.items())


def open_widgets(page: Page, scan: Scan, path: str) -> None:
    """Open what Streamlit draws only on demand: the date picker, a list, the main menu."""
    filters = open_filters(page)  # the popover with the sidebar's widgets
    scan(f"{path} filters")
    picker = filters.get_by_role("button", name=re.compile("datum"))
    if picker.count() and picker.first.is_enabled():
        picker.first.click()
        scan(f"{path} date picker")
        page.keyboard.press("Escape")
    listbox = open_filters(page).get_by_role("combobox", name="Agendapunt")
    if listbox.is_enabled():
        listbox.click()
        scan(f"{path} list")
        page.keyboard.press("Escape")
    grids = page.get_by_test_id("stDataFrame")
    if grids.count():
        grids.first.hover()
        scan(f"{path} data grid")
    page.get_by_role("button", name="Hoofdmenu").click()
    scan(f"{path} main menu")
    page.keyboard.press("Escape")


def test_no_english_on_any_page_or_tab(page: Page, editing_server: str) -> None:
    scan = Scan(page)
    for path in navigation_paths():
        page.goto(editing_server + path)
        wait_for_app(page)
        assert app_exceptions(page) == []
        scan(path)
        open_widgets(page, scan, path)

    # A link to a page that does not exist: Streamlit's dialog, and its close button.
    page.goto(editing_server + "/bestaat-niet")
    dialog = page.get_by_role("dialog")
    dialog.wait_for(timeout=30000)
    scan("page not found")
    assert "Pagina niet gevonden" in dialog.inner_text()
    dialog.get_by_role("button", name="Sluiten").click()

    page.goto(editing_server + "/gegevens-bijwerken")
    wait_for_app(page)
    page.get_by_label("Naam").fill("anna")
    page.get_by_label("Wachtwoord", exact=True).fill(PASSWORD)
    scan("login")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Ingelogd als redacteur anna").wait_for(timeout=30000)
    wait_for_app(page)
    for tab in page.get_by_role("tab").all_inner_texts():
        page.get_by_role("tab", name=tab).click()
        wait_for_app(page)
        scan(f"tab {tab}")
        for choice in page.locator('[data-testid="stMultiSelect"] [role="combobox"]').all():
            if choice.is_visible():
                choice.click()
                scan(f"tab {tab}, list open")
                page.keyboard.press("Escape")
        screenshot(page, f"dutch-tab-{tab.split()[0].lower()}.png")
    assert app_exceptions(page) == []
    assert not scan.found, f"English left on screen:\n{scan.report()}"


def test_the_word_list_finds_what_streamlit_writes():
    # The scan is only as good as its list: these are strings Streamlit 1.67 draws itself.
    for text in [
        "Skip to main content",
        'aria-label="Show/hide columns"',
        'aria-label="Choose date"',
        "Use arrow keys to navigate dates. Enter to select. Escape to close.",
        'aria-label="Wednesday, October 1, 2014 selected"',
        "Press Enter to submit form",
        "Select all",
        "Drag and drop file here",
        "200MB per file",
        'aria-label="Close"',
        "Page not found",
        "None",
    ]:
        assert ENGLISH_WORDS.search(text), text
    for text in ["Kies een datum", "Alles selecteren", "200MB per bestand", "Sluiten", "Geen"]:
        assert not ENGLISH_WORDS.search(text), text
