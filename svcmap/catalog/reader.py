"""The fast positional YAML reader: libyaml's parser events → plain values with line and column.

Reading takes libyaml's parser events, which carry every value's line and column, and builds plain
Python values from them ourselves, because that is where a catalog file can hurt us: duplicate keys,
alias bombs, recursive aliases, absurd nesting and unknown tags are all caught here. Scalars resolve by
the YAML 1.2 core schema (as ruamel.yaml, fmt's writer, does), so `no` stays a string.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is what makes reading fast; the pure-Python loader is the same parser, slower.
    from yaml import CSafeLoader as BaseLoader
    from yaml._yaml import CParser as Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as BaseLoader  # type: ignore[assignment]
    from yaml import SafeLoader as Parser  # type: ignore[assignment]

MAX_DEPTH = 64
"""Nesting deeper than this is no catalog; it is refused before anything walks it."""

MIN_EXPANSION_BUDGET = 10_000
EXPANSION_FACTOR = 2
"""Aliases may make the loaded data at most this many nodes per character of text (or the minimum)."""

TAG_PREFIX = "tag:yaml.org,2002:"


class YamlProblem(Exception):
    """A file is not readable YAML; `line` and `column` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class YMap(dict):  # type: ignore[type-arg]
    """A mapping that remembers where it and each of its keys and values stand in the file."""

    __slots__ = ("line", "column", "key_pos", "value_pos")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.key_pos: dict[Any, tuple[int, int]] = {}
        self.value_pos: dict[Any, tuple[int, int]] = {}


class YList(list):  # type: ignore[type-arg]
    """A sequence that remembers where it and each of its items stand in the file."""

    __slots__ = ("line", "column", "item_pos")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.item_pos: list[tuple[int, int]] = []


