"""Reference apps, written at run time: the fastest a Streamlit page can be for the same job.

- `bare`: one line of text. What any Streamlit page costs before it shows anything.
- `charts`: the same number of Plotly charts as a dashboard page, each of the same size, and
  nothing else. What drawing those charts costs before any work of ours.
- `own`: the same charts drawn by the dashboard's own chart element (ui/plotly_chart.py, with
  Plotly's cartesian bundle) instead of st.plotly_chart. What the page's content costs on top of
  the way it draws its charts; `charts` stays the reference of (b).
- `select`: a select box in the sidebar and a line of text that follows it. What a widget
  change costs on its own: the round trip to the server and back.
"""

from __future__ import annotations

from pathlib import Path

from bench.server import ROOT

BARE = 'import streamlit as st\n\nst.write("hallo")\n'

CHARTS = """\
import plotly.graph_objects as go
import streamlit as st

SIZES = {sizes!r}

st.set_page_config(layout="wide")
for n, (width, height) in enumerate(SIZES):
    figure = go.Figure(go.Bar(x=["a", "b", "c", "d"], y=[3, 1, 4, 1]))
    figure.update_layout(width=width, height=height, margin=dict(l=40, r=20, t=40, b=40))
    st.plotly_chart(
        figure, key=f"chart_{{n}}", width="content", config={{"displaylogo": False}}
    )
"""

OWN = """\
import sys

sys.path.insert(0, {root!r})  # the dashboard's ui/ package

import plotly.graph_objects as go
import streamlit as st

from ui.plotly_chart import draw

SIZES = {sizes!r}

st.set_page_config(layout="wide")
for n, (width, height) in enumerate(SIZES):
    figure = go.Figure(go.Bar(x=["a", "b", "c", "d"], y=[3, 1, 4, 1]))
    figure.update_layout(width=width, height=height, margin=dict(l=40, r=20, t=40, b=40))
    draw(figure, f"Grafiek {{n}}", key=f"chart_{{n}}")
"""

SELECT = """\
import streamlit as st

year = st.sidebar.selectbox("Jaar", [2012, 2013, 2014, 2015], index=2, key="year")
st.title(f"Gekozen jaar {year}")
"""


def write_bare(folder: Path) -> Path:
    return _write(folder / "bare.py", BARE)


def write_charts(folder: Path, name: str, sizes: list[tuple[int, int]]) -> Path:
    """An app drawing one bar chart per (width, height) in `sizes`, in CSS pixels."""
    return _write(folder / f"charts_{name}.py", CHARTS.format(sizes=[tuple(s) for s in sizes]))


def write_own(folder: Path, name: str, sizes: list[tuple[int, int]]) -> Path:
    """`write_charts`, the charts drawn by ui/plotly_chart.py. Streamlit serves static/ from beside
    the main script, so the app's folder gets a link to the dashboard's."""
    own = folder / "own"
    own.mkdir(parents=True, exist_ok=True)
    if not (own / "static").exists():
        (own / "static").symlink_to(ROOT / "static", target_is_directory=True)
    text = OWN.format(root=str(ROOT), sizes=[tuple(s) for s in sizes])
    return _write(own / f"charts_{name}.py", text)


def write_select(folder: Path) -> Path:
    return _write(folder / "select.py", SELECT)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
