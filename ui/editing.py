"""Streamlit pieces of the page Gegevens bijwerken: login, the editing grid, conflicts, messages.

The logic (who may edit, what an edit means, how a save is checked) lives in lib/store/auth.py,
lib/store/edit_table.py and lib/store/store.py; this module only draws and wires widgets. Widget and
session keys start with `edit_`.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lib import fmt
from lib.figures.plausible import doubt_count
from lib.problems import ValidationFailed
from lib.store import auth
from lib.store.edit_checks import changes_table, city_sum_notes, current_values, with_wishes
from lib.store.edit_table import EDITABLE, edit_table, grid_changes
from lib.store.store import Conflict, FigureInput, Store
from lib.store.throttle import LoginThrottle
from lib.views.html_text import escape_markdown
from ui import edit_grid, oidc
from ui.context import Context

ALL = 0  # the "all" choice of a grid filter; agenda items and years are never 0
NO_EDITORS = (
    "Er is nog geen redacteur ingesteld, dus hier kan niemand cijfers wijzigen. Wilt u cijfers "
    "bijwerken? Vraag de beheerder van het dashboard u als redacteur toe te voegen."
)
ADD_EDITOR_HOWTO = """
Een redacteur toevoegen op de server:

```
python -m lib add-editor NAAM
```

