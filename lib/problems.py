"""Validation problems as data: every check returns all problems at once, one exception carries them."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass

# How many problems of one kind are listed; the rest are counted ("en nog 12 dezelfde fouten").
LISTED_PER_KIND = 10


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file, described in Dutch for the person who must fix it."""

    file: str
    message: str
    line: int | None = None
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"regel {self.line}")
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.field:
            parts.append(f"veld '{self.field}'")
        return f"{', '.join(parts)}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "row": self.row,
            "field": self.field,
            "message": self.message,
            "text": str(self),
        }


def summarise(problems: list[Problem], per_kind: int = LISTED_PER_KIND) -> list[Problem]:
    """The problems with at most `per_kind` of each kind listed and the rest counted, so a file
    with a million duplicate rows gives a readable list. A kind is the field and the message
    without its names and numbers ('dubbele rij', "'x' is geen getal", ...)."""
    seen: dict[tuple, int] = {}
    listed: list[Problem] = []
    for problem in problems:
        kind = _kind(problem)
        seen[kind] = seen.get(kind, 0) + 1
        if seen[kind] <= per_kind:
            listed.append(problem)
    for kind, count in seen.items():
        if count > per_kind:
            first = next(p for p in problems if _kind(p) == kind)
            more = f"{count - per_kind:,}".replace(",", ".")
            like = first.message.split(": ", 1)[0]
            like = like if len(like) <= 60 else like[:60] + "…"
            listed.append(
                Problem(first.file, f"en nog {more} dezelfde fouten ({like})", field=first.field)
            )
    return listed


def _kind(problem: Problem) -> tuple:
    text = problem.message.split(":", 1)[0] if ": " in problem.message else problem.message
    return (problem.field, re.sub(r"'[^']*'|\d+", "#", text))


class ValidationFailed(Exception):
    """Raised with every problem found; nothing is loaded when it is raised."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A request the plan cannot answer (unknown year, district, editor, ...): exit code 2."""


# The operating system's reasons, which it gives in English, in the words of the rest of the
# message (errno names; others by their number).
_OS_REASONS = {
    "ENOENT": "bestand of map bestaat niet",
    "EISDIR": "dat is een map, geen bestand",
    "ENOTDIR": "een deel van het pad is geen map",
    "EACCES": "geen toestemming",
    "EPERM": "geen toestemming",
    "ENOSPC": "de schijf is vol",
    "EROFS": "alleen-lezen schijf",
    "EEXIST": "bestaat al",
    "ENAMETOOLONG": "de naam is te lang",
}


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in Dutch: 'bestand of map bestaat niet'."""
    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name, f"systeemfout {exc.errno}" if exc.errno else str(exc))
