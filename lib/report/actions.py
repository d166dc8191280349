"""The steering loop in the report: "Besluitenlijst vorige vergadering" and "Actielijst" in the
vergaderstuk (Word and PDF), a slide for the late actions (PowerPoint), a sheet "Actiepunten"
(Excel), and the goals behind with neither a toelichting nor an open action, said in words.

The content is made once here (`steering_part`, then `sections`); each writer lays it out with a
few lines of its own, passing its helpers in where it has them, so the writers' modules only call
in. Late is judged at the report's peildatum.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from lib import fmt
from lib.steering.model import OPEN, Action, Decision, ordered
from lib.steering.since import actions_since
from lib.store.meetings import previous_meeting
from lib.views.actions import NO_ACTION, NO_TEXT, about, status_words

SHEET = "Actiepunten"
COLUMNS = ["Nr", "Actie", "Eigenaar", "Deadline", "Status", "Gaat over"]
DECISIONS_HEADING = "Besluitenlijst vorige vergadering"
ACTIONS_HEADING = "Actielijst"


@dataclass(frozen=True)
class SteeringPart:
    """What the report says about actions and decisions, at its peildatum."""

    as_of: date
    previous: date | None  # the previous meeting: the last on or before the peildatum
    actions: tuple[Action, ...]  # every action
    finished: tuple[Action, ...]  # done or dropped since the previous meeting
    decisions: tuple[Decision, ...]  # of the previous meeting

    @property
    def open(self) -> list[Action]:
        return ordered([a for a in self.actions if a.status == OPEN], self.as_of)

    @property
    def late(self) -> list[Action]:
        return [a for a in self.open if a.is_late(self.as_of)]


def steering_part(steering, as_of: date) -> SteeringPart:
    """From a lib.steering.book.Steering: the actions, and what the previous meeting left."""
    actions = steering.actions()
    previous = previous_meeting(steering.store.meetings(), as_of)
    finished: list[Action] = []
    decisions: list[Decision] = []
    if previous is not None:
        moved = actions_since(actions, steering.action_history(), [], previous.day, as_of)
        finished = moved.done + moved.dropped
        decisions = steering.decisions(previous.day)
    day = previous.day if previous else None
    return SteeringPart(as_of, day, tuple(actions), tuple(finished), tuple(decisions))


def rows(plan, actions: list[Action], as_of: date) -> list[list[str]]:
    return [
        [
            a.label,
            a.text,
            a.owner,
            fmt.long_date(a.deadline),
            status_words(a, as_of).split(" ", 1)[1],  # the word: the icons are for screens
            about(plan, a),
        ]
        for a in actions
    ]


def unattended(report) -> list[str]:
    """The goals behind in the report's year with neither a toelichting nor an open action."""
    part: SteeringPart | None = getattr(report, "steering", None)
    acted = {a.indicator for a in part.open} if part else set()
    return [
        f"{b.name}: {NO_TEXT}, {NO_ACTION}"
        for b in report.summary.behind
        if not (b.toelichting or b.maatregelen) and b.indicator not in acted
    ]


def sections(report) -> list[tuple]:
    """The blocks of the vergaderstuk's two sections, in the summary's form (lib/report/
    summary.py blocks): ("h1", heading), ("h", heading), ("p", text), ("list", lines),
    ("table", headers, rows). None without a database (no actions at all)."""
    part: SteeringPart | None = getattr(report, "steering", None)
    if part is None:
        return []
    when = f" ({fmt.long_date(part.previous)})" if part.previous else ""
    out: list[tuple] = [("h1", f"{DECISIONS_HEADING}{when}")]
    if part.decisions:
        # Numbered paragraphs: as list items they read "• 1. ..." (two markers).
        out += [("p", f"{d.number}. {d.text}") for d in part.decisions]
    else:
        out.append(("p", "Geen besluiten vastgelegd bij de vorige vergadering."))
    out.append(("h1", ACTIONS_HEADING))
    late = len(part.late)
    out.append(
        (
            "p",
            f"{fmt.count(len(part.open), 'actiepunt', 'actiepunten')} open, waarvan "
            f"{late} over de deadline (peildatum {fmt.long_date(part.as_of)}).",
        )
    )
    if part.open:
        out.append(("table", COLUMNS, rows(report.plan, part.open, part.as_of)))
    out.append(("h", f"Gereed of vervallen sinds de vorige vergadering{when}"))
    if part.finished:
        out.append(("table", COLUMNS, rows(report.plan, list(part.finished), part.as_of)))
    else:
        out.append(("p", "Geen actiepunt gereed of vervallen sinds de vorige vergadering."))
    missing = unattended(report)
    if missing:
        out.append(("h", "Achter, zonder toelichting en zonder actiepunt"))
        out.append(("list", missing))
    return out


def sheet(report) -> pd.DataFrame | None:
    """The Excel sheet: every action, open ones first (late first), with its note."""
    part: SteeringPart | None = getattr(report, "steering", None)
    if part is None:
        return None
    actions = ordered(list(part.actions), part.as_of)
    frame = pd.DataFrame(rows(report.plan, actions, part.as_of), columns=COLUMNS)
    frame["Deadline"] = [a.deadline.isoformat() for a in actions]  # a date cell Excel can sort
    frame["Notitie"] = [a.note for a in actions]
    frame["Dagen over de deadline"] = [a.days_overdue(part.as_of) or None for a in actions]
    return frame


def late_slide(report) -> tuple[str, list[str], list[list[str]]] | None:
    """The PowerPoint slide for the late actions: title, headers, rows; None when none is late."""
    part: SteeringPart | None = getattr(report, "steering", None)
    if part is None or not part.late:
        return None
    title = f"Actiepunten over de deadline ({len(part.late)})"
    headers = ["Nr", "Actie", "Eigenaar", "Deadline", "Dagen te laat"]
    body = [
        [a.label, a.text, a.owner, fmt.long_date(a.deadline), str(a.days_overdue(part.as_of))]
        for a in part.late
    ]
    return title, headers, body


# -- layout, one function per writer; the writer passes its own helpers ---------------------


def add_docx(document, report, table) -> None:
    """The two sections in the Word vergaderstuk; `table` is lib/report/docx.py's."""
    for block in sections(report):
        kind = block[0]
        if kind in ("h1", "h"):
            document.add_heading(block[1], level=1 if kind == "h1" else 2)
        elif kind == "p":
            document.add_paragraph(block[1])
        elif kind == "list":
            for line in block[1]:
                document.add_paragraph(line, style="List Bullet")
        else:
            table(document, block[1], block[2])


def pdf_story(report, styles) -> list:
    """The two sections in the PDF, as reportlab flowables."""
    from lib.report.pdf_parts import WIDTH, block_story

    widths = [s * WIDTH for s in (0.07, 0.33, 0.16, 0.14, 0.12, 0.18)]
    return block_story(sections(report), styles, lambda headers: widths)


def add_late_slide(deck, report, slide, table, top) -> None:
    """PowerPoint: one slide with the late actions (none when nothing is late); `slide` and
    `table` are lib/report/pptx.py's, `top` where its slide bodies start."""
    found = late_slide(report)
    if found is None:
        return
    title, headers, body = found
    page = slide(deck, report, title)
    table(page, headers, body, top, 14, [0.07, 0.45, 0.2, 0.16, 0.12])


def add_sheet(book, report, sheet_fn, notes: list[str]) -> None:
    """Excel: the sheet 'Actiepunten'; `sheet_fn` is lib/report/xlsx.py's."""
    frame = sheet(report)
    if frame is not None:
        sheet_fn(book, SHEET, frame, notes)
