"""What every page works with: the validated plan, the figures, the filters, the progress table.

Set once per run by dashboard.py (the frame); pages read it with `current()`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import fmt
from lib.actuals import DEFAULT_ACTUALS, Actuals, parse_actuals
from lib.cli import DEFAULT_TARGETS, resolve_as_of
from lib.compare import progress_table
from lib.overview import source_line
from lib.plan import Plan, parse_plan
from lib.problems import Problem, ValidationFailed

CONTEXT_KEY = "context"


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
        return source_line(self.plan, self.actuals, self.as_of)

    def subtitle(
        self, *, year: int | None = None, district: str | None = None, agenda: int | None = None
    ) -> str:
        parts = [f"{year}" if year else f"{self.plan.plan.first_year}-{self.plan.plan.last_year}"]
        parts.append(self.plan.district_names()[district] if district else "hele stad")
        if agenda is not None:
            parts.append(f"agendapunt {agenda}: {self.plan.agenda_names()[agenda]}")
        parts.append(f"peildatum {fmt.long_date(self.as_of)}")
        return " · ".join(parts)


def targets_path() -> Path:
    return Path(os.environ.get("HJK_TARGETS", DEFAULT_TARGETS))


def actuals_path() -> Path:
    return Path(os.environ.get("HJK_ACTUALS", DEFAULT_ACTUALS))


@st.cache_resource(show_spinner=False, max_entries=4)
def _plan(text: str, file: str) -> Plan:
    # Keyed on the file's contents: an edited targets.yaml is validated again, an unchanged one never.
    return parse_plan(text, file)


@st.cache_resource(show_spinner=False, max_entries=4)
def _actuals(raw: bytes, file: str, plan_hash: str, _plan: Plan) -> Actuals:
    return parse_actuals(raw, _plan, file)


@st.cache_data(show_spinner=False, max_entries=64)
def _progress(
    plan_hash: str, actuals_version: str, as_of: date, _plan: Plan, _actuals: Actuals
) -> pd.DataFrame:
    return progress_table(_plan, _actuals, as_of, district="all")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationFailed(
            [Problem(path.name, f"kan het bestand niet lezen ({exc.strerror})")]
        ) from None


def load_plan() -> Plan:
    path = targets_path()
    try:
        text = _read(path).decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationFailed([Problem(path.name, "bestand is geen UTF-8-tekst")]) from None
    return _plan(text, path.name)


def load_actuals(plan: Plan) -> Actuals:
    path = actuals_path()
    return _actuals(_read(path), path.name, plan.content_hash, plan)


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


def current() -> Context:
    """The context the frame built in this run; a page opened without the frame says so and stops."""
    if CONTEXT_KEY not in st.session_state:
        st.error("Deze pagina hoort bij het dashboard. Open het dashboard via de startpagina.")
        st.page_link("dashboard.py", label="Naar het overzicht")
        st.stop()
    return st.session_state[CONTEXT_KEY]


def default_as_of(actuals: Actuals) -> date:
    return resolve_as_of(None, actuals)
