"""Every page of the dashboard run headless with Streamlit's AppTest, against the real plan and
the example figures (peildatum 1 oktober 2014).

Each page: runs cleanly, shows its Dutch title, headings and the example notice, and shows the
numbers lib/ computes. The filters: a widget changes what is shown and the URL follows it; a URL
opens the same view as the widgets; a URL value that is not understood gives a Dutch warning and
the default. Broken input files: the Dutch problem list, no traceback.

Expected numbers are computed here from `progress_table` and the example CSV, not with the
table builders the pages call, so a page that shows the wrong column or year is caught.
"""

from __future__ import annotations

import base64
import html
import re
import shutil
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from apptest_open import aim
from streamlit.testing.v1 import AppTest

from lib import fmt
from lib.figures.actuals import Actuals
from lib.plan.schema import Plan
from lib.progress.compare import progress_table
from lib.status import BEHIND, NO_DATA, NO_TARGET, STATUSES, label
from lib.views.overview import TILE_STATUSES, tiles
from support.charts import figures
from ui.links import URL_PATHS, menu_paths

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dashboard.py"
AS_OF = date(2014, 10, 1)  # the example figures' reporting date: the default peildatum
# Generous: a test with a plan or figures of its own pays for a cold first run.
RUN_TIMEOUT_S = 30

OVERVIEW = "pages/overview.py"
AGENDA = "pages/agenda.py"
DISTRICTS = "pages/districts.py"
MILESTONES = "pages/milestones.py"
ABOUT = "pages/about.py"
SINCE = "pages/since.py"
ACTIONS = "pages/actions.py"
PAGE_FILES = [OVERVIEW, AGENDA, DISTRICTS, MILESTONES, ABOUT, SINCE, ACTIONS]

EXAMPLE_NOTICE = "**Voorbeeldgegevens.**"
YEAR_CONTROL = "year_on_page"  # under the title of every page the year changes (ui/filters.py)
LINK_WARNING = "De link bevat iets onbekends"

# (page, title with the default year 2014, title after choosing 2013, headings that must show)
PAGES = [
    pytest.param(
        OVERVIEW,
        "Voortgang Masterplan Het Jonge Kind 2014",
        "Voortgang Masterplan Het Jonge Kind 2013",
        [
            "Per agendapunt",
            "Wat aandacht vraagt in 2014, alle agendapunten: achter of zonder gegevens",
        ],
        id="overzicht",
    ),
    pytest.param(
        AGENDA,
        "Agendapunt 1: Expertiseverbetering professionals",
        "Agendapunt 1: Expertiseverbetering professionals",
        [
            "Doel 1: Verhoging kwaliteit voorschoolse VVE door middel van HBO'ers die als coach "
            "werken op 60 VVE-groepen.",
            "Mijlpalen",
        ],
        id="agendapunten",
    ),
    pytest.param(
        DISTRICTS,
        "Per wijk: stand 2014 in de 10 wijken",
        "Per wijk: stand 2013 in de 10 wijken",
        ["Alle wijken naast elkaar", "Eén wijk tegenover de stad", "Rangorde per indicator"],
        id="wijken",
    ),
    pytest.param(
        MILESTONES,
        "Mijlpalen 2012-2015",
        "Mijlpalen 2012-2015",
        ["De feiten: de uitgangssituatie volgens het plan"],
        id="mijlpalen",
    ),
    pytest.param(
        ABOUT,
        "Over de cijfers",
        "Over de cijfers",
        [
            "Waar de cijfers vandaan komen",
            "Alle cijfers en wanneer ze zijn gewijzigd",
            "Hoe de status wordt bepaald",
            "Toegankelijkheid",
        ],
        id="over-de-cijfers",
    ),
]


@pytest.fixture(autouse=True)
def fresh_app_state(monkeypatch: pytest.MonkeyPatch) -> None:
    # Streamlit's caches outlive an AppTest, and are kept: every one of the app's caches is keyed
    # on what it reads (the plan's text, the database's URL and revision, a figures file's bytes),
    # so a test with another plan or other figures gets entries of its own. Emptying them per
    # test made every run a cold one (about 0.3 s more each).
    monkeypatch.delenv("HJK_TARGETS", raising=False)
    monkeypatch.delenv("HJK_ACTUALS", raising=False)


def open_app(page: str = OVERVIEW, **params: str) -> AppTest:
    """The dashboard opened with these URL parameters, then switched to `page`."""
    at = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    at.query_params.update(params)
    aim(at, APP, page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def title(at: AppTest) -> str:
    (heading,) = at.main.title
    return heading.value


def headings(at: AppTest) -> list[str]:
    """Streamlit's headers and the headings of the HTML text blocks (lib/views/html_text.py)."""
    own = [h.value for h in [*at.main.header, *at.main.subheader]]
    return own + [h for e in at.main.get("html") for h in text_block(e.proto.body).headings]


class _BlockReader(HTMLParser):
    """The headings and status badges of one HTML text block (lib/views/html_text.py)."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.badges: list[str] = []
        self._into: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("h2", "h3"):
            self.headings.append("")
            self._into = self.headings
        elif tag == "span" and ("class", "hjk-badge") in attrs:
            self.badges.append("")
            self._into = self.badges

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3", "span"):
            self._into = None

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._into[-1] += data


def text_block(body: str) -> _BlockReader:
    reader = _BlockReader()
    reader.feed(body)
    return reader


def markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.main.markdown]


class _TextReader(HTMLParser):
    """The words and links of HTML drawn with st.html, as a screen reader reads them: without
    style, script and what is marked aria-hidden."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._open: list[tuple[str, bool]] = []  # tag, hidden
        self._link: tuple[str, list[str]] | None = None

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self._open)

    def handle_starttag(self, tag: str, attrs) -> None:
        found = dict(attrs)
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            hidden = tag in ("style", "script") or found.get("aria-hidden") == "true"
            self._open.append((tag, hidden))
        if tag == "a":
            self._link = (found.get("href") or "", [])
        elif tag in ("p", "li", "div", "br", "h2", "h3", "tr"):
            self.words.append("\n")

    def handle_endtag(self, tag: str) -> None:
        while self._open and self._open.pop()[0] != tag:
            pass
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], " ".join("".join(self._link[1]).split())))
            self._link = None

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.words.append(data)
            if self._link is not None:
                self._link[1].append(data)


def _read_html(at: AppTest) -> _TextReader:
    reader = _TextReader()
    for element in at.main.get("html"):
        reader.feed(element.proto.body)
    return reader