Het wachtwoord wordt gevraagd en versleuteld (bcrypt) bewaard in `.streamlit/secrets.toml`.
Gebruikt de gemeente inloggen via haar eigen accountsysteem (OIDC), zet dan de e-mailadressen
van de redacteuren onder `[editors_oidc]` in hetzelfde bestand (zie docs/storage.md).
"""


def _no_editors() -> None:
    st.info(NO_EDITORS, icon=":material/lock:")
    with st.expander("Voor de beheerder: een redacteur toevoegen"):
        st.markdown(ADD_EDITOR_HOWTO)


def flash(message: str) -> None:
    """A success message shown once, after the rerun that follows a save."""
    st.session_state["edit_flash"] = message


def show_flash() -> None:
    message = st.session_state.pop("edit_flash", None)
    if message:
        st.success(message, icon=":material/check_circle:")


def doubts(messages, column: str = "Let op", then: str = "opslaan") -> None:
    """Above a list of changes: how many look mistyped (lib/figures/plausible), to check in
    `column` before saving. A warning, not a refusal: the figure may be right."""
    found = doubt_count(list(messages))
    if found:
        st.warning(
            f"**{found}.** Kijk de kolom *{column}* na; klopt het, dan kunt u gewoon {then}.",
            icon=":material/warning:",
        )


def show_error(exc: Exception, heading: str = "Niet opgeslagen.") -> None:
    # A problem names a file, a cell's value or a name as typed: text, never Markdown.
    if isinstance(exc, ValidationFailed):
        lines = "\n".join(f"- {escape_markdown(str(p))}" for p in exc.problems)
        st.error(f"**{heading}**\n\n{lines}", icon=":material/error:")
    else:
        st.error(escape_markdown(str(exc)), icon=":material/error:")


def login(config: auth.EditorConfig, store: Store) -> str | None:
    """Show how to log in, or who is logged in; return the editor's name, or None.

    The name is the editor's as spelled in the secrets file, whatever case or spacing was typed.
    """
    if not config.can_edit and config.mode != "oidc":
        _no_editors()
        return None
    if config.mode == "oidc":
        return _oidc_login(config)
    editor = config.editor(st.session_state.get("edit_editor"))
    if editor is not None:
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.caption(f"Ingelogd als redacteur **{editor}**.")
        right.button("Uitloggen", key="edit_logout", on_click=_logout)
        return editor
    st.markdown("Iedereen kan het dashboard lezen; **cijfers wijzigen kan alleen een redacteur.**")
    password_form(config, store)
    return None


def password_form(config: auth.EditorConfig, store: Store) -> None:
    """Name and password; a good login reruns the app with the editor in the session."""
    with st.form("edit_login_form"):
        name = st.text_input("Naam", key="edit_login_name")
        password = st.text_input("Wachtwoord", type="password", key="edit_login_password")
        submitted = st.form_submit_button("Inloggen", key="edit_login_submit")
    if submitted:
        try:
            _log_in(config, store, name, password)
        except ValidationFailed as exc:  # the database stayed busy (lib/store/db.py)
            show_error(exc, "Niet ingelogd.")


def _log_in(config: auth.EditorConfig, store: Store, name: str, password: str) -> None:
    # Shared by every app instance: the count lives in the database (lib/store/throttle.py).
    throttle = LoginThrottle(store.engine)
    wait = throttle.attempt(name)  # a locked name's password is not even checked
    if not wait:
        editor = auth.check_password(config, name, password)
        if editor is not None:
            throttle.succeeded(name)
            st.session_state["edit_editor"] = editor
            st.rerun()
        wait = throttle.locked_for(name)
    if wait:
        st.error(auth.wait_message(wait), icon=":material/lock_clock:")
    else:
        st.error(auth.LOGIN_REFUSED, icon=":material/error:")


def _logout() -> None:
    st.session_state.pop("edit_editor", None)


def _oidc_login(config: auth.EditorConfig) -> str | None:
    if not config.oidc_emails:
        _no_editors()
        return None
    if not st.user.is_logged_in:
        st.markdown("Log in met uw account van de gemeente om cijfers te wijzigen.")
        oidc.login_button("edit_oidc_login")
        return None
    user = st.user.to_dict()
    editor = auth.oidc_editor(config, user)
    if editor is None and not auth.oidc_verified(user):
        st.warning(
            f"U bent ingelogd als {user.get('email', '?')}, maar de gemeente heeft dat e-mailadres "
            "niet als bevestigd gemeld. Alleen een bevestigd adres mag cijfers wijzigen.",
            icon=":material/lock:",
        )
    elif editor is None:
        st.warning(
            f"U bent ingelogd als {user.get('email', '?')}, maar dat adres staat niet op de "
            "lijst van redacteuren. Vraag de beheerder u toe te voegen.",
            icon=":material/lock:",
        )
    else:
        st.caption(f"Ingelogd als redacteur **{editor}**.")
    oidc.logout_button("edit_oidc_logout")
    return editor


def grid_section(ctx: Context, store: Store, editor: str) -> None:
    """Filters, the grid of figures beside their targets, and saving what is valid."""
    plan = ctx.plan
    agenda_names = plan.agenda_names()
    district_names = plan.district_names()
    left, middle, right = st.columns(3)
    # Sentinels rather than None: a None option gets a clear button and English placeholders.
    agenda = left.selectbox(
        "Agendapunt",
        [ALL, *agenda_names],
        format_func=lambda n: "Alle agendapunten" if n == ALL else f"{n}. {agenda_names[n]}",
        key="edit_agenda",
    )
    year = middle.selectbox(
        "Jaar", [ALL, *plan.plan.years], index=1 + plan.plan.years.index(ctx.year),
        format_func=lambda y: "Alle jaren" if y == ALL else str(y), key="edit_year",
    )  # fmt: skip
    district = right.selectbox(
        "Wijk",
        [ALL, "", *district_names],
        index=1,
        format_func=lambda d: (
            "Alle wijken en de stad" if d == ALL else district_names.get(d, "Hele stad")
        ),
        key="edit_district",
    )
    agenda, year, district = (None if v == ALL else v for v in (agenda, year, district))
    table = _snapshot(ctx, store, (agenda, year, district))
    layers = st.session_state["edit_grid"]["layers"]
    st.caption(
        "Pas Waarde, Teldatum, Bron of Opmerking aan. Een ingevoerd cijfer is een concept tot een "
        "tweede redacteur het vaststelt. Maak Waarde leeg om een cijfer te laten verwijderen."
    )
    edited = st.data_editor(
        table,
        key=f"edit_grid_{st.session_state['edit_grid_nonce']}",
        hide_index=True,
        disabled=[c for c in table.columns if c not in EDITABLE],
        column_order=edit_grid.grid_view(),  # views that fit a laptop screen (ui/edit_grid.py)
        column_config=edit_grid.column_config(),
    )
    wishes, problems = grid_changes(plan, table, edited)
    if problems:
        lines = "\n".join(f"- {p}" for p in problems)
        st.warning(
            f"**Deze wijzigingen kunnen zo niet worden opgeslagen:**\n\n{lines}",
            icon=":material/warning:",
        )
    _city_notes(plan, layers, wishes)
    label = f"Opslaan ({len(wishes)} wijziging{'en' if len(wishes) != 1 else ''})..."
    if st.button(label, key="edit_save", type="primary", disabled=not wishes):
        st.session_state["edit_confirm"] = wishes
    _confirm_panel(ctx, store, layers, wishes, editor)
    _conflict_panel(store, editor)


def _city_notes(plan, layers, wishes: list[FigureInput]) -> None:
    """Warn, while entering, where a city figure would differ from the sum of its districts."""
    touched = {w.key[:2] for w in wishes}
    notes = city_sum_notes(plan, with_wishes(current_values(layers), wishes))
    shown = [note for pair, note in sorted(notes.items()) if pair in touched]
    if shown:
        lines = "\n".join(f"- {n}" for n in shown)
        st.warning(f"**Stad en wijken kloppen niet:**\n\n{lines}", icon=":material/functions:")


def _confirm_panel(ctx: Context, store: Store, layers, wishes: list[FigureInput], editor: str):
    """The changes old -> new, saved only after the editor confirms them."""
    pending = st.session_state.get("edit_confirm")
    if pending is not None and pending != wishes:  # the grid changed since: ask again
        st.session_state.pop("edit_confirm", None)
        pending = None
    if not pending:
        return
    with st.container(border=True, key="edit_confirm_box"):
        st.markdown(
            f"**Controleer {'deze wijziging' if len(wishes) == 1 else 'deze wijzigingen'} "
            "voordat u opslaat.** Ze worden conceptcijfers, die een tweede redacteur vaststelt."
        )
        # As they will be stored: '1.234,5' becomes 1234,5 and '30-9-2014' a date (the grid
        # passes them as typed, and the table's checks read them as stored values).
        try:
            stored = store.validate(wishes, "tabel")
        except ValidationFailed as exc:
            show_error(exc)
            return
        table = changes_table(ctx.plan, layers, stored, ctx.as_of)
        doubts(table["Let op"])
        st.dataframe(table, hide_index=True, key="edit_confirm_table")
        save, back = st.columns(2)
        if save.button("Ja, opslaan", key="edit_confirm_save", type="primary"):
            st.session_state.pop("edit_confirm", None)
            _save(store, wishes, editor)
        if back.button("Nee, terug naar de tabel", key="edit_confirm_back"):
            st.session_state.pop("edit_confirm", None)
            st.rerun()


def _snapshot(ctx: Context, store: Store, filters: tuple):
    """The grid's starting point, kept while the editor works, so versions stay the ones seen."""
    kept = st.session_state.get("edit_grid")
    if kept is None or kept["filters"] != filters:
        layers, versions, _entered = store.layers()
        table = edit_table(ctx.plan, layers, versions, *filters)
        st.session_state["edit_grid"] = {"filters": filters, "table": table, "layers": layers}
        st.session_state["edit_grid_nonce"] = st.session_state.get("edit_grid_nonce", 0) + 1
    return st.session_state["edit_grid"]["table"]


