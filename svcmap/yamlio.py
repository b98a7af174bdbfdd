"""Every YAML setting of svcmap: the fast positional reader, and (for fmt) the round-trip writer.

Reading uses PyYAML's libyaml composer, which gives every node its line and column at C speed; we
construct plain Python values ourselves, because that is where a catalog file can hurt us: duplicate
keys, alias bombs, recursive aliases, absurd nesting and unknown tags are all caught here. Scalars
resolve by the YAML 1.2 core schema (as ruamel.yaml, our writer, does), so `no` stays a string.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
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


# --- the round-trip writer (svcmap fmt) ----------------------------------------------------------------
#
# `svcmap fmt` reads a file with the reader above (libyaml: the same parser as validate, and fast),
# builds ruamel.yaml's round-trip tree from its nodes in canonical order, and writes it with the
# settings below. Block scalars keep their style (`|`, `>`), numbers their spelling (`Number`).
# Comments are placed by svcmap.canonical, which finds them with `comments()`; ruamel.yaml's own
# comment attachment cannot follow keys that change places. ruamel.yaml is imported only here and
# only when fmt runs: validate never pays for it.

ROUNDTRIP_WIDTH = 1_000_000
"""Long enough that no sentence is ever re-wrapped: a long Dutch name stays on its one line."""

BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""The line breaks of libyaml's scanner, so that line numbers here agree with its marks."""

_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")


def _core12_tag(value: str) -> str:
    """The tag svcmap's reader gives a plain scalar; the writer must agree, or fmt would change data."""
    if value and value[0] not in _MAY_BE_IMPLICIT:
        return _STR
    for tag, pattern in _IMPLICIT:
        if pattern.match(value):
            return tag
    return _STR


@functools.cache
def _roundtrip_classes() -> tuple[type, type, type]:
    """ruamel.yaml's resolver, emitter and representer, adapted to svcmap's scalars and quoting."""
    from ruamel.yaml.emitter import RoundTripEmitter
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.representer import RoundTripRepresenter
    from ruamel.yaml.resolver import BaseResolver
    from ruamel.yaml.tag import Tag

    class Core12Resolver(BaseResolver):  # type: ignore[misc]
        """Resolves plain scalars exactly as `load()` does: `1_000`, `.5e3`, `2024-01-01` and `<<` agree.

        ruamel.yaml's YAML 1.2 rules differ in such corners (underscores in numbers, timestamps, merge
        keys); a string that it would write unquoted but svcmap would read as a number is data lost.
        """

        def __init__(self, version: Any = None, loader: Any = None, loadumper: Any = None) -> None:
            super().__init__(loader if loader is not None else loadumper)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and implicit[0]:
                return Tag(suffix=_core12_tag(value))
            return super().resolve(kind, value, implicit)

        @property
        def processing_version(self) -> tuple[int, int]:
            return (1, 2)

    class DoubleQuotingEmitter(RoundTripEmitter):  # type: ignore[misc]
        """Quotes, where quotes are needed, with `"`: the style of JSON and of the SPEC's examples.

        "Needed" is judged by both parsers: ruamel.yaml (YAML 1.2) would write `:0` or `?x` plain,
        which libyaml, svcmap's reader, refuses or reads otherwise.
        """

        def choose_scalar_style(self) -> Any:
            style = super().choose_scalar_style()
            if style == "" and self.event.implicit[0] and _core12_tag(self.event.value) == _STR:
                analysis = _libyaml_analyser().analyze_scalar(self.event.value)
                if not (analysis.allow_flow_plain if self.flow_level else analysis.allow_block_plain):
                    return '"'
            return '"' if style == "'" else style

    class VerbatimRepresenter(RoundTripRepresenter):  # type: ignore[misc]
        """Writes a `Number` as it was spelt: `1.50`, `0o17` and `007` stay as the author wrote them."""

        def represent_number(self, data: Number) -> Any:
            return self.represent_scalar(data.tag, data.text)

    VerbatimRepresenter.add_representer(Number, VerbatimRepresenter.represent_number)
    return Core12Resolver, DoubleQuotingEmitter, VerbatimRepresenter


