"""JSON Schema checks of each catalog file, as findings that point at the offending key.

The schemas in `schemas/` are the source of truth. jsonschema-rs (Rust) answers the common question
"is this file valid?" about 200× faster than python-jsonschema (0.011 ms against 2.6 ms for a
10-step process); only an invalid file is walked again by python-jsonschema, whose errors say
precisely what is wrong and where. What a schema cannot say (a product's channel shares sum to 1) is
checked here too, right after it, so that it is SVC002 at its key like every other shape error.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

import jsonschema_rs

from svcmap.catalog.reader import NON_TEXT_KEY, Doubt, YList, YMap
from svcmap.catalog.schemafiles import schema_dir
from svcmap.i18n import N_, _, ngettext


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
    """One schema violation: a message, the 1-based position of the node concerned, and who holds it.

    `subject` is the smallest catalog object holding the bad value (`process:p/step:s`, `unit:u`, ...;
    see subject_of), or None when only the file as a whole does: then the file's own subject applies.
    """

    __slots__ = ("message", "line", "column", "path", "subject")

    def __init__(self, message: str, line: int, column: int, path: tuple[Any, ...], subject: str | None = None) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.path = path
        self.subject = subject

    def __repr__(self) -> str:
        return f"SchemaError({self.message!r}, {self.line}, {self.column}, {self.path!r}, {self.subject!r})"


def check(kind: str, data: Any) -> list[SchemaError]:
    """Every schema violation of one file's data, in document order; empty when the file is valid.

    The reader's Doubts about the data (keys that are not text, numbers that are not finite; see
    reader.Doubt) are violations too, unless an error concerns that very value, or condemns a value
    holding it as a whole: then one finding says enough.
    """
    doubts: tuple[Doubt, ...] = data.doubts if isinstance(data, (YMap, YList)) else ()
    if not doubts and _fast_validator(kind).is_valid(data):
        return _beyond_schema(kind, data)
    described = [found for raw in _detailed_validator(kind).iter_errors(data) for found in _describe(raw, data)]
    errors = [error for error, _covers in described]
    concerned = {error.path for error in errors}
    covering = {error.path for error, covers in described if covers}
    for doubt in doubts:
        said = doubt.path in concerned or any(doubt.path[:length] in covering for length in range(len(doubt.path)))
        if not said:
            errors.append(_doubt_error(kind, data, doubt))
    for error in errors:
        error.subject = subject_of(kind, data, error.path)
    unique = {(error.line, error.column, error.message): error for error in errors}
    return sorted(unique.values(), key=lambda error: (error.line, error.column, error.message))


SHARE_TOLERANCE = 0.001
"""How far a product's channel shares may sum from 1: 0.333 three times is a third each."""


def _beyond_schema(kind: str, data: Any) -> list[SchemaError]:
    """What a JSON Schema cannot say about a schema-valid file: a product's `channel_share` names only
    channels of its `channels`, and its shares sum to 1 (within SHARE_TOLERANCE)."""
    shares = data.get("channel_share") if kind == "product" else None
    if not shares:
        return []
    subject = subject_of(kind, data, ())
    errors = []
    listed = data["channels"]
    for channel in shares:
        if channel not in listed:
            line, column = shares.key_pos[channel]
            message = _(
                "channel_share: {channel!r} is not one of the product's channels ({channels}); "
                "add it to `channels`, or drop its share"
            ).format(channel=channel, channels=", ".join(listed))
            errors.append(SchemaError(message, line, column, ("channel_share", channel), subject))
    total = sum(shares.values())
    if abs(total - 1) > SHARE_TOLERANCE:
        line, column = data.key_pos["channel_share"]
        written = ", ".join(f"{channel} {share:g}" for channel, share in shares.items())
        message = _("channel_share: the shares sum to {total:g}, not 1 ({shares}); make them add up to 1").format(
            total=total, shares=written
        )
        errors.append(SchemaError(message, line, column, ("channel_share",), subject))
    return sorted(errors, key=lambda error: (error.line, error.column, error.message))


