"""Read YAML while remembering the line of every value, so errors can name the line."""

from __future__ import annotations

from typing import Any

import yaml

from lib.problems import Problem, ValidationFailed

Path = tuple[str | int, ...]


def _construct(
    node: yaml.Node, path: Path, lines: dict[Path, int], dupes: list[Problem], file: str
):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if key in result:
                dupes.append(
                    Problem(
                        file,
                        f"sleutel '{key}' komt twee keer voor",
                        line=key_node.start_mark.line + 1,
                        field=_dotted(path + (key,)),
                    )
                )
            result[key] = _construct(value_node, path + (key,), lines, dupes, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, path + (i,), lines, dupes, file) for i, item in enumerate(node.value)
        ]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _dotted(path: Path) -> str:
    return ".".join(str(p) for p in path)


def load_yaml_with_lines(text: str, file: str) -> tuple[Any, dict[Path, int]]:
    """Parse YAML text; return the data and a map from key path to 1-based line number.

    Raises ValidationFailed for syntax errors and duplicate keys (which PyYAML would
    otherwise silently overwrite).
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise ValidationFailed(
            [
                Problem(
                    file,
                    f"het bestand is geen geldige YAML ({exc.problem or exc.context}); "
                    "controleer inspringing, dubbele punten en aanhalingstekens",
                    line=line,
                )
            ]
        ) from exc
    if node is None:
        raise ValidationFailed([Problem(file, "het bestand is leeg")])
    lines: dict[Path, int] = {}
    dupes: list[Problem] = []
    data = _construct(node, (), lines, dupes, file)
    if dupes:
        raise ValidationFailed(dupes)
    return data, lines


def line_for(lines: dict[Path, int], path: Path) -> int | None:
    """Line of the deepest part of `path` that exists in the file."""
    for end in range(len(path), -1, -1):
        found = lines.get(tuple(path[:end]))
        if found is not None:
            return found
    return None