def reload_grid() -> None:
    st.session_state.pop("edit_grid", None)
    st.session_state.pop("edit_confirm", None)


def _save(store: Store, wishes: list[FigureInput], editor: str) -> None:
    try:
        changed = store.save(wishes, editor)
    except Conflict as exc:
        st.session_state["edit_conflict"] = (wishes, exc)
        return
    except ValidationFailed as exc:
        show_error(exc)
        return
    st.session_state.pop("edit_conflict", None)
    reload_grid()
    them = "het" if changed == 1 else "ze"
    flash(
        f"{fmt.count(changed, 'cijfer', 'cijfers')} opgeslagen als concept. Een tweede redacteur "
        f"kan {them} vaststellen."
    )
    st.rerun()


def _conflict_panel(store: Store, editor: str) -> None:
    """The refused save, with the other person's change, and the way to redo it on top."""
    pending = st.session_state.get("edit_conflict")
    if not pending:
        return
    wishes, conflict = pending
    st.error(str(conflict), icon=":material/sync_problem:")
    st.markdown(
        "Uw wijzigingen staan nog in de tabel. Kijk of ze nog kloppen met de nieuwe stand; "
        "kies dan of u ze er toch overheen zet, of de tabel opnieuw laadt."
    )
    redo, discard = st.columns(2)
    if redo.button("Mijn wijzigingen opnieuw toepassen op de nieuwe stand", key="edit_redo"):
        current = {d.key: d.current for d in conflict.details}
        again = [
            replace(w, expected_version=current.get(w.key, w.expected_version)) for w in wishes
        ]
        _save(store, again, editor)
    if discard.button("Tabel opnieuw laden (mijn wijzigingen vervallen)", key="edit_discard"):
        st.session_state.pop("edit_conflict", None)
        reload_grid()
        st.rerun()