def _describe(error: Any, document: Any) -> Iterator[tuple[SchemaError, bool]]:
    """Turn a python-jsonschema error into findings at the key or value concerned.

    Each comes with whether it condemns the value at its path as a whole (a wrong type, an unknown
    key, a value outside a vocabulary), which makes a Doubt about something inside that value moot;
    a missing key or too short a list does not.
    """
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
                if hint:
                    suggestion = _("; did you mean {name!r}?").format(name=hint[0])
                else:
                    suggestion = _("; allowed: {keys}").format(keys=", ".join(allowed))
                line, column = _key_position(document, path, key)
                message = _("unknown key {key!r}{hint}").format(key=key, hint=suggestion)
                yield SchemaError(_at(where, message), line, column, (*path, key)), True
        return
    if "propertyNames" in error.absolute_schema_path and isinstance(instance, str):
        line, column = _key_position(document, path, instance)  # the instance is a key of the mapping at path
        message = _("key {reason}").format(reason=_reason(error))
        yield SchemaError(_at(where, message), line, column, (*path, instance)), True
        return
    if "dependentSchemas" in error.absolute_schema_path and isinstance(instance, dict):
        yield _dependent_error(error, document, path, where), False
        return
    line, column = _value_position(document, path)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        message = _("missing required key {key!r}").format(key=missing)
        yield SchemaError(_at(where, message), line, column, path), False
        return
    covers = error.validator not in ("minItems", "minLength", "maxLength", "minimum", "maximum")
    yield SchemaError(_at(where or _("file"), _reason(error)), line, column, path), covers


def _at(where: str, message: str) -> str:
    """`steps[2].unit: message`, or the message alone where it concerns the file as a whole (`where` empty)."""
    return _("{where}: {message}").format(where=where, message=message) if where else message


def _dependent_error(error: Any, document: Any, path: tuple[Any, ...], where: str) -> SchemaError:
    """A key that rules another out (`dependentSchemas: {outcome: {not: {required: [next]}}}`), at that key:
    the schema's `description` of the dependent schema says why."""
    schema_path = list(error.absolute_schema_path)
    key = schema_path[schema_path.index("dependentSchemas") + 1]
    excluded = error.validator_value.get("required", []) if error.validator == "not" else []
    line, column = _key_position(document, path, key)
    if excluded:
        others = _(" and ").join(repr(other) for other in excluded)
        description = error.schema.get("description")
        why = _(description) if description else _("{key!r} excludes {others}").format(key=key, others=others)
        message = _("{key!r} cannot go with {others} ({why}); remove one of them").format(
            key=key, others=others, why=why
        )
    else:
        message = _("{key!r}: {reason}").format(key=key, reason=_reason(error))
    return SchemaError(_at(where, message), line, column, (*path, key))


_DESCRIPTIONS = (N_("an end step's outcome: a step with `next` does not end the case"),)
"""The schemas' `description`s that a message quotes (of a `dependentSchemas` entry), marked for translation."""


def _doubt_error(kind: str, data: Any, doubt: Doubt) -> SchemaError:
    """A reader's Doubt as a schema violation at its position."""
    if doubt.kind == NON_TEXT_KEY:
        where = _path_text(doubt.path[:-1])
        written = doubt.text or _("(an empty key)")
        what = "" if not doubt.text and doubt.value is None else f" ({_json_type(doubt.value)})"
        message = _("unknown key {key}{type}; {keys}").format(
            key=written, type=what, keys=_keys_here(kind, data, doubt.path[:-1], doubt.text)
        )
        return SchemaError(_at(where, message), doubt.line, doubt.column, doubt.path)
    where = _path_text(doubt.path) or _("file")
    message = _("must be a finite number, not {value}").format(value=doubt.text)
    return SchemaError(_at(where, message), doubt.line, doubt.column, doubt.path)


