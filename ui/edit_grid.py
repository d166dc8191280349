"""The editing grid's columns, fitted to a 1,366-pixel laptop screen beside the sidebar (about
900 pixels for the grid): a choice of views, each of which fits without scrolling sideways, so
teldatum, bron and opmerking are one named click away instead of past the grid's right edge.

Switching views keeps what was typed: a keyed data editor with fixed rows keeps its identity
whatever its column order (Streamlit bases it on the key and the data's shape).
"""

from __future__ import annotations

import streamlit as st

from lib.store.edit_table import SUM_COLUMN

TARGET_VIEW = "Waarde en doel"
ORIGIN_VIEW = "Teldatum, bron en opmerking"
ALL_VIEW = "Alle kolommen (schuift opzij)"
VIEWS = {
    TARGET_VIEW: ["Indicator", "Jaar", "Wijk", "Doel", "Waarde", "Status", SUM_COLUMN],
    ORIGIN_VIEW: ["Indicator", "Jaar", "Wijk", "Waarde", "Teldatum", "Bron", "Opmerking"],
    ALL_VIEW: [
        "Indicator", "Jaar", "Wijk", "Doel", "Waarde", SUM_COLUMN, "Status", "Teldatum", "Bron",
        "Opmerking", "Invullen als",
    ],
}  # fmt: skip
# Pixels per column: the first view's add up to 870, the second's to 870.
WIDTHS = {
    "Indicator": 230,
    "Jaar": 50,
    "Wijk": 100,
    "Doel": 140,
    "Waarde": 100,
    "Status": 130,  # "concept: verwijderen" whole
    SUM_COLUMN: 120,
    "Teldatum": 100,
    "Bron": 140,
    "Opmerking": 140,
    "Invullen als": 200,
}


def grid_view() -> list[str]:
    """The view chosen above the grid: its column order."""
    view = st.radio(
        "Kolommen in de tabel",
        list(VIEWS),
        horizontal=True,
        key="edit_grid_view",
    )
    return VIEWS[view]


def column_config() -> dict:
    """Widths, number formats and help of the grid's columns (the same in every view)."""
    text = st.column_config.TextColumn
    config = {name: text(width=width) for name, width in WIDTHS.items()}
    config["Jaar"] = st.column_config.NumberColumn(width=WIDTHS["Jaar"], format="%d")
    config["Waarde"] = text(width=WIDTHS["Waarde"], help="Getal, datum (JJJJ-MM-DD), ja of nee")
    config[SUM_COLUMN] = text(
        width=WIDTHS[SUM_COLUMN], help="Bij een stadscijfer: de som van de wijkcijfers nu"
    )
    config["Teldatum"] = text(width=WIDTHS["Teldatum"], help="Datum van de telling, JJJJ-MM-DD")
    return config
