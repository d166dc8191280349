"""Checks across the whole plan that a schema cannot express: references, years, kinds."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from lib.plan.periods import parse_period_end
from lib.plan.yamlsource import field_name, line_for
from lib.problems import Problem

if TYPE_CHECKING:
    from lib.plan.schema import Indicator, Plan

# Which target fields each kind uses; any other target field is a mistake.
KIND_FIELDS = {
    "level": "targets",
    "per_year": "targets",
    "maintain": "targets",
    "range": "targets",
    "cumulative": "increments",
    "milestone": "due",
    "commitment": "commitments",
}
TARGET_FIELDS = ("targets", "increments", "due", "commitments")


def check_plan(plan: Plan, data: dict, lines: dict, file: str) -> list[Problem]:
    problems: list[Problem] = []

    def add(path: tuple, message: str) -> None:
        problems.append(
            Problem(file, message, line=line_for(lines, path), field=field_name(path, data))
        )

    info = plan.plan
    if info.first_year > info.last_year:
        add(("plan", "last_year"), "het laatste planjaar ligt voor het eerste")
    for section, items in (
        ("indicators", plan.indicators),
        ("goals", plan.goals),
        ("baseline_facts", plan.baseline_facts),
    ):
        _check_unique(items, section, add)
    _check_unique(plan.districts.list, ("districts", "list"), add)
    _check_unique(plan.districts.areas, ("districts", "areas"), add)
    numbers = Counter(a.number for a in plan.agenda_items)
    for i, item in enumerate(plan.agenda_items):
        if numbers[item.number] > 1:
            add(("agenda_items", i, "number"), f"agendapunt {item.number} komt twee keer voor")

    areas = {a.id for a in plan.districts.areas}
    for i, district in enumerate(plan.districts.list):
        if district.area is not None and district.area not in areas:
            add(("districts", "list", i, "area"), f"onbekend gebied '{district.area}'")
        if district.id == "all":
            add(("districts", "list", i, "id"), "'all' is gereserveerd voor 'alle wijken'")
    for i, fact in enumerate(plan.baseline_facts):
        for district, count in (fact.districts or {}).items():
            where = ("baseline_facts", i, "districts", district)
            if district not in plan.district_ids():
                add(where, f"onbekende wijk '{district}'")
            elif count < 0:
                add(where, "mag niet negatief zijn")
    agenda = {a.number for a in plan.agenda_items}
    goals = {g.id: g for g in plan.goals}
    for i, goal in enumerate(plan.goals):
        if goal.agenda_item not in agenda:
            add(("goals", i, "agenda_item"), f"onbekend agendapunt {goal.agenda_item}")
    for i, indicator in enumerate(plan.indicators):
        path = ("indicators", i)
        if indicator.agenda_item not in agenda:
            add(path + ("agenda_item",), f"onbekend agendapunt {indicator.agenda_item}")
        if indicator.goal is not None:
            goal = goals.get(indicator.goal)
            if goal is None:
                add(path + ("goal",), f"onbekend doel '{indicator.goal}'")
            elif goal.agenda_item != indicator.agenda_item:
                add(path + ("goal",), f"doel '{goal.id}' hoort bij agendapunt {goal.agenda_item}")
        _check_kind(indicator, plan, path, add)
    return problems


def _check_unique(items: list, section: str | tuple, add) -> None:
    base = section if isinstance(section, tuple) else (section,)
    counts = Counter(item.id for item in items)
    for i, item in enumerate(items):
        if counts[item.id] > 1:
            add(base + (i, "id"), f"id '{item.id}' komt meer dan eens voor")


def _check_kind(indicator: Indicator, plan: Plan, path: tuple, add) -> None:
    kind = indicator.kind
    needed = KIND_FIELDS[kind]
    first, last = plan.plan.first_year, plan.plan.last_year
    for field in TARGET_FIELDS:
        value = getattr(indicator, field)
        if field == needed and not value:
            add(path + (field,), f"ontbreekt: soort '{kind}' heeft '{field}' nodig")
        elif field != needed and value is not None:
            add(path + (field,), f"hoort niet bij soort '{kind}' (gebruik '{needed}')")
    for field in ("targets", "increments", "commitments"):
        for year in getattr(indicator, field) or {}:
            if not first <= year <= last:
                add(
                    path + (field, year),
                    f"jaar {year} valt buiten de planperiode {first}-{last}",
                )
    _check_target_values(indicator, path, add)
    if kind == "milestone" and indicator.due is not None:
        deadline = parse_period_end(indicator.due)
        if deadline is None:
            add(path + ("due",), f"'{indicator.due}' is geen periode (JJJJ, JJJJ-MM of JJJJ-MM-DD)")
        elif not first <= deadline.year <= last:
            add(path + ("due",), f"deadline {deadline.year} valt buiten de planperiode")
    if kind in ("level", "cumulative", "maintain"):
        _check_contiguous(indicator, path, add)
    if indicator.additive and not indicator.per_district:
        add(path + ("additive",), "optellen per wijk kan alleen als per_district true is")
    if indicator.district_targets:
        if not indicator.per_district:
            add(path + ("district_targets",), "wijkdoelen vragen per_district: true")
        known = set(plan.district_ids()) | {"all"}
        for district, years in indicator.district_targets.items():
            if district not in known:
                add(path + ("district_targets", district), f"onbekende wijk '{district}'")
            for year, value in years.items():
                if not first <= year <= last:
                    add(
                        path + ("district_targets", district, year),
                        f"jaar {year} buiten planperiode",
                    )
                if value < 0:
                    add(path + ("district_targets", district, year), "mag niet negatief zijn")


def _check_target_values(indicator: Indicator, path: tuple, add) -> None:
    from lib.plan.schema import RangeTarget

    for year, value in (indicator.targets or {}).items():
        where = path + ("targets", year)
        if indicator.kind == "range":
            if not isinstance(value, RangeTarget):
                add(where, "een bereik heeft 'min' en 'max' nodig")
            elif value.min > value.max:
                add(where, f"min ({value.min:g}) is groter dan max ({value.max:g})")
        elif isinstance(value, RangeTarget):
            add(where, f"soort '{indicator.kind}' verwacht één getal, geen bereik")
        elif value < 0:
            add(where, "mag niet negatief zijn")
    for year, value in (indicator.increments or {}).items():
        if value < 0:
            add(path + ("increments", year), "mag niet negatief zijn")
    for year, text in (indicator.commitments or {}).items():
        if not str(text).strip():
            add(path + ("commitments", year), "de toezegging mag niet leeg zijn")


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as (first, last) of each run of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _check_contiguous(indicator: Indicator, path: tuple, add) -> None:
    # A level path needs each year's starting point: the previous year's level or the baseline.
    field = "increments" if indicator.kind == "cumulative" else "targets"
    years = sorted(getattr(indicator, field) or {})
    if not years:
        return
    # Missing years that follow each other are one problem: a typed 20155 gave 18,141 lines.
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    for first, last in _runs(missing):
        which = f"jaar {first} ontbreekt" if first == last else f"jaren {first}-{last} ontbreken"
        add(path + (field,), f"{which} tussen {years[0]} en {years[-1]}")
    if indicator.baseline is None:
        add(path + ("baseline",), "ontbreekt: een niveau-doel heeft een startpunt (baseline) nodig")
    elif indicator.baseline.year != years[0] - 1:
        add(
            path + ("baseline", "year"),
            f"startjaar moet {years[0] - 1} zijn (het jaar voor het eerste doeljaar {years[0]})",
        )
