"""Column arithmetic of the progress table: what a row shows as actual, the difference and
percentage, notes on a city figure, a district's share of the city; on whole numpy columns."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.plan.schema import NUMERIC_KINDS, Plan


def shown_actual(rows: pd.DataFrame, kinds: np.ndarray) -> np.ndarray:
    """What a row shows as its actual: the number, the date reached, or 'ja'/'nee'."""
    actual = rows["number"].to_numpy(dtype=object, copy=True)
    milestone, commitment = kinds == "milestone", kinds == "commitment"
    reached = rows["reached_on"].to_numpy(dtype=object)[milestone]
    actual[milestone] = objects([d.isoformat() if d else None for d in reached])
    flags = rows["flag"].to_numpy(dtype=object)[commitment]
    actual[commitment] = objects([None if f is None else ("ja" if f else "nee") for f in flags])
    return actual


def difference_and_percentage(
    kinds: np.ndarray, actual: np.ndarray, target: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Actual minus target, and actual as a percentage of a target that is not 0."""
    difference = np.full(len(actual), None, dtype=object)
    percentage = np.full(len(actual), None, dtype=object)
    numeric = np.isin(kinds, NUMERIC_KINDS) & present(actual) & present(target)
    values, goals = actual[numeric].astype(float), target[numeric].astype(float)
    difference[numeric] = objects((values - goals).tolist())
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = (values / goals * 100).tolist()
    percentage[numeric] = objects([s if g else None for s, g in zip(shares, goals, strict=True)])
    return difference, percentage


def with_notes(
    plan: Plan, detail: np.ndarray, note: np.ndarray, districts_counted: np.ndarray
) -> np.ndarray:
    """The verdict's detail plus what a city figure needs said: a mismatch, a partial sum."""
    total = len(plan.districts.list)
    detail = detail.copy()
    for i in np.flatnonzero((note != "") | present(districts_counted)):
        parts = [detail[i], note[i]]
        counted = districts_counted[i]
        if counted and counted < total:
            parts.append(f"som van {counted} van {total} wijken")
        detail[i] = "; ".join(p for p in parts if p)
    return detail


def share_of_city(rows: pd.DataFrame, actual: np.ndarray, additive: np.ndarray) -> np.ndarray:
    """A district's actual as a percentage of the city's, for indicators that add up."""
    share = np.full(len(rows), None, dtype=object)
    if "city_actual" not in rows:
        return share
    city = rows["city_actual"].to_numpy(dtype=object)
    use = additive.astype(bool) & present(actual) & present(city)
    use[use] = city[use].astype(float) != 0
    share[use] = objects((actual[use].astype(float) / city[use].astype(float) * 100).tolist())
    return share


def objects(values: list) -> np.ndarray:
    """A one-dimensional array of Python objects (np.array would nest tuples and lists)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def present(values: np.ndarray) -> np.ndarray:
    return ~pd.isna(values)


def or_none(values: pd.Series) -> np.ndarray:
    out = values.to_numpy(dtype=object, copy=True)
    out[pd.isna(out) | (out == "")] = None
    return out
