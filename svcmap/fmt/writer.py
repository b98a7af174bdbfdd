"""fmt's YAML: libyaml's node graph (scalar styles kept), comments found by the scanner, and the one
round-trip writer with every ruamel.yaml setting of svcmap.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import yaml

from svcmap.catalog.reader import IMPLICIT, MAP_TAG, MAY_BE_IMPLICIT, SEQ_TAG, STR_TAG, BaseLoader, yaml_problem


class _Core12Loader(BaseLoader):  # type: ignore[misc,valid-type]
    """libyaml's composer with YAML 1.2 core-schema tag resolution instead of YAML 1.1's.

    PyYAML resolves every plain scalar in Python through a table of regular expressions; most catalog
    scalars are names and ids that no implicit tag can match, which the first character tells.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            return _core12_tag(value) if implicit[0] else STR_TAG
        return SEQ_TAG if kind is yaml.SequenceNode else MAP_TAG

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Path-dependent resolvers are not used; libyaml calls this for every node."""

    def ascend_resolver(self) -> None:
        """See descend_resolver."""


def compose(text: str) -> yaml.Node | None:
    """Parse text into libyaml's node graph (fmt needs nodes), or raise YamlProblem with the fault's position."""
    try:
        return yaml.compose(text, Loader=_Core12Loader)
    except yaml.YAMLError as error:
        raise yaml_problem(text, error) from None


# --- the round-trip writer (svcmap fmt) ----------------------------------------------------------------
#
# `svcmap fmt` reads a file with the reader above (libyaml: the same parser as validate, and fast),
# builds ruamel.yaml's round-trip tree from its nodes in canonical order, and writes it with the
# settings below. Block scalars keep their style (`|`, `>`), numbers their spelling (`Number`).
# Comments are placed by svcmap.fmt.canonical, which finds them with `comments()`; ruamel.yaml's own
# comment attachment cannot follow keys that change places. ruamel.yaml is imported only here and
# only when fmt runs: validate never pays for it.

ROUNDTRIP_WIDTH = 1_000_000
"""Long enough that no sentence is ever re-wrapped: a long Dutch name stays on its one line."""

BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""The line breaks of libyaml's scanner, so that line numbers here agree with its marks."""

BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")


def _core12_tag(value: str) -> str:
    """The tag svcmap's reader gives a plain scalar; the writer must agree, or fmt would change data."""
    if value and value[0] not in MAY_BE_IMPLICIT:
        return STR_TAG
    for tag, pattern in IMPLICIT:
        if pattern.match(value):
            return tag
    return STR_TAG


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
            if style == "" and self.event.implicit[0] and _core12_tag(self.event.value) == STR_TAG:
                if _yaml11_tag(self.event.value) != STR_TAG:
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
    if "#" not in text and all(line.strip(" \t") for line in lines[:-1]):
        return [], []  # nothing that could be a comment, and no line that could be blank
    covered: dict[int, int] = {}
    inside: set[int] = set()
    for token in yaml.scan(text, Loader=BaseLoader):
        start, end = token.start_mark, token.end_mark
        if start.index == end.index:
            continue
        if isinstance(token, yaml.ScalarToken) and token.style in ("|", ">"):
            header = BLOCK_HEADER.match(lines[start.line], start.column)
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
        for token in yaml.scan(text, Loader=BaseLoader)
        if isinstance(token, yaml.AnchorToken)
    }


_SAFE_IN_BLOCK = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 _.,()/'-]*[A-Za-z0-9_.)'])?\Z")
_SAFE_IN_FLOW = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 _.()/'-]*[A-Za-z0-9_.)'])?\Z")
"""Plain scalars every emitter writes as they are, if no reader resolves them to another type."""


_YAML11_FIRSTS = frozenset(first for first in _YAML11.yaml_implicit_resolvers if first)
"""The first characters of the plain scalars a YAML 1.1 reader may resolve to something other than text."""


def _plain_reads_as_text(value: str) -> bool:
    """Whether svcmap's reader and a YAML 1.1 reader both read a plain (non-empty) scalar as a string."""
    first = value[0]
    if first in MAY_BE_IMPLICIT and _core12_tag(value) != STR_TAG:
        return False
    return first not in _YAML11_FIRSTS or _yaml11_tag(value) == STR_TAG


