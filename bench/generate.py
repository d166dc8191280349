"""Generated datasets for the benchmark: the real plan and example figures, scaled up.

`copies` repeats every goal and indicator of targets.yaml that many times (agenda items stay the
same, so each agenda page gets `copies` times as many charts); `districts_per` splits every
district into that many. The figures follow: every example figure is repeated for each copy of
its indicator and each part of its district, so the generated dataset has the example's shape
(same kinds, statuses and gaps) at `copies * districts_per` times its size.

`full_figures` builds the other extreme for the comparison engine: a figure for every
per-district indicator in every year and district.

Run as `python -m bench.generate OUT_DIR [--copies 10] [--districts-per 10]` to look at a
dataset; `make bench` generates its own into a temporary folder. Nothing here is committed data.
"""

from __future__ import annotations

import argparse
import copy
import io
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from lib.figures.actuals import DEFAULT_ACTUALS, Actuals, ActualsMeta, read_meta
from lib.figures.rows import FRAME_COLUMNS
from lib.plan.schema import NUMERIC_KINDS, Plan
from lib.store.settings import ROOT


def _indicator_id(original: str, k: int) -> str:
    return f"{original}_k{k:02d}"


def _district_id(original: str, j: int) -> str:
    return f"{original}_{j:02d}"


def scaled_plan_data(data: dict, copies: int, districts_per: int) -> dict:
    """The plan as YAML data with `copies` times the goals and indicators and more districts."""
    out = copy.deepcopy(data)
    out["plan"]["version"] = f"{data['plan']['version']} (benchmark x{copies * districts_per})"
    out["districts"]["list"] = [
        {**d, "id": _district_id(d["id"], j), "name": f"{d['name']} {j}"}
        for d in data["districts"]["list"]
        for j in range(1, districts_per + 1)
    ]
    out["goals"] = [
        {**g, "id": _indicator_id(g["id"], k), "label": f"{g['label']} ({k})"}
        for k in range(1, copies + 1)
        for g in data.get("goals", [])
    ]
    out["indicators"] = [
        _scaled_indicator(i, k, districts_per)
        for k in range(1, copies + 1)
        for i in data["indicators"]
    ]
    return out


def _scaled_indicator(indicator: dict, k: int, districts_per: int) -> dict:
    out = copy.deepcopy(indicator)
    out["id"] = _indicator_id(indicator["id"], k)
    out["name"] = f"{indicator['name']} ({k})"
    if indicator.get("goal"):
        out["goal"] = _indicator_id(indicator["goal"], k)
    if indicator.get("district_targets"):
        out["district_targets"] = {
            (key if key == "all" else _district_id(key, j)): years
            for key, years in indicator["district_targets"].items()
            for j in (range(1, 2) if key == "all" else range(1, districts_per + 1))
        }
    return out


def scaled_actuals_text(text: str, copies: int, districts_per: int) -> str:
    """The example CSV with every figure repeated per indicator copy and district part."""
    meta_lines = [line for line in text.splitlines() if line.startswith("#")]
    _, body_start = read_meta(text)
    frame = pd.read_csv(
        io.StringIO("\n".join(text.splitlines()[body_start:])),
        dtype=str,
        keep_default_na=False,
    )
    parts = []
    for k in range(1, copies + 1):
        copy_k = frame.assign(indicator=frame["indicator"] + f"_k{k:02d}")
        city = copy_k[copy_k["district"] == ""]
        districts = copy_k[copy_k["district"] != ""]
        parts.append(city)
        for j in range(1, districts_per + 1):
            parts.append(districts.assign(district=districts["district"] + f"_{j:02d}"))
    body = pd.concat(parts, ignore_index=True).to_csv(index=False, lineterminator="\n")
    return "\n".join(meta_lines) + "\n" + body


def write_dataset(out_dir: Path, copies: int, districts_per: int) -> tuple[Path, Path]:
    """Write targets.yaml and actuals.csv scaled from the real ones; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load((ROOT / "targets.yaml").read_text(encoding="utf-8"))
    if data["plan"].get("methodology"):  # named relative to targets.yaml: keep it found
        data["plan"]["methodology"] = str(ROOT / data["plan"]["methodology"])
    targets = out_dir / "targets.yaml"
    targets.write_text(
        yaml.safe_dump(
            scaled_plan_data(data, copies, districts_per), allow_unicode=True, sort_keys=False
        ),
        encoding="utf-8",
    )
    actuals = out_dir / "actuals.csv"
    example = Path(DEFAULT_ACTUALS).read_text(encoding="utf-8")
    actuals.write_text(scaled_actuals_text(example, copies, districts_per), encoding="utf-8")
    return targets, actuals


def full_figures(plan: Plan, seed: int = 6) -> Actuals:
    """A figure for every numeric indicator in every year, per district where it is counted.

    Built as a frame directly, the way lib.figures.actuals types a parsed CSV: the comparison engine is
    measured on its own, without reading a million-line file.
    """
    numeric = [i for i in plan.indicators if i.kind in NUMERIC_KINDS]
    keys = [
        (i.id, y, d)
        for i in numeric
        for y in plan.plan.years
        for d in (plan.district_ids() if i.per_district else [""])
    ]
    frame = pd.DataFrame(keys, columns=["indicator", "year", "district"])
    numbers = np.random.default_rng(seed).integers(0, 40, len(frame)).astype(float)
    frame["value"] = [f"{n:g}" for n in numbers.tolist()]
    frame["counted_on"] = frame["year"].map({y: f"{y}-09-30" for y in plan.plan.years})
    frame["source"] = "benchmark"
    for column in ("note", "changed_at", "changed_by"):
        frame[column] = ""
    frame["number"] = numbers.tolist()
    frame["reached_on"] = None
    frame["flag"] = None
    frame["row"] = range(2, len(frame) + 2)
    return Actuals(frame[FRAME_COLUMNS], ActualsMeta(is_example=True), f"full-{seed}", "full")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--districts-per", type=int, default=10)
    args = parser.parse_args()
    targets, actuals = write_dataset(args.out_dir, args.copies, args.districts_per)
    print(f"{targets}\n{actuals}")


if __name__ == "__main__":
    main()
