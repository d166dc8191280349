"""A figure counted after the peildatum (issue 33, case 2): it does not wipe the figure that was
known at the peildatum, and whoever enters it is told from which peildatum on it counts.

Example: scholing_pm_vve 2014 is 22 in the example figures (peildatum 1 oktober 2014); an
import of 30 counted on 15 oktober 2014, approved, showed "geen gegevens" at 1 oktober.
"""

from __future__ import annotations

from datetime import date

from store_fixtures import cli

from lib.figures.history import Layers
from lib.plan.load import load_plan
from lib.progress.compare import progress_table
from lib.store.edit_checks import changes_table
from lib.store.store import FigureInput, Store

KEY = ("scholing_pm_vve", 2014, "")
ROW = "indicator,year,district,value,counted_on\nscholing_pm_vve,2014,,30,2014-10-15\n"
LATER = (
    "geteld op 15 oktober 2014, na de peildatum (1 oktober 2014): telt mee vanaf peildatum "
    "15 oktober 2014; tot dan telt het vorige cijfer"
)


def city_row(store: Store, as_of: date, include_concept: bool = False):
    actuals = store.read_actuals(include_concept=include_concept)
    table = progress_table(store.plan, actuals, as_of, year=2014)
    return table[table["indicator"] == KEY[0]].iloc[0]


def test_2_a_figure_counted_after_the_peildatum_leaves_the_one_known_then(
    capsys, tmp_path, cli_store
):
    upload = tmp_path / "later.csv"
    upload.write_text(ROW, encoding="utf-8")
    code, out, err = cli(capsys, "import", str(upload), "--editor", "anna", "--dry-run")
    assert (
        code == 0
        and f"22 -> 30 (teldatum: 30 september 2014 -> 15 oktober 2014) [Let op: {LATER}]" in out
    )
    assert "verkeerd getypt" not in err  # a later count is no typing error
    assert cli(capsys, "import", str(upload), "--editor", "anna")[0] == 0
    assert cli(capsys, "approve", "--all", "--editor", "bob")[0] == 0

    store = Store.open(load_plan("targets.yaml"), f"sqlite:///{cli_store}")
    known = city_row(store, date(2014, 10, 1))
    assert (known["actual"], known["status"]) == (22, "achter")
    assert known["counted_on"] == "2014-09-30"
    counted = city_row(store, date(2014, 10, 15))
    assert (counted["actual"], counted["counted_on"]) == (30, "2014-10-15")
    code, out, _err = cli(capsys, "progress", "--year", "2014", "--format", "json")
    assert code == 0 and '"status": "geen gegevens"' not in out.split(KEY[0], 1)[1][:400]


def test_2_a_concept_counted_later_leaves_the_figure_known_then_too(capsys, cli_store):
    assert cli(capsys, "history", "--limit", "1")[0] == 0
    store = Store.open(load_plan("targets.yaml"), f"sqlite:///{cli_store}")
    store.save([FigureInput(*KEY, "30", counted_on="2014-10-15")], "anna")
    assert city_row(store, date(2014, 10, 1), include_concept=True)["actual"] == 22
    assert city_row(store, date(2014, 10, 1))["actual"] == 22


def test_2_the_grids_confirmation_says_from_when_it_counts(plan):
    wish = FigureInput(*KEY, "30", counted_on="2014-10-15")
    table = changes_table(plan, {KEY: Layers()}, [wish], date(2014, 10, 1))
    assert list(table["Let op"]) == [LATER]
    assert list(changes_table(plan, {}, [wish], date(2014, 10, 15))["Let op"]) == [""]
