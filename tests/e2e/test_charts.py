"""Charts in the browser: drawn by Plotly's cartesian bundle (ui/plotly_chart.py), readable for
screen readers, following their column's width, and saying so in Dutch when they cannot load."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from helpers import CHARTS, app_exceptions, screenshot, wait_for_app, wait_for_charts

if TYPE_CHECKING:
    from playwright.sync_api import Page

BUNDLE = re.compile(r"/app/static/plotly-cartesian-[\d.]+\.min\.js$")


def _open(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.locator(CHARTS).first.wait_for(state="visible", timeout=30000)
    wait_for_charts(page)


def test_charts_are_drawn_with_the_cartesian_bundle_only(page: Page, app_server: str) -> None:
    responses = []
    page.on("response", lambda r: responses.append((r.url, r.status, r.headers)))
    _open(page, app_server + "/agendapunten")
    bundle = [(url, status, headers) for url, status, headers in responses if BUNDLE.search(url)]
    assert len(bundle) == 1  # once per page view, however many charts
    url, status, headers = bundle[0]
    assert status == 200 and "javascript" in headers["content-type"]
    # Streamlit's own Plotly element (and its 4.7 MB bundle) is never loaded.
    assert not [url for url, _, _ in responses if "PlotlyChart" in url]
    charts = page.locator(".hjk-chart")
    assert charts.count() >= 2
    for n in range(charts.count()):
        chart = charts.nth(n)
        assert chart.get_attribute("role") == "img"
        label = chart.get_attribute("aria-label")
        # Named as the chart names itself: its title, without the subtitle (the SVG's title
        # has a line per tspan, so spaces are left out of the comparison).
        title = chart.locator(".gtitle").first.text_content()
        assert label and "".join(title.split()).startswith("".join(label.split()))
        assert chart.locator(".main-svg").first.bounding_box()["width"] > 600
    assert app_exceptions(page) == []


def _hover_tallest_bar(page: Page, chart: int) -> str:
    """The hover text of the tallest bar of the page's `chart`-th chart (a year with no figure
    draws none). Plotly listens on a layer above the bars, so the mouse goes to the bar's place
    rather than to its element."""
    box_of_chart = page.locator(".hjk-chart").nth(chart)
    box_of_chart.scroll_into_view_if_needed()
    bars = box_of_chart.locator(".barlayer .point path")
    boxes = [bars.nth(n).bounding_box() for n in range(bars.count())]
    box = max((b for b in boxes if b), key=lambda b: b["height"])
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = box_of_chart.locator(".hoverlayer .hovertext").first
    tip.wait_for(state="visible", timeout=5000)
    return tip.text_content()


def test_a_bar_shows_its_value_on_hover_in_dutch(page: Page, app_server: str) -> None:
    _open(page, app_server + "/agendapunten")
    # A count without a decimal that is zero ("26,0 groepen" until 30 November 2026); FTE with
    # the Dutch decimal comma.
    assert re.search(r"2014: \d+ groepen$", _hover_tallest_bar(page, 0))
    page.mouse.move(0, 0)
    assert re.search(r"2014: \d+,\d FTE$", _hover_tallest_bar(page, 1))


def test_plotlys_own_tips_are_dutch(page: Page, app_server: str) -> None:
    from playwright.sync_api import expect

    _open(page, app_server + "/agendapunten")
    chart = page.locator(".hjk-chart").first
    chart.scroll_into_view_if_needed()
    box = chart.locator(".nsewdrag").first.bounding_box()
    x, y = box["x"] + 50, box["y"] + 30
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 200, y + 100, steps=5)  # a zoom
    page.mouse.up()
    # Each tip right after what shows it: Plotly fades a tip out after a few seconds, so on a
    # busy machine the first may be gone before the second comes.
    tips = page.locator(".notifier-note")
    expect(tips.filter(has_text="Dubbelklik om weer uit te zoomen")).to_have_count(1)
    chart.locator(".legendtoggle").first.click()
    expect(tips.filter(has_text="Dubbelklik op de legenda")).to_have_count(1)
    expect(tips.filter(has_text="Double-click")).to_have_count(0)


def test_a_chart_follows_its_column_when_the_sidebar_closes(page: Page, app_server: str) -> None:
    _open(page, app_server + "/mijlpalen")
    svg = page.locator(".hjk-chart .main-svg").first
    before = svg.bounding_box()["width"]
    page.locator('[data-testid="stSidebarHeader"]').hover()
    page.locator('[data-testid="stSidebarCollapseButton"] button').click()
    page.wait_for_function(
        f"() => document.querySelector('.hjk-chart .main-svg').getBoundingClientRect().width"
        f" > {before + 100}",
        timeout=10000,
    )


def test_a_chart_that_cannot_load_says_so_in_dutch(page: Page, app_server: str) -> None:
    page.route(BUNDLE, lambda route: route.abort())
    page.goto(app_server + "/agendapunten")
    wait_for_app(page)
    failed = page.locator(".hjk-chart-failed").first
    failed.wait_for(state="visible", timeout=30000)
    assert failed.inner_text().startswith("De grafiek kon niet worden geladen.")
    assert "tekstalternatief" in failed.inner_text()
    failed.scroll_into_view_if_needed()
    screenshot(page, "chart_failed.png")


def test_a_figure_plotly_cannot_draw_says_so_too(page: Page, app_server: str) -> None:
    # A stand-in bundle whose Plotly refuses every figure.
    refuse = (
        "window.Plotly = {register() {}, react: () => Promise.reject(new Error('x')), purge() {}};"
    )
    page.route(
        BUNDLE,
        lambda route: route.fulfill(body=refuse, content_type="text/javascript", status=200),
    )
    page.goto(app_server + "/mijlpalen")
    wait_for_app(page)
    failed = page.locator(".hjk-chart-failed").first
    failed.wait_for(state="visible", timeout=30000)
    assert failed.inner_text().startswith("De grafiek kon niet worden geladen.")
    assert page.locator(".hjk-chart").first.get_attribute("role") is None
