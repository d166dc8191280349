"""Stored actual figures: the one module other code reads and writes them through (SQLite or
PostgreSQL; the per-figure SQL of a write is in lib/store/writes.py).

Reading returns the same `Actuals` the CSV reader returns, plus a `status` column, so the
comparison does not know where figures come from. Approved (`vastgesteld`) figures by default;
`include_concept=True` lets a concept figure stand in for the approved one of the same key.

Writing never overwrites silently: every figure has a version, and a save that started from an
older version is refused with the other person's change (`Conflict`). Figures entered or imported
are concepts until a second editor approves them; closed years refuse every change. Each call is
one transaction: it is kept whole or not at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine, func, select

from lib.figures.actuals import Actuals, ActualsMeta
from lib.figures.history import Key, Layers, Record, describe_key
from lib.figures.rows import FRAME_COLUMNS, check_row
from lib.plan.schema import Plan
from lib.problems import Problem, ValidationFailed
from lib.store import writes
from lib.store.db import (
    APPROVED,
    CONCEPT,
    changes,
    dataset,
    figure_values,
    figures,
    make_engine,
    metadata,
    reading,
    writing,
)
from lib.store.meetings import MeetingStore
from lib.store.restore import earlier_figures, plan_restore
from lib.store.seed import example_seed, initialise
from lib.store.settings import database_url, url_label
from lib.store.text_rules import clean_text
from lib.store.texts import TextStore
from lib.store.writes import (
    Conflict,
    ConflictDetail,
    FigureInput,
    canonical_value,
)
from lib.store.years import YearStore

STORE_COLUMNS = FRAME_COLUMNS + ["status", "version"]


class Store(MeetingStore, TextStore, YearStore):
    """The figures database for one plan (meetings and texts: lib/store/meetings.py, texts.py)."""

    def __init__(self, engine: Engine, plan: Plan, url: str) -> None:
        self.engine, self.plan, self.url = engine, plan, url
        self._url_id = hashlib.sha256(url.encode()).hexdigest()[:12]

    @classmethod
    def open(cls, plan: Plan, url: str | None = None, seed: Path | None | bool = True) -> Store:
        """Open (and on first use create) the database; a new one is filled from `seed`.

        seed True: the bundled example figures, and their story (lib/store/story.py); a Path:
        that CSV as it is; None: start empty.
        """
        url = url or database_url()
        engine = make_engine(url)
        metadata.create_all(engine)
        store = cls(engine, plan, url)
        store._initialise(example_seed(plan) if seed is True else seed or None, seed is True)
        return store

    def _initialise(self, seed: Path | None, story: bool) -> None:
        rest = initialise(self.engine, self.plan, seed, story)
        if rest:  # the bundled example's story, on a database this call just filled
            rest(self)

    # -- reading ---------------------------------------------------------------------------

    def revision(self) -> int:
        with reading(self.engine) as conn:
            return conn.execute(select(dataset.c.revision)).scalar_one()

    def label(self) -> str:
        """How the pages name where the figures are: the SQLite file, or 'PostgreSQL-database'."""
        return url_label(self.url)

    def read_actuals(self, include_concept: bool = False) -> Actuals:
        """The figures as `Actuals`; approved only unless `include_concept`."""
        with reading(self.engine) as conn:
            info = conn.execute(select(dataset)).mappings().one()
            rows = conn.execute(select(figure_values)).mappings().all()
            versions = {
                (r.indicator, r.year, r.district): r.version for r in conn.execute(select(figures))
            }
            chosen: dict[Key, dict] = {}
            for status in (APPROVED, CONCEPT) if include_concept else (APPROVED,):
                for row in rows:
                    if row["status"] == status:
                        chosen[(row["indicator"], row["year"], row["district"])] = dict(row)
            earlier = earlier_figures(conn, self.plan, chosen, include_concept)
        records, problems = [], []
        for key, row in sorted(chosen.items()):
            if row["value"] is None:  # a concept that proposes removal
                continue
            label = f"database: {describe_key(self.plan, key)}"
            typed, row_problems = check_row(
                {**row, "year": str(key[1])}, self.plan, label, None, stored=True
            )
            problems += row_problems
            if typed:
                records.append({**typed, "status": row["status"], "version": versions[key]})
        if problems:
            raise ValidationFailed(problems)
        frame = pd.DataFrame(records, columns=STORE_COLUMNS)
        reporting = info["reporting_date"]
        meta = ActualsMeta(
            bool(info["is_example"]),
            date.fromisoformat(reporting) if reporting else None,
            info["description"],
        )
        mode = "c" if include_concept else "v"
        version = f"{self._url_id}:{info['revision']}:{mode}"
        return Actuals(frame, meta, version, self.label(), earlier)

    def layers(self) -> tuple[dict[Key, Layers], dict[Key, int], dict[Key, dict]]:
        """Every figure's layers, its version, and who entered its concept and when."""
        with reading(self.engine) as conn:
            rows = conn.execute(select(figure_values)).mappings().all()
            versions = {
                (r.indicator, r.year, r.district): r.version for r in conn.execute(select(figures))
            }
        layers: dict[Key, Layers] = {}
        entered: dict[Key, dict] = {}
        for row in rows:
            key = (row["indicator"], row["year"], row["district"])
            slot = layers.setdefault(key, Layers())
            if row["status"] == APPROVED:
                slot.approved = Record.of(row)
            else:
                slot.concept = Record.of(row)
                entered[key] = {"by": row["changed_by"], "at": row["changed_at"]}
        return layers, versions, entered

    def concept_count(self) -> int:
        with reading(self.engine) as conn:
            query = select(func.count()).where(figure_values.c.status == CONCEPT)
            return conn.execute(query.select_from(figure_values)).scalar_one()

    def history(self, key: Key | None = None, limit: int | None = None) -> pd.DataFrame:
        """Recorded changes, newest first; for one figure when `key` is given. A part of `key`
        that is None matches any: (indicator, None, None) is that indicator in every year, the
        city and every district.

        Columns hold Python values: a missing value (a new figure's old value, the indicator of
        a year closing) stays None, never NaN, so every reader shows it as "(leeg)"."""
        query = select(changes).order_by(changes.c.id.desc())
        if key is not None:
            columns = (changes.c.indicator, changes.c.year, changes.c.district)
            query = query.where(
                *(
                    column == part
                    for column, part in zip(columns, key, strict=True)
                    if part is not None
                )
            )
        if limit:
            query = query.limit(limit)
        with reading(self.engine) as conn:
            rows = conn.execute(query).mappings().all()
        return pd.DataFrame(rows, columns=changes.c.keys(), dtype=object)

    # -- writing ---------------------------------------------------------------------------

    def save(self, wishes: list[FigureInput], editor: str, action: str = "edit", texts=()) -> int:
        """Write figures (and `texts`, TextWish) as concepts in one transaction; how many
        changed. Raises ValidationFailed or Conflict."""
        wishes, texts = self.validate(wishes), self.validate_texts(list(texts))
        with writing(self.engine) as (conn, revision):
            changed_texts = self.write_texts(conn, revision, texts, editor, action)
            self._refuse_closed(conn, [w.key[1] for w in wishes], wishes)
            conflicts, changed = [], 0
            for wish in wishes:
                outcome = writes.write_figure(conn, self.plan, wish, editor, action, revision)
                if isinstance(outcome, ConflictDetail):
                    conflicts.append(outcome)
                else:
                    changed += outcome
            if conflicts:
                raise Conflict(conflicts)
        return changed + changed_texts

    def validate(self, wishes: list[FigureInput], file: str = "invoer") -> list[FigureInput]:
        """The wishes with canonical values; ValidationFailed with every problem otherwise."""
        problems, clean = [], []
        for number, wish in enumerate(wishes, start=1):
            if wish.value is None:
                clean.append(wish)
                continue
            record = {**wish.__dict__, "year": str(wish.year)}
            typed, found = check_row(record, self.plan, file, wish.row or number)
            problems += found
            if typed:
                kind = self.plan.indicator(wish.indicator).kind
                clean.append(
                    replace(
                        wish,
                        value=canonical_value(kind, typed),
                        counted_on=typed["counted_on"],
                        source=clean_text(wish.source),
                        note=clean_text(wish.note),
                    )
                )
        if problems:
            raise ValidationFailed(problems)
        return clean

    def approve(self, items: list[tuple[Key, int]], editor: str, texts=()) -> int:
        """Approve concepts (figure key, the version the approver saw); never one's own entry.
        `texts` (key, version seen) are approved in the same transaction: all or nothing."""
        texts = list(texts)
        review = partial(writes.approve_figure, editor=editor)
        also = partial(self.approve_texts_in, items=texts, editor=editor) if texts else None
        return self._review(items, "vaststellen", review, also) + len(texts)

    def reject(self, items: list[tuple[Key, int]], editor: str, reason: str, texts=()) -> int:
        """Turn concepts down with a reason, which the history records; the approved figures
        stay. `texts` (key, version seen) are rejected in the same transaction: all or nothing."""
        reason, texts = clean_text(reason), list(texts)
        if not reason:
            raise ValidationFailed([Problem("afwijzen", "geef een reden voor het afwijzen")])
        review = partial(writes.reject_figure, editor=editor, reason=reason)
        also = partial(self.reject_texts_in, items=texts, editor=editor, reason=reason)
        return self._review(items, "afwijzen", review, also if texts else None) + len(texts)

    def _review(self, items: list[tuple[Key, int]], what: str, review, also=None) -> int:
        with writing(self.engine) as (conn, revision):
            problems, conflicts, of_texts = [], [], []
            try:  # texts reviewed with the figures (TextStore.approve_texts_in, reject_texts_in)
                if also is not None:
                    also(conn, revision)
            except ValidationFailed as exc:  # listed after the figures' own; nothing is kept
                of_texts = exc.problems
            self._refuse_closed(conn, [key[1] for key, _ in items])
            for key, seen in items:
                outcome = review(conn, self.plan, key, seen, revision=revision)
                if isinstance(outcome, ConflictDetail):
                    conflicts.append(outcome)
                elif outcome:
                    problems.append(Problem(what, outcome, field=describe_key(self.plan, key)))
            problems += of_texts
            if problems:
                raise ValidationFailed(problems)
            if conflicts:
                raise Conflict(conflicts)
        return len(items)

    def restore_plan(
        self, change_id: int, key: Key | None = None
    ) -> list[tuple[FigureInput, Record | None]]:
        """What `restore` would save: per figure the wish and its current record."""
        with reading(self.engine) as conn:
            rows = [dict(r) for r in conn.execute(select(changes)).mappings()]
        now_layers, versions, _entered = self.layers()
        return plan_restore(rows, change_id, now_layers, versions, key)

    def restore(self, change_id: int, editor: str, key: Key | None = None) -> int:
        """Bring figures back to how they were right after change `change_id` (as concepts).

        Only `key` when given, else the whole dataset. The restore is itself a change: values
        that differ from the approved ones become concepts, which a second editor approves.
        """
        wishes = [wish for wish, _current in self.restore_plan(change_id, key)]
        return self.save(wishes, editor, action="restore") if wishes else 0
