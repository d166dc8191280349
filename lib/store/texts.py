"""The editors' texts per indicator, year and district ('' is the city): a toelichting (why the
figure is where it is) and maatregelen (what is being done), each plain text of at most
MAX_CHARS characters.

The rules of figures apply: a text is a concept until a different editor approves it (or
rejects it, with a reason); every change is a row in `text_changes` (the full texts after it),
so any earlier state can be restored (as a concept again); a closed year refuses changes. Both texts empty proposes removing
them. Used through lib.store.store.Store, which mixes TextStore in.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select

from lib.accounts.identity import same_editor
from lib.figures.history import Key, describe_key
from lib.plan.schema import Plan
from lib.problems import Problem, ValidationFailed
from lib.store.clock import now
from lib.store.db import APPROVED, CONCEPT, reading, text_changes, texts, writing, years
from lib.store.text_rules import FILE, TextCounted, TextWish, check_texts, named, replay_texts


def _key_filter(table, key: Key):
    return and_(table.c.indicator == key[0], table.c.year == key[1], table.c.district == key[2])


def _layers(conn: Connection, key: Key) -> dict[str, dict]:
    rows = conn.execute(select(texts).where(_key_filter(texts, key))).mappings()
    return {row["status"]: dict(row) for row in rows}


def _version(conn: Connection, key: Key) -> int:
    query = select(func.max(text_changes.c.version)).where(_key_filter(text_changes, key))
    return conn.execute(query).scalar() or 0


class TextStore:
    """The text methods of lib.store.store.Store (which supplies `engine` and `plan`)."""

    engine: Engine
    plan: Plan

    def texts(self, include_concept: bool = False) -> dict[Key, tuple[str, str]]:
        """(indicator, year, district) -> (toelichting, maatregelen): the approved texts, or with
        `include_concept` a concept in place of its approved texts. Empty texts are left out."""
        with reading(self.engine) as conn:
            rows = conn.execute(select(texts)).mappings().all()
        chosen: dict[Key, tuple[str, str]] = {}
        for status in (APPROVED, CONCEPT) if include_concept else (APPROVED,):
            for row in rows:
                if row["status"] == status:
                    key = (row["indicator"], row["year"], row["district"])
                    chosen[key] = (row["explanation"], row["measures"])
        return {k: v for k, v in chosen.items() if any(v)}

    def text_layers(self) -> dict[Key, dict]:
        """Per key with texts: {'approved': row or None, 'concept': row or None, 'version': n}."""
        with reading(self.engine) as conn:
            rows = conn.execute(select(texts)).mappings().all()
            versions = conn.execute(
                select(
                    text_changes.c.indicator,
                    text_changes.c.year,
                    text_changes.c.district,
                    func.max(text_changes.c.version),
                ).group_by(text_changes.c.indicator, text_changes.c.year, text_changes.c.district)
            ).all()
        out: dict[Key, dict] = {}
        for row in rows:
            key = (row["indicator"], row["year"], row["district"])
            slot = out.setdefault(key, {"approved": None, "concept": None, "version": 0})
            slot["approved" if row["status"] == APPROVED else "concept"] = dict(row)
        for indicator, year, district, version in versions:
            if (indicator, year, district) in out:
                out[(indicator, year, district)]["version"] = version
        return out

    def texts_counted(self, before: str | None, include_concept: bool) -> dict[Key, TextCounted]:
        """The texts as they were counted right before the moment `before` (None: now)."""
        rows = self.text_history()
        approved, concept = replay_texts(rows, before)
        counted = dict(approved)
        if include_concept:
            for key, shown in concept.items():
                if any(shown.texts):
                    counted[key] = shown
                else:
                    counted.pop(key, None)
        return counted

    def text_history(self, key: Key | None = None) -> list[dict]:
        """Every change of the texts (of one key when given), oldest first."""
        query = select(text_changes).order_by(text_changes.c.id)
        if key is not None:
            query = query.where(_key_filter(text_changes, key))
        with reading(self.engine) as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def save_text(
        self,
        key: Key,
        explanation: str,
        measures: str,
        editor: str,
        action: str = "edit",
        expected_version: int | None = None,
    ) -> int:
        """Store the texts as a concept; 1 if something changed, 0 if they were already so."""
        wish = TextWish(key, explanation, measures, expected_version)
        return self.save_texts([wish], editor, action)

    def save_texts(self, wishes: list[TextWish], editor: str, action: str = "edit") -> int:
        """Store texts as concepts in one transaction; how many changed."""
        wishes = self.validate_texts(wishes)
        with writing(self.engine) as (conn, revision):
            return self.write_texts(conn, revision, wishes, editor, action)

    def validate_texts(self, wishes: list[TextWish], file: str = FILE) -> list[TextWish]:
        """The wishes with clean texts; ValidationFailed with every problem otherwise."""
        clean = [w.cleaned() for w in wishes]
        problems = [p for w in clean for p in check_texts(self.plan, w.key, *w.texts, row=w.row)]
        if problems:
            raise ValidationFailed(named(problems, file))
        return clean

    def write_texts(
        self, conn: Connection, revision: int, wishes: list[TextWish], editor: str, action: str
    ) -> int:
        """Write validated texts inside a write transaction (also Store.save's, for an import)."""
        return sum(_write_text(conn, revision, self.plan, wish, editor, action) for wish in wishes)

    def approve_texts(self, items: list[tuple[Key, int]], editor: str) -> int:
        """Approve concept texts (key, the version the approver saw); never one's own entry."""
        with writing(self.engine) as (conn, revision):
            self.approve_texts_in(conn, revision, items, editor)
        return len(items)

    def approve_texts_in(
        self, conn: Connection, revision: int, items: list[tuple[Key, int]], editor: str
    ) -> None:
        """approve_texts inside a write transaction (also Store.approve's, figures and texts
        at once); ValidationFailed, and so nothing of the transaction, when one is refused."""
        problems = []
        for key, seen in items:
            found = _waiting(conn, self.plan, key, seen, editor, "vaststellen")
            if isinstance(found, Problem):
                problems.append(found)
                continue
            concept, approved, version = found
            pair = (concept["explanation"], concept["measures"])
            conn.execute(delete(texts).where(_key_filter(texts, key)))
            if any(pair):
                conn.execute(
                    insert(texts).values({**concept, "status": APPROVED, "approved_by": editor})
                )
            _record(conn, revision, editor, "approve", key, APPROVED, pair, approved, version)
        if problems:
            raise ValidationFailed(problems)

    def reject_texts_in(
        self,
        conn: Connection,
        revision: int,
        items: list[tuple[Key, int]],
        editor: str,
        reason: str,
    ) -> None:
        """Turn concept texts down inside a write transaction (Store.reject's, with figures):
        the concept is dropped, the approved texts stay, the history keeps who, when and the
        (cleaned, required) `reason`. Never one's own entry; ValidationFailed when one is refused."""
        problems = []
        for key, seen in items:
            found = _waiting(conn, self.plan, key, seen, editor, "afwijzen")
            if isinstance(found, Problem):
                problems.append(found)
                continue
            concept, approved, version = found
            kept = (approved["explanation"], approved["measures"]) if approved else ("", "")
            conn.execute(delete(texts).where(_key_filter(texts, key), texts.c.status == CONCEPT))
            _record(conn, revision, editor, "reject", key, CONCEPT, kept, concept, version, reason)
        if problems:
            raise ValidationFailed(problems)

    def restore_text(self, change_id: int, editor: str) -> int:
        """Bring one key's texts back to how they were right after change `change_id` (a concept)."""
        rows = self.text_history()
        chosen = next((r for r in rows if r["id"] == change_id), None)
        if chosen is None:
            raise ValidationFailed([Problem(FILE, f"wijziging {change_id} bestaat niet")])
        key = (chosen["indicator"], int(chosen["year"]), chosen["district"])
        approved, concept = replay_texts([r for r in rows if _same(r, key)], up_to=change_id)
        shown = concept.get(key) or approved.get(key)
        pair = shown.texts if shown else ("", "")
        return self.save_text(key, *pair, editor, action="restore")


def _write_text(
    conn: Connection, revision: int, plan: Plan, wish: TextWish, editor: str, action: str
) -> int:
    key, wanted = wish.key, wish.texts
    _refuse_closed(conn, key[1], wish.row)
    version = _version(conn, key)
    if wish.expected_version is not None and wish.expected_version != version:
        raise ValidationFailed([_changed_meanwhile(plan, key)])
    layers = _layers(conn, key)
    approved, concept = layers.get(APPROVED), layers.get(CONCEPT)
    shown_approved = (approved["explanation"], approved["measures"]) if approved else ("", "")
    if concept and (concept["explanation"], concept["measures"]) == wanted:
        return 0
    conn.execute(delete(texts).where(_key_filter(texts, key), texts.c.status == CONCEPT))
    if wanted == shown_approved:
        if concept is None:
            return 0
        _record(conn, revision, editor, "withdraw", key, CONCEPT, wanted, concept, version)
        return 1
    conn.execute(
        insert(texts).values(
            indicator=key[0],
            year=key[1],
            district=key[2],
            status=CONCEPT,
            explanation=wanted[0],
            measures=wanted[1],
            changed_at=now(),
            changed_by=editor,
            approved_by="",
        )
    )
    _record(conn, revision, editor, action, key, CONCEPT, wanted, concept or approved, version)
    return 1


def _waiting(
    conn: Connection, plan: Plan, key: Key, seen: int, editor: str, verb: str
) -> tuple[dict, dict | None, int] | Problem:
    """The concept, the approved texts (None) and the version of a key whose concept, entered
    by another editor, waits at the version `seen`; else why not, for `verb` ('afwijzen')."""
    _refuse_closed(conn, key[1])
    layers = _layers(conn, key)
    concept, version = layers.get(CONCEPT), _version(conn, key)
    if concept is None or version != seen:
        return _changed_meanwhile(plan, key)
    if same_editor(concept["changed_by"], editor):
        message = (
            f"u ({editor}) heeft deze toelichting zelf geschreven; een andere redacteur moet "
            f"haar {verb} (vier ogen)"
        )
        return Problem(verb, message, field=describe_key(plan, key))
    return concept, layers.get(APPROVED), version


def _same(row: dict, key: Key) -> bool:
    return (row["indicator"], int(row["year"]), row["district"]) == key


def _changed_meanwhile(plan: Plan, key: Key) -> Problem:
    return Problem(
        "toelichting",
        "de toelichting is intussen gewijzigd door iemand anders; laad de pagina opnieuw",
        field=describe_key(plan, key),
    )


def _refuse_closed(conn: Connection, year: int, row: int | None = None) -> None:
    if conn.execute(select(years.c.closed).where(years.c.year == year)).scalar():
        message = f"jaar {year} is afgesloten; heropen het jaar eerst om teksten te wijzigen"
        raise ValidationFailed([Problem(FILE, message, row=row, field="year")])


def _record(
    conn, revision, editor, action, key, status, pair, old: dict | None, version, note=""
) -> None:
    conn.execute(
        insert(text_changes).values(
            revision=revision,
            at=now(),
            editor=editor,
            action=action,
            indicator=key[0],
            year=key[1],
            district=key[2],
            status=status,
            explanation=pair[0],
            measures=pair[1],
            old_explanation=old["explanation"] if old else None,
            old_measures=old["measures"] if old else None,
            version=version + 1,
            note=note,
        )
    )
