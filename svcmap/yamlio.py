"""Every YAML setting of svcmap: the fast positional reader, and (for fmt) the round-trip writer.

Reading takes libyaml's parser events, which carry every value's line and column, and builds plain
Python values from them ourselves, because that is where a catalog file can hurt us: duplicate keys,
alias bombs, recursive aliases, absurd nesting and unknown tags are all caught here. (fmt also needs
libyaml's node graph, `compose`, to keep each scalar's style.) Scalars
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
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

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
            return _core12_tag(value) if implicit[0] else _STR
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
    """Parse text into libyaml's node graph (fmt needs nodes), or raise YamlProblem with the fault's position."""
    try:
        return yaml.compose(text, Loader=_Core12Loader)
    except yaml.YAMLError as error:
        raise _problem(text, error) from None


def _problem(text: str, error: yaml.YAMLError) -> YamlProblem:
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
        for tag, pattern in _IMPLICIT[2:]:
            if pattern.match(value):
                return _SCALARS[tag](value)
    return value


_COLLECTION_TAGS = {None, "!", _SEQ, _MAP}
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
        may_be_implicit = _MAY_BE_IMPLICIT
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
    parser = _Parser(text)
    try:
        return _EventReader(text).read(parser.get_event)
    except yaml.YAMLError as error:
        raise _problem(text, error) from None


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


_YAML11 = yaml.resolver.Resolver()


def _yaml11_tag(value: str) -> str:
    """The tag a YAML 1.1 reader (PyYAML's safe loader, much of the tooling around a catalog) gives a plain scalar."""
    return str(_YAML11.resolve(yaml.ScalarNode, value, (True, False)))


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
                if _yaml11_tag(self.event.value) != _STR:
                    return '"'  # `yes`, `off`, `<<`, `=`: YAML 1.1 readers (PyYAML) would not read a string
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
