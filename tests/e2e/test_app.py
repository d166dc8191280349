"""The dashboard in a real browser, served the way `make run` serves it (`python -m ui.serve`).

Every page by its URL: drawn without errors, Dutch, charts drawn, photographed whole for a
person to look at (tests/artifacts/page-*.png), checked with axe. Then what only a browser
shows: filters carried over by the navigation, a direct link as the first request to a fresh
server, and the filters reached and used with the keyboard.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest
from helpers import (
    CHARTS,
    SETTLE_MS,
    app_exceptions,
    open_filters,
    open_page,
    run_axe,
    screenshot,
    serious_violations,
    wait_for_app,
    wait_for_charts,
    year_choice,
)

from ui.links import menu_paths

# Imported for type hints only, so that without playwright this file skips (see conftest).
if TYPE_CHECKING:
    from playwright.sync_api import Page, Response


def navigation_paths() -> list[str]:
    """URL path of every page in the menu, in menu order (ui/links.py; tests/test_pages.py
    checks that these are the pages dashboard.py hands to st.navigation), so a page added to the
    menu is visited here without a change. The default page is served at the root; /overzicht,
    which only moves on to the root, has a test of its own."""
    return menu_paths()


# URL path -> (h1 with the default filters, whether the page draws Plotly charts). A page missing
# here is still visited; only its h1 text and charts are not checked.
KNOWN_PAGES = {
    "/": ("Voortgang Masterplan Het Jonge Kind 2014", False),
    "/agendapunten": ("Agendapunt 1: Expertiseverbetering professionals", True),
    "/wijken": ("Per wijk: stand 2014 in de 10 wijken", True),
    "/mijlpalen": ("Mijlpalen 2012-2015", True),
    "/over-de-cijfers": ("Over de cijfers", False),
    "/sinds-vorige-vergadering": ("Sinds de vorige vergadering", False),
    "/actiepunten": ("Actiepunten", False),
}
PAGES = [
    pytest.param(path, *KNOWN_PAGES.get(path, (None, None)), id=path.strip("/") or "overzicht")
    for path in navigation_paths()
]

SIDEBAR = '[data-testid="stSidebar"]'
# A combobox keeps the focus while the arrow keys move through its list: the highlighted option
# is the one its aria-activedescendant points to.
HIGHLIGHTED_OPTION = """combobox => document.getElementById(
    combobox.getAttribute("aria-activedescendant"))?.textContent"""
MAIN_HEIGHT = '() => document.querySelector("[data-testid=stMain]").scrollHeight'


def open_direct_link(page: Page, url: str) -> None:
    """open_page, failing on any address that answered 404 meanwhile: a direct link finds the
    server at once, Streamlit's frontend does not first look for it under the page's own address
    and wait 100 ms after the 404 (ui/serve.py)."""
    missing: list[str] = []

    def note_missing(response: Response) -> None:
        if response.status == 404:
            missing.append(response.url)

    page.on("response", note_missing)
    try:
        open_page(page, url)
    finally:
        page.remove_listener("response", note_missing)  # the tab goes on to the next test
    assert not missing, f"not found on a direct link: {missing}"


def fit_viewport_to_page(page: Page) -> None:
    """Make the window as tall as the page: Streamlit scrolls inside stMain, not the document,
    so a full-page screenshot would otherwise show one window's worth."""
    for _ in range(3):  # charts may grow once they have the room; measure again
        height = page.evaluate(MAIN_HEIGHT)
        viewport = page.viewport_size
        assert viewport is not None
        if height <= viewport["height"]:
            return
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.wait_for_timeout(SETTLE_MS)
        wait_for_charts(page)


# The label of the select box that holds the focused element ("" outside one).
SELECT_BOX_LABEL = """element => element.closest('[data-testid=stSelectbox]')
    ?.querySelector('label')?.innerText ?? ''"""


def contrast_failures(page: Page, violations: list[dict[str, Any]]) -> str:
    """One line per text that fails the contrast check: its ratio, colours and the text itself."""
    lines: Counter[str] = Counter()
    for violation in violations:
        for node in violation["nodes"] if violation["id"] == "color-contrast" else []:
            data = node["any"][0]["data"]
            text = page.locator(node["target"][0]).first.inner_text()
            lines[
                f"{data['contrastRatio']}:1 ({data['fgColor']} on {data['bgColor']}): "
                f"{' '.join(text.split())[:80]!r}"
            ] += 1
    return "\n".join(f"{line} ({n}x)" if n > 1 else line for line, n in lines.items())


