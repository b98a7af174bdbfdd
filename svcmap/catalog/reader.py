"""The fast positional YAML reader: libyaml's parser events → plain values with line and column.

Reading takes libyaml's parser events, which carry every value's line and column, and builds plain
Python values from them ourselves, because that is where a catalog file can hurt us: duplicate keys,
alias bombs, recursive aliases, absurd nesting and unknown tags are all caught here. Scalars resolve by
the YAML 1.2 core schema (as ruamel.yaml, fmt's writer, does), so `no` stays a string.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

from svcmap.i18n import N_, _

try:  # libyaml is what makes reading fast; the pure-Python loader is the same parser, slower.
    from yaml import CSafeLoader as BaseLoader  # noqa: F401 - fmt's writer composes with it
    from yaml._yaml import CParser as Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as Parser  # type: ignore[assignment]

MAX_DEPTH = 64
"""Nesting deeper than this is no catalog; it is refused before anything walks it."""

MIN_EXPANSION_BUDGET = 10_000
CHARACTERS_PER_REPEATED_VALUE = 16
"""Aliases may repeat at most one value per this many characters of text, and MIN_EXPANSION_BUDGET at least.

Every consumer of the data expands what an alias shares (the schema check copies it into Rust, the
model and fmt walk it), so a repeated value costs what a written one does. Written out, a value (a
key counts as one) takes 2 characters at the very least (`[a,a,a]`), 10.5 in the bench catalog and
14-16 in the example catalog. At one repeated value per 16 characters, aliases can at most double
what a typical file of that size holds, and add only an eighth to the densest file without aliases
(so the 4 MiB limit on a file still bounds the work); the anchors of a real catalog (a list of
channels, a step repeated a few times) repeat tens of values, far inside the 10,000 any file may.
Before, with 2 values per character, 900,000 aliases of one step (3.6 MB) passed and cost validate
12 s and 770 MB; now the reader refuses them 32,000 aliases in.
"""

TAG_PREFIX = "tag:yaml.org,2002:"


class YamlProblem(Exception):
    """A file is not readable YAML; `line` and `column` are 1-based."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


NON_TEXT_KEY = "key"
NON_FINITE_NUMBER = "number"


@dataclass(frozen=True, slots=True)
class Doubt:
    """A key or value the data cannot carry as it stands, found while reading; schema.check reports it (SVC002).

    JSON Schema (and so the schemas, the editors and jsonschema-rs) knows only text keys, and no
    infinite or not-a-number values: a key like `1`, `true` or `~` is kept out of the data altogether
    (jsonschema-rs would refuse the whole file), and `.inf` or `.nan` stays in it but is noted here,
    since no schema keyword can refuse it.
    """

    kind: str
    """NON_TEXT_KEY or NON_FINITE_NUMBER."""
    path: tuple[Any, ...]
    """The value's path in the data; for a key, its mapping's path and the key itself."""
    line: int
    column: int
    value: Any
    """The key or number as read (an int, a bool, None, a float)."""
    text: str
    """As written in the file (`0x10`, `~`, `*anchor`, or empty for an empty key)."""


class YMap(dict):  # type: ignore[type-arg]
    """A mapping that remembers where it and each of its keys and values stand in the file.

    `doubts` is filled on the document's root only: what the reader kept out of, or could not vouch
    for in, the whole document. It rides on the data so that every caller of `schema.check(kind, data)`
    reports it without having to pass it along.
    """

    __slots__ = ("line", "column", "key_pos", "value_pos", "doubts")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.key_pos: dict[Any, tuple[int, int]] = {}
        self.value_pos: dict[Any, tuple[int, int]] = {}
        self.doubts: tuple[Doubt, ...] = ()


