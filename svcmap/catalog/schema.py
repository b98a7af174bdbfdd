"""JSON Schema checks of each catalog file, as findings that point at the offending key.

The schemas in `schemas/` are the source of truth. jsonschema-rs (Rust) answers the common question
"is this file valid?" about 200× faster than python-jsonschema (0.011 ms against 2.6 ms for a
10-step process); only an invalid file is walked again by python-jsonschema, whose errors say
precisely what is wrong and where.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs

from svcmap.catalog.reader import YList, YMap



def schema_dir() -> Path:
    """The schemas shipped in the package, or the repository's own `schemas/` in a source checkout."""
    packaged = Path(str(resources.files("svcmap"))) / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"


@cache
def load_schema(kind: str) -> dict[str, Any]:
    with open(schema_dir() / f"{kind}.schema.json", encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


@cache
def _fast_validator(kind: str) -> Any:
    return jsonschema_rs.validator_for(load_schema(kind))


@cache
def _detailed_validator(kind: str) -> Any:
    import jsonschema  # only invalid files need it: its import costs ~80 ms

    return jsonschema.Draft202012Validator(load_schema(kind))


class SchemaError:
    """One schema violation: a message and the 1-based position of the node concerned."""

    __slots__ = ("message", "line", "column", "path")

    def __init__(self, message: str, line: int, column: int, path: tuple[Any, ...]) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.path = path


def check(kind: str, data: Any) -> list[SchemaError]:
    """Every schema violation of one file's data, in document order; empty when the file is valid."""
    if _fast_validator(kind).is_valid(data):
        return []
    errors = [
        error
        for raw in _detailed_validator(kind).iter_errors(data)
        for error in _describe(raw, data)
    ]
    unique = {(error.line, error.column, error.message): error for error in errors}
    return sorted(unique.values(), key=lambda error: (error.line, error.column, error.message))


def _describe(error: Any, document: Any) -> Iterator[SchemaError]:
    """Turn a python-jsonschema error into findings at the key or value concerned."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        from jsonschema.exceptions import best_match

        yield from _describe(best_match(error.context), document)
        return
    path = tuple(error.absolute_path)
    where = _path_text(path)
    instance = error.instance
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        allowed = list(error.schema.get("properties", {}))
        for key in instance:
            if key not in allowed:
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(allowed)}"
                line, column = _key_position(document, path, key)
                prefix = f"{where}: " if where else ""
                yield SchemaError(f"{prefix}unknown key {key!r}{suggestion}", line, column, (*path, key))
        return
    line, column = _value_position(document, path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        prefix = f"{where}: " if where else ""
        yield SchemaError(f"{prefix}missing required key {missing!r}", line, column, path)
        return
    yield SchemaError(f"{where or 'file'}: {_reason(error)}", line, column, path)


def _reason(error: Any) -> str:
    value = error.instance
    validator = error.validator
    if validator == "enum":
        return f"{value!r} is not one of: {', '.join(map(str, error.validator_value))}"
    if validator == "const":
        return f"must be {error.validator_value!r}"
    if validator == "type":
        expected = error.validator_value
        expected_text = " or ".join(expected) if isinstance(expected, list) else expected
        article = "an" if expected_text[0] in "aeiou" else "a"
        return f"must be {article} {expected_text}, not {_json_type(value)} {_short(value)}"
    if validator == "pattern":
        return (
            f"{value!r} is not a valid id: use lowercase letters and digits joined by single hyphens, "
            f"like 'parkeerkaart-bewoner'"
        )
    if validator == "minItems":
        return f"must list at least {error.validator_value} item(s)"
    if validator == "minLength":
        return "must not be empty"
    if validator == "maxLength":
        return f"is {len(value):,} characters long; keep it under {error.validator_value:,} (put details in a document)"
    if validator == "minimum":
        return f"must be {error.validator_value} or more, not {value!r}"
    return str(error.message)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _short(value: Any) -> str:
    if isinstance(value, (dict, list)) or value is None:
        return ""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _path_text(path: tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _value_position(document: Any, path: tuple[Any, ...]) -> tuple[int, int]:
    """Where the value at `path` starts; the nearest known ancestor when the path leaves the data."""
    node = document
    position = (getattr(document, "line", 1), getattr(document, "column", 1))
    for part in path:
        if isinstance(node, YMap) and part in node:
            position = node.value_pos[part]
        elif isinstance(node, YList) and isinstance(part, int) and part < len(node):
            position = node.item_pos[part]
        else:
            break
        node = node[part]
    return position


def _key_position(document: Any, path: tuple[Any, ...], key: Any) -> tuple[int, int]:
    node = document
    for part in path:
        node = node[part]
    if isinstance(node, YMap) and key in node.key_pos:
        return node.key_pos[key]
    return _value_position(document, path)
