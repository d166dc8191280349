"""Gegevens bijwerken: editors bring the figures up to date; everyone sees them at once."""

import streamlit as st

from lib.problems import ValidationFailed
from lib.store import auth
from ui import components, context, edit_sections, editing, meeting_sections


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
    editor = editing.login(config)
    if editor is None:
        return
    store = context.store(ctx.plan)
    editing.show_flash()
    closed = sorted(store.closed_years())
    if closed:
        st.caption(f"Afgesloten jaren (niet te wijzigen): {', '.join(map(str, closed))}.")
    grid, upload, approve, history, years, texts, meetings = st.tabs(
        [
            "Cijfers bewerken",
            "Importeren uit Excel",
            "Vaststellen",
            "Geschiedenis",
            "Jaren afsluiten",
            "Toelichting en maatregelen",
            "Vergaderingen",
        ]
    )
    with grid:
        editing.grid_section(ctx, store, editor)
    with upload:
        edit_sections.import_section(ctx, store, editor)
    with approve:
        edit_sections.approve_section(ctx, store, editor)
    with history:
        edit_sections.history_section(ctx, store, editor)
    with years:
        edit_sections.years_section(ctx, store, editor)
    with texts:
        meeting_sections.texts_section(ctx, store, editor)
    with meetings:
        meeting_sections.meetings_section(ctx, store, editor)


render()