STR_TAG, SEQ_TAG, MAP_TAG = TAG_PREFIX + "str", TAG_PREFIX + "seq", TAG_PREFIX + "map"
IMPLICIT = (
    (TAG_PREFIX + "null", re.compile(r"(?:~|null|Null|NULL|)\Z")),
    (TAG_PREFIX + "bool", re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")),
    (TAG_PREFIX + "int", re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")),
    (
        TAG_PREFIX + "float",
        re.compile(
            r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
        ),
    ),
)
MAY_BE_IMPLICIT = frozenset("~nNtTfF-+.0123456789")


def _int(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


def _float(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(text)


def _bool(text: str) -> bool:
    return text.lower() == "true"


_SCALARS = {
    TAG_PREFIX + "str": str,
    TAG_PREFIX + "int": _int,
    TAG_PREFIX + "float": _float,
    TAG_PREFIX + "bool": _bool,
    TAG_PREFIX + "null": lambda text: None,
}


def yaml_problem(text: str, error: yaml.YAMLError) -> YamlProblem:
    """A YAML library error as a YamlProblem with a 1-based position."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "not valid YAML"
        if error.context and error.problem:
            message = f"{error.problem} ({error.context})"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return YamlProblem(f"YAML syntax error: {message}", line, column)
    if isinstance(error, yaml.reader.ReaderError):
        line, column = position_of_index(text, error.position)
        return YamlProblem(
            f"character {error.character!r} (U+{ord(error.character):04X}) is not allowed in YAML", line, column
        )
    return YamlProblem(f"YAML error: {error}")  # pragma: no cover - every libyaml error is one of the above


def position_of_index(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


_NULLS = {"": None, "~": None, "null": None, "Null": None, "NULL": None}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NUMBER_START = frozenset("-+.0123456789")


def _plain(value: str) -> Any:
    """A plain scalar that may not be text, by the YAML 1.2 core schema (null, bool, int, float, else text)."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[0] in _NUMBER_START:
        for tag, pattern in IMPLICIT[2:]:
            if pattern.match(value):
                return _SCALARS[tag](value)
    return value


_COLLECTION_TAGS = {None, "!", SEQ_TAG, MAP_TAG}
_SCALAR_TAGS = {"!": str, **_SCALARS}


class _EventReader:
    """Builds YMap/YList/scalars straight from libyaml's parser events, refusing what would make the data unsafe.

    Building from events skips PyYAML's node graph (and its tag resolution in Python for every node): on
    the 4,001-file bench catalog it reads in 0.50 s what composing and walking nodes did in 0.96 s.
    Every value built, and every value an alias repeats, counts against a budget proportional to the
    text's length: without aliases a file cannot hold more values than characters, so only alias
    expansion ("billion laughs") can exhaust it. An anchor is known only once its node is complete, so an
    alias inside its own anchor (a recursive alias) is caught as such. The loop is written out flat:
    it runs once for every value of every file.
    """

    def __init__(self, text: str) -> None:
        self.budget = max(MIN_EXPANSION_BUDGET, EXPANSION_FACTOR * len(text))
        self.anchors: dict[str, tuple[Any, int]] = {}
        """Per anchor: its value and what repeating it costs (its own size, aliases within included)."""
        self.open_anchors: set[str] = set()

    def read(self, next_event: Any) -> Any:
        next_event()  # StreamStart
        if isinstance(next_event(), yaml.StreamEndEvent):
            return None
        value = self.document(next_event)
        event = next_event()
        if isinstance(event, yaml.DocumentStartEvent):
            mark = event.start_mark
            raise YamlProblem("expected a single YAML document, but found another", mark.line + 1, mark.column + 1)
        return value

    def document(self, next_event: Any) -> Any:  # noqa: C901 - one flat loop, see the class docstring
        """The value of one document, its DocumentEnd consumed."""
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, mapping_end, sequence_end = yaml.MappingStartEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent
        may_be_implicit = MAY_BE_IMPLICIT
        stack: list[tuple[Any, Any, tuple[int, int] | None, str | None, int]] = []
        container: Any = None
        is_map = False
        key: Any = None
        key_position: tuple[int, int] | None = None
        anchor: str | None = None
        spent = spent_at_start = 0
        while True:
            event = next_event()
            kind = event.__class__
            if kind is mapping_end or kind is sequence_end:
                value = container
                if anchor is not None:
                    self.anchors[anchor] = (value, spent - spent_at_start)
                    self.open_anchors.discard(anchor)
                container, key, key_position, anchor, spent_at_start = stack.pop()
                if container is None:  # the document's root is complete
                    next_event()  # DocumentEnd
                    return value
                is_map = container.__class__ is YMap
                key = None
                continue
            mark = event.start_mark
            position = (mark.line + 1, mark.column + 1)
            if kind is scalar_event:
                spent += 1
                value = event.value
                if event.tag is not None:
                    value = self.tagged(event)
                elif event.implicit[0] and (not value or value[0] in may_be_implicit):
                    value = _plain(value)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is alias_event:
                if event.anchor in self.open_anchors:
                    raise YamlProblem("a recursive alias (an anchor used inside itself)", *position)
                if event.anchor not in self.anchors:
                    raise YamlProblem(f"alias *{event.anchor} names no anchor", *position)
                value, cost = self.anchors[event.anchor]
                spent += cost
                if spent > self.budget:
                    raise YamlProblem(
                        "aliases expand this file far beyond its own size (an alias bomb?); "
                        "write the values out instead of using anchors",
                        *position,
                    )
            elif kind is yaml.DocumentEndEvent:  # an empty document: `---` alone
                return None
            else:  # a mapping or sequence starts
                if event.tag not in _COLLECTION_TAGS:
                    raise YamlProblem(f"tag {event.tag!r} is not allowed in a catalog", *position)
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", *position)
                if is_map and key is None:
                    raise YamlProblem("a mapping key must be a scalar", *position)
                spent += 1
                new: Any = YMap(*position) if kind is mapping_start else YList(*position)
                if is_map:
                    container[key] = new
                    container.key_pos[key] = key_position
                    container.value_pos[key] = position
                elif container is not None:
                    container.append(new)
                    container.item_pos.append(position)
                stack.append((container, key, key_position, anchor, spent_at_start))
                container, is_map, key, key_position = new, kind is mapping_start, None, None
                anchor, spent_at_start = event.anchor, spent
                if anchor is not None:
                    self.open_anchors.add(anchor)
                continue
            if is_map:
                if key is None:
                    if value.__class__ is YMap or value.__class__ is YList:
                        raise YamlProblem("a mapping key must be a scalar", *position)
                    if value in container:
                        raise YamlProblem(
                            f"duplicate key {value!r} (first given on line {container.key_pos[value][0]})", *position
                        )
                    key, key_position = value, position
                    continue
                container[key] = value
                container.key_pos[key] = key_position
                container.value_pos[key] = position
                key = None
            elif container is not None:
                container.append(value)
                container.item_pos.append(position)
            else:  # the whole document is one scalar
                next_event()  # DocumentEnd
                return value

    @staticmethod
    def tagged(event: Any) -> Any:
        """A scalar with an explicit tag: only the core schema's tags (and `!`) are allowed."""
        construct = _SCALAR_TAGS.get(event.tag)
        mark = event.start_mark
        if construct is None:
            raise YamlProblem(f"tag {event.tag!r} is not allowed in a catalog", mark.line + 1, mark.column + 1)
        try:
            return construct(event.value)
        except ValueError:
            raise YamlProblem(f"{event.value!r} is not a valid {event.tag}", mark.line + 1, mark.column + 1) from None


def load(text: str) -> Any:
    """The data of one YAML document, as YMap/YList/scalars with positions; raises YamlProblem."""
    parser = Parser(text)
    try:
        return _EventReader(text).read(parser.get_event)
    except yaml.YAMLError as error:
        raise yaml_problem(text, error) from None
