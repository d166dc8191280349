"""Validation problems as data: every check returns all problems at once, one exception carries them."""

from __future__ import annotations

from dataclasses import dataclass


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


class ValidationFailed(Exception):
    """Raised with every problem found; nothing is loaded when it is raised."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A request the plan cannot answer (unknown year, district, editor, ...): exit code 2."""