def _keys_here(kind: str, data: Any, path: tuple[Any, ...], written: str) -> str:
    """What the keys of the mapping at `path` may be, for a message about a key that is not text."""
    schema = _schema_at(load_schema(kind), data, path)
    names = list(schema.get("properties", {})) if schema else []
    if names and schema and schema.get("additionalProperties") is False:  # else any text is a key (identifiers)
        shown = ", ".join(repr(name) for name in names[:4])
        return _("keys are names such as {names}").format(names=shown)
    pattern = (schema or {}).get("propertyNames", {})
    pattern = _resolve(load_schema(kind), pattern).get("pattern")
    if pattern in _PATTERNS:
        return _("keys here are {things}, like {example!r}").format(
            things=_(_PATTERNS[pattern].nouns), example=_PATTERNS[pattern].example
        )
    if written:
        return _('keys are text: write it in quotes ("{key}") if it is meant as one').format(key=written)
    return _("keys are text; give this one a name")


def _schema_at(root: dict[str, Any], data: Any, path: tuple[Any, ...]) -> dict[str, Any] | None:
    """The subschema that the value at `path` meets, following the data through `oneOf`; None past the schema."""
    schema: dict[str, Any] | None = _resolve(root, root)
    node = data
    for part in path:
        schema = _branch_for(root, schema, node)
        if schema is None:
            return None
        if isinstance(node, YMap) and part in node:
            properties = schema.get("properties", {})
            following = properties.get(part, schema.get("additionalProperties"))
        elif isinstance(node, YList) and type(part) is int and part < len(node):
            following = schema.get("items")
        else:
            return None
        schema = _resolve(root, following) if isinstance(following, dict) else None
        node = node[part]
    return _branch_for(root, schema, node)


def _branch_for(root: dict[str, Any], schema: dict[str, Any] | None, node: Any) -> dict[str, Any] | None:
    """The schema itself, or the branch of its `oneOf`/`anyOf` meant for a value like `node` (a mapping, a list)."""
    if schema is None:
        return None
    branches = schema.get("oneOf") or schema.get("anyOf")
    if not branches:
        return schema
    wanted = "object" if isinstance(node, dict) else "array" if isinstance(node, list) else None
    for branch in branches:
        resolved = _resolve(root, branch)
        if resolved.get("type") == wanted:
            return resolved
    return None


def _resolve(root: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` (`#/$defs/name`, all our schemas use)."""
    while "$ref" in schema and schema["$ref"].startswith("#/$defs/"):
        schema = root["$defs"][schema["$ref"].removeprefix("#/$defs/")]
    return schema


_LISTED_SUBJECTS = {
    "organisation": {"units": "unit", "life_events": "life-event", "data_items": "data-item"},
    "process": {"steps": "step"},
}
"""The lists of a file whose items are catalog objects in their own right, and the subject prefix of each."""

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
"""An id as the schemas' `$defs/id` has it: only such an id names a subject."""


def subject_of(kind: str, data: Any, path: tuple[Any, ...]) -> str | None:
    """The smallest catalog object that holds the value at `path`, as a finding subject; None for the file as a whole.

    A wrong channel on a step is the step's business (`process:p/step:s`), a wrong office on a unit
    the unit's (`unit:u`), a bad product field the product's (`product:p`): a subject names what to
    fix, so it should be no bigger than that. An object counts only when it has a valid id; without
    one the next larger object holds the value, and for the organisation file, whose own subject is
    `organisation`, that is the file.
    """
    if not isinstance(data, YMap):
        return None
    file_subject = None
    if kind in ("product", "process"):
        ident = _valid_id(data)
        if ident is None:
            return None
        file_subject = f"{kind}:{ident}"
    listed = _LISTED_SUBJECTS.get(kind, {})
    if len(path) >= 2 and path[0] in listed and type(path[1]) is int:
        items = data.get(path[0])
        if isinstance(items, YList) and path[1] < len(items):
            ident = _valid_id(items[path[1]])
            if ident is not None:
                item_subject = f"{listed[path[0]]}:{ident}"
                return f"{file_subject}/{item_subject}" if file_subject else item_subject
    return file_subject


def _valid_id(value: Any) -> str | None:
    ident = value.get("id") if isinstance(value, YMap) else None
    return ident if isinstance(ident, str) and _ID.match(ident) else None


class _Pattern(NamedTuple):
    """What a pattern of the schemas is for, in words: a message names the thing and the rule, not the regex."""

    noun: str
    nouns: str
    rule: str
    example: str


_PATTERNS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": _Pattern(
        N_("id"), N_("ids"), N_("lowercase letters and digits joined by single hyphens"), "parkeerkaart-bewoner"
    ),
    "^SVC[0-9]{0,3}$": _Pattern(
        N_("rule code"), N_("rule codes"), N_("SVC and up to three digits, a whole code or a prefix"), "SVC301"
    ),
    "^[A-Z]{3}$": _Pattern(N_("currency code"), N_("currency codes"), N_("three capital letters (ISO 4217)"), "EUR"),
    "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$": _Pattern(
        N_("UUID"),
        N_("UUIDs"),
        N_("32 lowercase hexadecimal digits in groups of 8-4-4-4-12"),
        "0f8b5a1e-3c2d-4e6f-9a7b-1c2d3e4f5a6b",
    ),
    "^https?://\\S+$": _Pattern(
        N_("IRI"), N_("IRIs"), N_("an http(s) address without spaces"), "https://www.voorbeeld.be"
    ),
}


