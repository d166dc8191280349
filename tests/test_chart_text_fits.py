"""Every text of every report chart inside its image, drawn in Chromium as the report draws it.

The report's charts are drawn 1,200 pixels wide with larger fonts (lib/charts/presentation.py) in
the server's own font (DejaVu Sans on a Debian server, wider than the browser's Source Sans).
Estimated widths said the labels fit; drawn, 'peildatum 1 oktober 2014' ran off the image's
edge and '9 maanden over de deadline' was cut off at the plot's edge. Here the same specs are
drawn by Plotly's cartesian bundle (static/) in Debian's Chromium and every text is measured.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from lib.charts.export import find_chromium
from lib.charts.presentation import presentation_spec
from lib.report.model import build_report
from lib.store.store import Store
from support.chromium import CHROMIUM_ARGS
from tests.conftest import ROOT

needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="Chromium niet gevonden: het meten van grafiektekst overgeslagen (installeer met 'apt-get install chromium')",
)

PLOTLY = next((ROOT / "static").glob("plotly-cartesian-*.min.js"))

# For each text: its box against the image and, for a label of a text trace (clipped at the
# plot's edge), against the plot area.
MEASURE = """async (spec) => {
  const el = document.getElementById('chart');
  Plotly.purge(el);
  await Plotly.newPlot(el, spec.data, spec.layout, {staticPlot: true});
  const image = el.querySelector('.main-svg').getBoundingClientRect();
  const size = el._fullLayout._size;
  const plotRight = image.left + size.l + size.w;
  const out = [];
  for (const text of el.querySelectorAll('.main-svg text')) {
    const box = text.getBoundingClientRect();
    if (!box.width) continue;
    const label = text.closest('.textpoint') !== null;
    if (box.left < image.left - 1 || box.right > image.right + 1
        || (label && box.right > plotRight + 1)) {
      out.push([text.textContent, Math.round(box.right - image.left), Math.round(image.width)]);
    }
  }
  return out;
}"""


@needs_chromium
def test_every_report_chart_keeps_its_texts_inside_the_image(plan, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    actuals = Store.open(plan, f"sqlite:///{tmp_path / 'db.sqlite3'}").read_actuals()
    report = build_report(plan, actuals, date(2014, 10, 1), 2014)
    charts = report.all_charts()
    assert any(c.key.startswith("milestones") for c in charts)
    outside = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content('<div id="chart"></div>')
            page.add_script_tag(content=PLOTLY.read_text(encoding="utf-8"))
            for chart in charts:
                spec = json.loads(json.dumps(presentation_spec(chart.figure), default=str))
                if found := page.evaluate(MEASURE, spec):
                    outside[chart.key] = found
        finally:
            browser.close()
    assert outside == {}
