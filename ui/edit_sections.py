"""The other tabs of Gegevens bijwerken: import, approve (four eyes), history and restore, years.

Each function draws one tab for a logged-in editor; the work is done by lib/store/imports.py,
lib/store/workbook.py and lib/store/store.py.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from lib import fmt
from lib.accounts.identity import same_editor
from lib.figures.entry import figure_keys
from lib.figures.history import describe_value
from lib.problems import ValidationFailed
from lib.store import auth
from lib.store.edit_table import (
    concepts_table,
    figure_label,
    history_sheet,
    preview_table,
)
from lib.store.imports import ImportPreview, apply_import, preview_import
from lib.store.store import Conflict, Store
from lib.store.upload import LIMITS_TEXT, MAX_FILE_MB
from lib.store.workbook import table_xlsx, template_workbook
from lib.views.history_view import (
    ONE_FIGURE_COLUMNS,
    SCREEN_COLUMNS,
    restore_labels,
    screen_table,
)
from lib.views.html_text import escape_markdown
from ui.context import Context
from ui.editing import doubts, flash, reload_grid, show_error
from ui.meeting_sections import text_preview

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _done(message: str) -> None:
    reload_grid()
    flash(message)
    st.rerun()


def import_section(ctx: Context, store: Store, editor: str) -> None:
    st.markdown(
        "Download het sjabloon, vul de cijfers in en upload het weer (of een CSV met de kolommen "
        "van het sjabloon: Indicator-id, Jaar, Wijk-id en Waarde, en zo nodig Teldatum, Bron, "
        "Opmerking, Toelichting en Maatregelen). U ziet eerst precies wat er verandert."
    )
    st.download_button(
        "Excel-sjabloon downloaden",
        data=partial(template_workbook, ctx.plan, store),
        file_name=fmt.file_name(f"Cijfers invullen {ctx.plan.plan.title}.xlsx"),
        mime=XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
        key="edit_template",
    )
    nonce = st.session_state.get("edit_upload_nonce", 0)
    upload = st.file_uploader(
        "Ingevuld sjabloon of CSV uploaden",
        type=["xlsx", "csv"],
        key=f"edit_upload_{nonce}",
        max_upload_size=MAX_FILE_MB,
    )
    st.caption(LIMITS_TEXT)
    if upload is None:
        return
    # The preview as the editor saw it, kept over reruns: 'Importeren' saves with the versions
    # it was made with, so a concept another editor saved since is a conflict, not overwritten.
    preview = _as_seen(
        "edit_import_preview",
        (upload.file_id, ctx.as_of),
        lambda: preview_import(upload.getvalue(), upload.name, store, ctx.as_of),
    )
    _show_preview(ctx, preview)
    only_valid = False
    if preview.problems and not preview.refused:  # a refused file has no valid rows to keep
        only_valid = st.checkbox(
            "Alleen geldige rijen importeren (de rijen met fouten worden overgeslagen)",
            key="edit_only_valid",
        )
    allowed = bool(preview.changes or preview.text_changes) and (preview.valid or only_valid)
    if st.button("Importeren", key="edit_import", type="primary", disabled=not allowed):
        try:
            changed = apply_import(preview, store, editor, only_valid=only_valid)
        except (ValidationFailed, Conflict) as exc:
            show_error(exc)
            return
        st.session_state["edit_upload_nonce"] = nonce + 1
        st.session_state.pop("edit_import_preview", None)
        what = fmt.saved(changed, bool(preview.text_changes))
        _done(f"{what} geïmporteerd als concept uit {upload.name}.")


def _as_seen(name: str, made_from: tuple, make):
    """What `make()` gave when the editor first saw it, kept in the session over reruns until
    `made_from` changes (a preview or a plan the editor confirms, with the versions it showed)."""
    kept = st.session_state.get(name)
    if kept is None or kept[0] != made_from:
        kept = (made_from, make())
        st.session_state[name] = kept
    return kept[1]


def _show_preview(ctx: Context, preview: ImportPreview) -> None:
    if preview.refused:  # no rows were read: counting them would say they were fine
        lines = "\n".join(f"- {p}" for p in preview.problems)
        st.error(
            f"**{preview.file} is niet ingelezen; er is niets veranderd.** Herstel het bestand "
            f"en upload het opnieuw.\n\n{lines}",
            icon=":material/error:",
        )
        return
    st.markdown(f"{preview.summary}.")
    if preview.problems:
        lines = "\n".join(f"- {escape_markdown(str(p))}" for p in preview.problems)
        file = escape_markdown(preview.file)  # the upload's name and cells, as typed
        st.error(f"**Fouten in {file}:**\n\n{lines}", icon=":material/error:")
    if preview.changes:
        doubts([c.doubt for c in preview.changes])
        st.dataframe(
            preview_table(ctx.plan, preview.changes),
            hide_index=True,
            key="edit_preview",
        )
    text_preview(ctx, preview)  # the editors' texts in the upload (ui/meeting_sections.py)


def approve_section(ctx: Context, store: Store, editor: str) -> None:
    layers, versions, entered = store.layers()
    table = concepts_table(ctx.plan, layers, entered)
    if table.empty:
        texts = sum(1 for slot in store.text_layers().values() if slot["concept"])
        also = (  # never only "no concepts" while a text waits (the sidebar counts it too)
            f" Wel {'wacht' if texts == 1 else 'wachten'} "
            f"{fmt.count(texts, 'toelichting', 'toelichtingen')} op vaststelling: zie *Te doen*."
            if texts
            else ""
        )
        st.info(f"Er wachten geen conceptcijfers.{also}", icon=":material/task_alt:")
        return
    st.markdown(
        f"{fmt.waiting_concepts(len(table))}. Een conceptcijfer telt pas mee als een "
        "**tweede** redacteur het vaststelt; cijfers die u zelf invoerde kunt u niet vaststellen. "
        "Klopt een cijfer niet, wijs het dan af met een reden: die komt in de geschiedenis."
    )
    doubts(table["Controleer"], "Controleer", "vaststellen")
    st.dataframe(table, hide_index=True, key="edit_concepts")
    notes = sorted({n for n in table["Let op"] if n})
    if notes:
        lines = "\n".join(f"- {n}" for n in notes)
        st.warning(f"**Stad en wijken kloppen niet:**\n\n{lines}", icon=":material/functions:")
    # The versions this editor is looking at: a concept changed since is refused, not approved.
    seen = st.session_state.get("edit_approve_seen", versions)
    st.session_state["edit_approve_seen"] = versions
    mine = {k for k, v in entered.items() if same_editor(v["by"], editor)}
    options = [k for k, slot in sorted(layers.items()) if slot.concept and k not in mine]
    # The concepts on screen when a button was pressed: one added since waits for a next look.
    shown = set(st.session_state.get("edit_approve_shown", options))
    st.session_state["edit_approve_shown"] = options
    if not options:
        st.info(
            "U heeft alle wachtende cijfers zelf ingevoerd; een andere redacteur stelt ze vast.",
            icon=":material/group:",
        )
        return
    chosen = st.multiselect(
        "Cijfers om vast te stellen of af te wijzen",
        options,
        format_func=partial(figure_label, ctx.plan),
        key="edit_approve_choice",
        placeholder="Kies cijfers",
    )
    reason = st.text_input(
        "Reden van afwijzen (komt in de geschiedenis)", key="edit_reject_reason", max_chars=500
    )
    items = [(k, seen.get(k, versions[k])) for k in chosen]
    left, middle, right = st.columns(3)
    if left.button("Gekozen cijfers vaststellen", key="edit_approve", disabled=not chosen):
        _review(store.approve, items, editor, "vastgesteld")
    if len(options) > 1 and right.button(
        f"Alle {len(options)} vaststellen", key="edit_approve_all"
    ):
        everything = [(k, seen.get(k, versions[k])) for k in options if k in shown]
        _review(store.approve, everything, editor, "vastgesteld")
    if middle.button(
        "Gekozen cijfers afwijzen", key="edit_reject", disabled=not (chosen and reason.strip())
    ):
        _review(partial(store.reject, reason=reason), items, editor, "afgewezen")
    if chosen and not reason.strip():
        st.caption("Afwijzen kan pas met een reden.")


def _review(action, items: list, editor: str, done: str) -> None:
    try:
        count = action(items, editor)
    except (ValidationFailed, Conflict) as exc:
        show_error(exc)
        return
    st.session_state.pop("edit_approve_choice", None)
    st.session_state.pop("edit_reject_reason", None)
    _done(f"{fmt.count(count, 'cijfer', 'cijfers')} {done}.")


HISTORY_SHOWN = 500  # on the page; the download holds every change


def _history_file(ctx: Context, store: Store, key, names) -> bytes:
    table = history_sheet(ctx.plan, store.history(key), names)
    return table_xlsx(table, "Geschiedenis", example=ctx.actuals.meta.is_example)


def history_section(ctx: Context, store: Store, editor: str) -> None:
    scope = st.radio(
        "Geschiedenis van",
        ["alle cijfers", "één cijfer"],
        horizontal=True,
        key="edit_history_scope",
    )
    key = None
    if scope == "één cijfer":
        key = st.selectbox(
            "Cijfer",
            figure_keys(ctx.plan),
            format_func=partial(figure_label, ctx.plan),
            key="edit_history_figure",
        )
    frame = store.history(key, limit=HISTORY_SHOWN + 1)  # one more: is there more?
    if frame.empty:
        st.info("Voor dit cijfer is nog niets vastgelegd.", icon=":material/history:")
        return
    names = auth.editor_config().names
    if len(frame) > HISTORY_SHOWN:
        frame = frame.head(HISTORY_SHOWN)
        st.caption(
            f"De nieuwste {fmt.number(HISTORY_SHOWN)} wijzigingen; het Excel-bestand hieronder "
            "bevat de hele geschiedenis."
        )
    st.dataframe(
        screen_table(ctx.plan, frame, names),
        hide_index=True,
        key="edit_history",
        column_order=ONE_FIGURE_COLUMNS if key else SCREEN_COLUMNS,
    )
    st.download_button(
        "Hele geschiedenis downloaden (Excel)",
        data=partial(_history_file, ctx, store, key, names),  # made when asked for
        file_name=fmt.file_name(
            f"Geschiedenis {ctx.plan.plan.title} ({fmt.long_date(date.today())}).xlsx"
        ),
        mime=XLSX_MIME,
        on_click="ignore",
        icon=":material/download:",
        key="edit_history_download",
    )
    labels = restore_labels(ctx.plan, frame, names, one_figure=key is not None)
    target = st.selectbox(
        "Terugzetten naar de stand direct na een wijziging (de waarde die terugkomt)",
        list(labels),
        index=None,  # never a default: the latest change would restore nothing
        placeholder="Kies een wijziging",
        format_func=labels.__getitem__,
        key="edit_restore_to",
    )
    st.caption(
        "Terugzetten is zelf een wijziging: waarden die afwijken van de vastgestelde worden "
        "conceptcijfers, die een tweede redacteur vaststelt."
    )
    if target is not None:
        _restore_panel(ctx, store, editor, int(target), key)


def _restore_panel(ctx: Context, store: Store, editor: str, target: int, key) -> None:
    """What the restore brings back, and the confirmation (twice for every figure at once)."""
    # The plan as the editor saw it, kept over reruns: the click saves with the versions it was
    # made with, so a concept another editor saved since is a conflict, not thrown away.
    planned = _as_seen("edit_restore_plan", (target, key), lambda: store.restore_plan(target, key))
    if not planned:
        st.info(
            f"De cijfers zijn nu al zoals direct na wijziging {target}: er valt niets terug te "
            "zetten.",
            icon=":material/info:",
        )
        return
    st.markdown(f"**Terugzetten naar de stand na wijziging {target} verandert:**")
    st.dataframe(
        pd.DataFrame(
            {
                "Cijfer": [figure_label(ctx.plan, w.key) for w, _ in planned],
                "Nu": [describe_value(now.value if now else None) for _, now in planned],
                "Wordt": [describe_value(w.value) for w, _ in planned],
                "Teldatum": [fmt.long_date(w.counted_on, empty="(leeg)") for w, _ in planned],
            }
        ),
        hide_index=True,
        key="edit_restore_preview",
    )
    sure = True
    if key is None:
        sure = st.checkbox(
            f"Ja, zet {'het cijfer' if len(planned) == 1 else f'alle {len(planned)} cijfers'} "
            "hierboven in één keer terug",
            key=f"edit_restore_all_{target}",
        )
    if st.button(f"Terugzetten bevestigen ({len(planned)})", key="edit_restore", disabled=not sure):
        try:
            count = store.save([w for w, _ in planned], editor, action="restore")
        except (ValidationFailed, Conflict) as exc:
            show_error(exc)
            return
        st.session_state.pop("edit_restore_to", None)
        st.session_state.pop("edit_restore_plan", None)
        restored = fmt.count(count, "cijfer", "cijfers")
        _done(f"{restored} teruggezet naar de stand na wijziging {target}.")


def years_section(ctx: Context, store: Store, editor: str) -> None:
    st.markdown(
        "Sluit een jaar af als de cijfers definitief zijn (bijvoorbeeld na de jaarlijkse monitor). "
        "Daarna kan niemand ze wijzigen tot het jaar wordt heropend; beide worden vastgelegd."
    )
    closed = store.closed_years()
    for year in ctx.plan.plan.years:
        label, state, action = st.columns([1, 2, 2])
        label.markdown(f"**{year}**")
        state.markdown(":lock: afgesloten" if year in closed else "open")
        verb = "Heropenen" if year in closed else "Afsluiten"
        # Keyed by what it does: a click on 'Afsluiten' after another editor closed the year
        # meets a 'Heropenen' button and does nothing (it reopened the year).
        if action.button(f"{verb} {year}", key=f"edit_year_{verb.lower()}_{year}"):
            try:
                store.set_year_closed(year, year not in closed, editor)
            except ValidationFailed as exc:
                show_error(exc)
                return
            _done(f"Jaar {year} {'heropend' if year in closed else 'afgesloten'}.")
