"""Over de cijfers says the numbers the dashboard computes (issue 33, case 1).

The page is drawn for the example plan (at its peildatum and at an earlier one, where the
numbers change) and for the second plan of the tests. Every worked number in the plan's own
text is checked against the engine: the status explanation of the same row ("Doel 2014: 30
groepen (startpunt eind 2013: 20); stand: 28 groepen. Planpad op 30 september 2014 (teldatum):
27,5 ..."), which Overzicht and `progress` show, and the rows of the progress table.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from test_other_plan import OTHER_ACTUALS, OTHER_TARGETS, about_text
from test_pages import ABOUT, open_app

from lib import fmt
from lib.figures.actuals import DEFAULT_ACTUALS, read_actuals
from lib.plan.load import load_plan, methodology_path
from lib.plan.periods import year_fraction
from lib.progress.compare import progress_table
from lib.views.worked import PLACEHOLDER, worked_value

ROOT = Path(__file__).resolve().parent.parent
METHODOLOGY = (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
EXPLAINED = {
    "doel": r"Doel \d{4}: ([\d.,]+)",
    "startpunt": r"startpunt eind \d{4}: ([\d.,]+)",
    "stand": r"stand: ([\d.,]+)",
    "moment": r"Planpad op (\d+ \w+ \d{4}) \((?:teldatum|peildatum)\)",
    "soort": r"Planpad op \d+ \w+ \d{4} \((teldatum|peildatum)\)",
    "planpad": r"Planpad op \d+ \w+ \d{4} \((?:teldatum|peildatum)\): ([\d.,]+)",
}


def explained(row, field: str) -> str:
    """One number or word of the row's status explanation, as Overzicht shows it."""
    found = re.search(EXPLAINED[field], row["explanation"])
    assert found, (field, row["explanation"])
    return found.group(1)


def engine(progress, spec: str, as_of: date) -> str:
    """What the engine says for one placeholder, read from the progress table's own columns."""
    parts = spec.split()
    if parts == ["peildatum"]:
        return fmt.long_date(as_of)
    ident, year, field = parts[0], int(parts[1]), parts[-1]
    district = parts[2] if len(parts) == 4 else ""
    rows = progress[(progress["indicator"] == ident) & (progress["year"] == year)]
    row = rows[rows["district"] == district].iloc[0]
    if field in EXPLAINED:
        return explained(row, field)
    if field in ("dagen", "deel", "factor"):
        moment = _dutch_date(explained(row, "moment"))
        share = year_fraction(moment, year)
        days = (moment - date(year, 1, 1)).days + 1
        in_year = (date(year + 1, 1, 1) - date(year, 1, 1)).days
        return {
            "dagen": f"{days} van de {in_year} dagen",
            "deel": fmt.number(share * 100) + "%",
            "factor": fmt.number(share, 3),
        }[field]
    if field == "wijken":
        wijken = rows[(rows["district"] != "") & rows["actual"].notna()]["actual"]
        total = sum(float(v) for v in wijken)
        assert fmt.number(total) == fmt.number(float(row["actual"]))  # they add up to the stand
        return " + ".join(fmt.number(v) for v in wijken)
    direct = {
        "status": row["status"],
        "detail": row["detail"],
        "wijk": row["district_name"],
        "aandeel": fmt.percent(row["share_of_city"]),
        "prognose": fmt.number(row["projection"]),
        "prognose-oordeel": "haalt het doel"
        if row["projection_reached"]
        else "haalt niet het doel",
        "onder": None,
    }
    if field == "onder":
        planpad = float(explained(row, "planpad").replace(".", "").replace(",", "."))
        return fmt.number(planpad - float(row["actual"]))
    return direct[field]


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
MONTHS += ["september", "oktober", "november", "december"]


def _dutch_date(text: str) -> date:
    day, month, year = text.split()
    return date(int(year), MONTHS.index(month) + 1, int(day))


CASES = [
    pytest.param(ROOT / "targets.yaml", DEFAULT_ACTUALS, None, id="voorbeeld"),
    pytest.param(
        ROOT / "targets.yaml", DEFAULT_ACTUALS, date(2014, 12, 15), id="voorbeeld-15-december"
    ),
    pytest.param(OTHER_TARGETS, OTHER_ACTUALS, None, id="tweede-plan"),
]


@pytest.mark.parametrize(("targets", "actuals", "as_of"), CASES)
def test_1_every_worked_number_of_over_de_cijfers_is_the_engines(
    monkeypatch, targets, actuals, as_of
):
    plan = load_plan(targets)
    figures = read_actuals(actuals, plan)
    shown_as_of = as_of or figures.meta.reporting_date
    progress = progress_table(plan, figures, shown_as_of, district="all")
    own = methodology_path(plan, targets.parent).read_text(encoding="utf-8")
    specs = PLACEHOLDER.findall(own)
    assert len(specs) >= 10  # the examples are there to check
    for spec in specs:
        assert worked_value(spec, plan, progress, shown_as_of) == engine(
            progress, spec, shown_as_of
        ), spec

    monkeypatch.setenv("HJK_TARGETS", str(targets))
    monkeypatch.setenv("HJK_ACTUALS", str(actuals))
    monkeypatch.setenv("DATABASE_URL", "sqlite:////nonexistent/folder/never-opened.sqlite3")
    st.cache_data.clear()
    st.cache_resource.clear()
    params = {"peildatum": as_of.isoformat()} if as_of else {}
    page = about_text(open_app(ABOUT, **params))
    assert "{{" not in page and "}}" not in page
    # The formula of the first worked example, as the page shows it, with the engine's numbers.
    ident = re.search(r"\{\{(\w+) (\d{4}) planpad\}\}", own).groups()
    value = {
        f: engine(progress, f"{ident[0]} {ident[1]} {f}", shown_as_of)
        for f in ("startpunt", "factor", "doel", "planpad")
    }
    formula = (
        f"{value['startpunt']} + {value['factor']} × ({value['doel']} − {value['startpunt']}) "
        f"= {value['planpad']} groepen"
    )
    assert formula in page, formula
    assert f"({fmt.long_date(shown_as_of)})" in page  # the peildatum the numbers are taken at


def test_1_the_example_plans_wijkbijeenkomsten_say_the_dashboards_planpad():
    """The text said 'op koers bij een planpad van 7,5' and '(planpad 0,75)'; the dashboard
    says 5 and 0,5 (the planpad at the teldatum, 30 June)."""
    plan = load_plan(ROOT / "targets.yaml")
    figures = read_actuals(DEFAULT_ACTUALS, plan)
    progress = progress_table(plan, figures, date(2014, 10, 1), district="all")
    own = (ROOT / "docs" / "plan-masterplan-hjk.md").read_text(encoding="utf-8")
    assert "7,5" not in own and "0,75" not in own
    assert engine(progress, "wijkbijeenkomsten 2014 planpad", date(2014, 10, 1)) == "5"
    assert "{{wijkbijeenkomsten 2014 planpad}}" in own


def test_1_the_rules_state_the_moment_of_the_planpad_one_way():
    """Deel 2 states the rule (teldatum when counted in the running year before the peildatum,
    else the peildatum); no other part says the planpad is simply taken at the peildatum."""
    assert "Het planpad (deel 5) wordt berekend op de teldatum van het cijfer" in METHODOLOGY
    assert "planpad op de peildatum" not in METHODOLOGY
    assert "Voorbeeld met verzonnen getallen." in METHODOLOGY