class ScalarStyles:
    """How the round-trip writer would write a scalar, asked of ruamel.yaml's own emitter without emitting.

    svcmap.fmt.emitter writes the canonical text itself; for each scalar it needs the very choice the
    writer above makes (plain or double-quoted), so it asks the same emitter class's
    `choose_scalar_style`, with the same resolver's tags. Answers are kept per (value, tag, context):
    a catalog repeats its unit ids, channels and offices in every file.
    """

    def __init__(self) -> None:
        from ruamel.yaml.events import ScalarEvent
        from ruamel.yaml.nodes import ScalarNode
        from ruamel.yaml.tag import Tag

        dumper = roundtrip()
        self._resolver = dumper.resolver
        self._emitter = dumper.emitter
        self._event = ScalarEvent
        self._node = ScalarNode
        self._tag = Tag
        self._known: dict[tuple[str, str, bool, bool], str] = {}

    def style(self, value: str, tag: str, flow: bool, key: bool) -> str:
        """ "" for plain, '"' for double quotes, anything else for a style fmt's own emitter does not write."""
        if tag == STR_TAG and (_SAFE_IN_FLOW if flow else _SAFE_IN_BLOCK).match(value) and _plain_reads_as_text(value):
            return ""  # most names: no indicator, no `: ` or ` #`, nothing a YAML reader takes for a non-string
        asked = (value, tag, flow, key)
        known = self._known.get(asked)
        if known is None:
            known = self._known[asked] = self._choose(value, tag, flow, key)
        return known

    def _choose(self, value: str, tag: str, flow: bool, key: bool) -> str:
        ctag = self._tag(suffix=tag)
        detected = self._resolver.resolve(self._node, value, (True, False))
        default = self._resolver.resolve(self._node, value, (False, True))
        implicit = (ctag == detected, ctag == default, tag.startswith("tag:yaml.org,2002:"))
        if not (implicit[0] or implicit[1]):
            return "!"  # the writer would add an explicit tag
        emitter = self._emitter
        emitter.event = self._event(None, ctag, implicit, value)
        emitter.analysis = None
        emitter.flow_context = [None] if flow else []
        emitter.simple_key_context = key
        style = emitter.choose_scalar_style()
        if key and (style not in ("", '"') or not emitter.analysis or emitter.analysis.multiline):
            return "?"
        return str(style)


DOUBLE_QUOTE_ESCAPES = {
    "\0": "0",
    "\x07": "a",
    "\x08": "b",
    "\x09": "t",
    "\x0a": "n",
    "\x0b": "v",
    "\x0c": "f",
    "\x0d": "r",
    "\x1b": "e",
    '"': '"',
    "\\": "\\",
    "\x85": "N",
    "\xa0": "_",
    "\u2028": "L",
    "\u2029": "P",
}
"""ruamel.yaml's escapes in a double-quoted scalar (Emitter.ESCAPE_REPLACEMENTS)."""


def _verbatim(character: str) -> bool:
    """Whether the writer (allow_unicode) puts a character between double quotes as it is."""
    if character in '"\\\x85\u2028\u2029\ufeff':
        return False
    return (
        "\x20" <= character <= "\x7e"
        or "\xa0" <= character <= "\ud7ff"
        or "\ue000" <= character <= "\ufffd"
        or "\U00010000" <= character <= "\U0010ffff"
    )


def double_quoted(value: str) -> str:
    """A scalar between double quotes exactly as the writer puts it on one line (it never wraps: ROUNDTRIP_WIDTH)."""
    parts = ['"']
    for character in value:
        if _verbatim(character):
            parts.append(character)
        elif character in DOUBLE_QUOTE_ESCAPES:
            parts.append("\\" + DOUBLE_QUOTE_ESCAPES[character])
        elif character <= "\xff":
            parts.append(f"\\x{ord(character):02X}")
        elif character <= "\uffff":
            parts.append(f"\\u{ord(character):04X}")
        else:
            parts.append(f"\\U{ord(character):08X}")
    parts.append('"')
    return "".join(parts)


def alias_lines(text: str) -> list[int]:
    """The 0-based line of every alias (`*name`) of a text, in document order."""
    if "&" not in text:
        return []
    return [token.start_mark.line for token in yaml.scan(text, Loader=BaseLoader) if isinstance(token, yaml.AliasToken)]
