"""What an editor should see before a change is kept: the changes old -> new, and city figures
that disagree with the sum of their districts (while entering and again when approving).

Pure data for ui/editing.py and ui/edit_sections.py; the grid itself is lib/store/edit_table.py.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from lib import fmt
from lib.figures.history import Key, Layers, describe_value, other_changes
from lib.figures.plausible import warnings
from lib.figures.rows import parse_value
from lib.plan.schema import Plan
from lib.store.writes import FigureInput

EMPTY_COUNT_DATE = "Teldatum ontbreekt: vul de datum van de telling in (JJJJ-MM-DD)"


def current_values(layers: dict[Key, Layers]) -> dict[Key, str | None]:
    """Every figure as it will be once its concept (if any) is approved; None: no figure."""
    return {
        key: (slot.effective().value if slot.effective() else None) for key, slot in layers.items()
    }


def with_wishes(values: dict[Key, str | None], wishes: list[FigureInput]) -> dict[Key, str | None]:
    return {**values, **{w.key: w.value for w in wishes}}


def summed(plan: Plan) -> list:
    """The indicators whose city figure is the sum of their districts' figures."""
    return [
        i
        for i in plan.indicators
        if i.per_district and i.additive and not (i.kind == "milestone" and i.deadline)
    ]


def _number(text: str | None) -> float | None:
    if text is None or str(text).strip() == "":
        return None
    typed, problem = parse_value("level", str(text).strip())
    return None if problem else typed["number"]


def district_sums(plan: Plan, values: dict[Key, str | None]) -> dict[tuple[str, int], float]:
    """Per summed indicator and year the sum of the district figures there are."""
    sums = {}
    for indicator in summed(plan):
        for year in plan.plan.years:
            found = [_number(values.get((indicator.id, year, d))) for d in plan.district_ids()]
            found = [n for n in found if n is not None]
            if found:
                sums[(indicator.id, year)] = sum(found)
    return sums


def city_sum_notes(plan: Plan, values: dict[Key, str | None]) -> dict[tuple[str, int], str]:
    """A Dutch note per indicator and year whose city figure differs from its districts' sum."""
    notes = {}
    for (indicator_id, year), total in district_sums(plan, values).items():
        city = _number(values.get((indicator_id, year, "")))
        if city is not None and abs(city - total) > 1e-9:
            name = plan.indicator(indicator_id).name
            notes[(indicator_id, year)] = (
                f"{name} {year}: het stadscijfer {fmt.number(city, 2)} wijkt af van de som van "
                f"de wijken ({fmt.number(total, 2)}). Het dashboard telt de som van de wijken; "
                "klopt het stadscijfer, pas dan een wijkcijfer aan."
            )
    return notes


def changes_table(
    plan: Plan, layers: dict[Key, Layers], wishes: list[FigureInput], as_of: date | None = None
) -> pd.DataFrame:
    """Per wish the figure, its value now and after the save, and what else changes: the
    confirmation an editor sees before saving (a figure counted after `as_of` gets a Let op)."""
    names = plan.district_names()
    rows = []
    for wish in wishes:
        slot = layers.get(wish.key, Layers())
        before = slot.concept or slot.approved
        after = wish.record
        rows.append(
            {
                "Cijfer": f"{plan.indicator(wish.indicator).name} · {wish.year} · "
                f"{names.get(wish.district, 'hele stad')}",
                "Oud": describe_value(before.value if before else None),
                "Nieuw": "(verwijderen)" if after.value is None else describe_value(after.value),
                "Teldatum": fmt.long_date(after.counted_on, empty="(leeg)"),
                "Verder": other_changes(before, after),
                "Let op": warnings(
                    plan,
                    wish.key,
                    before.value if before else None,
                    after.value,
                    after.counted_on,
                    as_of,
                ),
            }
        )
    return pd.DataFrame(rows, columns=["Cijfer", "Oud", "Nieuw", "Let op", "Teldatum", "Verder"])
