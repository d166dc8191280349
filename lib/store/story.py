"""The bundled example's history after its starting file: data/example_story.yaml.

Invented, like the example's figures, so that a fresh installation shows what the stuurgroep
reads before a meeting: the meetings, figures entered and approved since the last one (and the
statuses that moved with them), and why goals are behind and what is being done. Nothing here
names an indicator: the file does, and it is checked against the plan and the starting file
before anything is written.

The starting file holds every figure as it stands at the end of the story; the story gives the
value a figure had before the step that changed it. Seeding writes those earlier values
(`starting_records`), then `apply_story` replays the steps through the store's own save and
approve, by the file's editors, at the file's moments (lib/store/clock.recorded_at).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from lib.accounts.identity import same_editor
from lib.figures.actuals import DEFAULT_ACTUALS
from lib.figures.history import Key
from lib.figures.rows import check_row
from lib.plan.load import schema_problems
from lib.plan.schema import Plan
from lib.plan.yamlsource import line_for, load_yaml_with_lines, read_text
from lib.problems import Problem, ValidationFailed
from lib.store.clock import recorded_at
from lib.store.meetings import TITLE_MAX
from lib.store.text_rules import TextWish, check_texts
from lib.store.writes import FigureInput

EXAMPLE_STORY = DEFAULT_ACTUALS.with_name("example_story.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Keyed(_Strict):
    """One figure's key, as the CSV and the store have it ('' is the city)."""

    indicator: str
    year: int
    district: str = ""

    @property
    def key(self) -> Key:
        return (self.indicator, self.year, self.district)


class StoryFigure(_Keyed):
    before: str | int | float | None  # None: the figure was not in the starting file
    before_counted_on: date | None = None


class StoryText(_Keyed):
    toelichting: str = ""
    maatregelen: str = ""


class StoryStep(_Strict):
    at: datetime
    editor: str = Field(min_length=1)
    approved_at: datetime
    approved_by: str = Field(min_length=1)
    figures: list[StoryFigure] = []
    texts: list[StoryText] = []


class StoryMeeting(_Strict):
    day: date
    title: str = ""


class Story(_Strict):
    starting_file_at: datetime
    secretary: str = Field(min_length=1)
    meetings: list[StoryMeeting] = []
    steps: list[StoryStep] = []


def example_story(seed: Path | None) -> Path | None:
    """The story of the bundled example figures, when `seed` is that file and the story exists."""
    if seed is None or not EXAMPLE_STORY.is_file():
        return None
    return EXAMPLE_STORY if Path(seed).resolve() == DEFAULT_ACTUALS.resolve() else None


def read_story(path: Path, plan: Plan, records: list[dict]) -> Story:
    """The story, checked against the plan and the starting file's `records`; ValidationFailed
    naming the line and field of every problem otherwise."""
    file = path.name
    data, lines = load_yaml_with_lines(read_text(path, file), file)
    try:
        story = Story.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(schema_problems(exc, data, lines, file)) from None
    problems = _check(story, plan, {_key(r): r for r in records}, lines, file)
    if problems:
        raise ValidationFailed(problems)
    return story


def _key(record: dict) -> Key:
    return (record["indicator"], int(record["year"]), record["district"] or "")


def _check(story: Story, plan: Plan, starting: dict[Key, dict], lines: dict, file: str):
    problems: list[Problem] = []

    def problem(path: tuple, message: str) -> None:
        problems.append(
            Problem(file, message, line=line_for(lines, path), field=".".join(map(str, path)))
        )

    # What the store would refuse halfway through the story is refused before it starts.
    days = [m.day for m in story.meetings]
    for m, meeting in enumerate(story.meetings):
        if days.index(meeting.day) != m:
            problem(("meetings", m, "day"), "op deze dag staat al een vergadering")
        if len(meeting.title) > TITLE_MAX:
            problem(("meetings", m, "title"), f"titel langer dan {TITLE_MAX} tekens")
    moment, changed = story.starting_file_at, set()
    for s, step in enumerate(story.steps):
        if not moment < step.at < step.approved_at:
            problem(("steps", s, "at"), "stappen volgen elkaar op, en vaststellen komt na invoeren")
        if same_editor(step.editor, step.approved_by):
            problem(
                ("steps", s, "approved_by"), "een tweede redacteur stelt vast, niet de invoerder"
            )
        moment = step.approved_at
        for f, figure in enumerate(step.figures):
            path = ("steps", s, "figures", f)
            if figure.key not in starting:
                problem(
                    path, "dit cijfer staat niet in het startbestand (daar staat de nieuwe waarde)"
                )
            elif figure.key in changed:
                problem(path, "dit cijfer verandert al in een eerdere stap")
            elif figure.before is not None:
                _, found = check_row(_before(starting[figure.key], figure), plan, file, f + 1)
                problems += [replace(p, row=None, line=line_for(lines, path)) for p in found]
            changed.add(figure.key)
        for t, text in enumerate(step.texts):
            found = check_texts(plan, text.key, text.toelichting, text.maatregelen)
            path = ("steps", s, "texts", t)
            problems += [replace(p, file=file, line=line_for(lines, path)) for p in found]
    return problems


def _before(record: dict, figure: StoryFigure) -> dict[str, Any]:
    """The starting file's record of `figure` with the value it had before the story changed it."""
    counted_on = figure.before_counted_on.isoformat() if figure.before_counted_on else ""
    return {
        **record,
        "year": str(record["year"]),
        "value": str(figure.before),
        "counted_on": counted_on,
    }


def starting_records(story: Story, plan: Plan, records: list[dict]) -> list[dict]:
    """The records to seed: the starting file's, with every figure the story changes as it was
    before (left out where it had none), recorded at the story's start."""
    earlier = {figure.key: figure for step in story.steps for figure in step.figures}
    start = story.starting_file_at.isoformat(timespec="seconds")
    out = []
    for record in records:
        figure = earlier.get(_key(record))
        if figure is None:
            out.append(record)
        elif figure.before is not None:
            typed, _ = check_row(_before(record, figure), plan, "startbestand", record["row"])
            out.append({**record, **typed, "changed_at": start})
    return out


def apply_story(store, story: Story, records: list[dict]) -> None:
    """Replay the story on `store` (a lib.store.store.Store) just seeded with `starting_records`:
    the meetings, then each step saved by its editor and approved by another, at its moments."""
    final = {_key(r): r for r in records}
    with recorded_at(story.starting_file_at):
        for meeting in story.meetings:
            store.add_meeting(meeting.day, meeting.title, story.secretary)
    for step in story.steps:
        wishes = [_final(final[f.key]) for f in step.figures]
        texts = [TextWish(t.key, t.toelichting, t.maatregelen) for t in step.texts]
        with recorded_at(step.at):
            store.save(wishes, step.editor, texts=texts)
        _, versions, _ = store.layers()
        text_versions = store.text_layers()
        with recorded_at(step.approved_at):
            if wishes:
                store.approve([(w.key, versions[w.key]) for w in wishes], step.approved_by)
            if texts:
                items = [(t.key, text_versions[t.key]["version"]) for t in texts]
                store.approve_texts(items, step.approved_by)


def _final(record: dict) -> FigureInput:
    return FigureInput(
        record["indicator"],
        int(record["year"]),
        record["district"] or "",
        record["value"],
        counted_on=record["counted_on"] or "",
        source=record["source"] or "",
        note=record["note"] or "",
    )
