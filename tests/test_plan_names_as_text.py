"""Names and texts from the plan are data, never Markdown (issue 33, case 9): a wijk named
'[klik hier](https://...)' is no link and '**Zuidwijk**' is not bold, on any page. The second
plan of the tests (tests/fixtures/plan_other) is given Markdown in its names, and every element
that Streamlit renders as Markdown (titles, headers, captions, notes, labels) is read for the
names as written: escaped, they no longer contain it. HTML parts are read for links and bold.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import streamlit as st
from test_other_plan import OTHER, open_page
from test_pages import PAGE_FILES, walk

from lib.plan.load import load_plan
from lib.views.plan_text import methodology

LINK = "[klik hier](https://example.org/x)"
HOSTILE = {
    "name: Noordkaap}": f"name: '{LINK}'}}",
    "name: Zuidwijk}": "name: '**Zuidwijk**'}",
    "name: Groepen met een taalcoach": "name: Groepen met _een_ taalcoach",
    "name: Sterke voorscholen": "name: '[Sterke](https://example.org/a) voorscholen'",
    "title: Kansrijk Opgroeien": "title: Kansrijk `Opgroeien`",
    "theme: Voorlezen thuis": "theme: Voorlezen ~~thuis~~",
}
WRITTEN = [LINK, "**Zuidwijk**", "_een_", "[Sterke](https://", "`Opgroeien`", "~~thuis~~"]
HTML_MARKUP = re.compile(
    r"<a href=\\?\"https://example\.org|<strong>Zuidwijk|<em>een|<code>Opgroeien"
)


@pytest.fixture
def hostile_plan(tmp_path, monkeypatch) -> Path:
    for name in ("actuals.csv", "plan-kansrijk.md"):
        shutil.copy(OTHER / name, tmp_path / name)
    text = (OTHER / "targets.yaml").read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "targets.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("HJK_TARGETS", str(tmp_path / "targets.yaml"))
    monkeypatch.setenv("HJK_ACTUALS", str(tmp_path / "actuals.csv"))
    monkeypatch.setenv("DATABASE_URL", "sqlite:////nonexistent/folder/never-opened.sqlite3")
    st.cache_data.clear()
    st.cache_resource.clear()
    return tmp_path / "targets.yaml"


def markdown_shown(at) -> list[str]:
    """Every text the page hands Streamlit as Markdown: element bodies and labels."""
    found = []
    for node in [*walk(at.main), *walk(at.sidebar)]:
        kind = type(node).__name__
        if kind in {"Markdown", "Caption", "Title", "Header", "Subheader", "Alert", "Info"}:
            found.append(str(node.value))
        if kind == "Radio":  # a radio's options are Markdown too (a select box's are text)
            found += [str(o) for o in node.options]
        for attr in ("label", "help", "placeholder"):
            value = getattr(node, attr, None)
            if isinstance(value, str):
                found.append(value)
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "label") and isinstance(proto.label, str):
            found.append(proto.label)
    return found


def html_shown(at) -> str:
    return "\n".join(
        str(node.proto) for node in [*walk(at.main), *walk(at.sidebar)] if hasattr(node, "proto")
    )


@pytest.mark.parametrize("page", PAGE_FILES)
def test_9_plan_names_are_shown_as_text_on_every_page(hostile_plan, page):
    at = open_page(page)
    if page == "pages/districts.py":  # the one-wijk part too: choose the wijk with the link
        at.selectbox(key="districts_district").set_value("nk").run()
    shown = markdown_shown(at)
    assert any("Zuidwijk" in s or "Opgroeien" in s for s in shown + [html_shown(at)])
    raw = [(w, s[:160]) for s in shown for w in WRITTEN if w in s]
    assert raw == []
    assert HTML_MARKUP.findall(html_shown(at)) == []


def test_9_the_plans_part_of_over_de_cijfers_escapes_every_name(hostile_plan):
    text = methodology(load_plan(hostile_plan), "## 1. Regels\n", None)
    assert [w for w in WRITTEN if w in text] == []
    assert "\\*\\*Zuidwijk\\*\\*" in text


def test_9_an_error_names_the_upload_and_its_cells_as_typed(monkeypatch):
    """An upload's name and a cell's value come back in error messages, which Streamlit
    renders as Markdown: '[klik](https://...).csv' must not become a link there."""
    from lib.problems import Problem, ValidationFailed
    from ui import editing

    shown: list[str] = []
    monkeypatch.setattr(editing.st, "error", lambda body, **_kw: shown.append(body))
    problem = Problem(f"{LINK}.csv", "'**vet**' is geen getal", row=2, field="value")
    editing.show_error(ValidationFailed([problem]))
    editing.show_error(ValueError(f"{LINK} kan niet"))
    assert len(shown) == 2
    assert [w for s in shown for w in (LINK, "**vet**") if w in s] == []
    assert "\\*\\*vet\\*\\*" in shown[0]