@pytest.mark.parametrize(("path", "h1", "has_charts"), PAGES)
def test_page_is_drawn_in_dutch_photographed_and_has_no_serious_accessibility_problems(
    page: Page, app_server: str, path: str, h1: str | None, has_charts: bool | None
) -> None:
    # One load of the page for both: drawing it and its charts is most of the time, and axe
    # reads the page as the photograph shows it.
    open_direct_link(page, app_server + path)

    (shown,) = page.locator("h1").all_inner_texts()
    assert shown.strip(), "the h1 is empty"
    if h1 is not None:
        assert shown == h1
    # The browser's title names the page (WCAG 2.4.2): every page had the plan's title alone.
    named = page.locator('[data-testid="stSidebarNav"] a[aria-current="page"]').inner_text()
    label = named.strip().splitlines()[-1]  # after the icon's name
    assert page.title().startswith(f"{label} · "), page.title()
    # The app sets the language from a script in its first element; on a loaded machine that
    # element can mount a moment after the run ends, so give it a few seconds.
    for _ in range(20):
        if page.evaluate("document.documentElement.lang") == "nl":
            break
        page.wait_for_timeout(500)
    assert page.evaluate("document.documentElement.lang") == "nl"
    charts = page.locator(CHARTS)
    if has_charts:
        # The chart component loads after the script run has ended; on a busy machine, later.
        charts.first.wait_for(state="visible", timeout=30000)
    elif has_charts is not None:
        assert charts.count() == 0
    wait_for_charts(page)
    # With the whole page in the window the photograph shows all of it, and axe judges every
    # element, not only the first screen.
    fit_viewport_to_page(page)
    screenshot(page, f"page-{path.strip('/') or 'overzicht'}.png")

    # Without axe-core this skips here, its reason saying that only the axe check was left out.
    violations = run_axe(page, after="de pagina is wel getekend en gefotografeerd")

    problems = serious_violations(violations)
    assert not problems, (
        f"axe found serious accessibility problems:\n{problems}\n{contrast_failures(page, violations)}"
    )


def test_year_filter_carries_over_to_other_pages(page: Page, app_server: str) -> None:
    from playwright.sync_api import expect

    open_page(page, app_server + "/")
    main = page.get_by_test_id("stMain")
    expect(year_choice(page).get_by_role("radio", name="2014")).to_be_checked()
    expect(main.get_by_text("doelen in 2014").first).to_be_visible()

    # One press: the page alone runs again (a fragment), the frame around it stays. Everything
    # on the page follows, the link too: the tiles, the report's button, the links it holds.
    year_choice(page).get_by_role("radio", name="2013").click()
    expect(page.locator("h1")).to_have_text("Voortgang Masterplan Het Jonge Kind 2013")
    expect(page).to_have_url(re.compile(r"[?&]jaar=2013(&|$)"))
    wait_for_app(page)
    # The chosen year is marked in words too ("✓ 2013"), not by colour alone.
    expect(year_choice(page).get_by_role("radio", name="✓ 2013")).to_be_checked()
    expect(year_choice(page).get_by_role("radio", name="2014", exact=True)).not_to_be_checked()
    expect(main.get_by_text("doelen in 2014")).to_have_count(0)
    expect(main.get_by_text("doelen in 2013").first).to_be_visible()
    expect(main.get_by_role("button", name=re.compile("Voortgangsrapport 2013"))).to_be_visible()
    every = main.get_by_role("link", name=re.compile(r"Alle \d+ doelen tonen"))
    expect(every).to_have_attribute("href", re.compile(r"jaar=2013"))
    # The sidebar does not repeat the year: it would not follow a run of the page alone.
    expect(page.locator(SIDEBAR).get_by_text("Jaar:")).to_have_count(0)

    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link").filter(has_text="Mijlpalen").click()
    expect(page).to_have_url(re.compile(r"/mijlpalen\?(.+&)?jaar=2013(&|$)"))
    expect(page.locator("h1")).to_have_text("Mijlpalen 2012-2015")
    expect(year_choice(page)).to_have_count(0)  # the timeline shows every year at once

    # The next page shows the year it was given.
    nav.get_by_role("link").filter(has_text="Per wijk").click()
    expect(page).to_have_url(re.compile(r"/wijken\?(.+&)?jaar=2013(&|$)"))
    expect(page.locator("h1")).to_have_text("Per wijk: stand 2013 in de 10 wijken")
    expect(year_choice(page).get_by_role("radio", name="2013")).to_be_checked()
    wait_for_app(page)
    assert app_exceptions(page) == []


