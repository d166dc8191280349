"""The loaded plan in words on the pages: the line that names it, and the methodology of *Over de
cijfers*: the rules for every plan (docs/methodology.md, which names no plan) followed by a part
about the loaded plan only, made of its own text (`plan.methodology` in targets.yaml), its
district note, the indicators counted for the whole city or with targets per district, its agenda
notes and its readings. Nothing here knows a particular plan."""

from __future__ import annotations

import re

from lib.plan.schema import NUMERIC_KINDS, Plan
from lib.views.html_text import escape_markdown as md

_HEADING = re.compile(r"^(#+) ", re.MULTILINE)
_SECTION = re.compile(r"^## (\d+)\.", re.MULTILINE)


def plan_line(plan: Plan) -> str:
    """'Plan: **Masterplan ...** (Versie 2, oktober 2013), gemeente Almere, 2012-2015.'"""
    info = plan.plan
    return (
        f"Plan: **{md(info.title)}** ({md(info.version)}), gemeente {md(info.municipality)}, "
        f"{info.first_year}-{info.last_year}."
    )


def _shift(text: str, levels: int) -> str:
    """Every Markdown heading `levels` deeper."""
    return _HEADING.sub(lambda m: "#" * (len(m.group(1)) + levels) + " ", text)


def _names(items: list[str]) -> str:
    """'a, b en c', each name escaped (a name from the plan is text, never Markdown)."""
    items = [md(i) for i in items]
    return ", ".join(items[:-1]) + f" en {items[-1]}" if len(items) > 1 else "".join(items)


def plan_part(plan: Plan, own: str | None, number: int) -> str:
    """Section `number` of the methodology: what holds for this plan only, as Markdown with
    `##` for the section and `###` for its parts."""
    info = plan.plan
    lines = [
        f"## {number}. Dit plan: {md(info.title)}",
        "",
        f"{md(info.source)}. Looptijd: {info.first_year}-{info.last_year}.",
    ]
    if own and own.strip():
        lines += ["", _shift(own.strip(), 1)]

    districts = plan.districts
    lines += ["", "### De wijken in dit plan", ""]
    if districts.note:
        lines += [md(districts.note), ""]
    names = [d.name for d in districts.list]
    lines.append(f"- Het plan telt {len(names)} wijken: {_names(names)}.")
    if districts.areas:
        areas = [a.name for a in districts.areas]
        lines.append(f"- De wijken vallen in {len(areas)} gebieden: {_names(areas)}.")
    city_only = [i.name for i in plan.indicators if i.kind in NUMERIC_KINDS and not i.per_district]
    if city_only:
        lines.append(
            f"- Aantallen die alleen voor de hele stad worden geteld: {_names(city_only)}."
        )
    own_targets = [i.name for i in plan.indicators if i.district_targets]
    lines.append(
        f"- Een doel per wijk: {_names(own_targets)}."
        if own_targets
        else "- Het plan stelt geen doelen per wijk."
    )

    notes = [a for a in plan.agenda_items if a.note]
    if notes:
        lines += ["", "### Agendapunten", ""]
        lines += [f"- **{a.number}. {md(a.name)}:** {md(a.note)}" for a in notes]

    readings = [i for i in plan.indicators if i.reading]
    if readings:
        lines += ["", "### Gekozen lezing per indicator", ""]
        lines += [f"- **{md(i.name)}:** {md(i.reading)}" for i in readings]
    return "\n".join(lines) + "\n"


def methodology(plan: Plan, general: str, own: str | None = None, top: int = 2) -> str:
    """The rules for every plan, then the part about this plan, numbered on; sections at heading
    level `top` (2: `##`)."""
    numbers = [int(n) for n in _SECTION.findall(general)]
    text = general.rstrip() + "\n\n" + plan_part(plan, own, max(numbers, default=0) + 1)
    return _shift(text, top - 2)
