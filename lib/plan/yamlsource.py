"""Read YAML while remembering the line of every value, so errors can name the line."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path as FilePath
from typing import Any

import yaml

from lib.plan.schema import MAX_DIGITS
from lib.problems import Problem, ValidationFailed, os_reason

Path = tuple[str | int, ...]


# A value written once and repeated by aliases (&naam ... *naam) may be built at most this many
# times over: ten nested aliases of ten would otherwise build 10^10 values (a "billion laughs").
MAX_ALIAS_VALUES = 1_000


class _Trouble(list):
    """Duplicate or unusable keys found while building the data: (path, line, message)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[int] = set()  # nodes built once already: meeting one again is an alias
        self.open: set[int] = set()  # nodes being built: meeting one again is a loop
        self.repeated = 0


class _AliasBomb(Exception):
    """Aliases that repeat too much, or refer to themselves: (line, message)."""


def _construct(
    node: yaml.Node,
    path: Path,
    lines: dict[Path, int],
    trouble: _Trouble,
    alias_line: int | None = None,
):
    """Build the value of `node`; `alias_line` is where the alias being built was written."""
    if id(node) in trouble.open:
        line = lines.get(path[:-1], node.start_mark.line + 1)
        raise _AliasBomb(line, "een verwijzing (*naam) verwijst naar zichzelf")
    if alias_line is None and id(node) in trouble.seen:
        alias_line = lines.get(path[:-1], node.start_mark.line + 1)
    lines[path] = node.start_mark.line + 1
    trouble.seen.add(id(node))
    if alias_line is not None:
        trouble.repeated += 1
        if trouble.repeated > MAX_ALIAS_VALUES:
            raise _AliasBomb(
                alias_line,
                "verwijzingen (*naam) herhalen samen meer dan "
                f"{MAX_ALIAS_VALUES:,} waarden; schrijf de waarden uit".replace(",", "."),
            )
    if isinstance(node, yaml.CollectionNode):
        trouble.open.add(id(node))
        try:
            return _collection(node, path, lines, trouble, alias_line)
        finally:
            trouble.open.discard(id(node))
    return _scalar_value(node, path, lines, trouble)


def _collection(node, path: Path, lines: dict[Path, int], trouble: _Trouble, alias_line):
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            try:  # a list as key is not built: it might be an alias to a very large one
                key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else []
                hash(key)
            except TypeError:
                trouble.append((path, line, "een sleutel moet een naam of getal zijn, geen lijst"))
                continue
            if key in result:
                trouble.append((path + (key,), line, f"sleutel '{key}' komt twee keer voor"))
            result[key] = _construct(value_node, path + (key,), lines, trouble, alias_line)
        return result
    return [
        _construct(item, path + (i,), lines, trouble, alias_line)
        for i, item in enumerate(node.value)
    ]


def _scalar_value(node: yaml.Node, path: Path, lines: dict[Path, int], trouble: _Trouble):
    try:
        value = _scalar(node)
    except ValueError:  # looks like a date, is none: 2014-02-30 (PyYAML raises instead)
        trouble.append((path, lines[path], f"'{node.value[:30]}' is geen bestaande datum"))
        return node.value
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and not node.style and (misread := _misread_number(node.value)):  # plain, unquoted
        trouble.append((path, lines[path], misread))
        return node.value  # as text: the schema refuses it, the value is never used
    if number and _too_precise(node.value):
        trouble.append(
            (
                path,
                lines[path],
                f"'{node.value[:30]}' heeft meer dan {MAX_DIGITS} cijfers; zoveel cijfers kunnen "
                "niet precies worden opgeslagen (rond het getal zelf af)",
            )
        )
    return value


def _misread_number(text: str) -> str:
    """Why a number as written is read as another number by YAML 1.1 (which PyYAML follows),
    or as the one the writer probably did not mean; '' when it is read as written."""
    body = text.lstrip("+-")
    if re.match(r"0[0-9xXbBoO_]", body):
        return (
            f"'{text}' begint met een 0 en wordt gelezen als een ander getal; schrijf het zonder 0"
        )
    if ":" in body:
        return (
            f"'{text}' wordt gelezen als een getal in het zestigtallig stelsel; schrijf het getal"
        )
    if re.fullmatch(r"\d{1,3}\.\d{3}", body):
        return (
            f"'{text}' is dubbelzinnig: bedoelt u {text.replace('.', '')} (schrijf dan zonder "
            f"punt) of {text.replace('.', ',')} (schrijf dan {text}0)?"
        )
    return ""


