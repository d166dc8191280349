"""Small building blocks every page uses: notices, status badges, charts with text alternatives."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib import fmt
from lib.actuals import Actuals
from lib.problems import ValidationFailed
from lib.status import STATUSES
from ui import context

# Streamlit's own light background tints keep dark text above WCAG AA contrast.
BADGE_COLOURS = {
    "achter": "red",
    "geen gegevens": "gray",
    "op koers": "blue",
    "behaald": "green",
    "nog niet aan de orde": "violet",
    "geen doel": "gray",
}

# Streamlit writes lang="en" on the page; this app is Dutch (WCAG 3.1.1). The empty span matters:
# st.html sends content with nothing but script or style elements elsewhere, unexecuted.
_LANG_SCRIPT = """
<span hidden></span>
<script>
  const root = document.documentElement;
  const setLang = () => { if (root.lang !== "nl") root.lang = "nl"; };
  setLang();
  new MutationObserver(setLang).observe(root, {attributes: true, attributeFilter: ["lang"]});
</script>
"""


def declare_dutch() -> None:
    st.html(_LANG_SCRIPT, unsafe_allow_javascript=True)


def badge(status: str) -> str:
    """Markdown for a status: colour, icon and word together."""
    style = STATUSES[status]
    return f":{BADGE_COLOURS[status]}-background[{style.icon} {style.word}]"


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
            f"**Voorbeeldgegevens.** De cijfers op dit scherm zijn verzonnen om het dashboard te tonen; "
            f"het zijn geen resultaten van de gemeente. Ze beschrijven een denkbeeldige stand op {when}.",
            icon=":material/info:",
        )


def chart(fig: go.Figure, description: str, key: str) -> None:
    """A chart with its source line and its text alternative right under it."""
    st.plotly_chart(fig, key=key, config={"displaylogo": False, "responsive": True})
    st.caption(f"{context.current().source_line()}  \n**Tekstalternatief:** {description}")


STATUS_TEXT_COLOUR = "#000000"


def status_styler(frame: pd.DataFrame, column: str = "Status"):
    """Colour the status column (the word and icon are in the cell text already)."""
    fills = {f"{s.icon} {s.word}": s.colour for s in STATUSES.values()}

    def colour(value: str) -> str:
        fill = fills.get(value)
        return f"background-color: {fill}; color: {STATUS_TEXT_COLOUR}" if fill else ""

    return frame.style.map(colour, subset=[column])
