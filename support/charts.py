"""The page's Plotly charts, as the tests and the benchmark look for them.

The dashboard draws its charts with its own element (ui/plotly_chart.py); the benchmark's
reference apps use Streamlit's st.plotly_chart. Both are found the same way here.
"""

from __future__ import annotations

import json
from typing import Any

from ui.plotly_chart import CLASS, ELEMENT

# A chart's box in the browser; once drawn, Plotly's `.main-svg` is inside it.
SELECTOR = f'[data-testid="stPlotlyChart"], .{CLASS}'


def figures(at: Any) -> list[dict]:
    """The figures (Plotly JSON) a script run drew, in page order, from an AppTest."""
    drawn = []
    for element in at.get("bidi_component"):
        if element.proto.component_name == ELEMENT:
            drawn.append(json.loads(json.loads(element.proto.json)["figure"]))
    drawn += [json.loads(element.proto.spec) for element in at.get("plotly_chart")]
    return drawn
