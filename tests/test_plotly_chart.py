"""The chart element (ui/plotly_chart.py) and the Plotly bundle it loads (static/).

The pages draw their figures with Plotly's cartesian bundle, not Streamlit's full one. These
tests fail when that bundle could not draw what the code builds: a plotly upgrade (the figure
JSON is written for one plotly.js version), a trace type the bundle lacks, or the bundle not
being served.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import plotly
import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from lib.charts.export import figure_title
from support.charts import figures
from ui import plotly_chart

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard.py"
RUN_TIMEOUT_S = 120
# go.X( in the code that builds figures: X is a trace type unless it is one of these.
NOT_TRACES = {"Figure", "Layout"}


def _bundle_traces() -> set[str]:
    text = plotly_chart.bundle().read_text(encoding="utf-8")
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', text))


def test_the_bundle_is_the_plotly_js_version_of_the_installed_plotly():
    head = plotly_chart.bundle().read_text(encoding="utf-8")[:200]
    wanted = plotly.offline.get_plotlyjs_version()
    assert f"(cartesian - minified) v{wanted}" in head, (
        f"static/ holds {head.splitlines()[1].strip()}; plotly {plotly.__version__} writes "
        f"figures for plotly.js {wanted}: update it as static/README.md says"
    )
    assert plotly_chart.bundle().name == f"plotly-cartesian-{wanted}.min.js"


def test_the_bundle_has_every_trace_type_the_code_builds():
    have = _bundle_traces()
    assert {"bar", "scatter", "heatmap"} <= have  # the reading itself works
    used = set()
    for path in (ROOT / "lib").rglob("*.py"):
        for name in re.findall(r"\bgo\.([A-Z]\w*)\(", path.read_text(encoding="utf-8")):
            if name not in NOT_TRACES:
                used.add(name.lower())
    assert used, "no trace types found in lib/: the pattern no longer matches the code"
    assert used <= have, f"not in Plotly's cartesian bundle: {sorted(used - have)}"


@pytest.mark.parametrize("page", ["pages/agenda.py", "pages/districts.py", "pages/milestones.py"])
def test_every_chart_a_page_draws_goes_to_the_element_with_its_title(page):
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S).run()
    at.switch_page(page).run()
    assert not at.exception
    assert at.get("plotly_chart") == []  # none of Streamlit's: it would load the full bundle
    drawn = figures(at)
    assert drawn
    elements = at.get("bidi_component")
    assert len(elements) == len(drawn)
    have = _bundle_traces()
    for element, figure in zip(elements, drawn, strict=True):
        data = json.loads(element.proto.json)
        assert data["label"] == figure_title(plotly.io.from_json(data["figure"]))
        assert data["label"] and "<" not in data["label"]
        assert data["config"]["displayModeBar"] is False
        assert "opnieuw" in data["failed"]
        assert {trace.get("type", "scatter") for trace in figure["data"]} <= have


def test_the_bundle_is_served_where_the_element_asks_for_it(monkeypatch):
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["server"]["enableStaticServing"] is True
    # Streamlit serves static/ beside the main script (dashboard.py) under /app/static/.
    assert plotly_chart.STATIC == APP.parent / "static"
    name = plotly_chart.bundle().name
    assert plotly_chart.bundle_url() == f"/app/static/{name}"
    old = config.get_option("server.baseUrlPath")
    try:
        config.set_option("server.baseUrlPath", "/dashboard/")
        assert plotly_chart.bundle_url() == f"/dashboard/app/static/{name}"
    finally:
        config.set_option("server.baseUrlPath", old)


def test_a_missing_or_doubled_bundle_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(plotly_chart, "STATIC", tmp_path)
    with pytest.raises(FileNotFoundError, match="found 0"):
        plotly_chart.bundle()
    for version in ("4.1.1", "4.2.0"):
        (tmp_path / f"plotly-cartesian-{version}.min.js").write_text("", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match="found 2"):
        plotly_chart.bundle()