def html_text(at: AppTest) -> str:
    """The text of every st.html element in the page's main area, one line per block."""
    lines = "".join(_read_html(at).words).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def html_links(at: AppTest) -> list[tuple[str, str]]:
    """(href, words) of every link in the page's HTML: links between pages are written so."""
    return _read_html(at).links


class _TableReader(HTMLParser):
    """The cells of the HTML tables a page draws with st.html (lib/views/html_table.py)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.captions: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "table":
            self.tables.append([])
            self.captions.append("")
        elif tag == "caption":
            self._cell = []
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self.captions[-1] = "".join(self._cell)
            self._cell = None
        elif tag in ("th", "td"):
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_tables(at: AppTest) -> list[pd.DataFrame]:
    """Every HTML table in the page's main area, as text: the first row is the header."""
    frames = []
    for element in at.main.get("html"):
        reader = _TableReader()
        reader.feed(element.proto.body)
        frames += [pd.DataFrame(rows[1:], columns=rows[0]) for rows in reader.tables]
    return frames


def captioned_table(at: AppTest, caption_start: str) -> pd.DataFrame:
    """The only HTML table whose caption starts with `caption_start`."""
    found = []
    for element in at.main.get("html"):
        reader = _TableReader()
        reader.feed(element.proto.body)
        for caption, rows in zip(reader.captions, reader.tables, strict=True):
            if caption.startswith(caption_start):
                found.append(pd.DataFrame(rows[1:], columns=rows[0]))
    (table,) = found
    return table


def table(at: AppTest, column: str) -> pd.DataFrame:
    """The only table on the page (data grid or HTML table) that has this column."""
    tables = [d.value for d in at.main.dataframe] + html_tables(at)
    (found,) = [t for t in tables if column in t.columns]
    return found


def dutch_number(text: str) -> float:
    return float(text.replace(".", "").replace(",", "."))


def link_warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if LINK_WARNING in w.value]


def city(plan: Plan, actuals: Actuals, year: int | None = None) -> pd.DataFrame:
    """The comparison for the whole city at the example's reporting date."""
    return progress_table(plan, actuals, AS_OF, year=year)


def walk(block) -> Iterator:
    """Every element under a block, in the order a reader sees them (column by column)."""
    for child in block.children.values():
        yield child
        if hasattr(child, "children"):
            yield from walk(child)


# ------------------------------------------------------------------ every page


def navigation_files() -> list[str]:
    """The page files of the menu (ui/links.py, where the frame finds each page's URL path): a
    page added to the menu is smoke-tested without a change here. The test below checks that
    these are the files dashboard.py hands to st.navigation."""
    return list(URL_PATHS)


@pytest.mark.parametrize("page", navigation_files())
def test_every_page_in_the_menu_runs_with_one_title_and_the_example_notice(page):
    at = open_app(page)

    (heading,) = at.main.title
    assert heading.value.strip()
    assert [w.value for w in at.warning if w.value.startswith(EXAMPLE_NOTICE)], "no example notice"
    assert at.error == []


def test_known_pages_are_in_the_menu():
    assert set(PAGE_FILES) <= set(navigation_files())
    # What the frame registers with st.navigation: these files at these paths (the default page
    # at "/"), and one hidden page: /overzicht, a function that moves on to the overview.
    registered = open_app()._registered_pages.values()
    files = {
        Path(info["script_path"]).relative_to(APP.parent).as_posix(): info["url_pathname"]
        for info in registered
        if info["script_path"]
    }
    assert list(files) == navigation_files()
    assert [f"/{path}" for path in files.values()] == menu_paths()
    assert [info["url_pathname"] for info in registered if not info["script_path"]] == ["overzicht"]


@pytest.mark.parametrize(("page", "title_2014", "title_2013", "expected_headings"), PAGES)
def test_page_shows_title_headings_and_example_notice(
    page, title_2014, title_2013, expected_headings
):
    at = open_app(page)

    assert title(at) == title_2014
    assert set(expected_headings) <= set(headings(at))
    assert [w.value for w in at.warning if w.value.startswith(EXAMPLE_NOTICE)], "no example notice"
    assert link_warnings(at) == []
    assert at.error == []
    # Per agendapunt shows item 1 and its first theme, and says so in the link.
    shown = {"agendapunt": "1", "thema": "1"} if page == AGENDA else {}
    assert at.query_params == {"jaar": "2014", "peildatum": "2014-10-01", **shown}


def test_no_example_notice_for_real_figures(monkeypatch):
    # This small file has no "# example: ja" line: the figures count as real.
    monkeypatch.setenv("HJK_ACTUALS", str(ROOT / "tests/fixtures/actuals_small/actuals.csv"))
    at = open_app()
    assert not [w.value for w in at.warning if w.value.startswith(EXAMPLE_NOTICE)]


def test_no_concept_switch_while_no_concept_waits():
    # The example database holds approved figures only: the switch would change nothing.
    at = open_app()
    assert not at.sidebar.toggle
    assert "Niets wacht op vaststelling." in [c.value for c in at.sidebar.caption]
    # The sidebar comes after the page, and still holds the filters.
    assert [s.key for s in at.sidebar.selectbox] == ["filter_agenda", "filter_district"]


# The pages the year changes, each with the year control under its title (ui/filters.py); the
# others say in the sidebar where it counts (see below).
YEAR_PAGES = [p for p in PAGES if p.id in ("overzicht", "agendapunten", "wijken")]


@pytest.mark.parametrize(("page", "title_2014", "title_2013", "expected_headings"), YEAR_PAGES)
def test_year_filter_changes_the_page_and_the_url(page, title_2014, title_2013, expected_headings):
    at = open_app(page)
    # The chosen year is marked in words too, not by colour alone.
    assert at.segmented_control(key=YEAR_CONTROL).options == ["2012", "2013", "✓ 2014", "2015"]
    assert at.segmented_control(key=YEAR_CONTROL).value == 2014

    at.segmented_control(key=YEAR_CONTROL).set_value(2013)
    rerun(at)

    assert title(at) == title_2013
    assert at.query_params["jaar"] == "2013"
    assert at.segmented_control(key=YEAR_CONTROL).value == 2013
    assert at.segmented_control(key=YEAR_CONTROL).options == ["2012", "✓ 2013", "2014", "2015"]
    # One choice, one control: the sidebar neither repeats nor offers the year here.
    assert not [m.value for m in at.sidebar.markdown if "Jaar" in m.value]
    assert "Jaar kiest u op deze pagina zelf." in [c.value for c in at.sidebar.caption]
    # The year is the shared filter: every other page of the year opens on it.
    for other in {OVERVIEW, AGENDA, DISTRICTS, SINCE} - {page}:
        rerun(at.switch_page(other))
        assert at.segmented_control(key=YEAR_CONTROL).value == 2013
        assert at.query_params["jaar"] == "2013"


