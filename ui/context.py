"""What every page works with: the validated plan, the figures, the filters, the progress table.

Set once per run by dashboard.py (the frame); pages read it with `current()`. The figures come
from the database (lib/store/store.py); every run asks it for its revision, a single-row read, and
the cached figures and progress table are keyed on it, so a save shows at once everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TypeVar

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from lib import fmt
from lib.cli.main import DEFAULT_TARGETS, resolve_as_of
from lib.figures.actuals import Actuals, parse_actuals
from lib.plan.load import parse_plan
from lib.plan.schema import Plan
from lib.problems import Problem, ValidationFailed, os_reason
from lib.progress.compare import progress_table
from lib.steering.book import Steering
from lib.store.settings import database_url, url_label
from lib.store.store import Store
from lib.views.agenda import GoalSection, Theme, agenda_sections
from lib.views.agenda import agenda_themes as agenda_themes_of
from lib.views.overview import CONCEPT_NOTE, source_line

CONTEXT_KEY = "context"
T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    plan: Plan
    actuals: Actuals
    as_of: date
    year: int
    agenda: int | None
    district: str | None
    progress: pd.DataFrame  # every year; the city and every district

    def city(self, year: int | None = None) -> pd.DataFrame:
        rows = self.progress[self.progress["district"] == ""]
        return rows if year is None else rows[rows["year"] == year]

    def source_line(self) -> str:
        return self._source_line

    @cached_property  # every chart's caption and download asks (frozen: set once, on first use)
    def _source_line(self) -> str:
        return source_line(self.plan, self.actuals, self.as_of)

    def subtitle(
        self, *, year: int | None = None, district: str | None = None, agenda: int | None = None
    ) -> str:
        parts = [f"{year}" if year else f"{self.plan.plan.first_year}-{self.plan.plan.last_year}"]
        parts.append(self.plan.district_names()[district] if district else "hele stad")
        if agenda is not None:
            parts.append(f"agendapunt {agenda}: {self.plan.agenda_names()[agenda]}")
        if self.actuals.counts_concept:
            parts.append(CONCEPT_NOTE)
        parts.append(f"peildatum {fmt.long_date(self.as_of)}")
        return " · ".join(parts)


def targets_path() -> Path:
    return Path(os.environ.get("HJK_TARGETS", DEFAULT_TARGETS))


def actuals_path() -> Path | None:
    """A CSV to show instead of the database (HJK_ACTUALS), read-only; None: the database."""
    value = os.environ.get("HJK_ACTUALS")
    return Path(value) if value else None


def actuals_title() -> str:
    """Where the figures come from, as the start of a Dutch sentence about them."""
    path = actuals_path()
    if path is not None:
        return f"Het cijferbestand ({path.name})"
    return f"De database met cijfers ({url_label(database_url())})"


@st.cache_resource(show_spinner=False, max_entries=4)
def _plan(text: str, file: str, folder: str) -> Plan:
    # Keyed on the file's contents: an edited targets.yaml is validated again, an unchanged one never.
    return parse_plan(text, file, Path(folder))


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(url: str, plan_hash: str, example: bool, _plan: Plan) -> Store:
    # One engine (connection pool) per database and plan for the whole server process.
    store = Store.open(_plan, url, seed=True if example else None)
    # The steering loop's tables, and in a new example database the example's actions and
    # decisions, are made here, before any page reads the revision. Made by the first page that
    # shows actions, they moved the revision under that page, and its next click became a whole
    # run that lost what the click asked for ("Rapport maken").
    Steering.open(store)
    return store


@st.cache_resource(show_spinner=False, max_entries=4)
def _file_actuals(raw: bytes, file: str, plan_hash: str, _plan: Plan) -> Actuals:
    return parse_actuals(raw, _plan, file)


@st.cache_resource(show_spinner=False, max_entries=8)
def _actuals(
    url: str, plan_hash: str, revision: int, include_concept: bool, _store: Store
) -> Actuals:
    return _store.read_actuals(include_concept=include_concept)


@st.cache_resource(show_spinner=False, max_entries=8)
def _waiting_counts(url: str, revision: int, _store: Store) -> tuple[int, int]:
    texts = sum(1 for slot in _store.text_layers().values() if slot["concept"])
    return _store.concept_count(), texts


# Shared as it is, not copied: st.cache_data unpickled a copy for every run, which every session
# then held in its context (20 MiB each at 100x, kept for two minutes after a visitor leaves).
# Pages only read it (and pandas' copy-on-write keeps what they derive from it apart).
@st.cache_resource(show_spinner=False, max_entries=8)
def _progress(
    plan_hash: str, actuals_version: str, as_of: date, _plan: Plan, _actuals: Actuals
) -> pd.DataFrame:
    return progress_table(_plan, _actuals, as_of, district="all")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationFailed(
            [Problem(path.name, f"kan het bestand niet lezen ({os_reason(exc)})")]
        ) from None


def load_plan() -> Plan:
    path = targets_path()
    try:
        text = _read(path).decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationFailed([Problem(path.name, "bestand is geen UTF-8-tekst")]) from None
    return _plan(text, path.name, str(path.parent))


def store(plan: Plan) -> Store:
    """The figures database; a database that cannot be reached is a Dutch problem."""
    try:
        # A new database starts with the bundled example figures only for the bundled plan; they
        # mean nothing in another one (fill it with `python -m lib init-db --from FILE.csv`).
        example = targets_path().resolve() == Path(DEFAULT_TARGETS).resolve()
        return _store(database_url(), plan.content_hash, example, plan)
    except SQLAlchemyError as exc:
        raise _unreachable(exc) from None


def _unreachable(exc: SQLAlchemyError) -> ValidationFailed:
    reason = str(exc.orig if hasattr(exc, "orig") else exc).splitlines()[0]
    label = url_label(database_url())
    return ValidationFailed([Problem(label, f"database niet bereikbaar ({reason})")])


def load_actuals(plan: Plan, include_concept: bool = False) -> Actuals:
    """The figures: approved ones, or with concepts standing in for them."""
    path = actuals_path()
    if path is not None:
        return _file_actuals(_read(path), path.name, plan.content_hash, plan)
    figures = store(plan)
    try:
        revision = figures.revision()
        return _actuals(figures.url, plan.content_hash, revision, include_concept, figures)
    except SQLAlchemyError as exc:
        raise _unreachable(exc) from None


def waiting_counts(plan: Plan) -> tuple[int, int]:
    """How many concept figures and concept texts wait for a second editor (none in a figures
    file)."""
    if actuals_path() is not None:
        return 0, 0
    figures = store(plan)
    return _waiting_counts(figures.url, figures.revision(), figures)


def build(plan: Plan, actuals: Actuals, filters: dict) -> Context:
    progress = _progress(plan.content_hash, actuals.version, filters["as_of"], plan, actuals)
    context = Context(
        plan,
        actuals,
        filters["as_of"],
        filters["year"],
        filters["agenda"],
        filters["district"],
        progress,
    )
    st.session_state[CONTEXT_KEY] = context
    return context


def unchanged(ctx: Context) -> bool:
    """Whether the plan and the figures `ctx` was built from are still those of the files and the
    database, asked as the frame asks on every run (the plan file, and one single-row read of the
    revision): a page rerun alone (a fragment) has no frame to load them again, and a figure
    saved in the meantime must show there too."""
    try:
        plan = load_plan()
        include = bool(st.session_state.get("include_concept", False))
        return plan is ctx.plan and load_actuals(plan, include) is ctx.actuals
    except ValidationFailed:  # the frame says what is wrong
        return False


def follow_choice(year: int, agenda: int | None, district: str | None) -> Context:
    """This run's context for a year, agenda item or wijk chosen on the page: a page rerun alone
    (its fragment, see filters.with_year_on_page) has no frame to build it. The progress table
    holds every year and wijk already."""
    context = replace(current(), year=year, agenda=agenda, district=district)
    st.session_state[CONTEXT_KEY] = context
    return context


@st.cache_resource(show_spinner=False, max_entries=64)
def _shared(what: str, key: tuple, _build: Callable[[], T]) -> T:
    return _build()


def shared(ctx: Context, what: str, build: Callable[[], T], *key: Hashable) -> T:
    """What `build` makes for one view of a page, made once per server and shared by every visitor.

    Keyed on the plan, the figures and the peildatum, plus `key`: everything else `build` reads
    (year, agenda item, subtitle, ...). Shared as it is, not copied: st.cache_data would unpickle
    the agenda page's 15 figures on every run (280 ms). Pages only read what they get.
    """
    return _shared(what, (ctx.plan.content_hash, ctx.actuals.version, ctx.as_of, *key), build)


def agenda_themes(ctx: Context, number: int) -> list[Theme]:
    """The themes of one agenda item, with how many targets are behind (see lib.views.agenda)."""
    return shared(
        ctx,
        "themes",
        lambda: agenda_themes_of(ctx.plan, ctx.city(), number, ctx.year),
        ctx.year,
        number,
    )


def theme_sections(ctx: Context, number: int, theme: Theme) -> list[GoalSection]:
    """The goal sections with their figures for one theme of an agenda item."""
    subtitle = ctx.subtitle(agenda=number)
    return shared(
        ctx,
        "sections",
        lambda: agenda_sections(
            ctx.plan, ctx.city(), number, ctx.year, ctx.as_of, subtitle, theme.goals
        ),
        ctx.year,
        number,
        theme.name,
        subtitle,
    )


def current() -> Context:
    """The context the frame built in this run; a page opened without the frame says so and stops."""
    if CONTEXT_KEY not in st.session_state:
        st.error("Deze pagina hoort bij het dashboard. Open het dashboard via de startpagina.")
        st.page_link("dashboard.py", label="Naar het overzicht")
        st.stop()
    return st.session_state[CONTEXT_KEY]


def default_as_of(actuals: Actuals) -> date:
    return resolve_as_of(None, actuals)
