"""Over de cijfers: sources, the methodology in plain Dutch, every figure's history, accessibility."""

from pathlib import Path

import streamlit as st

from lib import fmt
from lib.plan.load import methodology_path
from lib.views.html_text import document
from lib.views.html_text import escape_markdown as md
from lib.views.plan_text import methodology, plan_line
from lib.views.tables import figures_table
from lib.views.worked import fill_worked
from ui import components, context

METHODOLOGY = Path(__file__).resolve().parent.parent / "docs" / "methodology.md"
ACCESSIBILITY = Path(__file__).resolve().parent.parent / "docs" / "toegankelijkheid.md"


def render() -> None:
    ctx = context.current()
    plan = ctx.plan.plan
    st.title("Over de cijfers")
    st.header("Waar de cijfers vandaan komen")
    st.markdown(plan_line(ctx.plan))
    st.markdown(
        f"- **Doelen:** {md(plan.source)}. Elk doel in het dashboard verwijst naar de paragraaf en de woorden van het plan.\n"
        f"- **Cijfers:** {_where_figures(ctx)}, "
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
    # Made once per view, not on every run: 21,250 rows of Dutch dates at 100x.
    table = context.shared(ctx, "figures_table", lambda: figures_table(ctx.plan, ctx.actuals.frame))
    st.dataframe(table, hide_index=True, key="about_figures")
    st.header("Hoe de status wordt bepaald")
    # The rules for every plan, then this plan's own part; sections one level below the headers.
    general = METHODOLOGY.read_text(encoding="utf-8")
    own = _own_text()  # its worked numbers filled in by the engine, at the peildatum shown
    own = own and fill_worked(own, ctx.plan, ctx.progress, ctx.as_of)
    components.text(document(methodology(ctx.plan, general, own, top=3)))
    st.header("Toegankelijkheid")
    components.text(document(ACCESSIBILITY.read_text(encoding="utf-8")))


def _where_figures(ctx: context.Context) -> str:
    """Where the figures come from, in words: a file given to the dashboard by name, else the
    dashboard's own database (its file name or address belongs in the README, not here)."""
    if context.actuals_path() is not None:
        return f"bestand *{md(ctx.actuals.file)}*"
    return "ingevoerd en vastgesteld door de redacteuren (pagina *Gegevens bijwerken*)"


def _own_text() -> str | None:
    """The plan's own text (plan.methodology in the targets file), if it names one."""
    path = methodology_path(context.current().plan, context.targets_path().parent)
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        st.warning(f"De toelichting bij dit plan ({path.name}) kan niet worden gelezen.")
        return None


render()