def _too_precise(text: str) -> bool:
    """Whether a number as written has more significant digits than a float keeps exactly."""
    try:
        number = Decimal(text.replace("_", ""))
    except InvalidOperation:
        return False  # .inf, .nan, 0x1f: the schema judges those
    return (
        number.is_finite()
        and bool(number)
        and len(number.normalize().as_tuple().digits) > MAX_DIGITS
    )


def _scalar(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def field_name(loc: tuple, data: object) -> str:
    """Dotted field path, with list positions replaced by the item's id where it has one."""
    parts: list[str] = []
    node = data
    for part in loc:
        child = None
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            child = node[part]
            item_id = child.get("id") if isinstance(child, dict) else None
            if item_id and parts:
                parts[-1] = f"{parts[-1]}[{item_id}]"
            else:
                parts.append(str(part))
        else:
            child = node.get(part) if isinstance(node, dict) else None
            parts.append(str(part))
        node = child
    return ".".join(parts)


# PyYAML's own messages are English; the common ones get a Dutch explanation.
_SYNTAX_HINTS = (
    ("'\\t'", "een tab-teken; spring in met spaties, niet met tabs"),
    (
        "mapping values are not allowed",
        "een dubbele punt op een onverwachte plek; zet tekst met ': ' tussen aanhalingstekens",
    ),
    ("could not find expected ':'", "er ontbreekt een dubbele punt na een veldnaam"),
    ("expected <block end>", "de inspringing klopt niet met de regels erboven"),
    ("found unexpected end of stream", "een aanhalingsteken of haakje wordt niet gesloten"),
    ("while scanning a quoted scalar", "een aanhalingsteken wordt niet gesloten"),
    ("found undefined alias", "een verwijzing (*naam) naar iets dat niet bestaat"),
)


def _syntax_hint(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _SYNTAX_HINTS:
        if needle in text:
            return hint
    return "controleer inspringing, dubbele punten en aanhalingstekens"


def read_text(path: FilePath, file: str) -> str:
    """The UTF-8 text of a file; ValidationFailed in Dutch, naming it as `file`, otherwise."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValidationFailed([Problem(file, "bestand niet gevonden")]) from None
    except OSError as exc:
        raise ValidationFailed(
            [Problem(file, f"kan het bestand niet lezen ({os_reason(exc)})")]
        ) from None
    except UnicodeDecodeError:
        raise ValidationFailed([Problem(file, "bestand is geen UTF-8-tekst")]) from None


# libyaml's parser (in PyYAML's wheels) composes a plan about ten times faster than the pure
# Python one; same nodes, same marks. Its error texts differ, so a file it refuses is parsed
# again by the Python parser, whose messages _SYNTAX_HINTS knows.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load_yaml_with_lines(text: str, file: str) -> tuple[Any, dict[Path, int]]:
    """Parse YAML text; return the data and a map from key path to 1-based line number.

    Raises ValidationFailed for syntax errors and duplicate keys (which PyYAML would
    otherwise silently overwrite).
    """
    try:
        node = _compose(text)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise ValidationFailed(
            [
                Problem(
                    file,
                    f"het bestand is geen geldige YAML: het teken U+{exc.character:04X} is een "
                    "stuurteken dat niet in tekst hoort; haal het weg",
                    line=line,
                )
            ]
        ) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = f" (kolom {mark.column + 1})" if mark else ""
        raise ValidationFailed(
            [
                Problem(
                    file,
                    f"het bestand is geen geldige YAML{column}: {_syntax_hint(exc)}",
                    line=line,
                )
            ]
        ) from exc
    if node is None:
        raise ValidationFailed([Problem(file, "het bestand is leeg")])
    lines: dict[Path, int] = {}
    trouble = _Trouble()
    try:
        data = _construct(node, (), lines, trouble)
    except _AliasBomb as exc:
        line, message = exc.args
        raise ValidationFailed([Problem(file, message, line=line)]) from None
    if trouble:
        raise ValidationFailed(
            [
                Problem(file, message, line=line, field=field_name(path, data) or None)
                for path, line, message in trouble
            ]
        )
    return data, lines


def line_for(lines: dict[Path, int], path: Path) -> int | None:
    """Line of the deepest part of `path` that exists in the file."""
    for end in range(len(path), -1, -1):
        found = lines.get(tuple(path[:end]))
        if found is not None:
            return found
    return None
