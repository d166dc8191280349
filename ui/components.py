"""Small building blocks every page uses: notices, status badges, charts with text alternatives."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib import fmt
from lib.charts.export import (
    INSTALL_HINT,
    MIME_TYPES,
    Exporter,
    default_exporter,
    export_figure,
    figure_title,
    file_name,
    find_chromium,
)
from lib.figures.actuals import Actuals
from lib.problems import ValidationFailed
from lib.views.html_table import STATUS_TEXT_COLOUR, html_table, status_fill
from lib.views.html_text import block, note_lines
from ui import context, links, plotly_chart

# What every page needs besides its content: the house styles (HTML tables, readable greyed-out
# filters and captions) and the language, since Streamlit writes lang="en" on the page and this
# app is Dutch (WCAG 3.1.1). The empty span matters: st.html sends content with nothing but
# script or style elements elsewhere, unexecuted.
_PAGE_HEAD = """
<span hidden></span>
<style>
  .hjk-table-wrap { overflow-x: auto; margin-bottom: 1rem; }
  .hjk-table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  .hjk-table caption { caption-side: top; text-align: left; color: #4d4d4d; padding: 0 0 0.25rem; }
  .hjk-table th, .hjk-table td {
    border: 1px solid #d9d9d9; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top;
  }
  .hjk-table thead th { background: #f0f2f6; }
  .hjk-table td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  /* The overview: status as narrow as its word, the reason wrapped beside it, no sideways scroll. */
  /* Narrow enough to fit beside the sidebar on a 1366-pixel laptop screen without scrolling. */
  .hjk-table .hjk-name { min-width: 8em; }
  .hjk-table .hjk-why { min-width: 11em; font-size: 0.85rem; }
  .hjk-table .hjk-spark-cell, .hjk-overview td:nth-child(2) { width: 1%; }
  /* The editors' texts in a table cell at the cell's size, like the reason above them: at the
     page's 16 px they widened the column until the overview scrolled sideways. */
  .hjk-table .hjk-texts p, .hjk-table p.hjk-texts { font-size: inherit; overflow-wrap: anywhere; }
  .hjk-table .hjk-calc summary { cursor: pointer; color: #4d4d4d; }
  .hjk-table .hjk-calc[open] summary { margin-bottom: 0.15rem; }
  /* Keyboard focus seen where Streamlit shows it faintly or not at all (WCAG 2.4.7): the
     page links (a background 1.1:1 against the sidebar) and a table's toolbar (hidden while a
     button in it had the focus). */
  [data-testid="stSidebarNav"] a:focus-visible { outline: 2px solid #0072B2; outline-offset: 1px; }
  [data-testid="stElementToolbar"]:focus-within { opacity: 1 !important; }
  /* A filter greyed out on a page keeps a readable label: it still says what is chosen. */
  [class*="st-key-filter_"] [data-testid="stMarkdownContainer"] p {
    color: #4d4d4d !important;
    opacity: 1 !important;
  }
  /* Headings and notes written as HTML around the charts (lib/views/html_text.py), drawn as
     Streamlit draws its own headers and captions. */
  .hjk-text h2 { font-size: 2.25rem; font-weight: 600; line-height: 1.2; margin: 0; padding: 1rem 0 0.25rem; }
  .hjk-text h3, .hjk-text h2.hjk-sub { font-size: 1.75rem; font-weight: 600; line-height: 1.2; margin: 0; padding: 0.75rem 0 0.5rem; }
  .hjk-text p { margin: 0 0 0.25rem; }
  .hjk-text .hjk-note { font-size: 0.875rem; color: #4d4d4d; }
  .hjk-doc h3 { font-size: 1.5rem; padding: 1rem 0 0.25rem; }
  .hjk-doc h4 { font-size: 1.25rem; font-weight: 600; margin: 0; padding: 0.75rem 0 0.25rem; }
  .hjk-doc p, .hjk-doc ul, .hjk-doc ol { margin: 0 0 0.75rem; }
  .hjk-doc table { border-collapse: collapse; margin: 0 0 1rem; font-size: 0.9rem; }
  .hjk-doc th, .hjk-doc td { border: 1px solid #d9d9d9; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
  .hjk-doc thead th { background: #f0f2f6; }
  /* The overview's since-block, actions line and agenda tiles (lib/views/overview_html.py),
     drawn like Streamlit's bordered containers and columns. */
  .hjk-box { border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 1rem; }
  .hjk-box p:last-child, .hjk-actions p:last-child { margin-bottom: 0; }
  .hjk-since, .hjk-actions { margin-bottom: 1rem; }
  .hjk-actions ul { margin: 0.25rem 0 0.5rem; }
  .hjk-tiles { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; margin-bottom: 1rem; }
  @media (max-width: 640px) { .hjk-tiles { grid-template-columns: 1fr; } }
  .hjk-tile .hjk-counts { line-height: 1.9; }
  .hjk-link { color: #0054a6; text-decoration: underline; }
  .hjk-link:hover { color: #003d7a; }
  .hjk-badge { padding: 0.05rem 0.35rem; border-radius: 0.25rem; white-space: nowrap; }
  /* Streamlit draws captions at 60% opacity (about 3.8:1); WCAG AA asks 4.5:1 for small text. */
  [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
    color: #4d4d4d !important;
    opacity: 1 !important;
  }
</style>
<script>
  const root = document.documentElement;
  const setLang = () => { if (root.lang !== "nl") root.lang = "nl"; };
  setLang();
  new MutationObserver(setLang).observe(root, {attributes: true, attributeFilter: ["lang"]});
</script>
<script>
  // A popover (the filters, a chart's downloads) draws its content at the end of the page, so
  // Tab from its button would skip it: when one opens from the keyboard focus, the focus moves
  // to its first control (WCAG 2.4.3). Only the overlay layer is watched, not the whole page.
  (() => {
    if (window.__hjkPopoverFocus) return;
    window.__hjkPopoverFocus = true;
    const FOCUSABLE = 'input:not([disabled]), button:not([disabled]), a[href], [tabindex="0"]';
    // The body may fill in later than the popover opens (a slow laptop, a busy server): wait
    // for its first control up to five seconds, unless the focus has moved on meanwhile.
    const focusInside = (body, trigger) => {
      const moveTo = () => {
        const first = body.querySelector(FOCUSABLE);
        const still = document.activeElement === trigger || document.activeElement === document.body;
        if (first && still) first.focus();
        return first !== null || !still;
      };
      if (moveTo()) return;
      const wait = new MutationObserver(() => { if (moveTo()) wait.disconnect(); });
      wait.observe(body, {childList: true, subtree: true});
      setTimeout(() => wait.disconnect(), 5000);
    };
    const opened = (records) => {
      const trigger = document.activeElement;
      if (!trigger || !trigger.closest('[data-testid="stPopover"]')) return;
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          const body = node.matches('[data-testid="stPopoverBody"]')
            ? node : node.querySelector('[data-testid="stPopoverBody"]');
          if (body) return focusInside(body, trigger);
        }
      }
    };
    const watch = () => {
      const layer = document.getElementById("stFloatingOverlayPortal");
      if (!layer) return false;
      new MutationObserver(opened).observe(layer, {childList: true, subtree: true});
      return true;
    };
    if (!watch()) {
      const wait = new MutationObserver(() => { if (watch()) wait.disconnect(); });
      wait.observe(document.body, {childList: true});
    }
  })();
</script>
"""


# Streamlit's own English words in Dutch (see the file): part of the head block, so every page,
# every dialog and every widget Streamlit draws later gets them.
_DUTCH = (Path(__file__).with_name("dutch.js")).read_text(encoding="utf-8")


def page_head() -> None:
    st.html(
        f"{_PAGE_HEAD}<script>\n{_DUTCH}\n{links.SCRIPT}</script>", unsafe_allow_javascript=True
    )


def show_problems(exc: ValidationFailed, what: str) -> None:
    lines = "\n".join(f"- {p}" for p in exc.problems)
    st.error(
        f"**{what} bevat fouten; het dashboard toont niets tot ze zijn hersteld.**\n\n{lines}",
        icon=":material/error:",
    )


def example_notice(actuals: Actuals) -> None:
    if actuals.meta.is_example:
        when = (
            fmt.long_date(actuals.meta.reporting_date)
            if actuals.meta.reporting_date
            else "onbekend"
        )
        st.warning(
            "**Voorbeeldgegevens.** De cijfers, toelichtingen en vergaderingen op dit scherm zijn "
            "verzonnen om het dashboard te tonen; het zijn geen resultaten van de gemeente. Ze "
            f"beschrijven een denkbeeldige stand op {when}.",
            icon=":material/info:",
        )


CONCEPT_NOTICE = "**Inclusief conceptcijfers.**"


def concept_notice(include_concept: bool) -> None:
    """Said on every page while concept figures are counted (the sidebar switch is on)."""
    if include_concept:
        st.warning(
            f"{CONCEPT_NOTICE} De cijfers op dit scherm tellen ook conceptcijfers mee: ingevoerd "
            "maar nog niet vastgesteld door een tweede redacteur. Zet de schakelaar "
            "'Conceptcijfers meetellen' in de zijbalk uit voor alleen vastgestelde cijfers.",
            icon=":material/edit_note:",
        )


@st.cache_resource(show_spinner=False)
def exporter() -> Exporter:
    """The process's chart exporter: its kaleido server starts on the first download only."""
    return default_exporter()


@st.cache_resource(show_spinner=False, ttl=600)
def export_available() -> bool:
    return find_chromium() is not None


def download_buttons(fig: go.Figure, key: str) -> None:
    """PNG (2400 px wide), SVG and PDF of the chart, made only when asked for."""
    ctx = context.current()
    title = figure_title(fig)
    with st.popover("Downloaden", icon=":material/download:", key=f"{key}_download"):
        if not export_available():
            st.warning(INSTALL_HINT, icon=":material/warning:")
            return
        st.caption("Met titel, bron, peildatum en exportdatum; PNG is 2400 pixels breed.")
        source = ctx.source_line()
        for fmt_name, label in (
            ("png", "PNG (afbeelding)"),
            ("svg", "SVG (schaalbaar)"),
            ("pdf", "PDF"),
        ):
            st.download_button(
                label,
                data=partial(export_figure, fig, fmt_name, source, None, exporter()),
                file_name=file_name(title, fmt_name, ctx.as_of),
                mime=MIME_TYPES[fmt_name],
                on_click="ignore",
                key=f"{key}_{fmt_name}",
                icon=":material/image:" if fmt_name != "pdf" else ":material/picture_as_pdf:",
            )


def report_buttons(since=None) -> None:
    """The whole progress report for the chosen year (ui/report_download.py); with `since`, the
    vergaderstuk with the changed figures and status moves since that date in its summary."""
    from ui.report_download import report_buttons as buttons

    buttons(exporter(), export_available(), since)


def chart(fig: go.Figure, description: str, key: str) -> None:
    """A chart with download buttons, its source line and its text alternative under it."""
    plotly_chart.draw(fig, figure_title(fig), key)
    download_buttons(fig, key)
    text(block(note_lines(context.current().source_line(), ("Tekstalternatief", description))))


def text(markup: str) -> None:
    """Headings and notes made by lib/views/html_text.py, drawn as one element."""
    st.html(markup)


def table(
    frame: pd.DataFrame,
    caption: str,
    *,
    index: bool = False,
    status_column: str | None = None,
    **options,
) -> None:
    """A small table as plain HTML (see lib/views/html_table.py); the page's style block styles it.

    `options`: html_table's column_classes and table_class.
    """
    st.html(html_table(frame, caption, index=index, status_column=status_column, **options))


def shared_table(
    what: str, build: Callable[[], pd.DataFrame], caption: str, empty: str, *key, **options
) -> None:
    """`table` of what `build` makes, or `empty` in words; its HTML made once per view of the
    page and shared (context.shared). `key`: what `build` reads besides the plan, the figures
    (their version holds the database's revision and whether concepts count) and the peildatum.
    """

    def made() -> str | None:
        frame = build()
        return None if frame.empty else html_table(frame, caption, **options)

    html = context.shared(context.current(), what, made, *key)
    if html is None:
        st.markdown(empty)
    else:
        st.html(html)


def status_styler(frame: pd.DataFrame, column: str = "Status"):
    """Colour the status column (the word and icon are in the cell text already)."""

    def colour(value: str) -> str:
        fill = status_fill(value)
        return f"background-color: {fill}; color: {STATUS_TEXT_COLOUR}" if fill else ""

    return frame.style.map(colour, subset=[column])
