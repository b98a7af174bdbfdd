"""Every YAML setting of svcmap: the fast positional reader, and (for fmt) the round-trip writer.

Reading uses PyYAML's libyaml composer, which gives every node its line and column at C speed; we
construct plain Python values ourselves, because that is where a catalog file can hurt us: duplicate
keys, alias bombs, recursive aliases, absurd nesting and unknown tags are all caught here. Scalars
resolve by the YAML 1.2 core schema (as ruamel.yaml, our writer, does), so `no` stays a string.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

try:  # libyaml is what makes reading fast; the pure-Python loader is the same parser, slower.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 64
"""Nesting deeper than this is no catalog; it is refused before anything walks it."""

MIN_EXPANSION_BUDGET = 10_000
EXPANSION_FACTOR = 2
"""Aliases may make the loaded data at most this many nodes per character of text (or the minimum)."""

_TAG = "tag:yaml.org,2002:"


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


_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_IMPLICIT = (
    (_TAG + "null", re.compile(r"(?:~|null|Null|NULL|)\Z")),
    (_TAG + "bool", re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")),
    (_TAG + "int", re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")),
    (
        _TAG + "float",
        re.compile(
            r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
        ),
    ),
)
_MAY_BE_IMPLICIT = frozenset("~nNtTfF-+.0123456789")


class _Core12Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """libyaml's composer with YAML 1.2 core-schema tag resolution instead of YAML 1.1's.

    PyYAML resolves every plain scalar in Python through a table of regular expressions; most catalog
    scalars are names and ids that no implicit tag can match, which the first character tells.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and (not value or value[0] in _MAY_BE_IMPLICIT):
                for tag, pattern in _IMPLICIT:
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Path-dependent resolvers are not used; libyaml calls this for every node."""

    def ascend_resolver(self) -> None:
        """See descend_resolver."""


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
    _TAG + "str": str,
    _TAG + "int": _int,
    _TAG + "float": _float,
    _TAG + "bool": _bool,
    _TAG + "null": lambda text: None,
}


def compose(text: str) -> yaml.Node | None:
    """Parse text into libyaml's node graph, or raise YamlProblem with the position of the fault."""
    try:
        return yaml.compose(text, Loader=_Core12Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "not valid YAML"
        if error.context and error.problem:
            message = f"{error.problem} ({error.context})"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlProblem(f"YAML syntax error: {message}", line, column) from None
    except yaml.reader.ReaderError as error:
        line, column = position_of_index(text, error.position)
        raise YamlProblem(
            f"character {error.character!r} (U+{ord(error.character):04X}) is not allowed in YAML",
            line,
            column,
        ) from None
    except yaml.YAMLError as error:  # pragma: no cover - every libyaml error is one of the above
        raise YamlProblem(f"YAML error: {error}") from None


def position_of_index(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _has_cycle(root: yaml.Node) -> bool:
    """Whether an alias points back into its own anchor; iterative depth-first search with colours."""
    on_path: set[int] = set()
    done: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            on_path.discard(id(node))
            done.add(id(node))
            continue
        if id(node) in on_path:
            return True
        if id(node) in done:
            continue
        on_path.add(id(node))
        stack.append((node, True))
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, False) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, False) for child in node.value)
    return False


class _Builder:
    """Turns a node graph into YMap/YList/scalars, refusing what would make walking it unsafe.

    Every node built costs one unit of a budget proportional to the text's length: without aliases a
    file cannot hold more nodes than characters, so only alias expansion can exhaust it.
    """

    def __init__(self, root: yaml.Node, budget: int) -> None:
        self.root = root
        self.budget = budget

    def refuse(self, node: yaml.Node, depth: int) -> YamlProblem:
        mark = node.start_mark
        if depth > MAX_DEPTH:
            if _has_cycle(self.root):
                return YamlProblem("a recursive alias (an anchor used inside itself)", mark.line + 1, mark.column + 1)
            return YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", mark.line + 1, mark.column + 1)
        return YamlProblem(
            "aliases expand this file far beyond its own size (an alias bomb?); "
            "write the values out instead of using anchors",
            mark.line + 1,
            mark.column + 1,
        )

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0 or depth > MAX_DEPTH:
            raise self.refuse(node, depth)
        kind = node.__class__
        if kind is yaml.ScalarNode:
            return node.value if node.tag == _STR else self.scalar(node)
        mark = node.start_mark
        if kind is yaml.SequenceNode:
            self.check_tag(node, _SEQ)
            items = YList(mark.line + 1, mark.column + 1)
            positions = items.item_pos
            for child in node.value:
                child_mark = child.start_mark
                items.append(self.build(child, depth + 1))
                positions.append((child_mark.line + 1, child_mark.column + 1))
            return items
        self.check_tag(node, _MAP)
        mapping = YMap(mark.line + 1, mark.column + 1)
        key_pos, value_pos = mapping.key_pos, mapping.value_pos
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            if key_node.__class__ is not yaml.ScalarNode:
                raise YamlProblem("a mapping key must be a scalar", key_mark.line + 1, key_mark.column + 1)
            key = self.build(key_node, depth + 1)
            if key in mapping:
                raise YamlProblem(
                    f"duplicate key {key!r} (first given on line {key_pos[key][0]})",
                    key_mark.line + 1,
                    key_mark.column + 1,
                )
            value_mark = value_node.start_mark
            mapping[key] = self.build(value_node, depth + 1)
            key_pos[key] = (key_mark.line + 1, key_mark.column + 1)
            value_pos[key] = (value_mark.line + 1, value_mark.column + 1)
        return mapping

    def scalar(self, node: yaml.ScalarNode) -> Any:
        construct = _SCALARS.get(node.tag)
        mark = node.start_mark
        if construct is None:
            raise YamlProblem(f"tag {node.tag!r} is not allowed in a catalog", mark.line + 1, mark.column + 1)
        try:
            return construct(node.value)
        except ValueError:
            raise YamlProblem(f"{node.value!r} is not a valid {node.tag}", mark.line + 1, mark.column + 1) from None

    @staticmethod
    def check_tag(node: yaml.Node, tag: str) -> None:
        if node.tag != tag:
            mark = node.start_mark
            raise YamlProblem(f"tag {node.tag!r} is not allowed in a catalog", mark.line + 1, mark.column + 1)


def load(text: str) -> Any:
    """The data of one YAML document, as YMap/YList/scalars with positions; raises YamlProblem."""
    root = compose(text)
    if root is None:
        return None
    return _Builder(root, max(MIN_EXPANSION_BUDGET, EXPANSION_FACTOR * len(text))).build(root, 0)
