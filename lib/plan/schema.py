"""The plan's schema (targets.yaml as pydantic models): agenda items, goals, districts, indicators."""

from __future__ import annotations

import builtins
from datetime import date
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from lib.plan.periods import parse_period_end

Kind = Literal["level", "cumulative", "per_year", "range", "maintain", "milestone", "commitment"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
NUMERIC_KINDS = ("level", "cumulative", "per_year", "range", "maintain")
STOCK_KINDS = ("level", "cumulative", "maintain")
# No figure or target of a plan comes near a billion: a bigger number, or an infinite one (.inf,
# 1e400) or .nan, is a typing error; the figures' checks (lib/figures/rows.py) use the same limit.
MAX_NUMBER = 1_000_000_000
# A float keeps 15 significant digits exactly; a number written with more would be stored rounded.
MAX_DIGITS = 15
NonNegative = Field(ge=0, le=MAX_NUMBER, allow_inf_nan=False)
Amount = Annotated[float, Field(ge=-MAX_NUMBER, le=MAX_NUMBER, allow_inf_nan=False)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    section: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class PlanInfo(Strict):
    id: str
    municipality: str
    title: str
    subtitle: str | None = None
    version: str
    source: str
    first_year: int = Field(ge=1900, le=2200)
    last_year: int = Field(ge=1900, le=2200)
    # A Markdown file, relative to the targets file, with what the app says about this plan only.
    methodology: str | None = None

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))


class AgendaItem(Strict):
    number: int = Field(ge=1)
    name: str
    note: str | None = None


class Goal(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    agenda_item: int
    theme: str
    label: str
    text: str


class Area(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str


class District(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str
    area: str | None = None  # optional: not every municipality groups its districts in areas


class Districts(Strict):
    note: str | None = None
    areas: builtins.list[Area] = []
    list: builtins.list[District] = Field(min_length=1)


class BaselineFact(Strict):
    id: str
    name: str
    value: Amount
    unit: str
    period: str
    source: Source
    # The same count per wijk (district id -> count), where the plan gives it: Per wijk then
    # sets figures against it (per 100).
    districts: dict[str, float] | None = None


class Baseline(Strict):
    year: int
    value: float = NonNegative


class RangeTarget(Strict):
    min: float = NonNegative
    max: float = NonNegative


class Indicator(Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    agenda_item: int
    goal: str | None = None
    name: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    unit_singular: str | None = None  # "groep" beside "groepen", for "1 groep"
    # May a figure have decimals? Unset: only where the unit is FTE or a target has decimals
    # (lib/figures/entry.allows_decimals); a plan counting percentages sets it.
    decimals: bool | None = None
    kind: Kind
    per_district: bool = False
    additive: bool = False
    baseline: Baseline | None = None
    targets: dict[int, Amount | RangeTarget] | None = None
    increments: dict[int, Amount] | None = None
    due: str | None = None
    commitments: dict[int, str] | None = None
    district_targets: dict[str, dict[int, Amount]] | None = None
    source: Source
    reading: str | None = None

    def levels(self) -> dict[int, float]:
        """The level to reach per year; for `cumulative`, baseline plus the running sum of increments."""
        if self.kind == "cumulative":
            level = self.baseline.value if self.baseline else 0.0
            out: dict[int, float] = {}
            for year in sorted(self.increments or {}):
                level += self.increments[year]
                out[year] = level
            return out
        if self.kind in ("level", "per_year", "maintain"):
            return {y: float(v) for y, v in sorted((self.targets or {}).items())}
        if self.kind == "range":
            return {y: float(v.min) for y, v in sorted((self.targets or {}).items())}
        return {}

    def bounds(self, year: int) -> tuple[float | None, float | None]:
        """Lower and upper bound of a range target for the year."""
        if self.kind != "range" or not self.targets or year not in self.targets:
            return None, None
        target = self.targets[year]
        return target.min, target.max

    @property
    def deadline(self) -> date | None:
        return parse_period_end(self.due) if self.kind == "milestone" and self.due else None

    def years(self) -> list[int]:
        """Years in which the plan sets something for this indicator."""
        if self.kind == "milestone":
            return [self.deadline.year] if self.deadline else []
        if self.kind == "commitment":
            return sorted(self.commitments or {})
        return sorted(self.levels())

    def district_target(self, district: str, year: int) -> float | None:
        """A district's own target; None where the plan sets only a city target."""
        if not self.district_targets:
            return None
        for key in (district, "all"):
            if key in self.district_targets and year in self.district_targets[key]:
                return float(self.district_targets[key][year])
        return None


class Plan(Strict):
    plan: PlanInfo
    agenda_items: list[AgendaItem] = Field(min_length=1)
    goals: list[Goal] = []
    districts: Districts
    baseline_facts: list[BaselineFact] = []
    indicators: list[Indicator] = Field(min_length=1)
    content_hash: str = ""

    def indicator(self, indicator_id: str) -> Indicator:
        return self.indicators_by_id[indicator_id]

    @cached_property
    def indicators_by_id(self) -> dict[str, Indicator]:
        """Built once per plan: row checks look an indicator up for every figure."""
        return {i.id: i for i in self.indicators}

    def goal(self, goal_id: str | None) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def goals_of(self, agenda_item: int) -> list[Goal | None]:
        """Goals of an agenda item in plan order; None stands for indicators without a goal."""
        goals: list[Goal | None] = [g for g in self.goals if g.agenda_item == agenda_item]
        if any(i.goal is None for i in self.indicators if i.agenda_item == agenda_item):
            goals.append(None)
        return goals

    def indicators_of(self, agenda_item: int, goal: Goal | None) -> list[Indicator]:
        goal_id = goal.id if goal else None
        return [i for i in self.indicators if i.agenda_item == agenda_item and i.goal == goal_id]

    def counted_per_district(self) -> list[Indicator]:
        """Indicators with figures per district, in plan order: what the district views show."""
        return [i for i in self.indicators if i.per_district]

    def district_ids(self) -> list[str]:
        return [d.id for d in self.districts.list]

    def district_names(self) -> dict[str, str]:
        return {d.id: d.name for d in self.districts.list}

    def agenda_names(self) -> dict[int, str]:
        return {a.number: a.name for a in self.agenda_items}
