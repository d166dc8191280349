"""The one summary every report format opens with: where we stand, which figures changed and
which statuses moved since a meeting, what is behind, what falls due before the next meeting.
Built once here; each writer only lays it out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from lib import fmt
from lib.report.due import DueItem, milestones_due
from lib.status import BEHIND, STATUSES
from lib.views.overview import _shown, _target_text
from lib.views.since import value_for_people

NO_TARGET = "geen doel"
NEXT_MEETING = timedelta(weeks=6)  # the stuurgroep meets about every six weeks
WHY = "Waarom deze status"  # the computed reason; "toelichting" is the editors' own text
TEXT_LABELS = ("Toelichting", "Maatregelen")

Texts = dict[tuple[str, int, str], tuple[str, str]]


@dataclass(frozen=True)
class BehindItem:
    """An indicator whose city row is behind in the report's year, with its editors' texts."""

    indicator: str
    agenda_item: int
    name: str
    target: str
    actual: str
    why: str
    toelichting: str
    maatregelen: str


@dataclass(frozen=True)
class Change:
    """A city figure that changed since the date asked for (a total through its wijken too)."""

    name: str
    where: str
    year: int
    before: str
    now: str
    changed_on: str
    who: str

    def shown(self, value: str) -> str:
        return value

    @property
    def line(self) -> str:
        return (
            f"{self.name} ({self.where}, {self.year}): "
            f"{self.shown(self.before)} → {self.shown(self.now)}"
            + (f", {self.changed_on}" if self.changed_on else "")
            + (f", door {self.who}" if self.who else "")  # a name may have brackets of its own
        )


@dataclass(frozen=True)
class Move(Change):
    """A status that changed since the date asked for: before and now are statuses."""

    def shown(self, value: str) -> str:
        return _label(value)


@dataclass(frozen=True)
class Summary:
    year: int
    as_of: date
    counts: list[tuple[str, int]]  # (status, count), in the order of the statuses
    since: date | None
    changes: list[Change]
    moves: list[Move]
    behind: list[BehindItem]
    due_before: date
    due: list[DueItem]
    scope: str = ""  # a report of some goals only says so (lib/report/selection.py)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def headline(self) -> str:
        """'3 van 12 doelen achter' style: how many of the year's targets are behind."""
        behind = sum(n for s, n in self.counts if s == BEHIND)
        return f"{behind} van {self.total} {'doel' if self.total == 1 else 'doelen'} achter"

    @property
    def changes_heading(self) -> str:
        return f"Gewijzigde cijfers sinds {fmt.long_date(self.since)}" if self.since else ""

    @property
    def moves_heading(self) -> str:
        return f"Statuswijzigingen sinds {fmt.long_date(self.since)}" if self.since else ""

    @property
    def due_heading(self) -> str:
        return f"Mijlpalen nog niet bereikt, deadline tot en met {fmt.long_date(self.due_before)}"


def _label(status: str) -> str:
    """Icon and word of a status; a word that is no status is shown as it is."""
    return f"{STATUSES[status].icon} {status}" if status in STATUSES else status


def text_of(texts: Texts | None, indicator: str, year: int, district: str = "") -> tuple[str, str]:
    """(toelichting, maatregelen) written for this indicator, year and district; empty if none."""
    found = (texts or {}).get((indicator, year, district))
    return (found[0] or "", found[1] or "") if found else ("", "")


def build_summary(
    progress: pd.DataFrame,
    year: int,
    as_of: date,
    *,
    since: date | None = None,
    changes: list[dict] | None = None,
    texts: Texts | None = None,
    due_before: date | None = None,
) -> Summary:
    """The summary of the city rows of `year` in `progress` (a progress table). `changes`: rows
    of lib/progress/changes.py since `since`; those of kind figure and total become the changed
    figures, those of kind status the moves."""
    city = progress[(progress["district"] == "") & (progress["year"] == year)]
    judged = city[city["status"] != NO_TARGET]
    counts = judged["status"].value_counts()
    ordered = sorted(STATUSES, key=lambda s: STATUSES[s].order)
    behind_rows = city[city["status"] == BEHIND].sort_values(["agenda_item"], kind="stable")
    behind = []
    for _, row in behind_rows.iterrows():
        target, actual = _target_text(row), _shown(row["actual"], row["kind"], row["unit"])
        toelichting, maatregelen = text_of(texts, row["indicator"], year)
        behind.append(
            BehindItem(
                row["indicator"],
                int(row["agenda_item"]),
                row["name"],
                target,
                actual,
                row["detail"] or row["explanation"],
                toelichting,
                maatregelen,
            )
        )
    due_before = due_before or as_of + NEXT_MEETING
    return Summary(
        year,
        as_of,
        [(s, int(counts[s])) for s in ordered if s in counts],
        since,
        _changes(changes, progress) if since else [],
        _moves(changes, progress) if since else [],
        behind,
        due_before,
        milestones_due(progress, as_of, due_before),
    )


