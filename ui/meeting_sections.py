"""Two tabs of Gegevens bijwerken: the stuurgroep meetings, and the editors' texts (toelichting
and maatregelen) with four eyes, history and restore.

The work is done by lib/store/meetings.py and lib/store/texts.py; widget keys start with
`edit_meeting_` and `edit_text_`. Editors' texts are shown with st.text or in escaped HTML
tables, never as Markdown: what was typed is what is shown.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import fmt
from lib.figures.history import Key
from lib.problems import ValidationFailed
from lib.steering.book import Steering
from lib.store.meetings import far_meeting
from lib.store.store import Store
from lib.store.text_rules import MAX_CHARS
from ui import components
from ui.context import Context
from ui.editing import flash, show_error
from ui.texts import escape_markdown

TEXT_ACTIONS = {
    "edit": "geschreven",
    "withdraw": "concept ingetrokken",
    "approve": "vastgesteld",
    "reject": "afgewezen",
    "restore": "teruggezet",
    "import": "geïmporteerd",
}


def _done(message: str) -> None:
    flash(message)
    st.rerun()


def meetings_section(ctx: Context, store: Store, editor: str) -> None:
    st.markdown(
        "De vergaderingen van de stuurgroep. *Sinds de vorige vergadering* telt vanaf de laatste "
        "vergadering op of vóór de peildatum; toevoegen en verwijderen wordt vastgelegd."
    )
    if warning := st.session_state.pop("edit_meeting_warning", None):
        st.warning(warning, icon=":material/event_busy:")
    meetings = store.meetings()
    if meetings:
        st.dataframe(
            pd.DataFrame(
                {
                    "Datum": [fmt.long_date(m.day) for m in meetings],
                    "Titel": [m.title for m in meetings],
                }
            ),
            hide_index=True,
            key="edit_meeting_list",
        )
    else:
        st.info("Er zijn nog geen vergaderingen vastgelegd.", icon=":material/event:")
    # Not a form: a date typed into a form's field was sometimes sent after the click on its
    # button (the meeting then got the default date). Each field sends its value when it is
    # left, and the line under them says in words which meeting the button adds.
    day = st.date_input("Datum", value=ctx.as_of, format="DD-MM-YYYY", key="edit_meeting_day")
    title = st.text_input(
        "Titel (mag leeg blijven)", key="edit_meeting_title", placeholder="Stuurgroep"
    )
    named = f" ({escape_markdown(title.strip())})" if title.strip() else ""
    st.caption(f"Toe te voegen: de vergadering van {fmt.long_date(day)}{named}.")
    if st.button("Vergadering toevoegen", key="edit_meeting_add"):

        def add() -> None:
            store.add_meeting(day, title, editor)
            far = far_meeting(day, ctx.plan.plan.last_year, ctx.as_of)
            st.session_state["edit_meeting_warning"] = far  # shown after the rerun
            for key in ("edit_meeting_day", "edit_meeting_title"):  # empty fields next time
                st.session_state.pop(key, None)

        _act(add, f"Vergadering van {fmt.long_date(day)} toegevoegd.")
    if meetings:
        chosen = st.selectbox(
            "Vergadering verwijderen",
            [m.day for m in meetings],
            format_func=fmt.long_date,
            key="edit_meeting_remove_day",
        )
        if st.button("Verwijderen", key="edit_meeting_remove"):
            _act(
                lambda: Steering.open(store).remove_meeting(chosen, editor),
                f"Vergadering van {fmt.long_date(chosen)} verwijderd.",
            )


def _act(action, message: str) -> None:
    try:
        action()
    except ValidationFailed as exc:
        show_error(exc)
        return
    _done(message)


def _key_label(ctx: Context, key: Key) -> str:
    where = ctx.plan.district_names()[key[2]] if key[2] else "hele stad"
    return f"{ctx.plan.indicator(key[0]).name} · {key[1]} · {where}"


def texts_section(ctx: Context, store: Store, editor: str) -> None:
    st.markdown(
        "Per indicator en jaar (en eventueel per wijk) twee korte teksten: de **toelichting** "
        "(waarom staat het cijfer waar het staat) en de **maatregelen** (wat er aan gedaan "
        f"wordt), elk hoogstens {fmt.number(MAX_CHARS)} tekens. "
        "Een tekst is een concept tot een tweede redacteur hem vaststelt; hij wordt getoond "
        "zoals hij is getypt."
    )
    key = _choose_key(ctx)
    layers = store.text_layers().get(key, {"approved": None, "concept": None, "version": 0})
    # The version this editor saw (the previous run): a text changed since is refused, not lost.
    seen = st.session_state.setdefault("edit_text_seen", {})
    expected = seen.get(key, layers["version"])
    seen[key] = layers["version"]
    _show_layers(layers)
    shown = layers["concept"] or layers["approved"] or {"explanation": "", "measures": ""}
    suffix = "_".join(map(str, key))  # each figure its own fields, filled with its own texts
    with st.form(f"edit_text_form_{suffix}"):
        explanation = st.text_area(
            "Toelichting",
            value=shown["explanation"],
            max_chars=MAX_CHARS,
            key=f"edit_text_explanation_{suffix}",
        )
        measures = st.text_area(
            "Maatregelen",
            value=shown["measures"],
            max_chars=MAX_CHARS,
            key=f"edit_text_measures_{suffix}",
        )
        if st.form_submit_button("Opslaan als concept"):
            _act(
                lambda: store.save_text(
                    key, explanation, measures, editor, expected_version=expected
                ),
                "Toelichting opgeslagen als concept; een tweede redacteur stelt haar vast.",
            )
    _approve_texts(ctx, store, editor)
    _text_history(ctx, store, editor, key)


def _choose_key(ctx: Context) -> Key:
    indicators = {i.id: i for i in ctx.plan.indicators}
    left, middle, right = st.columns([3, 1, 2])
    indicator = left.selectbox(
        "Indicator",
        list(indicators),
        format_func=lambda i: indicators[i].name,
        key="edit_text_indicator",
    )
    years = ctx.plan.plan.years
    year = middle.selectbox("Jaar", years, index=years.index(ctx.year), key="edit_text_year")
    places = [""] + (ctx.plan.district_ids() if indicators[indicator].per_district else [])
    names = ctx.plan.district_names()
    district = right.selectbox(
        "Waar",
        places,
        format_func=lambda d: names[d] if d else "Hele stad",
        key="edit_text_district",
    )
    return (indicator, int(year), district)


def _show_layers(layers: dict) -> None:
    for name, row in (("Vastgesteld", layers["approved"]), ("Concept", layers["concept"])):
        if row is None:
            continue
        by = f"geschreven door {escape_markdown(row['changed_by'])}"
        if row["approved_by"]:
            by += f", vastgesteld door {escape_markdown(row['approved_by'])}"
        st.markdown(f"**{name}**, {by}:")  # no brackets: a name may have its own
        st.text(
            f"Toelichting: {row['explanation'] or '(leeg)'}\nMaatregelen: {row['measures'] or '(leeg)'}"
        )


def _approve_texts(ctx: Context, store: Store, editor: str) -> None:
    waiting = {k: s for k, s in store.text_layers().items() if s["concept"]}
    # The versions of the concepts this editor looked at (the previous run), as for figures.
    versions = {k: s["version"] for k, s in waiting.items()}
    seen = st.session_state.get("edit_text_approve_seen", versions)
    st.session_state["edit_text_approve_seen"] = versions
    if not waiting:
        return
    others = [k for k, s in sorted(waiting.items()) if s["concept"]["changed_by"] != editor]
    st.subheader("Vast te stellen toelichtingen")
    st.caption(
        f"{fmt.count(len(waiting), 'toelichting', 'toelichtingen')} "
        + ("wacht" if len(waiting) == 1 else "wachten")
        + " op vaststelling; wat u zelf schreef stelt een ander vast (vier ogen)."
    )
    chosen = st.multiselect(
        "Toelichtingen",
        others,
        format_func=lambda k: _key_label(ctx, k),
        key="edit_text_approve_choice",
    )
    for key in chosen:
        concept = waiting[key]["concept"]
        st.text(
            f"{_key_label(ctx, key)}\nToelichting: {concept['explanation']}\nMaatregelen: {concept['measures']}"
        )
    if st.button("Gekozen toelichtingen vaststellen", key="edit_text_approve", disabled=not chosen):
        items = [(k, seen.get(k, versions[k])) for k in chosen]
        _act(
            lambda: store.approve_texts(items, editor),
            f"{fmt.count(len(items), 'toelichting', 'toelichtingen')} vastgesteld.",
        )


def _text_history(ctx: Context, store: Store, editor: str, key: Key) -> None:
    rows = list(reversed(store.text_history(key)))
    if not rows:
        return
    st.subheader("Geschiedenis van deze toelichting")
    st.dataframe(
        pd.DataFrame(
            {
                "Nr": [r["id"] for r in rows],
                "Wanneer": [fmt.moment(r["at"]) for r in rows],
                "Wie": [r["editor"] for r in rows],
                "Wat": [TEXT_ACTIONS.get(r["action"], r["action"]) for r in rows],
                "Toelichting": [r["explanation"] for r in rows],
                "Maatregelen": [r["measures"] for r in rows],
                "Reden": [r["note"] for r in rows],  # of a rejection
            }
        ),
        hide_index=True,
        key="edit_text_history",
    )
    labels = {r["id"]: _restore_label(r) for r in rows}
    target = st.selectbox(
        "Terugzetten naar de stand direct na een wijziging (de tekst die terugkomt)",
        list(labels),
        format_func=labels.__getitem__,
        key="edit_text_restore_to",
    )
    if st.button("Toelichting terugzetten", key="edit_text_restore"):
        _act(
            lambda: store.restore_text(int(target), editor),
            f"Toelichting teruggezet naar de stand na wijziging {target}.",
        )


def _restore_label(row: dict) -> str:
    """'Na de zomer zijn er twee coaches ve…, 9 september 2014, 10:00, door anna · nr. 12'."""
    text = row["explanation"] or row["measures"] or "(leeg)"
    short = text if len(text) <= 60 else text[:59] + "…"
    return f"{short}, {fmt.moment(row['at'])}, door {row['editor']} · nr. {row['id']}"


def text_preview(ctx: Context, preview) -> None:
    """The texts an upload changes, old -> new, as plain text in a data grid."""
    if not preview.text_changes:
        return
    changing = len(preview.text_changes)
    st.markdown(
        f"**{fmt.count(changing, 'toelichting', 'toelichtingen')}** "
        + ("verandert:" if changing == 1 else "veranderen:")
    )
    # A plain table, wrapped: a grid cut a new toelichting off after a few words.
    components.table(
        pd.DataFrame(
            {
                "Rij": [str(c.row) for c in preview.text_changes],
                "Cijfer": [_key_label(ctx, c.key) for c in preview.text_changes],
                "Toelichting oud": [c.old[0] or "(leeg)" for c in preview.text_changes],
                "Toelichting nieuw": [c.new[0] or "(leeg)" for c in preview.text_changes],
                "Maatregelen oud": [c.old[1] or "(leeg)" for c in preview.text_changes],
                "Maatregelen nieuw": [c.new[1] or "(leeg)" for c in preview.text_changes],
            }
        ),
        "Toelichtingen in het bestand, oud en nieuw",
        table_class="hjk-text-preview",
    )
