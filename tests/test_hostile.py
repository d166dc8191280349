"""Hostile but fair input (issue 12): every case ends in a clear Dutch message naming file, row
and column (exit status 1 on the command line), and the stored figures do not change. The stored
rows are compared as read from the database, before and after; every hostile file is made here.

One test per numbered case of the issue: 1 decimal comma, 2 huge numbers, 3 infinite targets,
4 broken and oversized files, 5 formulas without a value, 6 a locked database, 8 "(leeg)" in the
history. (Case 7, one identity per editor, is tested with the login work.)
"""

from __future__ import annotations

import io
import json
import sqlite3
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pytest
import streamlit as st
from apptest_open import aim
from sqlalchemy import select
from store_fixtures import FTE, cli, counts, open_store
from streamlit.testing.v1 import AppTest

from lib.figures.actuals import parse_actuals
from lib.figures.history import Record
from lib.plan.load import parse_plan
from lib.problems import ValidationFailed
from lib.store import auth, db, upload
from lib.store.db import login_attempts
from lib.store.edit_table import edit_table, grid_changes, history_table
from lib.store.imports import preview_import
from lib.store.store import FigureInput
from lib.store.throttle import LoginThrottle
from lib.store.writes import record_change

COMMA_HINT = (
    "12,5 met een komma in een bestand met komma's als scheiding? Gebruik ; als scheiding of zet "
    "de waarde tussen aanhalingstekens"
)
NINES = "9" * 400
ROOT = Path(__file__).resolve().parent.parent


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def workbook(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Cijfers"
    for row in [["indicator", "year", "district", "value"], *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rezip(raw: bytes, change) -> bytes:
    """The workbook with each part replaced by change(name, data)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = change(info.filename, source.read(info.filename))
            target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ------------------------------------------------------------------ 1. decimal comma


def test_1_a_decimal_comma_in_a_comma_separated_file_is_an_error(capsys, tmp_path, store, plan):
    before = counts(store)
    files = {
        "komma.csv": "indicator,year,district,value\nhbo_coach_fte,2014,,12,5\n",
        "opmerking.csv": "indicator,year,district,value,note\nhbo_coach_fte,2014,,12,5\n",
        "puntkomma.csv": "indicator;year;district;value\nhbo_coach_fte;2014;;12;5\n",
    }
    for name, text in files.items():
        code, out, err = cli(capsys, "import", write(tmp_path, name, text), "--editor", "anna")
        assert code == 1, name
        assert f"{name}, rij 2" in err and "1 rij met fouten" in err
        hint = COMMA_HINT if name != "puntkomma.csv" else "een ; in een waarde?"
        assert hint in err, err
        assert "-> 12" not in out
    preview = preview_import(files["opmerking.csv"].encode(), "opmerking.csv", store)
    assert "rij 2, veld 'Waarde (kolom D)': waarde '12' en daarna '5' in kolom 'note'" in str(
        preview.problems[0]
    )
    with pytest.raises(ValidationFailed) as failed:  # validate --actuals says the same
        parse_actuals(files["komma.csv"].encode(), plan, "komma.csv")
    assert COMMA_HINT in str(failed.value)
    # A quoted decimal comma is read correctly.
    quoted = 'indicator,year,district,value\nhbo_coach_fte,2014,,"12,5"\n'
    assert [c.new for c in preview_import(quoted.encode(), "q.csv", store).changes] == ["12,5"]
    assert counts(store) == before


# ------------------------------------------------------------------ 2. huge numbers


@pytest.mark.parametrize(
    "value, message",
    [
        (NINES, "is groter dan 1.000.000.000"),
        ("1000000001", "'1000000001' is groter dan 1.000.000.000"),
        ("0,1234567890123456", "heeft meer dan 15 cijfers"),
        ("1234,56789012345678", "heeft meer dan 15 cijfers"),
    ],
)
def test_2_too_large_or_too_precise_numbers_are_refused_everywhere(
    capsys, tmp_path, store, plan, value, message
):
    before = counts(store)
    # the grid
    table = edit_table(plan, *store.layers()[:2], year=2014, district="")
    row = table.index[table["indicator"] == FTE[0]][0]
    edited = table.copy()
    edited.loc[row, "Waarde"] = value
    wishes, problems = grid_changes(plan, table, edited)
    assert not wishes and message in problems[0].message and problems[0].field == "Waarde"
    # a save (the grid's and the restore's way in)
    with pytest.raises(ValidationFailed) as failed:
        store.save([FigureInput(*FTE, value)], "anna")
    assert message in str(failed.value) and "veld 'value'" in str(failed.value)
    # the import, as CSV and as Excel (a number cell and a text cell)
    csv_file = write(
        tmp_path, "groot.csv", f'indicator,year,district,value\n{FTE[0]},2014,,"{value}"\n'
    )
    code, _out, err = cli(capsys, "import", csv_file, "--editor", "anna")
    assert code == 1 and message in err and "groot.csv, rij 2, veld 'Waarde (kolom D)'" in err
    book = workbook([[FTE[0], 2014, None, value]])
    assert message in str(preview_import(book, "t.xlsx", store).problems[0])
    assert counts(store) == before


def test_2_a_restore_cannot_bring_back_a_bad_value(store):
    """A bad value in the history (stored before these checks) is refused when restored."""
    with store.engine.begin() as conn:
        key = {"indicator": FTE[0], "year": FTE[1], "district": FTE[2], "status": "concept"}
        record_change(conn, 99, "anna", "edit", key, "3,2", Record("Infinity"), 2)
    bad = int(store.history(FTE).iloc[0]["id"])
    before = counts(store)
    with pytest.raises(ValidationFailed) as failed:
        store.restore(bad, "bob", FTE)
    assert "'Infinity' is geen getal" in str(failed.value)
    assert counts(store) == before


def test_2_excel_numbers_read_as_shown_and_huge_ones_refused(store):
    book = workbook([[FTE[0], 2014, None, 0.1 + 0.2], ["hbo_coach_vve_groepen", 2014, "w01", 1e20]])
    preview = preview_import(book, "t.xlsx", store)
    assert [c.new for c in preview.changes] == ["0,3"]  # 15 digits, as Excel shows it
    assert "is groter dan 1.000.000.000" in str(preview.problems[0])


# ------------------------------------------------------------------ 3. infinite targets


@pytest.mark.parametrize(
    "value, message",
    [
        (".inf", "'inf' is oneindig"),
        ("1e400", "'1e400' is oneindig"),
        ("-.inf", "'-inf' is oneindig"),
        (".nan", "'nan' is geen getal"),
        ("2000000000", "mag hoogstens 1.000.000.000 zijn"),
        ("10.1234567890123456", "'10.1234567890123456' heeft meer dan 15 cijfers"),
        # YAML 1.1 reads these as other numbers without a word: 061 as 49 (octal), 1:01 as 61
        # (base 60); and 1.061 is a Dutch 1061 as likely as a decimal one
        ("061", "'061' begint met een 0 en wordt gelezen als een ander getal"),
        ("0x1F", "'0x1F' begint met een 0"),
        ("1:01", "'1:01' wordt gelezen als een getal in het zestigtallig stelsel"),
        ("1.061", "'1.061' is dubbelzinnig: bedoelt u 1061"),
    ],
)
def test_3_an_infinite_or_nan_target_is_refused_with_line_and_field(
    capsys, tmp_path, store, small_plan_text, line_of, value, message
):
    before = counts(store)
    old = "targets: {2012: 10, 2013: 20, 2014: 30, 2015: 40}"
    text = small_plan_text.replace(old, old.replace("2013: 20", f"2013: {value}"))
    with pytest.raises(ValidationFailed) as failed:
        parse_plan(text, "targets.yaml")
    line = line_of(text, f"2013: {value}")
    assert [str(p) for p in failed.value.problems] == [
        f"targets.yaml, regel {line}, veld 'indicators[groepen].targets.2013': "
        + failed.value.problems[0].message
    ]
    assert message in failed.value.problems[0].message
    assert "negatief" not in str(failed.value)
    baseline = small_plan_text.replace(
        "baseline: {year: 2011, value: 4}", f"baseline: {{year: 2011, value: {value}}}"
    )
    with pytest.raises(ValidationFailed) as failed:
        parse_plan(baseline, "targets.yaml")
    assert message in str(failed.value) and "baseline.value" in str(failed.value)
    code, _out, err = cli(capsys, "validate", "--targets", write(tmp_path, "targets.yaml", text))
    assert code == 1 and message in err and f"regel {line}" in err
    assert counts(store) == before


# ------------------------------------------------------------------ 4. broken and huge files


def test_4_broken_and_oversized_files_get_a_dutch_message(capsys, tmp_path, store, monkeypatch):
    before = counts(store)
    good = workbook([[FTE[0], 2014, None, 5]])
    sheet = "xl/worksheets/sheet1.xml"
    cases = {
        # a broken XML part inside a readable zip, and a zip cut short
        "kapot.xlsx": (
            rezip(good, lambda n, d: d[: len(d) // 2] if n == sheet else d),
            "het Excel-bestand is beschadigd of onvolledig",
        ),
        "afgebroken.xlsx": (good[: len(good) // 2], "geen geldig Excel-bestand"),
        "lang.csv": (
            f"indicator,year,district,value,note\n{FTE[0]},2014,,5,{'x' * 140_000}\n",
            "rij 2: een cel is langer dan 128 kB",
        ),
        "opmerking.csv": (
            f"indicator,year,district,value,note\n{FTE[0]},2014,,5,{'x' * 1001}\n",
            "rij 2, veld 'Opmerking (kolom E)': de cel heeft 1.001 tekens; de grens is 1.000 tekens per cel",
        ),
        "rijen.csv": (
            "indicator,year,district,value\n" + f"{FTE[0]},2014,,5\n" * 10_001,
            "meer dan 10.000 gevulde rijen",
        ),
        "groot.csv": ("x" * (5 * 1024 * 1024 + 1), "de grens is 5 MB"),
    }
    for name, (content, message) in cases.items():
        code, _out, err = cli(capsys, "import", write(tmp_path, name, content), "--editor", "anna")
        assert code == 1 and f"- {name}" in err and message in err, (name, err)
        assert "Traceback" not in err
    # a zip bomb is refused on the sizes its zip declares, before openpyxl unpacks anything
    bomb = rezip(good, lambda n, d: d + b" " * 51 * 1024 * 1024 if n == sheet else d)
    assert len(bomb) < 200_000

    def no_unpacking(*_args, **_kwargs):
        raise AssertionError("openpyxl must not read a zip bomb")

    monkeypatch.setattr(upload, "load_workbook", no_unpacking)
    code, _out, err = cli(capsys, "import", write(tmp_path, "bom.xlsx", bomb), "--editor", "anna")
    assert code == 1 and "bom.xlsx: het Excel-bestand is uitgepakt 51 MB; de grens is 50 MB" in err
    assert counts(store) == before


def test_4_many_identical_errors_are_counted_not_listed(capsys, tmp_path, store):
    before = counts(store)
    rows = "".join(f"{FTE[0]},2014,,5\n" for _ in range(5_000))
    path = write(tmp_path, "dubbel.csv", "indicator,year,district,value\n" + rows)
    code, _out, err = cli(capsys, "import", path, "--editor", "anna")
    assert code == 1
    assert "4.999 rijen met fouten" in err
    assert err.count("dubbele rij:") == 10
    assert "en nog 4.989 dezelfde fouten (dubbele rij)" in err
    assert counts(store) == before


def test_4_the_page_states_the_limits_beside_the_uploader_and_the_server_keeps_them(
    store, monkeypatch
):
    at = edit_page_as_anna(store, monkeypatch)
    tab = next(t for t in at.tabs if t.label == "Importeren uit Excel")
    captions = [str(c.value) for c in tab.caption]
    assert upload.LIMITS_TEXT in captions
    assert "hoogstens 5 MB" in upload.LIMITS_TEXT and "10.000 gevulde rijen" in upload.LIMITS_TEXT
    assert "1.000 tekens per cel" in upload.LIMITS_TEXT and "50 MB" in upload.LIMITS_TEXT
    config = (ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert f"maxUploadSize = {upload.MAX_FILE_MB}" in config


def edit_page_as_anna(store, monkeypatch) -> AppTest:
    """The page Gegevens bijwerken on this test's store, logged in as anna."""
    monkeypatch.delenv("HJK_ACTUALS", raising=False)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    aim(at, ROOT / "dashboard.py", "pages/edit.py").run()
    at.text_input(key="edit_login_name").input("anna")
    at.text_input(key="edit_login_password").input("een lang wachtwoord")
    at.button(key="edit_login_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# ------------------------------------------------------------------ 5. formulas


def test_5_a_formula_without_a_calculated_value_is_reported(capsys, tmp_path, store):
    before = counts(store)
    raw = workbook([[FTE[0], 2014, None, "=1+2"], ["hbo_coach_vve_groepen", 2014, "w01", "=A1"]])
    path = write(tmp_path, "formule.xlsx", raw)  # openpyxl saves formulas without a value
    code, _out, err = cli(capsys, "import", path, "--editor", "anna")
    assert code == 1
    assert (
        "formule.xlsx, blad 'Cijfers', rij 2, veld 'Waarde (kolom D)': de cel bevat een formule "
        "(=1+2) zonder berekende waarde; vul de waarde zelf in" in err
    )
    assert "rij 3, veld 'Waarde (kolom D)': de cel bevat een formule (=A1)" in err
    assert "0 lege rijen overgeslagen, 2 rijen met fouten" in err
    assert counts(store) == before


# ------------------------------------------------------------------ 6. a locked database


def test_6_a_writer_waiting_on_a_locked_database_gets_a_dutch_message(
    capsys, plan, tmp_path, monkeypatch
):
    monkeypatch.setattr(db, "SQLITE_TIMEOUT", 0.2)
    monkeypatch.setattr(db, "LOCK_PAUSE", 0.01)
    path = tmp_path / "bezet.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    secrets = tmp_path / "secrets.toml"
    monkeypatch.setenv("HJK_SECRETS", str(secrets))
    auth.add_editor(secrets, "anna", "een lang wachtwoord", rounds=4)
    store = open_store(plan, f"sqlite:///{path}")
    before = counts(store)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        with pytest.raises(ValidationFailed) as failed:
            store.save([FigureInput(*FTE, "4")], "anna")
        assert "seconden bezet door een andere wijziging" in str(failed.value)
        assert "er is niets opgeslagen" in str(failed.value)
        csv_file = write(tmp_path, "c.csv", f"indicator,year,district,value\n{FTE[0]},2014,,4\n")
        code, _out, err = cli(capsys, "import", csv_file, "--editor", "anna")
        assert code == 1 and "- database: de database bleef" in err and "Traceback" not in err
    finally:
        other.rollback()
        other.close()
    assert counts(store) == before
    assert store.save([FigureInput(*FTE, "4")], "anna") == 1  # once free, the same save works


PG_ONLY = pytest.mark.parametrize(
    "store_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


@contextmanager
def held(url: str, statement: str):
    """Another session holding a lock. It ends itself after 10 s idle (so a writer that never
    gives up is let through late, and the test fails instead of hanging)."""
    engine = db.make_engine(url)
    conn = engine.connect()
    conn.begin()
    conn.exec_driver_sql("SET LOCAL idle_in_transaction_session_timeout = '10s'")
    conn.exec_driver_sql(statement)
    try:
        yield
    finally:
        try:
            conn.rollback()
        finally:
            conn.close()
            engine.dispose()


@PG_ONLY
def test_6_a_postgresql_writer_waits_a_bounded_time_for_a_lock(
    capsys, store, store_url, tmp_path, monkeypatch
):
    monkeypatch.setattr(db, "PG_LOCK_TIMEOUT", 0.5)
    before = counts(store)
    for statement in (
        "SELECT revision FROM dataset FOR UPDATE",  # another writer, before ours begins
        "LOCK TABLE figure_values IN EXCLUSIVE MODE",  # met after our revision bump
    ):
        with held(store_url, statement):
            started = time.monotonic()
            with pytest.raises(ValidationFailed) as failed:
                store.save([FigureInput(*FTE, "4")], "anna")
            waited = time.monotonic() - started
        assert (
            "database: de database bleef 0,5 seconden bezet door een andere wijziging; er is "
            "niets opgeslagen. Probeer het over een minuut opnieuw" in str(failed.value)
        )
        assert 0.4 <= waited < 5, (statement, waited)
        assert counts(store) == before, statement  # the revision bump was rolled back too
    csv_file = write(tmp_path, "c.csv", f"indicator,year,district,value\n{FTE[0]},2014,,4\n")
    with held(store_url, "SELECT revision FROM dataset FOR UPDATE"):
        code, _out, err = cli(capsys, "import", csv_file, "--editor", "anna")
    assert code == 1 and "- database: de database bleef 0,5 seconden bezet" in err
    assert "Traceback" not in err
    assert counts(store) == before
    assert store.save([FigureInput(*FTE, "4")], "anna") == 1  # once free, the same save works


@PG_ONLY
def test_6_a_login_on_postgresql_waits_a_bounded_time_for_the_throttles_lock(
    store, store_url, monkeypatch
):
    """The login throttle counts under a lock (lib/store/throttle.py); a login waits for it as
    a writer does, then gives up with the same message, counting nothing."""
    monkeypatch.setattr(db, "PG_LOCK_TIMEOUT", 0.5)
    throttle = LoginThrottle(store.engine)
    assert throttle.attempt("anna") == 0  # one failed attempt on record
    with held(store_url, "LOCK TABLE login_attempts IN EXCLUSIVE MODE"):
        started = time.monotonic()
        with pytest.raises(ValidationFailed) as failed:
            throttle.attempt("anna")
        waited = time.monotonic() - started
    assert "de database bleef 0,5 seconden bezet" in str(failed.value)
    assert 0.4 <= waited < 5, waited
    with store.engine.connect() as conn:
        attempts = conn.execute(select(login_attempts.c.attempts)).scalars().all()
    assert attempts == [1]  # the refused attempt was not counted


# ------------------------------------------------------------------ 8. (leeg) in the history


def test_8_the_history_shows_leeg_for_a_missing_value_never_none_or_nan(
    capsys, store, plan, monkeypatch
):
    assert store.save([FigureInput("hbo_coach_fte", 2015, "", "4")], "anna") == 1  # new figure
    store.set_year_closed(2012, True, "anna")
    before = counts(store)
    code, out, _err = cli(capsys, "history", "--limit", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("anna: jaar afgesloten jaar 2012")
    assert lines[1].endswith("anna: ingevoerd hbo_coach_fte 2015 hele stad (concept): (leeg) -> 4")
    assert "nan" not in out and "None" not in out
    code, out, _err = cli(capsys, "history", "--limit", "2", "--format", "json")
    closing, entry = json.loads(out)
    assert closing["indicator"] is None and closing["old_value"] is None
    assert entry["old_value"] is None and entry["new_value"] == "4"
    frame = store.history(limit=2)
    assert frame["old_value"].tolist() == [None, None]
    page = history_table(plan, frame)  # the history on the page
    assert page["Oud"].tolist() == ["(leeg)", "(leeg)"] and page["Nieuw"].tolist()[1] == "4"
    assert not page.isin(["nan", "None"]).any().any() and not page.isna().any().any()
    page_tabs = edit_page_as_anna(store, monkeypatch).tabs
    shown = next(t for t in page_tabs if t.label == "Geschiedenis").dataframe[0].value
    assert shown["Oud"].tolist()[:2] == ["(leeg)", "(leeg)"]
    assert not shown.head(2).isin(["nan", "None"]).any().any()
    assert counts(store) == before


# ------------------------------------------------------------------ a date with words after it


def test_a_date_with_text_after_it_is_no_date(capsys, tmp_path, store):
    """'2014-12-01 verwacht' was read as its first ten characters: a milestone only expected was
    stored as reached ('behaald'), and '2014-09-30 ongeveer' as a teldatum."""
    before = counts(store)
    files = {
        "verwacht.csv": (
            "indicator,year,district,value\nad_pedagogiek_start,2014,,2014-12-01 verwacht\n",
            "veld 'Waarde (kolom D)': '2014-12-01 verwacht' is geen datum",
        ),
        "typo.csv": (
            "indicator,year,district,value\nad_pedagogiek_start,2014,,2014-08-311\n",
            "veld 'Waarde (kolom D)': '2014-08-311' is geen datum",
        ),
        "ongeveer.csv": (
            "indicator,year,district,value,counted_on\nhuisbezoeken,2014,,40,2014-09-30 ongeveer\n",
            "veld 'Teldatum (kolom E)': '2014-09-30 ongeveer' is geen datum",
        ),
    }
    for name, (text, words) in files.items():
        code, _out, err = cli(capsys, "import", write(tmp_path, name, text), "--editor", "anna")
        assert code == 1 and f"{name}, rij 2, {words}" in err, err
    assert counts(store) == before


# ------------------------------------------------------------------ a column twice


def test_a_column_twice_in_the_header_is_refused_not_guessed(capsys, tmp_path, store, plan):
    """Two 'Waarde' columns: the figures' import stored the first and dropped the other without
    a word (the actielijst's took the last). Which one the editor meant is unknown: refused."""
    from lib.steering.book import Steering
    from lib.steering.exchange import SHEET_COLUMNS

    before = counts(store)
    files = {
        "twee.csv": "indicator,year,district,value,value\nhuisbezoeken,2014,,9,11\n",
        "twee.xlsx": sheet(
            [
                ["Indicator-id", "Jaar", "Wijk-id", "Waarde", "Waarde"],
                ["huisbezoeken", 2014, "", 9, 11],
            ]
        ),
    }
    for name, content in files.items():
        code, _out, err = cli(capsys, "import", write(tmp_path, name, content), "--editor", "anna")
        assert code == 1, err
        assert "staat twee keer in de kopregel (kolom D en E)" in err and "rij 1" in err, err
    assert counts(store) == before

    steering = Steering.open(store)
    actions = steering.actions()
    header = [*SHEET_COLUMNS, "Deadline"]
    row = [
        "A2",
        "Vacatures",
        "programmamanager",
        "2014-09-15",
        "open",
        "",
        "",
        "",
        "",
        "",
        "2015-01-01",
    ]
    path = write(tmp_path, "acties.xlsx", sheet([header, row]))
    code, _out, err = cli(capsys, "actions", "import", path, "--editor", "anna")
    assert code == 1 and "de kolom 'Deadline' staat twee keer in de kopregel" in err, err
    assert steering.actions() == actions


# ------------------------------------------------------------------ a number cell is no text


def test_a_number_cell_is_read_as_the_number_it_holds(capsys, tmp_path, store):
    """1,234 FTE typed in Dutch Excel is the number 1.234 in the file: it was turned into the
    text '1.234' and refused as ambiguous (1234 or 1,234?); a count of 12,5 was reported as
    '12.5'."""
    book = [["Indicator-id", "Jaar", "Wijk-id", "Waarde"], ["hbo_coach_fte", 2014, "", 1.234]]
    code, out, err = cli(
        capsys, "import", write(tmp_path, "fte.xlsx", sheet(book)), "--editor", "anna"
    )
    assert code == 0 and "dubbelzinnig" not in err, err
    assert "3,2 -> 1,234" in out, out
    book = [["Indicator-id", "Jaar", "Wijk-id", "Waarde"], ["huisbezoeken", 2014, "", 12.5]]
    code, _out, err = cli(
        capsys, "import", write(tmp_path, "telling.xlsx", sheet(book)), "--editor", "anna"
    )
    assert code == 1 and "'12,5'" in err and "'12.5'" not in err, err


def sheet(rows: list[list]) -> bytes:
    """A workbook of exactly these rows (workbook() puts a header of its own first)."""
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_workbook_whose_first_row_is_no_header_says_where_the_dashboard_looks(
    capsys, tmp_path, store
):
    """A title above the header, or the figures on a sheet other than 'Cijfers' or the first:
    each header word was reported as an unknown column, with no word about where to put them."""
    rows = [["Cijfers 2014 voor de stuurgroep"], ["Indicator-id", "Jaar", "Wijk-id", "Waarde"]]
    rows.append(["huisbezoeken", 2014, "", 40])
    path = write(tmp_path, "titel.xlsx", sheet(rows))
    code, _out, err = cli(capsys, "import", path, "--editor", "anna")
    assert code == 1 and "rij 1 van dit tabblad is niet de kopregel van het sjabloon" in err, err
    assert "leest het tabblad 'Cijfers' (anders het eerste)" in err
