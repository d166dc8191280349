"""The history of figures as the page *Gegevens bijwerken* shows it: old and new values in words
beside who and when (a milestone's date the Dutch way, a count with its unit), and restore
choices that name the value each brings back ('26 groepen, 9 september 2014, 10:00, door anna').
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lib import fmt
from lib.accounts.identity import display_editor
from lib.figures.history import ACTION_LABELS
from lib.plan.schema import Plan
from lib.store.edit_table import figure_label, history_table
from lib.views.since import value_for_people

# Old and new first after who did what: on a laptop screen they were past the grid's edge.
SCREEN_COLUMNS = ["Nr", "Wanneer", "Wie", "Wat", "Oud", "Nieuw", "Indicator", "Jaar", "Wijk"]
SCREEN_COLUMNS += ["Status", "Bron", "Opmerking"]
ONE_FIGURE_COLUMNS = [c for c in SCREEN_COLUMNS if c not in ("Indicator", "Jaar", "Wijk")]


def shown_value(plan: Plan, indicator: str | None, value: str | None) -> str:
    """A stored value in words: '26 groepen', '15 september 2014', 'ja', '(leeg)'; a meeting's
    day (no indicator) as a date."""
    item = plan.indicators_by_id.get(indicator or "")
    if item is None:
        text = value or ""
        return fmt.long_date(text) if text[:4].isdigit() and len(text) == 10 else text or "(leeg)"
    if item.kind == "milestone" and value == "nee":
        return "niet bereikt"
    if item.kind == "milestone" and not value:
        return "(leeg)"
    one = value == "1" and item.unit_singular  # '1 groep', not '1 groepen'
    return value_for_people(value, item.kind, item.unit_singular if one else item.unit)


def screen_table(plan: Plan, frame: pd.DataFrame, editors: Iterable[str] = ()) -> pd.DataFrame:
    """history_table with old and new values in words, the columns in SCREEN_COLUMNS order."""
    table = history_table(plan, frame, editors)
    for column, raw in (("Oud", "old_value"), ("Nieuw", "new_value")):
        table[column] = [
            shown_value(plan, i, v) for i, v in zip(frame["indicator"], frame[raw], strict=True)
        ]
    table["Jaar"] = [str(int(y)) if pd.notna(y) else "–" for y in frame["year"]]
    return table[SCREEN_COLUMNS]


def restore_labels(
    plan: Plan, frame: pd.DataFrame, editors: Iterable[str] = (), one_figure: bool = False
) -> dict[int, str]:
    """Change number -> what restoring to right after it brings back: the value, when, by whom
    and what the change was; with every figure listed, which figure first."""
    editors = list(editors)
    labels = {}
    rows = zip(
        frame["id"], frame["at"], frame["editor"], frame["action"], frame["indicator"],
        frame["year"], frame["district"], frame["new_value"], strict=True,
    )  # fmt: skip
    for number, at, who, action, indicator, year, district, value in rows:
        what = ACTION_LABELS.get(action, action)
        if indicator and indicator in plan.indicators_by_id:
            shown = shown_value(plan, indicator, value)
            if not one_figure:
                shown = f"{figure_label(plan, (indicator, int(year), district or ''))}: {shown}"
            shown += f" ({what})"
        else:  # a year closed or reopened, a meeting added or removed
            detail = str(int(year)) if action.endswith("_year") else shown_value(plan, None, value)
            shown = f"{what}: {detail}"
        who = display_editor(editors, who)
        labels[int(number)] = f"{shown}, {fmt.moment(at)}, door {who} · nr. {int(number)}"
    return labels