# (page, the sidebar filters greyed out there, the lines that say where they do count)
UNUSED_FILTERS = [
    pytest.param(OVERVIEW, ["filter_district"], ["Wijk telt hier niet mee, wel op Per wijk en Sinds de vorige vergadering."], id="overzicht"),
    pytest.param(DISTRICTS, ["filter_agenda", "filter_district"], ["Agendapunt telt hier niet mee, wel op Overzicht, Per agendapunt, Mijlpalen en Actiepunten."], id="wijken"),
    pytest.param(MILESTONES, ["filter_district"], ["Jaar telt hier niet mee, wel op Overzicht, Per agendapunt, Per wijk en Sinds de vorige vergadering.", "Wijk telt hier niet mee, wel op Per wijk en Sinds de vorige vergadering."], id="mijlpalen"),
    pytest.param(ABOUT, ["filter_agenda", "filter_district"], ["Jaar telt hier niet mee, wel op Overzicht, Per agendapunt, Per wijk en Sinds de vorige vergadering.", "Agendapunt telt hier niet mee, wel op Overzicht, Per agendapunt, Mijlpalen en Actiepunten.", "Wijk telt hier niet mee, wel op Per wijk en Sinds de vorige vergadering."], id="over-de-cijfers"),
]  # fmt: skip


@pytest.mark.parametrize(("page", "greyed", "notes"), UNUSED_FILTERS)
def test_filters_a_page_ignores_are_greyed_out_and_keep_their_value(page, greyed, notes):
    at = open_app(DISTRICTS, jaar="2013", agendapunt="3", wijk="w03")
    if page != DISTRICTS:
        rerun(at.switch_page(page))

    assert [s.key for s in at.sidebar.selectbox if s.disabled] == greyed
    assert not at.date_input(key="filter_as_of").disabled
    captions = [c.value for c in at.sidebar.caption]
    assert [c for c in captions if "telt hier niet mee" in c] == notes
    # Greyed out, not forgotten: the values stay, in the widgets and in the link.
    assert [s.value for s in at.sidebar.selectbox] == [3, "w03"]
    assert at.query_params == {
        "jaar": "2013",
        "peildatum": "2014-10-01",
        "agendapunt": "3",
        "wijk": "w03",
    }
    rerun(at.switch_page(DISTRICTS))
    assert at.selectbox(key="districts_district").value == "w03"
    assert title(at) == "Per wijk: stand 2013 in de 10 wijken"


def test_the_edit_page_uses_no_sidebar_filter():
    at = open_app("pages/edit.py")
    assert [s.disabled for s in at.sidebar.selectbox] == [True, True]
    assert at.date_input(key="filter_as_of").disabled
    assert "De filters tellen op deze pagina niet mee." in [m.value for m in at.sidebar.markdown]


def test_the_sidebar_says_the_filters_that_count_and_keeps_the_widgets_behind_a_button():
    """The values in view; the widgets in the popover "Filters wijzigen" (loaded when opened)."""
    at = open_app(OVERVIEW, jaar="2013", agendapunt="3", wijk="w03")
    lines = [m.value for m in at.sidebar.markdown]
    assert (
        "Peildatum: **1 oktober 2014**  \nAgendapunt: **3. Het kind voorop**" in lines
    )  # the year is chosen under the page's title
    rerun(at.switch_page(DISTRICTS))  # the district is chosen on that page, not in the sidebar
    assert "Peildatum: **1 oktober 2014**" in [m.value for m in at.sidebar.markdown]
    popover = at.sidebar.get("popover")
    assert [p.proto.popover.label for p in popover] == ["Filters wijzigen"]
    keys = {w.key for w in popover[0].selectbox} | {w.key for w in popover[0].date_input}
    assert keys == {"filter_as_of", "filter_agenda", "filter_district"}


# Every filter in the URL; the same view is then chosen with the widgets.
VIEW = {"jaar": "2013", "peildatum": "2013-12-31", "agendapunt": "3", "wijk": "w03"}


def what_is_shown(at: AppTest) -> dict:
    return {
        "title": title(at),
        "headings": headings(at),
        "markdown": markdown(at),
        "tables": [t.to_json() for t in [*(d.value for d in at.main.dataframe), *html_tables(at)]],
        "filters": [s.value for s in at.sidebar.selectbox],
        "year": [s.value for s in at.segmented_control if s.key == YEAR_CONTROL],
        "peildatum": at.date_input(key="filter_as_of").value,
    }


@pytest.mark.parametrize("page", PAGE_FILES)
def test_link_opens_the_view_the_filters_give(page):
    linked = open_app(page, **VIEW)

    chosen = open_app()
    chosen.segmented_control(key=YEAR_CONTROL).set_value(2013)
    chosen.date_input(key="filter_as_of").set_value(date(2013, 12, 31))
    chosen.selectbox(key="filter_agenda").set_value(3)
    rerun(chosen)
    rerun(chosen.switch_page(DISTRICTS))  # the district is chosen on that page
    chosen.selectbox(key="districts_district").set_value("w03")  # the page's own control
    rerun(chosen)
    if page != DISTRICTS:
        rerun(chosen.switch_page(page))

    assert link_warnings(linked) == []
    # Per agendapunt adds the theme it shows (thema=1); the filters are the same.
    theme = {"thema": "1"} if page == AGENDA else {}
    assert linked.query_params == VIEW | theme
    assert chosen.query_params == VIEW | theme
    assert what_is_shown(linked) == what_is_shown(chosen)


