"""Loading the plan: YAML with line numbers, the schema, then the checks across the plan, with
Dutch messages naming line and field."""

from __future__ import annotations

import hashlib
import math
import re
from pathlib import Path

from pydantic import ValidationError

from lib.plan.checks import check_plan
from lib.plan.schema import KINDS, MAX_NUMBER, Plan
from lib.plan.yamlsource import field_name, line_for, load_yaml_with_lines, read_text
from lib.problems import Problem, ValidationFailed

_PYDANTIC_MESSAGES = {
    "missing": "ontbreekt (verplicht veld)",
    "extra_forbidden": "onbekend veld (typfout?)",
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "float_parsing": "moet een getal zijn",
    "float_type": "moet een getal zijn",
    "string_type": "moet tekst zijn",
    "bool_parsing": "moet true of false zijn",
    "bool_type": "moet true of false zijn",
    "dict_type": "moet een lijst van sleutel: waarde zijn",
    "list_type": "moet een lijst zijn",
    "model_type": "moet een blok met velden zijn",
    "string_pattern_mismatch": "mag alleen kleine letters, cijfers en _ bevatten",
    "too_short": "mag niet leeg zijn",
    "date_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "datetime_parsing": "moet een tijdstip zijn (JJJJ-MM-DDTUU:MM:SS)",
    "datetime_from_date_parsing": "moet een tijdstip zijn (JJJJ-MM-DDTUU:MM:SS)",
    "datetime_type": "moet een tijdstip zijn (JJJJ-MM-DDTUU:MM:SS)",
    "string_too_short": "mag niet leeg zijn",
}


def _translate(error: dict) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "finite_number" or (isinstance(value, float) and not math.isfinite(value)):
        if isinstance(value, float) and math.isnan(value):
            return f"'{value}' is geen getal (.nan); vul een getal in"
        return f"'{value}' is oneindig; vul een getal in van hoogstens {_number(MAX_NUMBER)}"
    if kind in ("greater_than_equal", "greater_than"):
        limit = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("gt"))
        return "mag niet negatief zijn" if limit == 0 else f"moet minstens {_number(limit)} zijn"
    if kind == "less_than_equal":
        return f"mag hoogstens {_number(error.get('ctx', {}).get('le'))} zijn"
    if kind == "literal_error":
        return f"onbekende waarde '{error.get('input')}'; kies uit: {', '.join(KINDS)}"
    if kind in ("float_parsing", "float_type") and isinstance(value, str):
        if re.fullmatch(r"\s*-?\d+,\d+\s*", value):  # '4,5' as a Dutch writer types it
            return f"'{value.strip()}' is geen getal: schrijf {value.strip().replace(',', '.')} (met een punt)"
    return _PYDANTIC_MESSAGES.get(kind, f"ongeldige waarde ({error['msg']})")


def _number(value: object) -> str:
    """1000000000.0 -> '1.000.000.000' (Dutch, whole numbers without decimals)."""
    if isinstance(value, int | float) and float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return str(value)


def _clean_loc(loc: tuple) -> tuple:
    # Union members show up in pydantic's loc ("float", "RangeTarget"); they mean nothing to a user.
    members = ("float", "constrained-float", "RangeTarget", "str", "int", "[key]")
    return tuple(p for p in loc if p not in members)


def schema_problems(exc: ValidationError, data: object, lines: dict, file: str) -> list[Problem]:
    """Pydantic's errors for YAML `data` as Dutch problems naming the line and field."""
    problems: dict[tuple, Problem] = {}
    for error in exc.errors():
        loc = _clean_loc(error["loc"])
        problem = Problem(
            file, _translate(error), line=line_for(lines, loc), field=field_name(loc, data)
        )
        # A union reports each member's failure for one value; the first says enough.
        problems.setdefault(loc, problem)
    return list(problems.values())


def parse_plan(text: str, file: str = "targets.yaml", folder: Path | None = None) -> Plan:
    """Validate plan text; raise ValidationFailed listing every problem, or return the Plan.

    `folder` is where the targets file lies: files it names (`plan.methodology`) are looked up
    there and must exist. Without it they are not checked."""
    data, lines = load_yaml_with_lines(text, file)
    if not isinstance(data, dict):
        raise ValidationFailed([Problem(file, "het bestand moet met 'plan:' beginnen", line=1)])
    try:
        plan = Plan.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(schema_problems(exc, data, lines, file)) from None
    problems = check_plan(plan, data, lines, file)
    if folder is not None:
        problems += _check_files(plan, folder, data, lines, file)
    if problems:
        raise ValidationFailed(problems)
    return plan.model_copy(update={"content_hash": hashlib.sha256(text.encode()).hexdigest()})


def methodology_path(plan: Plan, folder: Path) -> Path | None:
    """The plan's own Markdown text (`plan.methodology`), relative to the targets file's folder."""
    name = plan.plan.methodology
    return Path(folder) / name if name else None


def _check_files(plan: Plan, folder: Path, data: dict, lines: dict, file: str) -> list[Problem]:
    path = methodology_path(plan, folder)
    if path is None or path.is_file():
        return []
    loc = ("plan", "methodology")
    message = f"bestand '{plan.plan.methodology}' niet gevonden (gezocht vanuit de map van {file})"
    return [Problem(file, message, line=line_for(lines, loc), field=field_name(loc, data))]


def load_plan(path: str | Path) -> Plan:
    """Read and validate a targets file."""
    path = Path(path)
    return parse_plan(read_text(path, str(path)), path.name, path.parent)
