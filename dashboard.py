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

OVERVIEW = st.Page(
    "pages/overview.py",
    title="Overzicht",
    # Served at "/" as the default page. Its own path would answer Streamlit's English "Page not
    # found", so that path is one nobody types, and /overzicht is the page below.
    url_path="start",
    icon=":material/dashboard:",
    default=True,
)


def _to_overview() -> None:
    """/overzicht, typed by analogy with /wijken: the overview at "/", with the same filters."""
    st.switch_page(OVERVIEW, query_params=st.query_params.to_dict())


# Every page with the sidebar filters that change it; the others are greyed out there.
PAGES = [
    (OVERVIEW, {YEAR, AS_OF, AGENDA}),
    (
        st.Page(
            "pages/agenda.py",
            title="Per agendapunt",
            url_path="agendapunten",
            icon=":material/flag:",
        ),
        {YEAR, AS_OF, AGENDA},
    ),
    (
        st.Page("pages/districts.py", title="Per wijk", url_path="wijken", icon=":material/map:"),
        {YEAR, AS_OF, DISTRICT},
    ),
    (
        st.Page(
            "pages/milestones.py", title="Mijlpalen", url_path="mijlpalen", icon=":material/event:"
        ),
        {AS_OF, AGENDA},  # the whole plan period on one timeline
    ),
    (
        st.Page(
            "pages/since.py",
            title="Sinds de vorige vergadering",
            url_path="sinds-vorige-vergadering",
            icon=":material/update:",
        ),
        {YEAR, AS_OF, DISTRICT},
    ),
    (
        st.Page(
            "pages/actions.py",
            title="Actiepunten",
            url_path="actiepunten",
            icon=":material/checklist:",
        ),
        {AS_OF, AGENDA},  # owner and status: on the page, in the link too
    ),
    (
        st.Page(
            "pages/edit.py",
            title="Gegevens bijwerken",
            url_path="gegevens-bijwerken",
            icon=":material/edit:",
        ),
        set(),  # its grid has filters of its own
    ),
    (
        st.Page(
            "pages/about.py",
            title="Over de cijfers",
            url_path="over-de-cijfers",
            icon=":material/info:",
        ),
        {AS_OF},
    ),
    (
        st.Page(_to_overview, title="Overzicht", url_path="overzicht", visibility="hidden"),
        set(),  # never drawn: it moves on to the overview first
    ),
]
navigation = st.navigation([page for page, _ in PAGES])
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
            help="Conceptcijfers zijn ingevoerd maar nog niet vastgesteld door een tweede redacteur.",
        )
    st.caption(f"{waiting_line(figures_waiting, texts_waiting)}.")
    info = plan.plan  # the plan's words are text, never Markdown
    st.caption(
        " · ".join(md(t) for t in (info.title, info.version, f"gemeente {info.municipality}"))
    )
