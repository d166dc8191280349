"""The editors' texts on every page that shows them, in AppTest: Per agendapunt (open when the
status is achter, else folded), Overzicht's table, Per wijk for a wijk, and Sinds de vorige
vergadering. Always as typed: HTML and Markdown in a text are shown, never run."""

from __future__ import annotations

from datetime import date

from store_fixtures import FTE
from test_pages import captioned_table
from test_since_page import open_app, store  # noqa: F401

GROUPS = ("hbo_coach_vve_groepen", 2014, "")  # achter in 2014 (example figures)
GROUPS_W01 = ("hbo_coach_vve_groepen", 2014, "w01")
TYPED = "<b>Vacatures</b> *open* <script>alert(1)</script>"
ESCAPED = "&lt;b&gt;Vacatures&lt;/b&gt; *open* &lt;script&gt;alert(1)&lt;/script&gt;"


def write(db, key, explanation: str, measures: str = "", approve: bool = True) -> None:
    db.save_text(key, explanation, measures, "anna")
    if approve:
        db.approve_texts([(key, db.text_layers()[key]["version"])], "bob")


def html_bodies(block) -> list[str]:
    return [e.proto.body for e in block.get("html")]


def test_agenda_page_shows_the_text_open_when_behind_and_folded_otherwise(store):  # noqa: F811
    write(store, GROUPS, TYPED, "Werving via de hogeschool")
    write(store, FTE, "Op schema", "Geen")
    at = open_app("pages/agenda.py", agendapunt="1")
    folded = [b for e in at.main.expander for b in html_bodies(e)]
    shown = html_bodies(at.main)
    behind = [b for b in shown if ESCAPED in b]
    assert len(behind) == 1 and behind[0] not in folded  # open, not in an expander
    assert "<strong>Maatregelen:</strong> Werving via de hogeschool" in behind[0]
    assert "<b>Vacatures" not in "".join(shown)  # never run as HTML
    (expander,) = [e for e in at.main.expander if e.label == "Toelichting en maatregelen"]
    assert any("Op schema" in b for b in html_bodies(expander))


def test_a_concept_text_is_not_shown(store):  # noqa: F811
    write(store, GROUPS, "Nog een concept", approve=False)
    at = open_app("pages/agenda.py", agendapunt="1")
    assert not any("Nog een concept" in b for b in html_bodies(at.main))


def test_overview_table_has_the_texts_of_the_goals_behind(store):  # noqa: F811
    write(store, GROUPS, TYPED, "Werving")
    at = open_app()
    frame = captioned_table(at, "Wat aandacht vraagt in 2014")  # it is behind
    row = frame[frame["Indicator"] == "VVE-groepen met een HBO'er als coach"].iloc[0]
    assert row["Status"] == "✖ achter"
    # The editors' texts under the computed reason, as typed: the tags are text, not markup.
    assert f"Toelichting: {TYPED}" in row["Waarom deze status"]
    assert "Maatregelen: Werving" in row["Waarom deze status"]
    bodies = " ".join(e.proto.body for e in at.main.get("html"))
    assert "<script>alert(1)</script>" not in bodies and "&lt;script&gt;" in bodies


def test_districts_page_shows_a_text_written_for_the_wijk(store):  # noqa: F811
    write(store, GROUPS_W01, TYPED, "Coach gezocht")
    write(store, GROUPS, "Voor de hele stad")
    at = open_app("pages/districts.py", wijk="w01")
    bodies = html_bodies(at.main)
    assert any(ESCAPED in b and "Coach gezocht" in b for b in bodies)
    assert not any("Voor de hele stad" in b for b in bodies)  # the city's text is not the wijk's
    at = open_app("pages/districts.py", wijk="w02")
    assert not any(ESCAPED in b for b in html_bodies(at.main))


def test_since_page_shows_new_texts_and_texts_beside_the_moves(store):  # noqa: F811
    from lib.store.store import FigureInput

    store.add_meeting(date(2014, 9, 15), "", "anna")
    store.save([FigureInput(*FTE, "0,5", expected_version=store.layers()[1][FTE])], "anna")
    store.approve([(FTE, store.layers()[1][FTE])], "bob")
    write(store, FTE, TYPED, "Werving")
    at = open_app("pages/since.py")
    bodies = "".join(html_bodies(at.main))
    assert "Toelichting en maatregelen, nieuw of gewijzigd" in bodies
    assert bodies.count(ESCAPED) == 2  # beside the move and in the list of new texts
    assert "<b>Vacatures" not in bodies
    assert "1 toelichting nieuw of gewijzigd" in "\n".join(m.value for m in at.main.markdown)
