"""Per wijk, what the stuurgroep asks first: where in the city are we behind?

Status leads where the plan sets a wijk target; elsewhere the figure is shown as it is, with no
warning: a wijk with 0 or without a figure is no problem where the plan asks nothing of the wijk. Where the plan's baseline
facts count something per wijk, a figure can be set against it: per 100 of those counted.
"""

from __future__ import annotations

import math

import pandas as pd

from lib import fmt
from lib.plan.schema import BaselineFact, Plan
from lib.status import BEHIND, STATUSES, label
from lib.views.html_text import escape_markdown as md

NO_FIGURE = "–"  # no figure, where the plan sets no wijk target: nothing to warn about


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def status_matrix(
    progress: pd.DataFrame, plan: Plan, year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicators (rows, named) x wijken (columns, named): the cell text, and its fill colour.

    A wijk with a target of its own: status (icon and word) and figure ("✔ behaald (1)"), in
    the status colour.
    Otherwise the figure, plain ("–" for none). Fills are "" where the cell is plain.
    """
    rows = progress[(progress["district"] != "") & (progress["year"] == year)]
    cells = [
        _cell(actual, target, status, concept)
        for actual, target, status, concept in zip(
            rows["actual"], rows["target"], rows["status"], rows["figure_status"], strict=True
        )
    ]
    long = pd.DataFrame(
        {
            "indicator": rows["indicator"].to_numpy(),
            "district": rows["district"].to_numpy(),
            "text": [text for text, _ in cells],
            "fill": [fill for _, fill in cells],
        }
    )
    names = plan.district_names()
    order = [i for i in plan.indicators if i.id in set(long["indicator"])]

    def grid(values: str, missing: str) -> pd.DataFrame:
        wide = long.pivot(index="indicator", columns="district", values=values)
        wide = wide.reindex(index=[i.id for i in order], columns=plan.district_ids())
        wide.index = [i.name for i in order]
        wide.columns = list(names.values())
        return wide.fillna(missing)

    return grid("text", NO_FIGURE), grid("fill", "")


def _cell(actual: object, target: object, status: str, concept=None) -> tuple[str, str]:
    """One wijk's cell of status_matrix: its text and fill; a concept figure says so."""
    figure = "geen cijfer" if _missing(actual) else fmt.concept(fmt.number(actual), concept)
    if not _missing(target):
        shown = label(status)
        return (shown if _missing(actual) else f"{shown} ({figure})"), STATUSES[status].colour
    return (NO_FIGURE if _missing(actual) else figure), ""


def where_behind(progress: pd.DataFrame, plan: Plan, year: int) -> list[str]:
    """Dutch lines: the wijken behind on a wijk target (only a wijk target can put one behind)."""
    rows = progress[(progress["district"] != "") & (progress["year"] == year)]
    targeted = rows[rows["target"].notna()]
    behind = targeted[targeted["status"] == BEHIND]
    lines = []
    if targeted.empty:
        lines.append(f"In {year} stelt het plan geen doel per wijk.")
    elif behind.empty:
        lines.append(f"Geen wijk ligt in {year} achter op een wijkdoel.")
    else:
        by_wijk = behind.groupby("district_name", sort=False)["name"].apply(list)
        # "names in wijk", not "wijk (names)": a name may have brackets of its own.
        parts = [f"{md(fmt.listing(items))} in {md(wijk)}" for wijk, items in by_wijk.items()]
        lines.append(f"{STATUSES[BEHIND].icon} Achter op een wijkdoel: " + "; ".join(parts) + ".")
    return lines


def per_district_facts(plan: Plan) -> list[BaselineFact]:
    """The baseline facts that count something per wijk (a figure can be set against them)."""
    return [f for f in plan.baseline_facts if f.districts]


def per_hundred(
    progress: pd.DataFrame, plan: Plan, indicator_id: str, year: int, fact: BaselineFact
) -> pd.DataFrame:
    """Per wijk: the figure, the fact's count and the figure per 100 of that count (Dutch text)."""
    rows = progress[
        (progress["district"] != "")
        & (progress["year"] == year)
        & (progress["indicator"] == indicator_id)
    ].set_index("district")
    out = []
    for district, name in plan.district_names().items():
        actual = rows["actual"].get(district)
        status = rows["figure_status"].get(district) if "figure_status" in rows else None
        base = (fact.districts or {}).get(district)
        rate = None
        if not _missing(actual) and base:
            rate = float(actual) / base * 100
        out.append(
            {
                "Wijk": name,
                "Stand": "geen cijfer"
                if _missing(actual)
                else fmt.concept(fmt.number(actual), status),
                fact.name: "onbekend" if base is None else fmt.number(base),
                f"Per 100 ({fact.unit})": "–" if rate is None else fmt.number(rate, 2),
            }
        )
    return pd.DataFrame(out)


# A plan may count everything for the city only: then nothing is spread over the districts.
NOTHING_PER_DISTRICT = (
    "Het plan telt geen enkele indicator per wijk; er zijn daarom geen cijfers per wijk om te "
    "tonen. De stand voor de hele stad staat op het overzicht."
)


def district_intro(plan: Plan, note: bool = True) -> str:
    """What the district figures are, from the plan: a target per district only where it sets one,
    elsewhere how the city's figure is spread (never an invented district target); then, with
    `note`, the plan's note on its districts."""
    counted = plan.counted_per_district()
    if not counted:
        return NOTHING_PER_DISTRICT
    own = [i.name for i in counted if i.district_targets]
    spread = (
        "ziet u hoe de stand over de wijken is verdeeld (aantal en aandeel in het stadstotaal), "
        "niet een verzonnen wijkdoel."
    )
    if not own:
        text = f"Het plan stelt geen doelen per wijk. Per wijk {spread}"
    elif len(own) == len(counted):
        text = "Het plan stelt een doel per wijk bij elke indicator die per wijk wordt geteld."
    else:
        text = f"Het plan stelt alleen een doel per wijk bij {fmt.listing(own)}. Bij de andere {spread}"
    return f"{text} {plan.districts.note}" if note and plan.districts.note else text


def why_no_rate(plan: Plan) -> str:
    """Why no figure per 100 young children can be given: the plan counts them for the city only."""
    city = [f for f in plan.baseline_facts if not f.districts]
    counted = fmt.listing(
        [f"{md(f.name)} ({fmt.number(f.value)}, {md(f.period)})" for f in city[:3]]
    )
    return (
        "Een cijfer per 100 jonge kinderen per wijk kan hier niet: de feiten van het plan geven "
        "geen aantallen per wijk"
        + (f", alleen voor de hele stad, zoals {counted}" if counted else "")
        + ". Geeft het plan bij een feit de aantallen per wijk, dan toont deze pagina het cijfer "
        "per 100."
    )