def _day(changed: object) -> str:
    """'23 september 2014' from a moment of the history, '' without one."""
    if not changed:
        return ""
    day = changed if isinstance(changed, date) else date.fromisoformat(str(changed)[:10])
    return fmt.long_date(day)


def _changes(rows: list[dict] | None, progress: pd.DataFrame) -> list[Change]:
    """The city's changed figures (kind figure, district '') and totals (kind total)."""
    kinds = dict(
        zip(
            progress["indicator"], zip(progress["kind"], progress["unit"], strict=True), strict=True
        )
    )
    out = []
    for row in rows or []:
        if not (
            row.get("kind") == "total" or (row.get("kind") == "figure" and not row["district"])
        ):
            continue
        kind, unit = kinds.get(row["indicator"], ("", ""))
        out.append(
            Change(
                row.get("name") or row["indicator"],
                "hele stad, som van de wijken" if row["kind"] == "total" else "hele stad",
                int(row["year"]),
                value_for_people(row.get("before"), kind, unit or ""),
                value_for_people(row.get("after"), kind, unit or ""),
                _day(row.get("changed_at")),
                row.get("approved_by") or row.get("changed_by") or "",
            )
        )
    return out


def _moves(changes: list[dict] | None, progress: pd.DataFrame) -> list[Move]:
    names = dict(zip(progress["district"], progress["district_name"], strict=True))
    out = []
    for m in changes or []:
        if m.get("kind") != "status":
            continue
        district = m.get("district") or ""
        changed_on = _day(m.get("changed_at"))
        out.append(
            Move(
                m.get("name") or m.get("indicator", ""),
                names.get(district, district) if district else "hele stad",
                int(m.get("year") or 0),
                m.get("status_before") or NO_TARGET,
                m.get("status_now") or NO_TARGET,
                changed_on,
                m.get("approved_by") or m.get("changed_by") or "",
            )
        )
    return out


BEHIND_COLUMNS = ["Indicator", "Stand en doel", WHY, *TEXT_LABELS]


def _stand(item: BehindItem) -> str:
    """'26 groepen; doel 40 groepen', 'nog niet bereikt; doel uiterlijk 31 augustus 2014'."""
    actual = item.actual
    if actual == "–":
        actual = "nog niet bereikt" if item.target.startswith("uiterlijk") else "geen cijfer"
    return f"{actual}; doel {item.target}"


def blocks(summary: Summary) -> list[tuple]:
    """The summary as a sequence every writer lays out the same way:
    ("h", heading), ("p", paragraph), ("list", lines), ("table", headers, rows)."""
    out: list[tuple] = [
        ("p", f"{summary.year}, stand op {fmt.long_date(summary.as_of)}: {summary.headline}."),
        ("table", ["Status", "Aantal"], [[_label(s), str(n)] for s, n in summary.counts]),
        *([("p", summary.scope)] if summary.scope else []),
    ]
    if summary.since:
        out.append(("h", summary.changes_heading))
        if summary.changes:
            out.append(("list", [c.line for c in summary.changes]))
        else:
            out.append(("p", "Geen cijfers van de stad gewijzigd sinds die datum."))
        out.append(("h", summary.moves_heading))
        if summary.moves:
            out.append(("list", [m.line for m in summary.moves]))
        else:
            out.append(("p", "Geen statuswijzigingen vastgelegd sinds die datum."))
    count = len(summary.behind)
    out.append(("h", f"Achter: {count} {'doel' if count == 1 else 'doelen'}"))
    if summary.behind:
        rows = [
            [
                f"{b.name} (agendapunt {b.agenda_item})",
                _stand(b),
                b.why,
                b.toelichting or "–",
                b.maatregelen or "–",
            ]
            for b in summary.behind
        ]
        out.append(("table", BEHIND_COLUMNS, rows))
    else:
        out.append(("p", f"Geen doel ligt achter in {summary.year}."))
    out.append(("h", summary.due_heading))
    if summary.due:
        out.append(("list", [d.line for d in summary.due]))
    else:
        out.append(("p", "Geen mijlpaal met een deadline tot en met die datum staat nog open."))
    return out