def test_overzicht_typed_like_the_other_pages_opens_the_overview(page: Page, app_server: str):
    from playwright.sync_api import expect

    # The overview lives at "/"; /overzicht, as one would type by analogy with /wijken, moves on
    # there with the link's filters instead of Streamlit's English "Page not found".
    open_direct_link(page, app_server + "/overzicht?jaar=2013&agendapunt=3")

    expect(page).to_have_url(re.compile(r"/\?jaar=2013&peildatum=2014-10-01&agendapunt=3$"))
    expect(page.locator("h1")).to_have_text("Voortgang Masterplan Het Jonge Kind 2013")
    assert page.get_by_text("Page not found").count() == 0
    current = page.get_by_test_id("stSidebarNav").locator('a[aria-current="page"]')
    expect(current).to_contain_text("Overzicht")
    assert app_exceptions(page) == []


def test_direct_link_is_the_first_request_to_a_fresh_server(
    page: Page, fresh_app_server: str
) -> None:
    from playwright.sync_api import expect

    # Plain `streamlit run` answers this with a "Page not found" dialog; ui.serve must not.
    open_page(page, fresh_app_server + "/mijlpalen?jaar=2013")

    assert page.get_by_text("Page not found").count() == 0
    assert page.locator("h1").all_inner_texts() == ["Mijlpalen 2012-2015"]
    expect(page).to_have_url(re.compile(r"/mijlpalen\?(.+&)?jaar=2013(&|$)"))
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link")).to_have_count(len(PAGES))
    # The values that count here are in view; the widgets behind "Filters wijzigen".
    expect(page.locator(SIDEBAR).get_by_text("Peildatum:")).to_be_visible()
    filters = open_filters(page)
    for name in ("Agendapunt", "Wijk"):
        expect(filters.get_by_role("combobox", name=name)).to_be_visible()
    expect(filters.get_by_role("combobox", name="Agendapunt")).to_be_enabled()
    # The timeline covers the whole plan period: the year is kept (in the link), and it says
    # where the year counts.
    expect(filters.get_by_text("Jaar telt hier niet mee, wel op Overzicht")).to_be_visible()
    assert app_exceptions(page) == []


def test_keyboard_reaches_and_uses_the_filters(page: Page, app_server: str) -> None:
    from playwright.sync_api import expect

    open_page(page, app_server + "/")

    for _ in range(20):  # to the sidebar's button "Filters wijzigen"
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('[data-testid=stSidebarNav]') !== null"):
            # a page link with the focus shows it with an outline, not only a faint background
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline == "solid", outline
        if "Filters wijzigen" in page.evaluate("document.activeElement.innerText"):
            break
    focused = page.locator(":focus")
    assert focused.evaluate(f"element => element.closest('{SIDEBAR}') !== null")
    page.keyboard.press("Enter")  # opens the filters, and the focus moves into them
    page.wait_for_function(
        "() => document.activeElement?.closest('[data-testid=stPopoverBody]') != null"
    )
    for _ in range(8):  # on past the peildatum to the agenda item's select box
        page.keyboard.press("Tab")
        if page.locator(":focus").evaluate(SELECT_BOX_LABEL) == "Agendapunt":
            break
    focused = page.locator(":focus")
    expect(focused).to_have_accessible_name("Agendapunt")
    page.keyboard.press("ArrowDown")  # opens the list
    expect(page.get_by_role("listbox")).to_be_visible()
    for _ in range(6):  # the arrows move the highlighted option; where it starts is the widget's
        if focused.evaluate(HIGHLIGHTED_OPTION) == "3. Het kind voorop":
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]agendapunt=3(&|$)"))
    page.keyboard.press("Escape")  # the popover closes

    # The year, under the page's title: one Tab stop, the arrows move between the years, Space
    # chooses one.
    page.locator("h1").click()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.locator(":focus").get_attribute("role") == "radio":
            break
    for _ in range(4):
        if page.locator(":focus").inner_text() == "2013":
            break
        page.keyboard.press("ArrowRight")
    expect(page.locator(":focus")).to_have_text("2013")
    page.keyboard.press("Space")
    expect(page.locator("h1")).to_have_text("Voortgang Masterplan Het Jonge Kind 2013")
    expect(page).to_have_url(re.compile(r"[?&]jaar=2013(&|$)"))


