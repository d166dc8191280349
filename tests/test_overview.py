"""The overview's building blocks: headline counts per agenda item."""

from datetime import date

from lib.progress.compare import progress_table
from lib.views.overview import agenda_headline


def test_agenda_headline_counts_the_city_targets_of_the_year(plan, example_actuals):
    table = progress_table(plan, example_actuals, date(2014, 10, 1), year=2014)
    line = agenda_headline(table, 2, 2014)
    assert line == "**2014, 2 doelen:** 1 ✖ achter · 1 ➜ op koers"


def test_agenda_headline_without_targets(plan, example_actuals):
    table = progress_table(plan, example_actuals, date(2014, 10, 1), year=2012)
    assert (
        agenda_headline(table, 5, 2012) == "In 2012 stelt het plan voor dit agendapunt geen doelen."
    )
