"""Judging one row: the facts that decide a status, and the status with its Dutch explanation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from lib import fmt
from lib.plan.periods import parse_date
from lib.plan.schema import Indicator
from lib.progress.planpath import plan_path
from lib.progress.wording import counted_later, counted_later_why, delay
from lib.status import BEHIND, MET, NO_DATA, NO_TARGET, NOT_YET, ON_TRACK


def _remembered(format_text: Callable[..., str]) -> Callable[..., str]:
    """`format_text` with its results kept: Babel builds every text anew, which is most of the
    cost of a verdict, and a table of many rows repeats the same numbers and dates."""
    remembered = lru_cache(maxsize=16384)(format_text)

    def call(value, *args, **kwargs) -> str:
        # 0.0 and -0.0 are one key to a cache, but they are written differently ("-0").
        if isinstance(value, float) and value == 0:
            return format_text(value, *args, **kwargs)
        return remembered(value, *args, **kwargs)

    return call


_number = _remembered(fmt.number)
_quantity = _remembered(fmt.quantity)
_percent = _remembered(fmt.percent)
_long_date = _remembered(fmt.long_date)


@dataclass(frozen=True)
class Facts:
    kind: str
    unit: str
    year: int
    as_of: date
    district: str
    unit_singular: str | None = None
    target: float | None = None  # level to reach; lower bound for a range
    target_min: float | None = None
    target_max: float | None = None
    start: float | None = None  # where the year's path starts (previous level or baseline)
    deadline: date | None = None
    commitment: str | None = None
    number: float | None = None
    reached_on: date | None = None
    flag: bool | None = None
    counted_on: date | None = None  # when the figure was counted, if known
    counted_later: date | None = None  # a figure counted after the peildatum: not known at it

    @classmethod
    def for_row(
        cls,
        indicator: Indicator,
        year: int,
        district: str,
        record: dict,
        as_of: date,
        first_year: int,
    ) -> Facts:
        common = dict(
            kind=indicator.kind,
            unit=indicator.unit,
            unit_singular=indicator.unit_singular,
            counted_on=parse_date(record["counted_on"]) if record.get("counted_on") else None,
            counted_later=(
                parse_date(record["counted_later"]) if record.get("counted_later") else None
            ),
            year=year,
            as_of=as_of,
            district=district,
            number=record.get("number"),
            reached_on=record.get("reached_on"),
            flag=record.get("flag"),
        )
        if indicator.kind == "milestone":
            return cls(**common, deadline=_milestone_deadline(indicator, year, record, as_of))
        if indicator.kind == "commitment":
            return cls(**common, commitment=(indicator.commitments or {}).get(year))
        target, start = _target_and_start(indicator, year, district)
        low, high = indicator.bounds(year) if not district else (None, None)
        return cls(**common, target=target, target_min=low, target_max=high, start=start)

    @property
    def phase(self) -> str:
        if self.as_of > date(self.year, 12, 31):
            return "ended"
        return "current" if self.as_of >= date(self.year, 1, 1) else "future"


def _milestone_deadline(indicator: Indicator, year: int, record: dict, as_of: date) -> date | None:
    """The deadline if the milestone is due in `year`, or still open from an earlier year.

    A milestone missed in its own year stays on the agenda of the following years (up to the
    peildatum) until it is reached, so an overdue item does not drop out of a year's overview.
    """
    deadline = indicator.deadline
    if deadline is None or deadline.year > year:
        return None
    if deadline.year == year:
        return deadline
    reached = record.get("reached_on")
    still_open = reached is None or reached >= date(year, 1, 1)
    return deadline if still_open and date(year, 1, 1) <= as_of else None


def _target_and_start(
    indicator: Indicator, year: int, district: str
) -> tuple[float | None, float | None]:
    baseline = indicator.baseline
    if district:
        target = indicator.district_target(district, year)
        if indicator.kind in ("per_year", "range"):
            return target, 0.0
        if indicator.kind == "maintain":
            return target, target
        previous = indicator.district_target(district, year - 1)
        if previous is None and baseline is not None and baseline.value == 0:
            previous = 0.0  # nothing anywhere at the baseline means nothing in any district
        return target, previous
    levels = indicator.levels()
    target = levels.get(year)
    if indicator.kind in ("per_year", "range"):
        return target, 0.0
    if indicator.kind == "maintain":
        return target, target
    if year - 1 in levels:
        return target, levels[year - 1]
    if baseline is not None and baseline.year == year - 1:
        return target, baseline.value
    return target, None


@dataclass(frozen=True)
class Verdict:
    status: str
    detail: str
    explanation: str


def judge(facts: Facts) -> Verdict:
    if facts.kind == "milestone":
        return _judge_milestone(facts)
    if facts.kind == "commitment":
        return _judge_commitment(facts)
    return _judge_number(facts)


def _q(value: float | None, f: Facts) -> str:
    return _quantity(value, f.unit, singular=f.unit_singular)


def _judge_number(f: Facts) -> Verdict:
    stand = f"stand: {_q(f.number, f)}" if f.number is not None else "geen cijfer"
    if f.target is None:
        detail = (
            "het plan stelt hier alleen een stedelijk doel"
            if f.district
            else f"het plan stelt voor {f.year} geen doel"
        )
        return Verdict(NO_TARGET, detail, f"Geen doel: {detail}; {stand}.")
    goal_text = (
        f"{_number(f.target_min)} tot {_q(f.target_max, f)}"
        if f.target_max is not None
        else _q(f.target, f)
    )
    plan = f"Doel {f.year}: {goal_text}"
    if f.start is not None and f.kind in ("level", "cumulative"):
        plan += f" (startpunt eind {f.year - 1}: {_number(f.start)})"
    if f.target == 0 and f.target_max is None:
        return Verdict(
            NO_TARGET,
            f"doel is 0: het plan zet in {f.year} nog niets in",
            f"{plan}; {stand}. Een doel van 0 telt niet als doel.",
        )
    if f.number is None:
        if f.phase == "future":
            return Verdict(
                NOT_YET,
                f"{f.year} begint na de peildatum",
                f"{plan}; {stand}. Het jaar is nog niet begonnen.",
            )
        if f.counted_later:
            return _not_known_yet(f, f"{plan}; {stand} op de peildatum.")
        return Verdict(
            NO_DATA,
            "nog geen cijfer ingevoerd",
            f"{plan}; {stand}. Er is een doel maar geen cijfer.",
        )
    if f.number >= f.target:
        detail = ""
        if f.target_max is not None:
            detail = "boven bereik" if f.number > f.target_max else "binnen bereik"
        rule = (
            "stand is minstens het doel (ondergrens)"
            if f.target_max is not None
            else "stand is minstens het doel"
        )
        return Verdict(MET, detail, f"{plan}; {stand}. Regel: {rule}, dus behaald.")
    short = f.target - f.number
    if f.phase == "future":
        return Verdict(
            NOT_YET,
            f"{f.year} begint na de peildatum",
            f"{plan}; {stand}. Het jaar is nog niet begonnen.",
        )
    if f.phase == "ended":
        detail = f"{_q(short, f)} onder het doel"
        if f.counted_on and f.counted_on < date(f.year, 12, 31):
            detail += f"; laatste telling {_long_date(f.counted_on)}"
        return Verdict(
            BEHIND,
            detail,
            f"{plan}; {stand}. Regel: jaar voorbij en doel niet gehaald, dus achter.",
        )
    # A figure counted before the peildatum is held against the path at its own count date.
    road = plan_path(f.target, f.start, f.year, f.counted_on, f.as_of)
    path, moment_word = road.value, road.moment_word
    where = (
        f"Planpad op {_long_date(road.moment)} ({moment_word}): {_number(path)} "
        f"({_number(road.start)} + {_percent(road.share * 100)} van de jaarstap)"
    )
    if f.number >= path:
        return Verdict(
            ON_TRACK,
            f"planpad op {moment_word}: {_number(path)}",
            f"{plan}; {stand}. {where}. Regel: lopend jaar en stand op of boven het planpad, dus op koers.",
        )
    return Verdict(
        BEHIND,
        f"{_number(path - f.number)} onder het planpad ({_number(path)})",
        f"{plan}; {stand}. {where}. Regel: lopend jaar en stand onder het planpad, dus achter.",
    )


def _judge_milestone(f: Facts) -> Verdict:
    if f.deadline is None:
        return Verdict(
            NO_TARGET, f"de mijlpaal valt niet in {f.year}", f"Geen mijlpaal in {f.year}."
        )
    plan = f"Deadline: {_long_date(f.deadline)}"
    if f.deadline.year < f.year:
        plan += f" (in {f.deadline.year} niet gehaald, daarom ook in {f.year} op de agenda)"
    reached = f.reached_on if f.reached_on and f.reached_on <= f.as_of else None
    if reached:
        detail = f"{delay(f.deadline, reached)} te laat" if reached > f.deadline else "op tijd"
        return Verdict(
            MET,
            detail,
            f"{plan}; bereikt op {_long_date(reached)}. Regel: bereikt op of vóór de peildatum, dus behaald ({detail}).",
        )
    if f.as_of > f.deadline:
        return Verdict(
            BEHIND,
            f"{delay(f.deadline, f.as_of)} over de deadline",
            f"{plan}; nog niet bereikt op {_long_date(f.as_of)}. Regel: deadline voorbij, dus achter.",
        )
    return Verdict(
        NOT_YET,
        f"deadline {_long_date(f.deadline)}",
        f"{plan}; nog niet bereikt. Regel: deadline ligt na de peildatum, dus nog niet aan de orde.",
    )


def _judge_commitment(f: Facts) -> Verdict:
    if f.commitment is None:
        return Verdict(
            NO_TARGET, f"geen toezegging voor {f.year}", f"Het plan zegt voor {f.year} niets toe."
        )
    plan = f"Toezegging {f.year}: {f.commitment}"
    if f.flag is True:
        return Verdict(MET, "", f"{plan}; gemeld: ja. Regel: nagekomen, dus behaald.")
    if f.phase == "future":
        return Verdict(
            NOT_YET, f"{f.year} begint na de peildatum", f"{plan}. Het jaar is nog niet begonnen."
        )
    if f.flag is False:
        detail = "niet nagekomen" if f.phase == "ended" else "nog niet nagekomen"
        return Verdict(
            BEHIND,
            detail,
            f"{plan}; gemeld: nee. Regel: toezegging geldt voor het hele jaar, dus achter.",
        )
    if f.counted_later:
        return _not_known_yet(f, f"{plan}; op de peildatum nog niet gemeld.")
    return Verdict(NO_DATA, "nog niet beoordeeld", f"{plan}; nog geen ja of nee ingevoerd.")


def _not_known_yet(f: Facts, said: str) -> Verdict:
    why = counted_later_why(f.counted_later, f.as_of)
    return Verdict(NO_DATA, counted_later(f.counted_later), f"{said} {why}")
