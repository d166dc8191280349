"""Sidebar filters that live in the URL, so a mailed link opens the same view on any page.

Streamlit clears query parameters when the user switches page; the frame writes them back from
the widgets on every run, so they carry over.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from lib import fmt
from lib.plan.schema import Plan
from ui import context

ALL_AGENDA = 0  # agenda items are numbered from 1
WHOLE_CITY = ""  # district ids are never empty

# URL parameter -> session key of its widget
PARAMS = {
    "jaar": "filter_year",
    "peildatum": "filter_as_of",
    "agendapunt": "filter_agenda",
    "wijk": "filter_district",
}


def _from_url(plan: Plan, default_as_of: date) -> tuple[dict, list[str]]:
    """Filter values from the URL, falling back to defaults; plus what in the URL was not understood."""
    params, problems = st.query_params, []
    as_of = default_as_of
    if "peildatum" in params:
        try:
            as_of = date.fromisoformat(params["peildatum"])
        except ValueError:
            problems.append(f"peildatum '{params['peildatum']}' is geen datum (JJJJ-MM-DD)")
    years = plan.plan.years
    year = min(max(as_of.year, years[0]), years[-1])
    if "jaar" in params:
        if (linked := fmt.digits(params["jaar"])) in years:
            year = linked
        else:
            problems.append(
                f"jaar '{params['jaar']}' hoort niet bij het plan ({years[0]}-{years[-1]})"
            )
    agenda = ALL_AGENDA
    if "agendapunt" in params:
        numbers = {str(a.number): a.number for a in plan.agenda_items}
        agenda = numbers.get(params["agendapunt"], ALL_AGENDA)
        if agenda == ALL_AGENDA:
            problems.append(f"agendapunt '{params['agendapunt']}' bestaat niet")
    district = WHOLE_CITY
    if "wijk" in params:
        district = params["wijk"] if params["wijk"] in plan.district_ids() else WHOLE_CITY
        if district == WHOLE_CITY:
            problems.append(f"wijk '{params['wijk']}' bestaat niet")
    return {
        "filter_year": year,
        "filter_as_of": as_of,
        "filter_agenda": agenda,
        "filter_district": district,
    }, problems


# Filters the current page chooses with a control of its own (see chosen_on_page); set by the page
# during its run, read by draw_filters after it.
_ON_PAGE = "filters_chosen_on_page"
_DEFAULTED = "filters_defaulted_on_page"
# URL parameters a page adds for a choice of its own (the theme on Per agendapunt): kept while the
# page stays, dropped by Streamlit when the user moves to another page.
# ?doelen=alle: the overview lists every target of the year, not only what needs attention.
EVERY_PARAM, EVERY = "doelen", "alle"
PAGE_PARAMS = ("thema", "eigenaar", "status", EVERY_PARAM)  # agenda, actions, overview pages


def read_filters(plan: Plan, default_as_of: date) -> dict:
    """This run's filter values: {'year', 'as_of', 'agenda', 'district'}.

    From the widgets' state, or on a browser session's first run from the link. The widgets
    themselves are drawn by draw_filters after the page, so the page's content reaches the
    browser first.
    """
    if "filter_year" not in st.session_state:  # first run of this browser session: read the link
        values, problems = _from_url(plan, default_as_of)
        for key, value in values.items():
            st.session_state[key] = value
        for problem in problems:
            st.warning(
                f"De link bevat iets onbekends: {problem}. De standaardwaarde wordt gebruikt.",
                icon=":material/warning:",
            )
    st.session_state[_ON_PAGE] = set()
    # A value a page picked itself (the first agenda item, nothing chosen yet) is not a choice:
    # it lasts one run, so another page is not narrowed by it (the page picks it again).
    for name, value in st.session_state.pop(_DEFAULTED, {}).items():
        if st.session_state.get(_KEYS[name]) == value:  # not changed since (by a choice)
            st.session_state[_KEYS[name]] = _EMPTY[name]
    values = {**_session_choices(), AS_OF: st.session_state.filter_as_of or default_as_of}
    _to_url(values)
    return values


def _session_choices() -> dict:
    """The year, agenda item and wijk the session holds (None: every item, the whole city)."""
    return {
        YEAR: st.session_state[_KEYS[YEAR]],
        AGENDA: st.session_state[_KEYS[AGENDA]] or None,
        DISTRICT: st.session_state[_KEYS[DISTRICT]] or None,
    }


# The year is chosen on every page it changes, right under the page's title (year_choice), and
# never in the sidebar: a stuurgroep member clicks through the years with one press each.
_YEAR_CONTROL = "year_on_page"
_FULL_RUN = "filters_full_run"  # set by the frame's run, so the fragment knows it is part of one


def with_year_on_page(render: Callable[[], None]) -> None:
    """Run a page whose content follows the year, with the year chosen on the page itself.

    The page runs as a fragment: choosing another year reruns the page alone, and the frame
    (navigation, sidebar, notices) stays as it is in the browser. A year change then takes the
    page's own time plus a bare app's round trip, where a whole run of the frame took more than
    twice a bare app's (bench/README.md, "the year on the page"). The year stays the shared
    filter: the other pages and the link follow it.
    """
    st.session_state[_YEAR_CONTROL] = st.session_state[_KEYS[YEAR]]  # a full run: the shared year
    st.session_state.setdefault(_ON_PAGE, set()).add(YEAR)  # the sidebar does not repeat it
    st.session_state[_FULL_RUN] = True
    _year_fragment(render)


@st.fragment
def _year_fragment(render: Callable[[], None]) -> None:
    part_of_full_run = st.session_state.pop(_FULL_RUN, False)
    if not part_of_full_run:  # a rerun of the page alone, after a choice on it
        ctx = context.current()
        if not context.unchanged(ctx):
            st.rerun(scope="app")  # a save in the meantime: the frame loads the figures again
        now = _chosen_now()
        if now != {YEAR: ctx.year, AGENDA: ctx.agenda, DISTRICT: ctx.district}:
            context.follow_choice(now[YEAR], now[AGENDA], now[DISTRICT])
            st.query_params["jaar"] = str(now[YEAR])
    render()


def _chosen_now() -> dict:
    """The year, agenda item and wijk as the session holds them after a choice on the page (its
    callback has run); what the page only defaulted to is no choice (see read_filters)."""
    defaulted = st.session_state.get(_DEFAULTED, {})
    return {n: None if defaulted.get(n) == v else v for n, v in _session_choices().items()}


def year_choice(plan: Plan) -> None:
    """The year control under a page's title: one button per year of the plan (see above). The
    chosen one carries a check mark as well as its colour, so it is never told by colour alone."""
    chosen = st.session_state[_KEYS[YEAR]]

    def follow() -> None:
        st.session_state[_KEYS[YEAR]] = st.session_state[_YEAR_CONTROL]

    st.segmented_control(
        FILTER_LABELS[YEAR],
        plan.plan.years,
        key=_YEAR_CONTROL,  # the widget is known by its key: new labels do not reset it
        required=True,
        on_change=follow,
        format_func=lambda year: f"✓ {year}" if year == chosen else str(year),
    )


def read_link_again() -> None:
    """The next run takes the filters from the link, as a browser session's first run does."""
    st.session_state.pop("filter_year", None)