@dataclass(frozen=True, slots=True)
class Number:
    """A plain int or float scalar as written; it reads back as the same number because it is the same text."""

    tag: str
    text: str


@functools.cache
def _libyaml_analyser() -> yaml.emitter.Emitter:
    """PyYAML's emitter, asked only where a plain scalar is safe for libyaml."""
    import io

    return yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)


def roundtrip() -> Any:
    """A ruamel.yaml round-trip YAML object with svcmap's canonical layout settings.

    - mappings indented by 2; a sequence's `- ` indented by 2 under its key, its content by 4:
      `steps:` / `  - id: a` / `    name: A`;
    - no line wrapping (`ROUNDTRIP_WIDTH`), no `---`, UTF-8 text written as is (`é`, not `\\xe9`);
    - quotes only where a plain scalar would read differently, and then double quotes;
    - plain scalars resolved as `load()` resolves them (YAML 1.2 core schema, nothing more).
    """
    from ruamel.yaml import YAML

    resolver, emitter, representer = _roundtrip_classes()
    writer = YAML(typ="rt")
    writer.Resolver = resolver
    writer.Emitter = emitter
    writer.Representer = representer
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.width = ROUNDTRIP_WIDTH
    writer.preserve_quotes = False
    writer.explicit_start = False
    writer.allow_unicode = True
    return writer


def split_lines(text: str) -> list[str]:
    """The lines of a text as libyaml counts them (a line `n` here is mark line `n - 1`)."""
    return BREAKS.split(text)


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment of a YAML text: 1-based line and column of its `#`, its text, and whether it has a line of its own."""

    line: int
    column: int
    text: str
    own_line: bool


def comments(text: str) -> tuple[list[Comment], list[int]]:
    """The comments of a readable YAML text, and its blank lines (1-based; not those inside a scalar).

    A `#` is a comment only where no token stands: libyaml's scanner gives every token's span, and
    what lies between tokens is whitespace or a comment. Block scalars need care: the comment after
    `|` is inside their span, and the blank lines that end a clipped or stripped one are layout.
    """
    lines = split_lines(text)
    covered: dict[int, int] = {}
    inside: set[int] = set()
    for token in yaml.scan(text, Loader=_BaseLoader):
        start, end = token.start_mark, token.end_mark
        if start.index == end.index:
            continue
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            header = _BLOCK_HEADER.match(lines[start.line], start.column)
            covered[start.line] = max(covered.get(start.line, 0), header.end() if header else len(lines[start.line]))
            last = end.line - 1 if end.column == 0 else end.line
            body = list(range(start.line + 1, min(last, len(lines) - 1) + 1))
            if not (header and "+" in header.group()):
                while body and not lines[body[-1]].strip(" \t"):
                    body.pop()
            inside.update(body)
            continue
        if end.line > start.line:
            covered[start.line] = len(lines[start.line])
            inside.update(range(start.line + 1, end.line))
        covered[end.line] = max(covered.get(end.line, 0), end.column)
    found: list[Comment] = []
    blank: list[int] = []
    for index, line in enumerate(lines):
        if index in inside:
            continue
        start_column = covered.get(index, 0)
        rest = line[start_column:].lstrip(" \t")
        if not rest:
            if index not in covered and index < len(lines) - 1:
                blank.append(index + 1)
            continue
        if rest.startswith("#"):
            column = len(line) - len(rest)
            found.append(Comment(index + 1, column + 1, rest.rstrip(" \t"), index not in covered))
    return found, blank


def anchor_names(text: str) -> dict[int, str]:
    """The anchors of a text (`&name`), by the character offset where the anchored node starts."""
    if "&" not in text:
        return {}
    return {
        token.start_mark.index: token.value
        for token in yaml.scan(text, Loader=_BaseLoader)
        if isinstance(token, yaml.AnchorToken)
    }
