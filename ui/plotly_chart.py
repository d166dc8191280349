"""Plotly charts on the page, drawn with Plotly's cartesian bundle instead of st.plotly_chart.

st.plotly_chart loads Streamlit's full Plotly bundle (4.7 MB); compiling it is most of the
time a chart page takes to appear. This element (a Streamlit v2 component in the page itself,
not an iframe) loads `static/plotly-cartesian-<version>.min.js` (1.5 MB, the trace types our
charts use) once per page view and draws the figure's JSON as it is: the same figure the
downloads export. Measured in bench/README.md ("Charts with Plotly's cartesian bundle").
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

STATIC = Path(__file__).resolve().parent.parent / "static"
# The browser's Plotly: no toolbar (the download buttons below a chart do better), the chart as
# wide as its column, its tips in Dutch (the locale plotly_chart.js registers).
CONFIG = {"displayModeBar": False, "responsive": True, "locale": "nl"}
FAILED = (
    "De grafiek kon niet worden geladen. De cijfers staan in het tekstalternatief eronder; "
    "laad de pagina opnieuw om het nog eens te proberen."
)
CLASS = "hjk-chart"  # the drawn chart's box, for the page's style and the browser tests
ELEMENT = "hjk_plotly_chart"  # the element's name in the page's messages


def bundle() -> Path:
    """The Plotly bundle in static/: exactly one, its version in its name."""
    found = sorted(STATIC.glob("plotly-cartesian-*.min.js"))
    if len(found) != 1:
        raise FileNotFoundError(
            f"{STATIC}: expected one plotly-cartesian-<version>.min.js, found {len(found)}"
        )
    return found[0]


def bundle_url() -> str:
    """Where Streamlit serves the bundle, under the server's base path if it has one."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return "/".join(["", *([base] if base else []), "app", "static", bundle().name])


_FAILED_STYLE = (
    f".{CLASS}-failed {{ border-left: 4px solid #b45309; padding: 0.5rem 1rem; margin: 0; }}"
)
_JS = Path(__file__).with_name("plotly_chart.js").read_text(encoding="utf-8")
_element = None


def draw(fig: go.Figure, label: str, key: str) -> None:
    """The figure as a chart as wide as its column; `label` names it for screen readers."""
    global _element
    if _element is None:  # registered on first use: the URL needs the server's options
        _element = st.components.v2.component(
            ELEMENT,
            js=_JS.replace("__BUNDLE__", bundle_url()),
            css=f".{CLASS} {{ width: 100%; }} {_FAILED_STYLE}",
            isolate_styles=False,  # Plotly puts its styles in the document's head
        )
    data = {"figure": _figure_json(fig), "label": label, "config": CONFIG, "failed": FAILED}
    _element(data=data, key=key, width="stretch")


def _figure_json(fig: go.Figure) -> str:
    """The figure as JSON, made once per figure and kept on it. The chart pages draw figures
    shared by every visitor of a view (ui/context.py `shared`: pages only read them), and turning
    one into JSON takes 10-15 ms (Plotly copies it first), on every rerun."""
    made = getattr(fig, "_hjk_json", None)
    if made is None:
        made = fig._hjk_json = fig.to_json()  # a private name: Plotly lets it through
    return made