# The filters a page can use, by the key its value has in read_filters' result.
YEAR, AS_OF, AGENDA, DISTRICT = "year", "as_of", "agenda", "district"
FILTER_LABELS = {YEAR: "Jaar", AS_OF: "Peildatum", AGENDA: "Agendapunt", DISTRICT: "Wijk"}
_KEYS = {
    YEAR: "filter_year",
    AS_OF: "filter_as_of",
    AGENDA: "filter_agenda",
    DISTRICT: "filter_district",
}
_EMPTY = {AGENDA: ALL_AGENDA, DISTRICT: WHOLE_CITY}


def chosen_on_page(name: str, value: object, defaulted: bool = False) -> None:
    """The page chooses filter `name` (AGENDA or DISTRICT) with a control of its own: `value`.

    One choice, one control: the sidebar shows the page's choice greyed out (drawn after the
    page, see draw_filters), and the link holds it, so the sidebar never contradicts the page.
    `defaulted`: the page showed its first option because nothing was chosen; other pages then
    keep the empty choice (see read_filters).
    """
    st.session_state.setdefault(_ON_PAGE, set()).add(name)
    if defaulted:
        st.session_state.setdefault(_DEFAULTED, {})[name] = value
    st.session_state[_KEYS[name]] = _EMPTY[name] if value is None else value
    param = {AGENDA: "agendapunt", DISTRICT: "wijk"}[name]
    if value in (None, _EMPTY[name]):
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != str(value):
        st.query_params[param] = str(value)


