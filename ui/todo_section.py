"""The first tab of Gegevens bijwerken, Te doen: what waits for the logged-in editor, as one list
(lib/views/todo.py), with approving and rejecting right there.

Widget and session keys start with `edit_todo_`. Names from the plan and texts of editors are
shown escaped: as Markdown-escaped text, or in escaped HTML (lib/views/html_table.py).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import fmt
from lib.figures.plausible import doubt_count
from lib.problems import ValidationFailed
from lib.store.meetings import due_before
from lib.store.store import Conflict, Store
from lib.views.html_text import editor_texts
from lib.views.todo import TodoInputs, TodoItem, todo_items
from lib.views.todo_read import approval_line, kind_counts, open_actions
from ui import components
from ui.context import Context
from ui.editing import flash, reload_grid, show_error
from ui.texts import escape_markdown

SUBJECTS = {"figure": "Cijfer", "text": "Toelichting en maatregelen"}
SECTIONS = (  # kind, heading, where the editor acts on it (the table's caption)
    ("no_explanation", "Achter zonder toelichting",
     "Schrijf de toelichting in het tabblad Toelichting en maatregelen."),
    ("overdue_action", "Acties over de deadline", "Open acties waarvan de deadline verstreken is."),
    ("milestone_due", "Mijlpalen vóór de volgende vergadering, nog niet bereikt",
     "Is een mijlpaal bereikt, vul dan de datum in bij Cijfers bewerken."),
    ("no_figure", "Nog geen cijfer dit jaar",
     "Vul het cijfer in bij Cijfers bewerken of Importeren uit Excel."),
)  # fmt: skip


def _where(ctx: Context, district: str) -> str:
    return ctx.plan.district_names().get(district, "hele stad")


@st.cache_resource(show_spinner=False, max_entries=4)
def _stored(url: str, revision: int, _store: Store) -> tuple:
    """What the list reads from the database, once per revision: every tab of the page runs on
    every rerun, and the whole history (of figures and texts) is read for the rejections.
    Nobody changes it."""
    layers, versions, entered = _store.layers()
    history, text_history = _store.history().to_dict("records"), _store.text_history()
    return layers, versions, entered, _store.text_layers(), history, text_history, _store.meetings()


def _items(ctx: Context, store: Store, editor: str) -> list[TodoItem]:
    layers, versions, entered, text_layers, history, text_history, meetings = _stored(
        store.url, store.revision(), store
    )
    inputs = TodoInputs(
        layers,
        versions,
        entered,
        text_layers,
        history,
        text_history,
        ctx.progress,
        due_before(meetings, ctx.as_of),
    )
    return todo_items(ctx.plan, editor, ctx.as_of, inputs, open_actions(store))


def todo_section(ctx: Context, store: Store, editor: str) -> None:
    items = _items(ctx, store, editor)
    st.caption(
        f"Wat er op u wacht, op peildatum {fmt.long_date(ctx.as_of)} (het jaar {ctx.as_of.year})."
    )
    counts = [c for c in [approval_line(items), *kind_counts(items)] if c]
    if not counts:
        st.success("Er wacht niets op u.", icon=":material/task_alt:")
        return
    st.markdown("\n".join(f"- {c}" for c in counts))
    _approvals(ctx, store, editor, [i for i in items if i.kind == "approve"])
    _rejections(ctx, [i for i in items if i.kind == "rejected"])
    for kind, heading, hint in SECTIONS:
        shown = [i for i in items if i.kind == kind]
        if shown:
            st.subheader(heading)
            components.table(_table(ctx, shown), hint)


def _table(ctx: Context, items: list[TodoItem]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Indicator": [i.name for i in items],
            "Jaar": [str(i.year) for i in items],
            "Waar": [_where(ctx, i.district) for i in items],
            "Wat": [i.what for i in items],
        }
    )


def _rejections(ctx: Context, items: list[TodoItem]) -> None:
    if not items:
        return
    st.subheader("Uw afgewezen concepten")
    st.caption(
        "Voer het cijfer of de toelichting opnieuw in (of laat het zo); dan verdwijnt het hier."
    )
    frame = pd.DataFrame(
        {
            "Wat": [SUBJECTS[i.subject] for i in items],
            "Indicator": [i.name for i in items],
            "Jaar": [str(i.year) for i in items],
            "Waar": [_where(ctx, i.district) for i in items],
            "Afgewezen": [i.after for i in items],
            "Reden": [i.extra.get("reason", "") for i in items],
            "Door": [i.by or "–" for i in items],
            "Wanneer": [fmt.moment(i.since) for i in items],
        }
    )
    components.table(frame, "Uw afgewezen concepten")


def _approvals(ctx: Context, store: Store, editor: str, items: list[TodoItem]) -> None:
    # The versions this editor is looking at (the previous run): a concept changed since is
    # refused with the other person's change, not approved unseen.
    current = {(i.subject, i.key): i.version for i in items}
    seen = st.session_state.get("edit_todo_seen", current)
    st.session_state["edit_todo_seen"] = current
    if not items:
        return
    versions = {k: seen.get(k, v) for k, v in current.items()}
    st.subheader("Vaststellen")
    st.caption(
        "Concepten van andere redacteuren; ze tellen pas mee als u ze vaststelt. Klopt een "
        "cijfer of een tekst niet, wijs het dan af met een reden."
    )
    found = doubt_count([i.doubt for i in items])
    if found:
        st.warning(
            f"**{found}.** Kijk de *Let op* bij het cijfer na; klopt het, dan kunt u gewoon "
            "vaststellen.",
            icon=":material/warning:",
        )
    if len(items) > 1 and st.button(
        f"Alles vaststellen ({len(items)})", key="edit_todo_approve_all", type="primary"
    ):  # what was on screen: a concept added since the editor looked waits
        _approve(store, editor, [i for i in items if (i.subject, i.key) in seen], versions)
    for number, item in enumerate(items):
        _approval_card(ctx, store, editor, item, versions, number)


def _approval_card(ctx, store: Store, editor: str, item: TodoItem, versions, number: int) -> None:
    with st.container(border=True, key=f"edit_todo_item_{number}"):
        where = escape_markdown(f"{item.name} · {item.year} · {_where(ctx, item.district)}")
        st.markdown(f"**{SUBJECTS[item.subject]}** · {where}")
        st.caption(f"Ingevoerd door {escape_markdown(item.by or '–')}, {fmt.moment(item.since)}")
        if item.subject == "figure":
            st.markdown(
                f"{escape_markdown(item.before)} → **{escape_markdown(item.after)}**",
            )
            if item.doubt:
                st.warning(f"Let op: {escape_markdown(item.doubt)}", icon=":material/warning:")
        else:
            st.html(editor_texts(item.extra["explanation"], item.extra["measures"]))
            if item.before != "(leeg)":
                with st.expander("Nu vastgesteld"):
                    st.text(item.before)
        # Keyed by the concept, not its place: a concept added above it since the editor
        # looked took over place 0, and 'Vaststellen' approved a figure nobody had seen.
        me = "_".join(map(str, (item.subject, *item.key)))
        approve, reject = st.columns([1, 3])
        if approve.button("Vaststellen", key=f"edit_todo_approve_{me}"):
            _approve(store, editor, [item], versions)
        with reject.popover("Afwijzen…", key=f"edit_todo_reject_box_{number}"):
            reason = st.text_input(
                "Reden (komt in de geschiedenis)", key=f"edit_todo_reason_{me}", max_chars=500
            )
            if st.button("Afwijzen", key=f"edit_todo_reject_{me}", disabled=not reason.strip()):
                _reject(store, editor, item, versions[(item.subject, item.key)], reason)


def _reject(store: Store, editor: str, item: TodoItem, seen: int, reason: str) -> None:
    """Turn one concept down, a figure or a text, with the editor's reason."""
    mine = [(item.key, seen)]
    figures, texts = (mine, []) if item.subject == "figure" else ([], mine)
    what = "1 cijfer" if item.subject == "figure" else "1 toelichting"
    _act(
        lambda: store.reject(figures, editor, reason, texts=texts),
        "Niet afgewezen.",
        f"{what} afgewezen; de reden staat in de geschiedenis.",
    )


def _approve(store: Store, editor: str, items: list[TodoItem], versions: dict) -> None:
    figures = [(i.key, versions[(i.subject, i.key)]) for i in items if i.subject == "figure"]
    texts = [(i.key, versions[(i.subject, i.key)]) for i in items if i.subject == "text"]

    def both() -> None:  # one transaction: all of them approved, or none
        store.approve(figures, editor, texts=texts)

    parts = [
        fmt.count(n, one, many)
        for n, one, many in (
            (len(figures), "cijfer", "cijfers"),
            (len(texts), "toelichting", "toelichtingen"),
        )
        if n
    ]
    _act(both, "Niet vastgesteld.", f"{fmt.listing(parts)} vastgesteld.")


def _act(action, heading: str, message: str) -> None:
    try:
        action()
    except (ValidationFailed, Conflict) as exc:
        show_error(exc, heading)
        return
    st.session_state.pop("edit_todo_seen", None)
    reload_grid()
    flash(message)
    st.rerun()
