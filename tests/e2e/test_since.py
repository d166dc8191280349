"""What changed since the last meeting, in the browser: on a fresh installation (the example and
its story, whose last change is of 29 September 2014), an editor adds a meeting on 30 September
2014 and changes a figure, a second editor approves it, and the page *Sinds de vorige
vergadering* shows the change and the status move (and Overzicht its block). A database of its
own (tests/e2e/editors_server.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from helpers import app_exceptions, choose_concepts, screenshot, wait_for_app
from test_editing import edit_value, editing_database, editing_server, log_in  # noqa: F401

from lib.plan.load import load_plan
from lib.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
FTE = ("hbo_coach_fte", 2014, "")
# Notes in the page when the app starts a script run from now on (the frame's attribute turns
# "running"): a test can then wait for the run a click starts, however late it starts.
WATCH_RUNS = """() => {
  window.__hjkRan = false;
  const app = document.querySelector('[data-testid="stApp"]');
  // A short run may have ended before the observer is called: its record still holds it.
  new MutationObserver((records) => {
    const ran = records.some((r) => r.oldValue === 'running');
    if (ran || app.getAttribute('data-test-script-state') === 'running') window.__hjkRan = true;
  }).observe(app, {
    attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state'],
  });
}"""

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_a_changed_figure_shows_as_a_move_since_the_meeting(
    page: Page,
    editing_server: str,  # noqa: F811 (the fixture of test_editing.py)
    editing_database: str,  # noqa: F811 (the server's database, test_editing.py)
):
    from playwright.sync_api import expect

    url = editing_server
    log_in(page, url, "anna")
    edit_value(page, 1, "1")  # "Inzet HBO-coaches op VVE-groepen" 2014, 3,2 -> 1 FTE
    page.get_by_role("button", name="Opslaan (1 wijziging)...").click()
    confirm = page.locator(".st-key-edit_confirm_box")
    confirm.get_by_role("button", name="Ja, opslaan").click()
    page.get_by_text("1 cijfer opgeslagen als concept").wait_for(timeout=30000)

    # The tab bar reruns the page (pages/edit.py). Typing before that run has ended lost the
    # date under load: the field was drawn anew with the server's value, 1 October.
    wait_for_app(page)  # the save's run has ended: the click below starts a run of its own
    page.evaluate(WATCH_RUNS)
    page.get_by_role("tab", name="Vergaderingen").click()
    page.wait_for_function("() => window.__hjkRan", timeout=30000)
    wait_for_app(page)
    page.get_by_role("spinbutton", name="dag, Datum").click()
    page.keyboard.type("30092014")  # day, month, year: the field moves on by itself
    expect(page.get_by_role("spinbutton", name="jaar, Datum")).to_have_text("2014")
    page.get_by_label("Titel (mag leeg blijven)").fill("Stuurgroep september")  # the date is left
    page.keyboard.press("Tab")  # and the title
    # Under the fields, what the button adds, as the server has it: the click waits for both
    # fields to have arrived (when they were a form, a click right after typing under load sent
    # the date too late, and the meeting got the default date, 1 October).
    expect(
        page.get_by_text(
            "Toe te voegen: de vergadering van 30 september 2014 (Stuurgroep september)."
        )
    ).to_be_visible(timeout=30000)
    page.get_by_role("button", name="Vergadering toevoegen").click()
    page.get_by_text("Vergadering van 30 september 2014 toegevoegd.").wait_for(timeout=30000)

    log_in(page, url, "bob")
    choose_concepts(page, "Inzet HBO-coaches")
    page.get_by_role("button", name="Gekozen cijfers vaststellen").click()
    page.get_by_text("1 cijfer vastgesteld.").wait_for(timeout=30000)

    page.goto(f"{url}/?jaar=2014")
    wait_for_app(page)
    screenshot(page, "since-overview.png")
    block = page.locator(".hjk-since")  # lib/views/overview_html.py
    block.get_by_text("1 cijfer gewijzigd, 1 status veranderd (1 naar achter)").wait_for()
    page.evaluate("window.__sameTab = true")  # gone if the link loaded the app anew
    block.get_by_role("link", name="Bekijk wat er veranderde").click()
    page.get_by_role("heading", name="Sinds de vorige vergadering").wait_for(timeout=30000)
    wait_for_app(page)
    assert "/sinds-vorige-vergadering" in page.url and "jaar=2014" in page.url
    # The link switched pages inside the app, as the sidebar does (ui/links.js).
    assert page.evaluate("window.__sameTab === true")
    moves = page.get_by_role("table", name="Veranderde statussen, eerst wat naar achter ging")
    row = moves.get_by_role("row").nth(1)
    assert row.get_by_role("cell").nth(0).inner_text() == "Inzet HBO-coaches op VVE-groepen"
    assert row.get_by_role("cell").nth(3).inner_text() == "➜ op koers"
    assert row.get_by_role("cell").nth(4).inner_text() == "✖ achter"
    figures = page.get_by_role("table", name="Gewijzigde cijfers sinds 30 september 2014")
    assert "3,2 FTE" in figures.inner_text() and "1 FTE" in figures.inner_text()
    screenshot(page, "since-meeting.png")
    assert app_exceptions(page) == []

    # An editor explains it (approved by a second): shown as typed, open, beside the status.
    store = Store.open(load_plan(ROOT / "targets.yaml"), editing_database)
    store.save_text(FTE, "Twee <b>vacatures</b> *open*", "Werving via de hogeschool", "anna")
    store.approve_texts([(FTE, store.text_layers()[FTE]["version"])], "bob")
    store.engine.dispose()
    page.goto(f"{url}/agendapunten?jaar=2014&agendapunt=1")
    wait_for_app(page)
    shown = page.locator(".hjk-texts").filter(has_text="Werving via de hogeschool")
    shown.wait_for(timeout=30000)
    text = shown.inner_text()
    assert "Toelichting: Twee <b>vacatures</b> *open*" in text  # as typed, nothing run
    assert "Maatregelen: Werving via de hogeschool" in text
    shown.scroll_into_view_if_needed()
    screenshot(page, "since-agenda-text.png")
    assert app_exceptions(page) == []
