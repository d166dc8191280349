"""Gegevens bijwerken: editors bring the figures up to date; everyone sees them at once."""

import streamlit as st

from lib.problems import ValidationFailed
from lib.store import auth
from ui import (
    components,
    context,
    edit_sections,
    editing,
    meeting_sections,
    steering_sections,
    todo_section,
)


def render() -> None:
    ctx = context.current()
    st.title("Gegevens bijwerken")
    st.markdown(
        "Hier werken redacteuren de cijfers bij: in de tabel, of met een Excel-bestand. Elke "
        "wijziging wordt vastgelegd (wie, wanneer, oud en nieuw) en kan worden teruggezet."
    )
    if context.actuals_path() is not None:
        st.info(
            f"Het dashboard toont nu de cijfers uit het bestand {context.actuals_path().name} "
            "(HJK_ACTUALS). Bewerken kan alleen in de database: start het dashboard zonder "
            "HJK_ACTUALS.",
            icon=":material/lock:",
        )
        return
    try:
        config = auth.editor_config()
    except ValidationFailed as exc:
        components.show_problems(exc, "Het bestand met redacteuren")
        return
    store = context.store(ctx.plan)
    editor = editing.login(config, store)
    if editor is None:
        return
    editing.show_flash()
    closed = sorted(store.closed_years())
    if closed:
        st.caption(f"Afgesloten jaren (niet te wijzigen): {', '.join(map(str, closed))}.")
    sections = {
        "Te doen": todo_section.todo_section,  # what waits for this editor, first
        "Cijfers bewerken": editing.grid_section,
        "Importeren uit Excel": edit_sections.import_section,
        "Vaststellen": edit_sections.approve_section,
        "Geschiedenis": edit_sections.history_section,
        "Jaren afsluiten": edit_sections.years_section,
        "Toelichting en maatregelen": meeting_sections.texts_section,
        "Vergaderingen": meeting_sections.meetings_section,
        "Actiepunten en besluiten": steering_sections.steering_section,
    }
    # A keyed tab bar keeps its tab over the rerun after an import, approval or restore.
    tabs = st.tabs(list(sections), key="edit_tab", on_change="rerun")
    for tab, section in zip(tabs, sections.values(), strict=True):
        with tab:
            section(ctx, store, editor)


render()
