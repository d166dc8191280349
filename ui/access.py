"""Who is looking, and whether they may: the frame's gate for `[access] readers = "ingelogd"`
(lib/accounts/access.py) and who counts as an editor for the concept switch.

Before a visitor who must log in has done so, every page shows only an explanation and Inloggen;
a logged-in address the settings do not let read gets a refusal and Uitloggen. The frame stops
before the page runs: nothing of the figures is drawn for them.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lib.accounts.access import Access, access_settings
from lib.plan.schema import Plan
from lib.problems import ValidationFailed
from lib.store import auth
from lib.store.settings import load_secrets, secrets_path
from ui import components, context, editing, oidc
from ui.texts import escape_markdown


@dataclass(frozen=True)
class Viewer:
    logged_in: bool = False
    email: str | None = None  # the identity provider's address, or the editor's name
    verified: bool = False
    editor: str | None = None  # the editor's name as the secrets file spells it

    @property
    def is_editor(self) -> bool:
        return self.editor is not None


def settings() -> tuple[auth.EditorConfig, Access]:
    """Who edits and who reads, from the secrets file; a wrong value is a ValidationFailed."""
    secrets = load_secrets()
    return auth.editor_config(secrets), access_settings(secrets, secrets_path().name)


def viewer(config: auth.EditorConfig) -> Viewer:
    """The visitor of this session: logged in through OIDC or as an editor with a password."""
    if config.mode == "oidc":
        user = st.user.to_dict()
        if not user.get("is_logged_in"):
            return Viewer()
        email = str(user.get("email") or "")
        return Viewer(True, email, auth.oidc_verified(user), auth.oidc_editor(config, user))
    editor = config.editor(st.session_state.get("edit_editor"))
    return Viewer(editor is not None, editor, True, editor)


def gate(who: Viewer, config: auth.EditorConfig, rules: Access, plan: Plan) -> None:
    """Nothing when the visitor may read; otherwise the explanation and login, and the run stops
    (before the page, its notices and the sidebar's filters are drawn)."""
    if not rules.login_required or who.is_editor:
        return
    if who.logged_in and rules.may_read(who.email, who.verified):
        return
    st.title("Inloggen")
    if who.logged_in:
        _refuse(who)
    elif config.mode == "oidc":
        st.markdown(
            "Dit dashboard is alleen voor medewerkers die zijn ingelogd. Log in met uw account "
            "van de gemeente om de cijfers te zien."
        )
        oidc.login_button("access_login")
    else:
        st.markdown(
            "Dit dashboard is alleen voor redacteuren die zijn ingelogd. Log in met uw naam en "
            "wachtwoord om de cijfers te zien."
        )
        try:
            store = context.store(plan)  # the password login's throttle lives in the database
        except ValidationFailed as exc:
            components.show_problems(exc, context.actuals_title())
        else:
            editing.password_form(config, store)
    st.stop()


def _refuse(who: Viewer) -> None:
    if not who.email:
        why = "U bent ingelogd, maar de gemeente heeft geen e-mailadres van u doorgegeven"
    elif not who.verified:
        why = (
            f"U bent ingelogd als {escape_markdown(who.email)}, maar de gemeente heeft dat "
            "e-mailadres niet als bevestigd gemeld"
        )
    else:
        why = (
            f"U bent ingelogd als {escape_markdown(who.email)}, maar dat adres heeft geen "
            "toegang tot dit dashboard"
        )
    st.warning(
        f"{why}. Vraag de beheerder van het dashboard om toegang als u de cijfers moet zien.",
        icon=":material/lock:",
    )
    oidc.logout_button("access_logout")