def test_agenda_page_opens_one_theme_at_a_time(page: Page, app_server: str) -> None:
    """The stuurgroep's flow on Per agendapunt: see which theme is behind, open it, read it."""
    from playwright.sync_api import expect

    open_page(page, app_server + "/agendapunten")
    themes = page.get_by_role("radiogroup", name="Thema")
    behind = themes.get_by_text(re.compile(r"· ✖ \d+ achter$"))
    expect(behind.first).to_be_visible()
    first_headers = page.locator('[data-testid="stMain"] h2').all_inner_texts()

    themes.get_by_text("Hanteren kindvolgsysteem", exact=False).click()
    expect(page.locator('[data-testid="stMain"] h2').first).to_have_text(
        re.compile(r"^Doel 1: Door het observeren van ontwikkelingskenmerken")
    )
    wait_for_app(page)
    wait_for_charts(page)
    headers = page.locator('[data-testid="stMain"] h2').all_inner_texts()
    assert headers != first_headers
    assert any("Peuterestafette" in h for h in headers if h.startswith("Doel"))
    assert page.locator(".hjk-chart .main-svg").count() > 0
    assert app_exceptions(page) == []
    fit_viewport_to_page(page)
    screenshot(page, "flow-agenda-theme.png")


@pytest.mark.parametrize("width", [1366, 1440])
def test_overview_table_draws_sparklines_and_fits_without_sideways_scrolling(
    page: Page, app_server: str, width: int
) -> None:
    # 1440 px: the width the stuurgroep reads it at, where the reason was once cut off; 1366 px:
    # a laptop, where the example's toelichtingen once pushed the last column out of sight.
    page.set_viewport_size({"width": width, "height": 1000})
    open_page(page, app_server + "/")
    # What needs attention first; the link under it lists every target (the widest table: every
    # toelichting), and puts that in the address.
    page.evaluate("window.__sameTab = true")  # gone if the link loaded the app anew
    page.get_by_role("link", name=re.compile(r"^Alle \d+ doelen tonen")).click()
    page.get_by_role("heading", name=re.compile(r"^Alle doelen 2014")).wait_for()
    wait_for_app(page)
    assert "doelen=alle" in page.url
    assert page.evaluate("window.__sameTab === true")  # the same session (ui/links.js)
    table = page.locator("table.hjk-overview")
    table.wait_for()
    lines = page.locator("td.hjk-spark-cell img.hjk-spark")
    assert lines.count() > 10
    # Every sparkline is drawn (an image that loaded), with its figures as its text.
    assert page.evaluate(
        """() => [...document.querySelectorAll('td.hjk-spark-cell img')]
            .every(img => img.complete && img.naturalWidth > 0)"""
    )
    assert all(
        alt.startswith("Verloop: 2012: ")
        for alt in lines.evaluate_all("images => images.map(img => img.alt)")
    )
    wrap = page.locator(".hjk-table-wrap").filter(has=table)
    widths = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
    assert widths[0] <= widths[1], f"the table scrolls sideways: {widths}"
    headers = table.locator("thead th").all_inner_texts()
    assert headers[:3] == ["Indicator", "Status", "Waarom deze status"]
    # The computation is folded; a click on "Berekening" opens it, and the table still fits.
    calculation = table.locator("details.hjk-calc").first
    closed = calculation.bounding_box()["height"]
    assert calculation.evaluate("d => d.open") is False
    calculation.locator("summary").click()
    assert calculation.evaluate("d => d.open") is True
    assert calculation.bounding_box()["height"] > 2 * closed  # the computation drawn
    assert "Regel: " in calculation.inner_text()
    widths = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
    assert widths[0] <= widths[1], f"the table scrolls sideways once opened: {widths}"
    fit_viewport_to_page(page)
    screenshot(page, f"flow-overview-{width}.png")


def test_keyboard_reaches_a_charts_downloads(page: Page, app_server: str) -> None:
    """A popover draws its content at the end of the page; opened from the keyboard, the focus
    moves into it (ui/components.py), so Tab does not skip the three formats."""
    from playwright.sync_api import expect

    open_page(page, app_server + "/agendapunten")
    wait_for_charts(page)
    page.get_by_role("button", name="Downloaden").first.focus()
    page.keyboard.press("Enter")
    focused = page.locator(":focus")
    expect(focused).to_have_accessible_name(re.compile("PNG"))
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_accessible_name(re.compile("SVG"))
