"""The figures known at a reporting date, looked up for many (indicator, year, district) at once.

Used by lib/progress/compare.py. Lookups take and return whole columns, so a table of a million rows is
one join, not a million dictionary lookups.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from lib.figures.actuals import Actuals
from lib.plan.schema import Plan

KEY = ["indicator", "year", "district"]
RECORD_COLUMNS = [
    "number",
    "reached_on",
    "flag",
    "counted_on",
    "source",
    "changed_at",
    "figure_status",
]
CONCEPT = "concept"  # a stored figure's status before a second editor approved it (lib/store/db.py)


def as_objects(values: pd.Series | np.ndarray) -> np.ndarray:
    """Values as Python objects, every missing one (NaN, NA, None) as None."""
    series = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) else values
    out = series.astype(object).to_numpy(copy=True)
    out[pd.isna(series).to_numpy()] = None
    return out


class FigureIndex:
    """Actual figures known at the reporting date, looked up by (indicator, year, district)."""

    def __init__(self, actuals: Actuals, as_of: date) -> None:
        frame = actuals.frame
        later = frame.iloc[0:0]
        # Stored figures say whether they are concept or approved (vastgesteld); a CSV does not.
        self.has_status = "status" in frame
        frame = frame.assign(figure_status=frame["status"] if self.has_status else None)
        if len(frame):
            counted = frame["counted_on"].fillna("")
            # A figure counted after the reporting date was not known then; the one it
            # replaced may have been (a database's history has it).
            known = (counted == "") | (counted <= as_of.isoformat())
            frame, later = frame[known], frame[~known]
            before = _known_before(actuals.earlier, later, as_of)
            if before is not None:
                frame = pd.concat([frame, before.reindex(columns=frame.columns)], ignore_index=True)
        # When a figure not known yet was counted: the earliest count after the reporting date,
        # per key, and per indicator and year over its districts (for a city summed from them).
        self.later = later.groupby(KEY, sort=False)["counted_on"].min()
        in_districts = later[later["district"] != ""]
        self.later_in_districts = in_districts.groupby(["indicator", "year"], sort=False)[
            "counted_on"
        ].min()
        # A key is unique in validated figures; should it repeat, the last one counts.
        self.known = frame.drop_duplicates(KEY, keep="last").set_index(KEY)[RECORD_COLUMNS]
        districts = frame[frame["district"] != ""]
        by_year = districts.groupby(["indicator", "year"], sort=False)
        self.district_sums = pd.DataFrame(
            {
                "total": by_year["number"].sum(),
                "count": by_year["number"].count(),
                "counted_on": by_year["counted_on"].max(),
                "changed_at": by_year["changed_at"].max(),
                "concept": (districts["figure_status"] == CONCEPT)
                .groupby([districts["indicator"], districts["year"]], sort=False)
                .any(),
            }
        )

    def lookup(self, keys: pd.DataFrame) -> pd.DataFrame:
        """The figure of every row of `keys` (columns indicator, year, district) as Python objects.

        Missing figures and missing fields are None; the result has the index of `keys`.
        """
        index = pd.MultiIndex.from_arrays([keys[c].to_numpy() for c in KEY])
        found = self.known.reindex(index)
        return pd.DataFrame(
            {c: as_objects(found[c]) for c in RECORD_COLUMNS}, index=keys.index, dtype=object
        )

    def counted_later(self, keys: pd.DataFrame) -> np.ndarray:
        """Per row of `keys`: the ISO date a figure was counted after the reporting date, or None.

        A city row without a later figure of its own takes the earliest of its districts'.
        """
        index = pd.MultiIndex.from_arrays([keys[c].to_numpy() for c in KEY])
        own = as_objects(self.later.reindex(index))
        pairs = pd.MultiIndex.from_arrays([keys["indicator"].to_numpy(), keys["year"].to_numpy()])
        districts = as_objects(self.later_in_districts.reindex(pairs))
        city = keys["district"].to_numpy() == ""
        return np.where((own == None) & city, districts, own)  # noqa: E711


def _known_before(earlier: pd.DataFrame | None, later: pd.DataFrame, as_of: date):
    """Per figure counted after `as_of`: the latest figure it replaced that was known at `as_of`
    (counted on or before it, or without a teldatum), with its status; None when there is none."""
    if earlier is None or later.empty:
        return None
    counted = earlier["counted_on"].fillna("")
    known = earlier[(counted == "") | (counted <= as_of.isoformat())]
    found = known.merge(later[[*KEY, "figure_status"]], on=KEY).sort_values("order")
    found = found.drop_duplicates(KEY, keep="last")
    return found if len(found) else None


def summed_indicators(plan: Plan) -> list[str]:
    """The indicators whose city figure is the sum of its districts' figures where there are
    any (city_figures): additive, counted per district, and not a milestone with a deadline."""
    return [
        i.id
        for i in plan.indicators
        if i.per_district and i.additive and not (i.kind == "milestone" and i.deadline)
    ]


def city_figures(plan: Plan, figures: FigureIndex, years: list[int]) -> pd.DataFrame:
    """Per indicator and year the city's figure, in plan order.

    Columns: indicator, year, the record columns, `districts_counted` (how many district figures
    a summed figure has, else None) and `city_note` (a city figure that disagrees with the sum
    of its districts, else ""). A milestone's one figure is stored under its deadline year; an
    additive indicator counted per district takes the sum of its districts where there is one,
    as recent as the latest of its counts.
    """
    indicators = plan.indicators
    keys = pd.DataFrame(
        {
            "indicator": np.repeat([i.id for i in indicators], len(years)),
            "year": np.tile(np.asarray(years, dtype="int64"), len(indicators)),
        }
    )
    lookup_year = [
        i.deadline.year if i.kind == "milestone" and i.deadline else y
        for i in indicators
        for y in years
    ]
    records = figures.lookup(keys.assign(year=lookup_year, district=""))
    out = pd.concat([keys, records], axis=1)
    summed = summed_indicators(plan)
    sums = figures.district_sums.reindex(pd.MultiIndex.from_frame(keys))
    use = out["indicator"].isin(summed).to_numpy() & sums["total"].notna().to_numpy()
    number = out["number"].to_numpy(copy=True)
    counted = np.full(len(out), None, dtype=object)
    note = np.full(len(out), "", dtype=object)
    dates = {c: out[c].to_numpy(copy=True) for c in ("counted_on", "changed_at")}
    latest = {c: sums[c].to_numpy(dtype=object) for c in dates}
    totals, counts = sums["total"].to_numpy(), sums["count"].to_numpy()
    # A sum with one concept figure in it is a concept itself.
    status = out["figure_status"].to_numpy(copy=True)
    concept = sums["concept"].eq(True).to_numpy()
    for i in np.flatnonzero(use):
        if figures.has_status:
            status[i] = CONCEPT if concept[i] else "vastgesteld"
        total, city = float(totals[i]), number[i]
        if city is not None and abs(city - total) > 1e-9:
            note[i] = f"stadscijfer {city:g} wijkt af van de som van de wijken ({total:g})"
        number[i], counted[i] = total, int(counts[i])
        for column, values in dates.items():
            when = latest[column][i]
            values[i] = max("" if pd.isna(when) else when, values[i] or "")
    return out.assign(
        number=number, districts_counted=counted, city_note=note, figure_status=status, **dates
    )
