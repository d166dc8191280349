"""The statuses a row can have: exact Dutch words, and how each is shown (colour, icon, order)."""

from __future__ import annotations

from dataclasses import dataclass

MET = "behaald"
ON_TRACK = "op koers"
BEHIND = "achter"
NO_DATA = "geen gegevens"
NOT_YET = "nog niet aan de orde"
NO_TARGET = "geen doel"


@dataclass(frozen=True)
class StatusStyle:
    word: str
    icon: str
    colour: str  # fill; chosen from the Okabe-Ito palette and distinct in greyscale
    text_colour: str  # text on white that meets WCAG AA contrast (4.5:1)
    order: int  # what needs attention first sorts first


STATUSES: dict[str, StatusStyle] = {
    BEHIND: StatusStyle(BEHIND, "✖", "#D55E00", "#A03F00", 0),
    NO_DATA: StatusStyle(NO_DATA, "?", "#7F7F7F", "#595959", 1),
    ON_TRACK: StatusStyle(ON_TRACK, "➜", "#56B4E9", "#0A5A8C", 2),
    MET: StatusStyle(MET, "✔", "#009E73", "#006B4F", 3),
    NOT_YET: StatusStyle(NOT_YET, "…", "#E8E8E8", "#595959", 4),
    NO_TARGET: StatusStyle(NO_TARGET, "–", "#FFFFFF", "#595959", 5),
}
STATUS_ORDER: list[str] = sorted(STATUSES, key=lambda s: STATUSES[s].order)


def label(status: str) -> str:
    """Icon and word together, so status never depends on colour alone."""
    style = STATUSES[status]
    return f"{style.icon} {style.word}"