def draw_filters(
    plan: Plan, values: dict, pages: list[tuple[StreamlitPage, set[str]]], current: StreamlitPage
) -> None:
    """The sidebar widgets behind read_filters' values, keyed on the same session state.

    `pages`: every page with the filters that change it. Those of the `current` page can be
    used; the others are drawn too, greyed out, and a line under them says on which pages they
    count, so a filter never seems to be ignored. Every filter is drawn on every page, so
    Streamlit keeps each value: it forgets a widget's value after a full run that did not draw
    it. A run that ends early (st.stop, st.rerun) keeps them too, and the link still holds them.
    The year is no widget here: it is chosen on the pages it changes (year_choice) and kept as
    plain session state, which Streamlit keeps.

    The widgets keep their values for the whole session (persist_state="session"): after a year
    change, which reruns the page alone, the browser asks for the next page without the frame's
    widget values, and Streamlit 1.67 would then forget them on the way (tests/e2e, the year
    carried over to other pages).

    The values that count on the page are written out in the sidebar; the widgets sit behind
    one "Filters wijzigen" button. The browser loads a popover's content only when it opens, so
    the select boxes' and date picker's code no longer competes with the page's charts: a
    tenth of the agenda page's time until its charts are drawn (bench/README.md).
    """
    uses = next(used for page, used in pages if page is current)
    on_page = st.session_state.pop(_ON_PAGE, set())
    choices = _choices(plan)
    shown = {
        YEAR: str(values["year"]),
        AS_OF: fmt.long_date(values["as_of"]),
        AGENDA: choices[AGENDA][1](values["agenda"] or ALL_AGENDA),
        DISTRICT: choices[DISTRICT][1](values["district"] or WHOLE_CITY),
    }
    counting = [n for n in FILTER_LABELS if n in uses and n not in on_page]
    with st.sidebar:
        st.header("Filters")
        if counting:
            st.markdown("  \n".join(f"{FILTER_LABELS[n]}: **{shown[n]}**" for n in counting))
        else:
            st.markdown("De filters tellen op deze pagina niet mee.")
        with st.popover(
            "Filters wijzigen", icon=":material/tune:", width="stretch", key="filters_popover"
        ):
            _widgets(values, uses, on_page, choices)
            for name in (n for n in FILTER_LABELS if n in on_page):
                st.caption(f"{FILTER_LABELS[name]} kiest u op deze pagina zelf.")
            for name in (n for n in FILTER_LABELS if uses and n not in uses):
                elsewhere = fmt.listing([page.title for page, used in pages if name in used])
                st.caption(f"{FILTER_LABELS[name]} telt hier niet mee, wel op {elsewhere}.")


def _choices(plan: Plan) -> dict[str, tuple[list, Callable[[object], str]]]:
    """The agenda and district filters' options and how each is written. Sentinels rather than
    None: a None value makes Streamlit show its English placeholder."""
    agenda_names, names = plan.agenda_names(), plan.district_names()
    return {
        AGENDA: (
            [ALL_AGENDA, *agenda_names],
            lambda n: "Alle agendapunten" if n == ALL_AGENDA else f"{n}. {agenda_names[n]}",
        ),
        DISTRICT: (
            [WHOLE_CITY, *plan.district_ids()],
            lambda d: "Hele stad" if d == WHOLE_CITY else names[d],
        ),
    }


def _widgets(values: dict, uses: set, on_page: set, choices: dict) -> None:
    st.date_input(
        FILTER_LABELS[AS_OF],
        key=_KEYS[AS_OF],
        persist_state="session",  # see draw_filters
        format="DD-MM-YYYY",
        help="De datum waarop de stand wordt beoordeeld.",
        disabled=AS_OF not in uses,
    )
    st.caption(f"Beoordeeld op {fmt.long_date(values['as_of'])}")
    for name, (options, label) in choices.items():
        st.selectbox(
            FILTER_LABELS[name],
            options,
            key=_KEYS[name],
            persist_state="session",
            format_func=label,
            disabled=name not in uses or name in on_page,
        )


def _to_url(values: dict) -> None:
    wanted = {"jaar": str(values["year"]), "peildatum": values["as_of"].isoformat()}
    if values["agenda"] is not None:
        wanted["agendapunt"] = str(values["agenda"])
    if values["district"]:
        wanted["wijk"] = values["district"]
    wanted |= {p: st.query_params[p] for p in PAGE_PARAMS if p in st.query_params}
    if dict(st.query_params) != wanted:
        st.query_params.from_dict(wanted)
