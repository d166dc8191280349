"""Logging in with the municipality's identity provider (OIDC, Streamlit's st.login), and back to
the page where Inloggen was clicked.

Streamlit's login ends on the app's start page ("/", its route /oauth2callback always goes
there), in a new session. So the Inloggen button leaves a short-lived cookie with the page's
path and query in the browser, and the first run after the login goes on to that page
(`return_after_login`). Only a page of the app is a destination, so the cookie cannot send
anyone elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl, unquote, urlsplit

import streamlit as st

from ui import filters

RETURN_COOKIE = "hjk_na_inloggen"
_RETURNED = "login_returned"  # this session has had its one chance to go back
# A few minutes: long enough for the identity provider's pages, short enough to be forgotten.
_REMEMBER = f"""<span hidden></span><script>
document.cookie = "{RETURN_COOKIE}=" + encodeURIComponent(location.pathname + location.search)
  + "; path=/; max-age=600; samesite=lax";
</script>"""
# The empty span: st.html sends content of only a script elsewhere, unexecuted.
_FORGET = f"""<span hidden></span><script>
document.cookie = "{RETURN_COOKIE}=; path=/; max-age=0; samesite=lax";
</script>"""


def login_button(key: str) -> None:
    """Inloggen through the identity provider, remembering this page to come back to."""
    st.html(_REMEMBER, unsafe_allow_javascript=True)
    st.button("Inloggen", key=key, on_click=st.login, type="primary")


def logout_button(key: str) -> None:
    st.button("Uitloggen", key=key, on_click=st.logout)


def return_after_login(current: st.Page, start: st.Page, pages: Sequence[st.Page]) -> None:
    """On the start page right after an OIDC login: go on to the page where Inloggen was
    clicked, with its filters. Once per session; the cookie is forgotten on arrival."""
    if not st.user.to_dict().get("is_logged_in"):
        return
    wanted = st.context.cookies.get(RETURN_COOKIE)
    if not isinstance(wanted, str) or not wanted:  # (AppTest has no browser: no cookies)
        return
    # st.context.cookies are the session's first request's: forget it in the browser too.
    st.html(_FORGET, unsafe_allow_javascript=True)
    if st.session_state.get(_RETURNED) or current.url_path != start.url_path:
        return
    st.session_state[_RETURNED] = True
    target = urlsplit(unquote(wanted))
    segment = target.path.rstrip("/").rsplit("/", 1)[-1]
    page = next((p for p in pages if segment and p.url_path == segment), None)
    if page is not None and page.url_path != start.url_path:
        filters.read_link_again()  # this run read the start page's bare link
        st.switch_page(page, query_params=dict(parse_qsl(target.query)))