INVALID_LINKS = [
    pytest.param(
        "jaar", "1999", "jaar '1999' hoort niet bij het plan (2012-2015)", "filter_year", 2014,
        id="year_outside_plan",
    ),
    pytest.param(
        "jaar", "vorig", "jaar 'vorig' hoort niet bij het plan (2012-2015)", "filter_year", 2014,
        id="year_not_a_number",
    ),
    pytest.param(
        "jaar", "²", "jaar '²' hoort niet bij het plan (2012-2015)", "filter_year", 2014,
        id="year_a_superscript_digit",
    ),
    pytest.param(
        "peildatum", "1-10-2014", "peildatum '1-10-2014' is geen datum (JJJJ-MM-DD)",
        "filter_as_of", AS_OF,
        id="date_not_iso",
    ),
    pytest.param(
        "peildatum", "2014-02-30", "peildatum '2014-02-30' is geen datum (JJJJ-MM-DD)",
        "filter_as_of", AS_OF,
        id="date_does_not_exist",
    ),
    pytest.param(
        "agendapunt", "9", "agendapunt '9' bestaat niet", "filter_agenda", 0,
        id="unknown_agenda_item",
    ),
    pytest.param(
        "wijk", "w99", "wijk 'w99' bestaat niet", "filter_district", "",
        id="unknown_district",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("param", "value", "problem", "widget", "default"), INVALID_LINKS)
def test_link_value_not_understood_warns_and_uses_default(param, value, problem, widget, default):
    at = open_app(**{param: value})

    assert link_warnings(at) == [f"{LINK_WARNING}: {problem}. De standaardwaarde wordt gebruikt."]
    if widget == "filter_year":  # chosen on the page
        shown = at.segmented_control(key=YEAR_CONTROL)
    elif widget == "filter_as_of":
        shown = at.date_input(key=widget)
    else:
        shown = at.selectbox(key=widget)
    assert shown.value == default
    assert title(at) == "Voortgang Masterplan Het Jonge Kind 2014"
    # The URL is corrected, so a link copied from the address bar works.
    assert at.query_params == {"jaar": "2014", "peildatum": "2014-10-01"}


# ------------------------------------------------------------------ overzicht


def tiles_html(at: AppTest) -> list[tuple[int, str]]:
    """(agenda item number, HTML) of every tile on the overview (lib/views/overview_html.py)."""
    return [
        (int(number), tile)
        for element in at.main.get("html")
        for number, tile in re.findall(
            r'data-agenda-item="(\d+)">(.*?)</div>', element.proto.body, re.S
        )
    ]


def shown_tiles(at: AppTest) -> dict[int, dict[str, int]]:
    """Per tile (agenda item number): the count shown after each status badge."""
    badge = r'<span class="hjk-badge" style="[^"]+">\S+ ([^<]+)</span> <strong>(\d+)</strong>'
    return {
        number: {status: int(count) for status, count in re.findall(badge, tile)}
        for number, tile in tiles_html(at)
    }


def test_overview_tiles_count_the_statuses_lib_gives(plan, example_actuals):
    at = open_app()

    rows = city(plan, example_actuals, 2014)
    expected = {
        item.number: {
            s: int((rows[rows["agenda_item"] == item.number]["status"] == s).sum())
            for s in TILE_STATUSES
        }
        for item in plan.agenda_items
    }
    assert shown_tiles(at) == expected
    from_lib = tiles(progress_table(plan, example_actuals, AS_OF, district="all"), plan, 2014)
    counted_by_lib = {t["number"]: {s: t["counts"][s] for s in TILE_STATUSES} for t in from_lib}
    assert shown_tiles(at) == counted_by_lib
    targets = [
        int((rows[rows["agenda_item"] == item.number]["status"] != NO_TARGET).sum())
        for item in plan.agenda_items
    ]
    shown_targets = [
        int(m[1])
        for _, tile in tiles_html(at)
        if (m := re.search(r'class="hjk-note">(\d+) doelen in 2014', tile))
    ]
    assert shown_targets == targets


@pytest.mark.parametrize("year", [2014, 2013])
def test_overview_table_lists_the_targets_of_the_year_behind_first(plan, example_actuals, year):
    at = open_app(doelen="alle")
    if year != 2014:
        at.segmented_control(key=YEAR_CONTROL).set_value(year)
        rerun(at)

    shown = table(at, "Indicator")
    expected = city(plan, example_actuals, year)
    expected = expected[expected["status"] != NO_TARGET]
    assert sorted(zip(shown["Indicator"], shown["Status"], strict=True)) == sorted(
        zip(expected["name"], map(label, expected["status"]), strict=True)
    )
    order = {label(s): style.order for s, style in STATUSES.items()}
    assert list(shown["Status"]) == sorted(shown["Status"], key=order.get)
    behind = int((expected["status"] == BEHIND).sum())
    assert f"{behind} van de {len(expected)} doelen liggen achter." in html_text(at)
    assert f"Alle doelen {year}, alle agendapunten: wat achter ligt staat bovenaan" in headings(at)


def test_overview_shows_what_needs_attention_and_every_target_after_a_click(plan, example_actuals):
    at = open_app()
    rows = city(plan, example_actuals, 2014)
    rows = rows[rows["status"] != NO_TARGET]
    attention = rows[rows["status"].isin([BEHIND, NO_DATA])]
    shown = table(at, "Indicator")
    assert sorted(zip(shown["Indicator"], shown["Status"], strict=True)) == sorted(
        zip(attention["name"], map(label, attention["status"]), strict=True)
    )
    behind, missing = (int((attention["status"] == s).sum()) for s in (BEHIND, NO_DATA))
    assert (
        f"{behind} van de {len(rows)} doelen liggen achter, {missing} zonder gegevens. De andere "
        f"{len(rows) - behind - missing} staan in de lijst van alle doelen."
    ) in html_text(at)

    # The link under it lists every target, with the choice in its address (ui/links.js opens
    # it in the same session); a year change keeps it, and a link leads back.
    (every,) = [href for href, words in html_links(at) if words == f"Alle {len(rows)} doelen tonen"]
    assert every == "?jaar=2014&peildatum=2014-10-01&doelen=alle"
    at = open_app(doelen="alle")
    assert len(table(at, "Indicator")) == len(rows)
    at.segmented_control(key=YEAR_CONTROL).set_value(2013)
    rerun(at)
    assert at.query_params["doelen"] == "alle" and at.query_params["jaar"] == "2013"
    assert "Alle doelen 2013, alle agendapunten: wat achter ligt staat bovenaan" in headings(at)
    (back,) = [href for href, words in html_links(at) if words == "Alleen wat aandacht vraagt"]
    assert back == "?jaar=2013&peildatum=2014-10-01"


def test_overview_agenda_filter_narrows_the_table(plan, example_actuals):
    at = open_app(doelen="alle")
    at.selectbox(key="filter_agenda").set_value(2)
    rerun(at)

    shown = table(at, "Indicator")
    expected = city(plan, example_actuals, 2014)
    expected = expected[(expected["status"] != NO_TARGET) & (expected["agenda_item"] == 2)]
    assert sorted(shown["Indicator"]) == sorted(expected["name"])
    assert at.query_params["agendapunt"] == "2"


# ------------------------------------------------------------------ per agendapunt


def labels_by_name(rows: pd.DataFrame) -> dict[str, str]:
    return dict(zip(rows["name"], map(label, rows["status"]), strict=True))


def shown_statuses(at: AppTest, year: int) -> dict[str, str]:
    """Per indicator block (its heading): the status badge on its line for `year`."""
    statuses = {}
    for element in at.main.get("html"):
        block = text_block(element.proto.body)
        if block.badges:
            (name,) = block.headings
            assert f"<p>{year}: <span" in element.proto.body
            (statuses[name],) = block.badges
    return statuses


def theme_radio(at: AppTest, number: int):
    """The page's theme choice for agenda item `number`; None when the item has one theme."""
    found = [r for r in at.main.radio if r.key == f"agenda_theme_{number}"]
    return found[0] if found else None


def themes_of(plan: Plan, number: int) -> list[str]:
    """The themes of an agenda item in plan order; indicators without a goal share one."""
    themes = []
    for goal in [g for g in plan.goals if g.agenda_item == number]:
        if goal.theme not in themes and any(i.goal == goal.id for i in plan.indicators):
            themes.append(goal.theme)
    if any(i.agenda_item == number and i.goal is None for i in plan.indicators):
        themes.append("Overige doelen")
    return themes


def statuses_of_every_theme(at: AppTest, plan: Plan, number: int, year: int) -> dict[str, str]:
    """shown_statuses over all themes of the agenda item, choosing each theme in turn."""
    if theme_radio(at, number) is None:
        assert len(themes_of(plan, number)) == 1
        return shown_statuses(at, year)
    statuses = {}
    for theme in themes_of(plan, number):
        theme_radio(at, number).set_value(theme)
        rerun(at)
        shown = shown_statuses(at, year)
        assert not set(shown) & set(statuses), "an indicator shows under two themes"
        statuses |= shown
    return statuses


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_agenda_page_shows_each_indicator_with_its_status(plan, example_actuals, number):
    at = open_app(AGENDA)
    if number != 1:
        at.radio(key="agenda_item").set_value(number)
        rerun(at)

    assert title(at) == f"Agendapunt {number}: {plan.agenda_names()[number]}"
    rows = city(plan, example_actuals, 2014)
    rows = rows[(rows["agenda_item"] == number) & (rows["kind"] != "milestone")]
    assert statuses_of_every_theme(at, plan, number, 2014) == labels_by_name(rows)
    # One choice, one control: the page's choice is what the (greyed out) sidebar shows, also
    # for item 1 when nothing was chosen, and it is in the link.
    assert at.selectbox(key="filter_agenda").value == number
    assert at.selectbox(key="filter_agenda").disabled
    assert at.query_params["agendapunt"] == str(number)


def test_agenda_page_follows_the_year_filter(plan, example_actuals):
    at = open_app(AGENDA)
    at.segmented_control(key=YEAR_CONTROL).set_value(2013)
    rerun(at)

    rows = city(plan, example_actuals, 2013)
    rows = rows[(rows["agenda_item"] == 1) & (rows["kind"] != "milestone")]
    assert statuses_of_every_theme(at, plan, 1, 2013) == labels_by_name(rows)


def test_agenda_page_shows_one_theme_at_a_time_and_counts_what_is_behind(plan, example_actuals):
    at = open_app(AGENDA)
    radio = theme_radio(at, 1)
    themes = themes_of(plan, 1)
    assert radio.value == themes[0]
    # Only the chosen theme's goals, each headed by its own words: no other theme's.
    shown = {h for h in headings(at) if h.startswith("Doel")}
    assert shown == goal_headings(plan, 1, radio.value)

    rows = city(plan, example_actuals, 2014)
    behind = set(rows[(rows["agenda_item"] == 1) & (rows["status"] == BEHIND)]["indicator"])
    theme_of = {g.id: g.theme for g in plan.goals}
    counts = {t: 0 for t in themes}
    for indicator in plan.indicators:
        if indicator.id in behind:
            counts[theme_of[indicator.goal]] += 1
    assert any(counts.values()), "the example should have a theme with targets behind"
    assert radio.options == [
        f"{theme} · ✖ {counts[theme]} achter" if counts[theme] else theme for theme in themes
    ]


def test_agenda_theme_stays_when_the_year_changes(plan):
    at = open_app(AGENDA)
    second = themes_of(plan, 1)[1]
    theme_radio(at, 1).set_value(second)
    rerun(at)
    at.segmented_control(key=YEAR_CONTROL).set_value(2013)
    rerun(at)
    assert theme_radio(at, 1).value == second
    assert {h for h in headings(at) if h.startswith("Doel")} == goal_headings(plan, 1, second)


def goal_headings(plan: Plan, number: int, theme: str) -> set[str]:
    """'Doel 3: Borging kwaliteit MBO'er ...': the goals of a theme, in the plan's own words."""
    return {
        f"{g.label}: {g.text}"
        for g in plan.goals
        if g.agenda_item == number
        and g.theme == theme
        and g.label.startswith("Doel")
        and any(i.goal == g.id for i in plan.indicators)
    }


def test_goal_headings_are_the_goals_own_words_not_the_theme(plan):
    at = open_app(AGENDA)
    goal = next(g for g in plan.goals if g.agenda_item == 1 and g.label == "Doel 3")
    theme_radio(at, 1).set_value(goal.theme)
    rerun(at)
    assert f"Doel 3: {goal.text}" in headings(at)
    assert f"Doel 3: {goal.theme}" not in headings(at)


# ------------------------------------------------------------------ per wijk


def district_figures(plan: Plan, actuals: Actuals, year: int) -> dict[tuple[str, str], float]:
    """(indicator name, district name) -> figure, straight from the CSV."""
    names = {i.id: i.name for i in plan.indicators}
    districts = plan.district_names()
    frame = actuals.frame
    rows = frame[(frame["district"] != "") & (frame["year"] == year)]
    return {
        (names[r.indicator], districts[r.district]): r.number
        for r in rows.itertuples()
        if r.number is not None and not pd.isna(r.number)
    }


@pytest.mark.parametrize("year", [2014, 2013])
def test_district_heatmap_table_holds_the_district_figures(plan, example_actuals, year):
    at = open_app(DISTRICTS)
    if year != 2014:
        at.segmented_control(key=YEAR_CONTROL).set_value(year)
        rerun(at)

    shown = captioned_table(at, "Stand per indicator en wijk").set_index("Indicator")
    assert list(shown.columns) == list(plan.district_names().values())
    cells = shown.stack()
    cells = cells[cells != "–"]  # no figure
    assert {key: dutch_number(value) for key, value in cells.items()} == district_figures(
        plan, example_actuals, year
    )
    assert title(at) == f"Per wijk: stand {year} in de 10 wijken"


def test_choosing_a_district_shows_its_profile_and_goes_in_the_link(plan, example_actuals):
    at = open_app(DISTRICTS)
    assert not [t for t in html_tables(at) if "Stand wijk" in t.columns]

    at.selectbox(key="districts_district").set_value("w03")
    rerun(at)

    assert at.query_params["wijk"] == "w03"
    assert at.selectbox(key="filter_district").value == "w03"
    profile = table(at, "Stand wijk")
    units = {i.name: i.unit for i in plan.indicators}
    figures = {
        name: number
        for (name, district), number in district_figures(plan, example_actuals, 2014).items()
        if district == "Stad Centrum"
    }
    assert list(profile["Indicator"]) == [i.name for i in plan.indicators if i.per_district]
    for name, shown in zip(profile["Indicator"], profile["Stand wijk"], strict=True):
        one = {i.name: i.unit_singular for i in plan.indicators}[name]
        expected = (
            fmt.quantity(figures[name], units[name], singular=one)
            if name in figures
            else "geen cijfer"
        )
        assert shown == expected, name


def test_the_district_pages_choices_are_buttons_that_name_the_choice(plan):
    """A select box in a popover is drawn when opened, not before the charts; its button says
    what is chosen, so nothing is hidden by it."""
    at = open_app(DISTRICTS)
    counted = [i for i in plan.indicators if i.per_district]

    def buttons() -> list[str]:
        labels = [p.proto.popover.label for p in at.main.get("popover")]
        return [label for label in labels if label != "Downloaden"]

    def ranking_title() -> str:
        return figures(at)[1]["layout"]["title"]["text"]

    assert buttons() == ["Kies een wijk", f"Indicator: {counted[0].name}"]
    assert counted[0].name in ranking_title()

    at.selectbox(key="districts_district").set_value("w03")
    at.selectbox(key="districts_indicator").set_value(counted[2])
    rerun(at)

    assert buttons() == [f"Wijk: {plan.district_names()['w03']}", f"Indicator: {counted[2].name}"]
    assert counted[2].name in ranking_title()
    assert counted[0].name not in ranking_title()


# ------------------------------------------------------------------ mijlpalen


def expected_milestones(plan: Plan, actuals: Actuals, agenda: int | None = None) -> list:
    """(name, status label) of every milestone, judged in its deadline year, earliest first."""
    rows = city(plan, actuals)
    milestones = sorted(
        (i for i in plan.indicators if i.kind == "milestone"),
        key=lambda i: (i.deadline, i.name),
    )
    out = []
    for indicator in milestones:
        if agenda is not None and indicator.agenda_item != agenda:
            continue
        own = rows[(rows["indicator"] == indicator.id) & (rows["year"] == indicator.deadline.year)]
        out.append((indicator.name, label(own["status"].item())))
    return out


@pytest.mark.parametrize("agenda", [None, 3])
def test_milestone_table_has_the_milestones_and_statuses_lib_gives(plan, example_actuals, agenda):
    at = open_app(MILESTONES)
    if agenda is not None:
        at.selectbox(key="filter_agenda").set_value(agenda)
        rerun(at)

    scope = "alle agendapunten" if agenda is None else f"agendapunt {agenda}"
    as_of = fmt.long_date(example_actuals.meta.reporting_date)
    assert any(t.startswith(f"Stand op peildatum {as_of}, {scope}.") for t in markdown(at))
    shown = table(at, "Mijlpaal")
    expected = expected_milestones(plan, example_actuals, agenda)
    assert list(zip(shown["Mijlpaal"], shown["Status"], strict=True)) == expected
    assert len(table(at, "Feit")) == len(plan.baseline_facts)


# ------------------------------------------------------------------ over de cijfers


def test_about_page_lists_every_figure(example_actuals):
    at = open_app(ABOUT)

    assert len(table(at, "Laatst gewijzigd")) == len(example_actuals.frame)
    assert any(f"{len(example_actuals.frame)} cijfers" in text for text in markdown(at))


# ------------------------------------------------------------------ broken input files


def test_broken_plan_lists_every_problem_in_dutch(tmp_path, monkeypatch, line_of):
    text = (ROOT / "targets.yaml").read_text(encoding="utf-8")
    broken = text.replace("    unit: FTE\n", "    unti: FTE\n", 1).replace(
        "targets: {2012: 0, 2013: 0, 2014: 40, 2015: 60}",
        "targets: {2012: 0, 2013: 0, 2014: veertig, 2015: 60}",
        1,
    )
    assert broken.count("unti: FTE") == 1 and broken.count("veertig") == 1
    path = tmp_path / "targets.yaml"
    path.write_text(broken, encoding="utf-8")
    monkeypatch.setenv("HJK_TARGETS", str(path))

    at = open_app()

    (error,) = at.error
    assert error.value.startswith("**Het plan (targets.yaml) bevat fouten;")
    for line, field, message in [
        (line_of(broken, "veertig"), "indicators[hbo_coach_vve_groepen].targets.2014", "moet een getal zijn"),
        (line_of(broken, "unti: FTE"), "indicators[hbo_coach_fte].unti", "onbekend veld (typfout?)"),
        (line_of(broken, "- id: hbo_coach_fte"), "indicators[hbo_coach_fte].unit", "ontbreekt (verplicht veld)"),
    ]:  # fmt: skip
        assert f"- targets.yaml, regel {line}, veld '{field}': {message}" in error.value
    assert_stopped(at)


def test_plan_that_is_not_yaml_says_where(tmp_path, monkeypatch):
    text = (ROOT / "targets.yaml").read_text(encoding="utf-8")
    first = text.splitlines().index("plan:") + 1
    path = tmp_path / "targets.yaml"
    path.write_text(text.replace("plan:\n", "plan:\n\tid: x\n", 1), encoding="utf-8")
    monkeypatch.setenv("HJK_TARGETS", str(path))

    at = open_app()

    (error,) = at.error
    assert f"- targets.yaml, regel {first + 1}: het bestand is geen geldige YAML" in error.value
    assert_stopped(at)


def test_broken_figures_list_every_problem_in_dutch(tmp_path, monkeypatch):
    text = (ROOT / "data" / "example_actuals.csv").read_text(encoding="utf-8")
    lines = text.splitlines()
    broken = {
        "hbo_coach_vve_groepen,2014,w02,3,": "hbo_coach_vve_groepen,2014,w99,3,",
        "hbo_coach_vve_groepen,2014,w03,2,": "hbo_coach_vve_groepen,2014,w03,veel,",
    }
    rows = {}
    for old, new in broken.items():
        (n,) = [n for n, line in enumerate(lines) if line.startswith(old)]
        lines[n] = lines[n].replace(old, new)
        rows[new] = n + 1  # rows are numbered as lines of the file
    path = tmp_path / "actuals.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("HJK_ACTUALS", str(path))

    at = open_app()

    (error,) = at.error
    assert error.value.startswith("**Het cijferbestand (actuals.csv) bevat fouten;")
    w99, veel = rows.values()
    assert f"- actuals.csv, rij {w99}, veld 'district': onbekende wijk 'w99'" in error.value
    assert f"- actuals.csv, rij {veel}, veld 'value': 'veel' is geen getal" in error.value
    assert_stopped(at)


def test_missing_figures_file_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("HJK_ACTUALS", str(tmp_path / "cijfers.csv"))

    at = open_app()

    (error,) = at.error
    assert "- cijfers.csv: kan het bestand niet lezen" in error.value
    assert_stopped(at)


def assert_stopped(at: AppTest) -> None:
    """Nothing but the problem list: no traceback, no page, no filters."""
    assert not at.exception
    assert at.main.title == []
    assert at.sidebar.selectbox == []


def overview_html(at: AppTest) -> str:
    (body,) = [h.proto.body for h in at.main.get("html") if "Verloop 2012-2015" in h.proto.body]
    return body


def test_overview_course_column_draws_a_sparkline_of_the_figures(plan, example_actuals):
    # Once this column showed its lists as raw text (",,26,") instead of a line.
    at = open_app(doelen="alle")

    body = overview_html(at)
    rows = city(plan, example_actuals)
    shown = table(at, "Indicator")
    cells = re.findall(r"<td class=\"hjk-spark-cell\">(.*?)</td>", body, flags=re.S)
    assert len(cells) == len(shown)
    numeric = {
        i.id
        for i in plan.indicators
        if i.kind in ("level", "cumulative", "per_year", "range", "maintain")
    }
    names = {i.name: i.id for i in plan.indicators}
    drawn = 0
    for name, cell in zip(shown["Indicator"], cells, strict=True):
        assert not re.search(r"^[\d,.\s]*,[\d,.\s]*$", re.sub(r"<[^>]+>", "", cell)), cell
        ident = names[name]
        if ident not in numeric:
            assert (
                cell
                == '<span title="Verloop: 2012: geen cijfer; 2013: geen cijfer; 2014: geen cijfer; 2015: geen cijfer">geen cijfers</span>'
                or "<svg" not in cell
            )
            continue
        own = rows[rows["indicator"] == ident].sort_values("year")
        words = "; ".join(
            f"{y}: {'geen cijfer' if pd.isna(v) else fmt.number(v)}"
            for y, v in zip(own["year"], own["actual"], strict=True)
        )
        if own["actual"].notna().any():
            assert cell.startswith('<img class="hjk-spark" src="data:image/svg+xml;base64,'), cell
            assert f'alt="Verloop: {words}"' in cell.replace("&#x27;", "'")
            data = re.search(r"base64,([^\"]+)", cell)[1]
            svg = base64.b64decode(data).decode()
            assert svg.count("<circle") == int(own["actual"].notna().sum())
            drawn += 1
    assert drawn > 10


def test_overview_names_the_plan_and_gives_each_status_its_reason(plan, example_actuals):
    at = open_app(doelen="alle")

    assert any(plan.plan.title in text for text in markdown(at))
    shown = table(at, "Waarom deze status")
    # The reason sits right after the status, not in a tenth column out of sight.
    assert list(shown.columns[:3]) == ["Indicator", "Status", "Waarom deze status"]
    rows = city(plan, example_actuals, 2014).set_index("name")
    for name, why in zip(shown["Indicator"], shown["Waarom deze status"], strict=True):
        # The computed reason, followed by the editors' texts where there are any (the example's
        # story writes some).
        assert rows.loc[name, "explanation"] in why, name
    # The computation is folded behind "Berekening": its target and figure have their own
    # columns, and written out it made every row ten lines high.
    (body,) = [h.proto.body for h in at.main.get("html") if "Waarom deze status" in h.proto.body]
    folded = re.findall(
        r'<details class="hjk-calc"><summary>Berekening</summary>([^<]*)</details>', body
    )
    assert len(folded) == len(shown)
    assert folded == [html.escape(rows.loc[name, "explanation"]) for name in shown["Indicator"]]


@pytest.mark.parametrize("page", navigation_files())
def test_every_page_says_when_concept_figures_are_counted(page, editor_account):
    at = open_app(page)
    assert not [w for w in at.warning if w.value.startswith("**Inclusief conceptcijfers.**")]

    at.session_state["edit_editor"] = editor_account  # the switch is for editors
    at.session_state["include_concept"] = True
    rerun(at)

    (notice,) = [w.value for w in at.warning if w.value.startswith("**Inclusief conceptcijfers.**")]
    assert "nog niet vastgesteld" in notice


@pytest.mark.parametrize(
    ("page", "greyed", "control", "value", "param"),
    [
        pytest.param(AGENDA, "filter_agenda", "agenda_item", 3, "agendapunt", id="agendapunten"),
        pytest.param(
            DISTRICTS, "filter_district", "districts_district", "w03", "wijk", id="wijken"
        ),
    ],
)
def test_one_choice_one_control_the_page_chooses_and_the_sidebar_follows(
    page, greyed, control, value, param
):
    at = open_app(page)
    sidebar = at.selectbox(key=greyed)
    assert sidebar.disabled
    assert "kiest u op deze pagina zelf." in " ".join(c.value for c in at.sidebar.caption)

    (at.radio if page == AGENDA else at.selectbox)(key=control).set_value(value)
    rerun(at)

    assert at.selectbox(key=greyed).value == value
    assert at.query_params[param] == str(value)
    # The overview still uses the sidebar's agenda item; it shows the choice made on the page.
    rerun(at.switch_page(OVERVIEW))
    assert not at.selectbox(key="filter_agenda").disabled


def test_agenda_theme_goes_into_the_link_and_the_link_opens_it(plan):
    at = open_app(AGENDA)
    assert at.query_params["thema"] == "1"
    second = themes_of(plan, 1)[1]
    theme_radio(at, 1).set_value(second)
    rerun(at)
    assert at.query_params["thema"] == "2"

    linked = open_app(AGENDA, agendapunt="1", thema="2")
    assert theme_radio(linked, 1).value == second
    assert {h for h in headings(linked) if h.startswith("Doel")} == goal_headings(plan, 1, second)

    for odd in ("99", "²"):  # '²' passes str.isdigit(), and int() refused it with a traceback
        unknown = open_app(AGENDA, agendapunt="1", thema=odd)
        assert theme_radio(unknown, 1).value == themes_of(plan, 1)[0]
        assert any(
            f"thema '{odd}' bestaat niet bij agendapunt 1." in w.value for w in unknown.warning
        )


def test_per_wijk_leads_with_status_and_warns_only_where_the_plan_sets_a_wijk_target(
    plan, example_actuals
):
    """Issue 33, case 4: a wijk with 0 or no figure for an indicator without a wijk target
    (Startgroepen: four in the whole city) is no warning, only the figure as it is."""
    at = open_app(DISTRICTS)

    assert "Waar in de stad liggen we achter?" in headings(at)
    shown = captioned_table(at, "Status per wijk in 2014").set_index("Indicator")
    rows = progress_table(plan, example_actuals, AS_OF, year=2014, district="all")
    rows = rows[rows["district"] != ""]
    targeted = untargeted_empty = 0
    for r in rows.itertuples():
        cell = shown.loc[r.name, r.district_name]
        figure = "geen cijfer" if pd.isna(r.actual) else fmt.number(r.actual)
        if r.target is not None and not pd.isna(r.target):  # a wijk target: the status leads
            expected = label(r.status) + ("" if pd.isna(r.actual) else f" ({figure})")
            assert cell == expected, (r.name, r.district_name)
            targeted += 1
        else:
            assert cell == ("–" if pd.isna(r.actual) else figure), (r.name, r.district_name)
            untargeted_empty += pd.isna(r.actual) or r.actual == 0
    assert targeted == len(plan.districts.list)  # the one indicator with a target per wijk
    assert untargeted_empty >= 7  # the example has them: the test can see a warning
    behind = rows[(rows["status"] == BEHIND) & rows["target"].notna()]
    lines = markdown(at)
    for wijk in set(behind["district_name"]):
        assert any(line.startswith("✖ Achter op een wijkdoel:") and wijk in line for line in lines)
    page = "\n".join([*lines, *(str(h.proto) for h in at.get("html"))])
    assert "⚠" not in page and "#FFE08A" not in page.upper()


def test_per_wijk_says_why_there_is_no_figure_per_100_children():
    at = open_app(DISTRICTS)
    assert any("per 100 jonge kinderen per wijk kan hier niet" in i.value for i in at.info)


def test_per_wijk_gives_the_figure_per_100_where_the_plan_counts_per_wijk(
    plan, example_actuals, tmp_path, monkeypatch
):
    # The same plan, with the children of 2 to 4 counted per wijk in its baseline facts.
    text = (ROOT / "targets.yaml").read_text(encoding="utf-8")
    counts = {d: 300 + 20 * n for n, d in enumerate(plan.district_ids())}
    anchor = '    source: {section: De feiten, quote: "In 2013 zijn er in totaal 3909 kinderen'
    assert text.count(anchor) == 1
    per_wijk = "    districts: {" + ", ".join(f"{d}: {c}" for d, c in counts.items()) + "}\n"
    path = tmp_path / "targets.yaml"
    path.write_text(text.replace(anchor, per_wijk + anchor), encoding="utf-8")
    # The plan's own text is named relative to the targets file.
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "plan-masterplan-hjk.md", tmp_path / "docs")
    monkeypatch.setenv("HJK_TARGETS", str(path))

    at = open_app(DISTRICTS)

    assert not any("kan hier niet" in i.value for i in at.info)
    chosen = at.selectbox(key="districts_indicator").value
    shown = captioned_table(at, f"{chosen.name} per 100").set_index("Wijk")
    rows = progress_table(plan, example_actuals, AS_OF, year=2014, district="all")
    rows = rows[(rows["indicator"] == chosen.id) & (rows["district"] != "")]
    column = "Per 100 (kinderen)"
    for r in rows.itertuples():
        expected = "–" if pd.isna(r.actual) else fmt.number(r.actual / counts[r.district] * 100, 2)
        assert shown.loc[r.district_name, column] == expected


