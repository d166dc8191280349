"""Over de cijfers: sources, the methodology in plain Dutch, every figure's history, accessibility."""

from pathlib import Path

import streamlit as st

from lib import fmt
from lib.views.tables import figures_table
from ui import context

METHODOLOGY = Path(__file__).resolve().parent.parent / "docs" / "methodology.md"
ACCESSIBILITY = Path(__file__).resolve().parent.parent / "docs" / "toegankelijkheid.md"


def render() -> None:
    ctx = context.current()
    plan = ctx.plan.plan
    st.title("Over de cijfers")
    st.header("Waar de cijfers vandaan komen")
    st.markdown(
        f"- **Doelen:** {plan.source}. Elk doel in het dashboard verwijst naar de paragraaf en de woorden van het plan.\n"
        f"- **Cijfers:** bestand *{ctx.actuals.file}*, "
        f"{fmt.count(len(ctx.actuals.frame), 'cijfer', 'cijfers')}"
        + (
            ", **voorbeeldgegevens** (verzonnen, geen resultaten van de gemeente)"
            if ctx.actuals.meta.is_example
            else ""
        )
        + ".\n"
        f"- **Peildatum:** {fmt.long_date(ctx.as_of)}."
    )
    st.header("Alle cijfers en wanneer ze zijn gewijzigd")
    st.dataframe(figures_table(ctx.plan, ctx.actuals.frame), hide_index=True, key="about_figures")
    st.header("Hoe de status wordt bepaald")
    # The document's own sections sit one level below this page's headers.
    st.markdown(METHODOLOGY.read_text(encoding="utf-8").replace("\n## ", "\n### "))
    st.header("Toegankelijkheid")
    st.markdown(ACCESSIBILITY.read_text(encoding="utf-8"))


render()
