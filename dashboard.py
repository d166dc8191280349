"""The progress dashboard: the frame. Page config, loading, shared filters, navigation.

Pages are files in pages/ handed to st.Page with URL paths that differ from the file names, so a
direct link to any page runs this frame first (see README).
"""

import streamlit as st

from lib.problems import ValidationFailed
from lib.store.settings import secrets_path
from lib.views.html_text import escape_markdown as md
from lib.views.todo_read import waiting_line
from ui import access, components, context, filters, oidc
from ui.filters import AGENDA, AS_OF, DISTRICT, YEAR
from ui.links import DEFAULT_PAGE, OVERVIEW_ALIAS, url_path

st.set_page_config(
    page_title="Voortgang van het plan",  # until the plan is loaded: then its own title
    page_icon=":material/monitoring:",
    layout="wide",
)
components.page_head()

try:
    plan = context.load_plan()
except ValidationFailed as exc:
    components.show_problems(exc, f"Het plan ({context.targets_path().name})")
    st.stop()
st.set_page_config(page_title=f"{plan.plan.title} · voortgang")  # additive: title only
try:
    editors, readers = access.settings()
except ValidationFailed as exc:
    components.show_problems(exc, f"Het bestand met instellingen ({secrets_path().name})")
    st.stop()
viewer = access.viewer(editors)
if not viewer.is_editor:  # concept figures are working data, for editors only
    st.session_state.pop("include_concept", None)
# The sidebar switch below, as the editor left it: it decides which figures are loaded.
include_concept = st.session_state.get("include_concept", False)
try:
    actuals = context.load_actuals(plan, include_concept)
    figures_waiting, texts_waiting = context.waiting_counts(plan)
except ValidationFailed as exc:
    components.show_problems(exc, context.actuals_title())
    st.stop()

chosen = filters.read_filters(plan, context.default_as_of(actuals))
context.build(plan, actuals, chosen)


def _page(script: str, title: str, icon: str, **options) -> st.Page:
    """A page file at its URL path (ui/links.py, where links between pages find it too)."""
    return st.Page(script, title=title, url_path=url_path(script), icon=icon, **options)


# Served at "/" as the default page. Its own path would answer Streamlit's English "Page not
# found", so that path is one nobody types, and /overzicht is the page below.
OVERVIEW = _page(DEFAULT_PAGE, "Overzicht", ":material/dashboard:", default=True)


def _to_overview() -> None:
    """/overzicht, typed by analogy with /wijken: the overview at "/", with the same filters."""
    st.switch_page(OVERVIEW, query_params=st.query_params.to_dict())


# Every page with the sidebar filters that change it; the others are greyed out there.
PAGES = [
    (OVERVIEW, {YEAR, AS_OF, AGENDA}),
    (
        _page("pages/agenda.py", "Per agendapunt", ":material/flag:"),
        {YEAR, AS_OF, AGENDA},
    ),
    (
        _page("pages/districts.py", "Per wijk", ":material/map:"),
        {YEAR, AS_OF, DISTRICT},
    ),
    (
        _page("pages/milestones.py", "Mijlpalen", ":material/event:"),
        {AS_OF, AGENDA},  # the whole plan period on one timeline
    ),
    (
        _page("pages/since.py", "Sinds de vorige vergadering", ":material/update:"),
        {YEAR, AS_OF, DISTRICT},
    ),
    (
        _page("pages/actions.py", "Actiepunten", ":material/checklist:"),
        {AS_OF, AGENDA},  # owner and status: on the page, in the link too
    ),
    (
        _page("pages/edit.py", "Gegevens bijwerken", ":material/edit:"),
        set(),  # its grid has filters of its own
    ),
    (
        _page("pages/about.py", "Over de cijfers", ":material/info:"),
        {AS_OF},
    ),
    (
        st.Page(_to_overview, title="Overzicht", url_path=OVERVIEW_ALIAS, visibility="hidden"),
        set(),  # never drawn: it moves on to the overview first
    ),
]
navigation = st.navigation([page for page, _ in PAGES])
# The browser's title names the page too (WCAG 2.4.2): 'Actiepunten · Masterplan ...'.
st.set_page_config(page_title=f"{navigation.title} · {plan.plan.title} · voortgang")
# Readers who must log in see nothing else until they have (and may read).
access.gate(viewer, editors, readers, plan)
if editors.mode == "oidc":  # Streamlit's login ends on "/": on to where Inloggen was clicked
    oidc.return_after_login(navigation, OVERVIEW, [page for page, _ in PAGES])
components.example_notice(actuals)
components.concept_notice(include_concept)
navigation.run()
# The sidebar after the page: its widgets do not hold up the figures (see bench/README.md).
filters.draw_filters(plan, chosen, PAGES, navigation)
with st.sidebar:
    # For editors, and only where it changes something: concepts wait, or it is on.
    if viewer.is_editor and (figures_waiting or texts_waiting or include_concept):
        st.toggle(
            "Conceptcijfers meetellen",
            key="include_concept",
            persist_state="session",  # see filters.draw_filters
            help="Conceptcijfers zijn ingevoerd maar nog niet vastgesteld door een tweede redacteur.",
        )
    st.caption(f"{waiting_line(figures_waiting, texts_waiting)}.")
    info = plan.plan  # the plan's words are text, never Markdown
    st.caption(
        " · ".join(md(t) for t in (info.title, info.version, f"gemeente {info.municipality}"))
    )