class YList(list):  # type: ignore[type-arg]
    """A sequence that remembers where it and each of its items stand in the file (`doubts`: as for YMap)."""

    __slots__ = ("line", "column", "item_pos", "doubts")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.item_pos: list[tuple[int, int]] = []
        self.doubts: tuple[Doubt, ...] = ()


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
        problem, context = (_(text) if text else text for text in (error.problem, error.context))
        message = problem or context or _("not valid YAML")
        if context and problem:
            message = f"{problem} ({context})"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return YamlProblem(_("YAML syntax error: {message}").format(message=message), line, column)
    if isinstance(error, yaml.reader.ReaderError):
        # Both readers stop at the first character outside YAML's printable set and give its code point
        # (an int, where this code once expected a str), libyaml at a byte offset into its UTF-8 copy
        # of the text, PyYAML's own reader at a character offset: the character's first occurrence in
        # the text is where both point.
        character = error.character
        code = character if isinstance(character, int) else ord(character)
        index = text.find(chr(code))
        if index < 0:  # pragma: no cover - the character came from the text
            index = error.position
        line, column = position_of_index(text, index)
        return YamlProblem(_refused_character(code), line, column)
    return YamlProblem(
        _("YAML error: {error}").format(error=error)
    )  # pragma: no cover - every libyaml error is one of the above