def _did_you_mean(value: Any, error: Any) -> str:
    """`; did you mean 'BurgerOverheid'?` for a misspelt code (case and close spellings), else nothing."""
    import difflib

    if not isinstance(value, str):
        return ""
    choices = [choice for choice in error.validator_value if isinstance(choice, str)]
    by_case = {choice.casefold(): choice for choice in choices}
    close = (
        [by_case[value.casefold()]] if value.casefold() in by_case else difflib.get_close_matches(value, choices, n=1)
    )
    return _("; did you mean {name!r}?").format(name=close[0]) if close else ""


def _reason(error: Any) -> str:
    value = error.instance
    validator = error.validator
    if validator == "enum":
        return _("{value!r} is not one of: {choices}{hint}").format(
            value=value, choices=", ".join(map(str, error.validator_value)), hint=_did_you_mean(value, error)
        )
    if validator == "const":
        return _("must be {value!r}").format(value=error.validator_value)
    if validator == "type":
        expected = error.validator_value
        names = [_(_TYPE_NAMES.get(name, name)) for name in (expected if isinstance(expected, list) else [expected])]
        return (
            _("must be {expected}, not {actual} {value}")
            .format(expected=_(" or ").join(names), actual=_json_type(value), value=_short(value))
            .rstrip()
        )
    if validator == "pattern":
        pattern = _PATTERNS.get(error.validator_value)
        if pattern is None:
            return _("{value!r} does not match {pattern}").format(value=value, pattern=error.validator_value)
        return _("{value!r} is not a valid {thing}: use {rule}, like {example!r}").format(
            value=value, thing=_(pattern.noun), rule=_(pattern.rule), example=pattern.example
        )
    if validator == "minItems":
        count = error.validator_value
        return ngettext("must list at least {count} item", "must list at least {count} items", count).format(
            count=count
        )
    if validator == "minLength":
        return _("must not be empty")
    if validator == "maxLength":
        return _("is {length:,} characters long; keep it under {limit:,} (put details in a document)").format(
            length=len(value), limit=error.validator_value
        )
    if validator == "minimum":
        return _("must be {limit} or more, not {value!r}").format(limit=error.validator_value, value=value)
    if validator == "maximum":
        return _("must be {limit} or less, not {value!r}").format(limit=error.validator_value, value=value)
    return str(error.message)


_TYPE_NAMES = {
    "object": N_("a mapping"),
    "array": N_("a list"),
    "string": N_("a string"),
    "number": N_("a number"),
    "integer": N_("an integer"),
    "boolean": N_("a boolean"),
    "null": N_("null"),
}
"""JSON Schema's types as a YAML writer knows them, as a message says what a value must be."""


def _json_type(value: Any) -> str:
    if value is None:
        return _("null")
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
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