def test_overview_at_an_earlier_peildatum_says_a_later_count_is_not_known_yet():
    at = open_app(peildatum="2014-09-01", doelen="alle")

    reasons = table(at, "Waarom deze status")["Waarom deze status"]
    later = [
        r for r in reasons if r.startswith("cijfer geteld op 30 september 2014, na de peildatum")
    ]
    assert later, list(reasons)
    assert not any(
        r.startswith("nog geen cijfer ingevoerd") and "30 september" in r for r in reasons
    )


def test_the_agenda_item_shown_by_default_does_not_narrow_the_overview():
    at = open_app(AGENDA)
    assert at.selectbox(key="filter_agenda").value == 1  # shown there, greyed out

    rerun(at.switch_page(OVERVIEW))
    assert at.selectbox(key="filter_agenda").value == 0
    assert "agendapunt" not in at.query_params
    assert "Wat aandacht vraagt in 2014, alle agendapunten: achter of zonder gegevens" in headings(
        at
    )

    # Chosen on the page, it is a choice: the overview follows it.
    rerun(at.switch_page(AGENDA))
    at.radio(key="agenda_item").set_value(2)
    rerun(at)
    rerun(at.switch_page(OVERVIEW))
    assert at.selectbox(key="filter_agenda").value == 2


def test_districts_page_at_an_earlier_peildatum_keeps_indicators_without_shares(plan):
    """At peildatum 1 September 2014 the city's total of 'VVE doet ertoe!' is 0, so none of its
    wijken has a share of it: the page raised KeyError (the share matrix lost that row, the
    figures' matrix kept it), and so did the report of that date."""
    at = open_app(DISTRICTS, jaar="2014", peildatum="2014-09-01")
    shown = captioned_table(at, "Stand per indicator en wijk").set_index("Indicator")
    counted = [i.name for i in plan.indicators if i.per_district]
    assert "VVE-locaties die werken met VVE doet ertoe!" in shown.index
    assert set(shown.index) <= set(counted)


def test_the_overviews_sections_are_h2_under_its_h1():
    """'Per agendapunt' and 'Wat aandacht vraagt' were h3 straight under the h1: a level skipped
    (axe heading-order, WCAG 1.3.1)."""
    at = open_app()
    body = "".join(h.proto.body for h in at.main.get("html"))
    assert '<h2 class="hjk-sub">Per agendapunt</h2>' in body
    assert "<h3" not in body