LIBYAML_WORDS = (
    N_("block sequence entries are not allowed in this context"),
    N_("control characters are not allowed"),
    N_("could not find expected ':'"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected <document start>"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected hexdecimal number"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected whitespace"),
    N_("did not find expected whitespace or line break"),
    N_("did not find the expected '>'"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found an indentation indicator equal to 0"),
    N_("found character that cannot start any token"),
    N_("found duplicate anchor; first occurrence"),
    N_("second occurrence"),
    N_("found invalid Unicode character escape code"),
    N_("found undefined alias"),
    N_("found undefined tag handle"),
    N_("found unexpected ':'"),
    N_("found unexpected document indicator"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character"),
    N_("mapping keys are not allowed in this context"),
    N_("mapping values are not allowed in this context"),
    N_("while parsing a block collection"),
    N_("while parsing a block mapping"),
    N_("while parsing a block node"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow node"),
    N_("while parsing a flow sequence"),
    N_("while parsing a node"),
    N_("while parsing a tag"),
    N_("while scanning a block scalar"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"),
    N_("while scanning a tag"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("while scanning for the next token"),
)
"""libyaml's words for the syntax errors a catalog's writer meets, marked for translation: a syntax error's
problem and context are shown in the language in use where a translation exists, in libyaml's English
otherwise."""


def _refused_character(code: int) -> str:
    if code in (0xFFFE, 0xFFFF):
        return _("character U+{code:04X} (a noncharacter) is not allowed in YAML; remove it").format(code=code)
    return _("character U+{code:04X} (a control character) is not allowed in YAML; remove it").format(code=code)


def position_of_index(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset, counted as libyaml's marks are: without a byte-order mark."""
    if text.startswith("\ufeff") and index > 0:
        text, index = text[1:], index - 1
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


class _Mark:
    """What the reader holds where a mapping's key goes when it holds no key: never a value of a file.

    None was used for that once, but `~: x` has the key None: x became the key, and every later key
    of the mapping the value of the one before.
    """

    __slots__ = ()


_NO_KEY = _Mark()
"""The mapping's next scalar is its key."""
_DROPPED_KEY = _Mark()
"""The key just read was kept out of the data (see Doubt): the value that follows is read and left out."""


class _EventReader:
    """Builds YMap/YList/scalars straight from libyaml's parser events, refusing what would make the data unsafe.

    Building from events skips PyYAML's node graph (and its tag resolution in Python for every node): on
    the 4,001-file bench catalog it reads in 0.50 s what composing and walking nodes did in 0.96 s.
    Every value an alias repeats counts against a budget proportional to the text's length (see
    CHARACTERS_PER_REPEATED_VALUE), so only alias expansion ("billion laughs") can exhaust it. An anchor
    is known only once its node is complete, so an alias inside its own anchor (a recursive alias) is
    caught as such. Keys that are not text and numbers that are not finite are noted as Doubts, on
    branches a real catalog never takes. The loop is written out flat: it runs once for every value of
    every file.
    """

    def __init__(self, text: str) -> None:
        self.budget = max(MIN_EXPANSION_BUDGET, len(text) // CHARACTERS_PER_REPEATED_VALUE)
        self.anchors: dict[str, tuple[Any, int]] = {}
        """Per anchor: its value and what repeating it costs (its own size, aliases within included)."""
        self.open_anchors: set[str] = set()
        self.doubts: list[Doubt] = []

    def read(self, next_event: Any) -> Any:
        next_event()  # StreamStart
        if isinstance(next_event(), yaml.StreamEndEvent):
            return None
        value = self.document(next_event)
        event = next_event()
        if isinstance(event, yaml.DocumentStartEvent):
            mark = event.start_mark
            raise YamlProblem(_("expected a single YAML document, but found another"), mark.line + 1, mark.column + 1)
        if self.doubts and (value.__class__ is YMap or value.__class__ is YList):
            value.doubts = tuple(self.doubts)
        return value

    def document(self, next_event: Any) -> Any:  # noqa: C901 - one flat loop, see the class docstring
        """The value of one document, its DocumentEnd consumed."""
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, mapping_end, sequence_end = yaml.MappingStartEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent
        may_be_implicit = MAY_BE_IMPLICIT
        no_key, dropped_key = _NO_KEY, _DROPPED_KEY
        stack: list[tuple[Any, Any, tuple[int, int] | None, str | None, int]] = []
        container: Any = None
        is_map = False
        key: Any = no_key
        key_position: tuple[int, int] | None = None
        anchor: str | None = None
        repeated = 0  # values repeated by aliases so far, against the budget
        spent = spent_at_start = 0  # values built or repeated so far, and when the open collection began
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
                key = no_key
                continue
            mark = event.start_mark
            position = (mark.line + 1, mark.column + 1)
            if kind is scalar_event:
                spent += 1
                value = event.value
                if event.tag is not None:
                    value = self.tagged(event)
                    if value.__class__ is float and not math.isfinite(value):
                        self.non_finite(stack, container, is_map, key, value, event.value, position)
                elif event.implicit[0] and (not value or value[0] in may_be_implicit):
                    value = _plain(value)
                    if value.__class__ is float and not math.isfinite(value):
                        self.non_finite(stack, container, is_map, key, value, event.value, position)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is alias_event:
                if event.anchor in self.open_anchors:
                    raise YamlProblem(_("a recursive alias (an anchor used inside itself)"), *position)
                if event.anchor not in self.anchors:
                    raise YamlProblem(_("alias *{anchor} names no anchor").format(anchor=event.anchor), *position)
                value, cost = self.anchors[event.anchor]
                spent += cost
                repeated += cost
                if repeated > self.budget:
                    raise YamlProblem(
                        _(
                            "aliases expand this file far beyond its own size (an alias bomb?); "
                            "write the values out instead of using anchors"
                        ),
                        *position,
                    )
                if value.__class__ is float and not math.isfinite(value):
                    self.non_finite(stack, container, is_map, key, value, f"*{event.anchor}", position)
            elif kind is yaml.DocumentEndEvent:  # an empty document: `---` alone
                return None
            else:  # a mapping or sequence starts
                if event.tag not in _COLLECTION_TAGS:
                    raise YamlProblem(_("tag {tag!r} is not allowed in a catalog").format(tag=event.tag), *position)
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(_("nesting deeper than {depth} levels").format(depth=MAX_DEPTH), *position)
                if is_map and key is no_key:
                    raise YamlProblem(_("a mapping key must be a scalar"), *position)
                spent += 1
                new: Any = YMap(*position) if kind is mapping_start else YList(*position)
                if is_map:
                    if key is not dropped_key:
                        container[key] = new
                        container.key_pos[key] = key_position
                        container.value_pos[key] = position
                elif container is not None:
                    container.append(new)
                    container.item_pos.append(position)
                stack.append((container, key, key_position, anchor, spent_at_start))
                container, is_map, key, key_position = new, kind is mapping_start, no_key, None
                anchor, spent_at_start = event.anchor, spent
                if anchor is not None:
                    self.open_anchors.add(anchor)
                continue
            if is_map:
                if key is no_key:
                    if value.__class__ is not str:
                        if value.__class__ is YMap or value.__class__ is YList:
                            raise YamlProblem(_("a mapping key must be a scalar"), *position)
                        text = event.value if kind is scalar_event else f"*{event.anchor}"
                        self.non_text_key(stack, value, text, position)
                        key = dropped_key
                        continue
                    if value in container:
                        raise YamlProblem(
                            _("duplicate key {key!r} (first given on line {line})").format(
                                key=value, line=container.key_pos[value][0]
                            ),
                            *position,
                        )
                    key, key_position = value, position
                    continue
                if key is not dropped_key:
                    container[key] = value
                    container.key_pos[key] = key_position
                    container.value_pos[key] = position
                key = no_key
            elif container is not None:
                container.append(value)
                container.item_pos.append(position)
            else:  # the whole document is one scalar
                next_event()  # DocumentEnd
                return value

    def non_text_key(self, stack: list[Any], key: Any, text: str, position: tuple[int, int]) -> None:
        """Note a key that is not text, of the mapping being read (the reader leaves it and its value out)."""
        path = _open_path(stack)
        if path is not None:
            self.doubts.append(Doubt(NON_TEXT_KEY, (*path, key), *position, key, text))

    def non_finite(  # noqa: PLR0913 - the reader's state at this value, passed as it stands
        self,
        stack: list[Any],
        container: Any,
        is_map: bool,
        key: Any,
        value: float,
        text: str,
        position: tuple[int, int],
    ) -> None:
        """Note an infinite or not-a-number value; as a key it is noted as a key that is not text instead."""
        if is_map and key is _NO_KEY:
            return
        path = _open_path(stack)
        if path is None or key is _DROPPED_KEY:
            return
        if container is not None:
            path = (*path, key if is_map else len(container))
        self.doubts.append(Doubt(NON_FINITE_NUMBER, path, *position, value, text))

    @staticmethod
    def tagged(event: Any) -> Any:
        """A scalar with an explicit tag: only the core schema's tags (and `!`) are allowed."""
        construct = _SCALAR_TAGS.get(event.tag)
        mark = event.start_mark
        if construct is None:
            message = _("tag {tag!r} is not allowed in a catalog").format(tag=event.tag)
            raise YamlProblem(message, mark.line + 1, mark.column + 1)
        try:
            return construct(event.value)
        except ValueError:
            message = _("{value!r} is not a valid {tag}").format(value=event.value, tag=event.tag)
            raise YamlProblem(message, mark.line + 1, mark.column + 1) from None


def _open_path(stack: list[tuple[Any, Any, Any, Any, Any]]) -> tuple[Any, ...] | None:
    """The path of the collection being read, from the reader's stack; None inside a dropped key's value.

    Each entry holds a collection's parent and its key there; in a parent list the collection is the
    last item so far. Only a Doubt needs a path, so it is worked out only then.
    """
    path: list[Any] = []
    for parent, key, *_rest in stack:
        if parent is None:
            continue
        if parent.__class__ is YMap:
            if key is _DROPPED_KEY:
                return None
            path.append(key)
        else:
            path.append(len(parent) - 1)
    return tuple(path)


def key_positions(node: Any, path: str) -> tuple[tuple[str, int, int], ...]:
    """(path, line, column) of every key below `node` and every item of its lists, `path` being the node's
    own (`lpdc`, then `lpdc.spatial`, `lpdc.spatial[0]`, ...): where a rule points at a nested value."""
    found: list[tuple[str, int, int]] = []
    if isinstance(node, YMap):
        for key, value in node.items():
            inner = f"{path}.{key}" if path else str(key)
            found.append((inner, *node.key_pos[key]))
            found += key_positions(value, inner)
    elif isinstance(node, YList):
        for index, (item, position) in enumerate(zip(node, node.item_pos)):
            inner = f"{path}[{index}]"
            found.append((inner, *position))
            found += key_positions(item, inner)
    return tuple(found)


def load(text: str) -> Any:
    """The data of one YAML document, as YMap/YList/scalars with positions; raises YamlProblem.

    Keys that are not text are left out of it; they and numbers that are not finite are noted in the
    root's `doubts` (see Doubt), which `schema.check` reports.
    """
    try:
        parser = Parser(text)
    except UnicodeEncodeError as error:  # a lone surrogate: no file decoded as UTF-8 holds one, a str may
        line, column = position_of_index(text, error.start)
        message = _("character U+{code:04X} (a lone surrogate) is not allowed in YAML; remove it").format(
            code=ord(text[error.start])
        )
        raise YamlProblem(message, line, column) from None
    try:
        return _EventReader(text).read(parser.get_event)
    except yaml.YAMLError as error:
        raise yaml_problem(text, error) from None
