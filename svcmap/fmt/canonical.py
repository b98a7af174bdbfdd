"""The canonical layout of one catalog file: SPEC §2 key order, flow lists of ids, every comment kept in its place.

How: libyaml (svcmap's own reader) parses the file; its nodes become a ruamel.yaml round-trip tree in
canonical order, which ruamel.yaml (settings in svcmap.yamlio) writes without comments; then each
comment and blank line of the original is put back before (or at the end of) the line of the key or
list item it belongs to, found by path. A full-line comment belongs to the entry that follows it, an
end-of-line comment to the entry on its line. ruamel.yaml's own comment handling cannot do this: it
hangs a comment on the key *before* it, so reordering keys would move comments to the wrong place.

Before returning, the result is read again: the data must be identical and every comment still there,
or `LayoutError` is raised and the file must be left alone.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass
from io import StringIO
from typing import Any

import yaml

from svcmap.catalog import reader
from svcmap.fmt import emitter, writer
from svcmap.fmt.refusals import LayoutError, text_key
from svcmap.fmt.shapes import ANY as _ANY
from svcmap.fmt.shapes import SHAPES, Shape
from svcmap.i18n import _

__all__ = ["SHAPES", "LayoutError", "Shape", "format_text"]

Path = tuple[Any, ...]
"""Where an entry stands: mapping keys (as written) and list indexes from the document's root."""


@dataclass
class _Entry:
    """A mapping key or a list item: where it starts (0-based), how far it reaches, what holds it."""

    path: Path
    line: int
    indent: int
    """The key's column, or for a block list item the column of its `-`."""
    last_line: int
    parent: Path
    parent_flow_line: int | None
    """The line of the flow collection holding this entry, when that collection fits on one line."""


@dataclass
class _Placement:
    """A comment or blank line of the original, and the entry it goes with."""

    anchor: Path | None
    end_of_line: bool
    line: int
    indent: int
    """For a full-line comment: its indentation relative to its entry's (never less than the entry's)."""
    text: str
    """The comment's text; "" for a blank line."""


def format_text(
    text: str, kind: str, data: Any = None, styles: writer.ScalarStyles | None = None, fast: bool = True
) -> str:
    """The canonical layout of a readable, schema-valid catalog file of the given kind.

    `data` is the file's data as `reader.load` gives it, where the caller has read it already; `styles`
    the scalar styles of this run (one per run: its answers are kept). With `fast`, svcmap.fmt.emitter
    writes the text where it can; without, ruamel.yaml always does (the two agree byte for byte).
    """
    comments, blanks = writer.comments(text)
    bare, placements = _bare(text, SHAPES[kind], comments, blanks, styles, fast)
    result = _with_comments(bare, placements) if placements else bare
    if result != text:  # an unchanged file holds its own data and comments: nothing to verify
        _verify(text if data is None else data, comments, result)
    return result


def _bare(
    text: str,
    shape: Shape,
    comments: list[writer.Comment],
    blanks: list[int],
    styles: writer.ScalarStyles | None,
    fast: bool,
) -> tuple[str, list[_Placement]]:
    """The canonical text without comments, and where each comment and blank line goes back.

    A function of its own so that the node graph (the largest thing fmt holds) is freed before the
    result is read back to be checked.
    """
    original = writer.compose(text)
    if original is None:
        raise LayoutError(_("the file is empty"))
    if comments or blanks:
        placements = _placements(comments, blanks, _entries(original, writer.alias_lines(text)))
    else:
        placements = []
    kept_open = {p.anchor[:depth] for p in placements if p.text and p.anchor for depth in range(len(p.anchor))}
    anchors = writer.anchor_names(text)
    if fast:
        bare = emitter.emit(original, shape, kept_open, anchors, styles or writer.ScalarStyles())
        if bare is not None:
            return bare, placements
    tree = _Builder(kept_open, anchors).build(original, shape, ())
    buffer = StringIO()
    writer.roundtrip().dump(tree, buffer)
    return buffer.getvalue(), placements


# --- where entries stand ---------------------------------------------------------------------------------


def last_line(node: yaml.Node) -> int:
    """The last line that holds part of the node (a block scalar's trailing blank lines included)."""
    if isinstance(node, yaml.ScalarNode):
        end = node.end_mark
        if node.style in ("|", ">") and end.column == 0 and end.line > node.start_mark.line:
            return end.line - 1
        return end.line
    if node.flow_style or not node.value:
        return node.end_mark.line
    if isinstance(node, yaml.MappingNode):
        return max(last_line(part) for pair in node.value for part in pair)
    return max(last_line(item) for item in node.value)


def _entries(root: yaml.Node, aliases: list[int]) -> list[_Entry]:
    """Every key and list item of a document, in document order; an alias is not walked twice.

    libyaml's composer gives an alias the very node of its anchor, marks included, so an alias's
    own line comes from `aliases` (writer.alias_lines: the line of each alias, in document order). The
    walk meets aliases in that order: every node met a second time is the next alias of the text.
    """
    entries: list[_Entry] = []
    seen: set[int] = set()
    next_alias = iter(aliases)

    def line_of(node: yaml.Node) -> tuple[int, bool]:
        """Where this occurrence of a node starts, and whether it is an alias."""
        if id(node) in seen:
            return next(next_alias, node.start_mark.line), True
        seen.add(id(node))
        return node.start_mark.line, False

    def walk(node: yaml.Node, path: Path) -> None:
        if isinstance(node, yaml.ScalarNode):
            return
        one_line = node.start_mark.line if node.flow_style and node.start_mark.line == node.end_mark.line else None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                line_of(key)
                child = (*path, key.value if isinstance(key, yaml.ScalarNode) else repr(key.start_mark))
                _, alias = line_of(value)
                reach = key.start_mark.line if alias else max(key.start_mark.line, last_line(value))
                entries.append(_Entry(child, key.start_mark.line, key.start_mark.column, reach, path, one_line))
                if not alias:
                    walk(value, child)
        else:
            for index, item in enumerate(node.value):
                child = (*path, index)
                indent = item.start_mark.column if node.flow_style else node.start_mark.column
                line, alias = line_of(item)
                reach = line if alias else last_line(item)
                entries.append(_Entry(child, line, indent, reach, path, one_line))
                if not alias:
                    walk(item, child)

    seen.add(id(root))
    walk(root, ())
    return entries


def _placements(comments: list[writer.Comment], blanks: list[int], entries: list[_Entry]) -> list[_Placement]:
    """Each comment and blank line of the original, tied to the entry it goes with."""
    starts = [entry.line for entry in entries]
    by_path = {entry.path: entry for entry in entries}
    placements: list[_Placement] = []

    def before_next(line: int, column: int, text: str) -> _Placement:
        following = bisect.bisect_right(starts, line)
        if following == 0:  # the document's own head, such as `# yaml-language-server: $schema=...`
            return _Placement((), False, line, max(0, column), text)
        if following == len(entries):
            return _Placement(None, False, line, max(0, column), text)
        entry = entries[following]
        return _Placement(entry.path, False, line, max(0, column - entry.indent), text)

    for comment in comments:
        line, column = comment.line - 1, comment.column - 1
        anchor = None if comment.own_line else _end_of_line_anchor(line, entries, starts, by_path)
        if anchor is None:  # on a line of its own, or after `---`: it goes before the next entry
            placements.append(before_next(line, column if comment.own_line else -1, comment.text))
        else:
            placements.append(_Placement(anchor, True, line, column, comment.text))
    placements.extend(before_next(line - 1, 0, "") for line in blanks)
    placements.sort(key=lambda placement: placement.line)
    return placements


def _end_of_line_anchor(
    line: int, entries: list[_Entry], starts: list[int], by_path: dict[Path, _Entry]
) -> Path | None:
    """The entry an end-of-line comment goes with: the last one starting on its line, a one-line flow
    collection counting as one entry; else the innermost entry reaching over the line."""
    first, stop = bisect.bisect_left(starts, line), bisect.bisect_right(starts, line)
    if first < stop:
        entry = entries[stop - 1]
        while entry.parent_flow_line == line and entry.parent in by_path:
            entry = by_path[entry.parent]
        return entry.path
    for entry in reversed(entries[:first]):
        if entry.last_line >= line:
            return entry.path
    return None


# --- the canonical tree ----------------------------------------------------------------------------------


class _Builder:
    """ruamel.yaml's round-trip tree of a document, from libyaml's nodes, in canonical order and style.

    A collection that holds a commented entry stays in block style, where each comment has a line of
    its own. A node met twice (an anchor and its aliases) becomes one object, written as an alias
    again under its own anchor name.
    """

    def __init__(self, kept_open: set[Path], anchors: dict[int, str]) -> None:
        self.kept_open = kept_open
        self.anchors = anchors
        self.built: dict[int, Any] = {}

    def build(self, node: yaml.Node, shape: Shape, path: Path) -> Any:
        if id(node) in self.built:
            return self.built[id(node)]
        if isinstance(node, yaml.ScalarNode):
            scalar = self.built[id(node)] = _scalar(node, self.anchors.get(node.start_mark.index))
            return scalar
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        collection: Any
        if isinstance(node, yaml.MappingNode):
            collection = self.built[id(node)] = CommentedMap()
            rank = {key: index for index, key in enumerate(shape.order)}
            for key, value in sorted(node.value, key=lambda pair: rank.get(text_key(pair[0]), len(rank))):
                child = shape.fields.get(key.value, _ANY)
                collection[_scalar(key, None)] = self.build(value, child, (*path, key.value))
            items = [value for _, value in node.value]
        else:
            collection = self.built[id(node)] = CommentedSeq()
            for index, item in enumerate(node.value):
                collection.append(self.build(item, shape.items or _ANY, (*path, index)))
            items = node.value
        flow = shape.flow and path not in self.kept_open and all(isinstance(item, yaml.ScalarNode) for item in items)
        collection.fa.set_flow_style() if flow else collection.fa.set_block_style()
        anchor = self.anchors.get(node.start_mark.index)
        if anchor is not None:
            collection.yaml_set_anchor(anchor, always_dump=True)
        return collection


def _scalar(node: yaml.ScalarNode, anchor: str | None) -> Any:
    """A scalar as ruamel.yaml should write it: the value, its block style if it has several lines,
    a number's own spelling."""
    tag = node.tag.rpartition(":")[2]
    if tag in ("int", "float"):
        return writer.Number(node.tag, node.value)
    if tag == "bool":
        return node.value.lower() == "true"
    if tag == "null":
        return None
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString, PlainScalarString

    if node.style in ("|", ">") and "\n" in node.value:
        return (LiteralScalarString if node.style == "|" else FoldedScalarString)(node.value, anchor=anchor)
    return PlainScalarString(node.value, anchor=anchor) if anchor else node.value


# --- comments back in --------------------------------------------------------------------------------------


def _with_comments(bare: str, placements: list[_Placement]) -> str:
    """The canonical text with every comment and blank line put back beside its entry."""
    root = writer.compose(bare)
    entries = _entries(root, writer.alias_lines(bare)) if root is not None else []
    new = {entry.path: entry for entry in entries}
    outermost: dict[int, _Entry] = {}
    for entry in entries:
        outermost.setdefault(entry.line, entry)
    lines = bare.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    kept_to = _keep_scalar_ends(root, lines) if root is not None else set()
    before: dict[int, list[str]] = {}
    after: dict[int, tuple[int, str]] = {}
    trailing: list[str] = []
    for placement in placements:
        if placement.anchor == ():
            before.setdefault(0, []).append(" " * placement.indent + placement.text if placement.text else "")
            continue
        entry = new.get(placement.anchor) if placement.anchor is not None else None
        if entry is None:
            if placement.anchor is None or placement.text:
                trailing.append(" " * placement.indent + placement.text if placement.text else "")
            continue
        if not placement.text and entry.parent_flow_line is not None:
            continue  # a blank line inside a list now written on one line
        target = entry.line
        if placement.end_of_line and target not in after:
            after[target] = (placement.indent, placement.text)
            continue
        indent = outermost[target].indent + (0 if placement.end_of_line else placement.indent)
        before.setdefault(target, []).append(" " * indent + placement.text if placement.text else "")
    out: list[str] = []
    for number, line in enumerate(lines):
        inserted = before.get(number, [])
        if number - 1 in kept_to:  # blank lines here would join the kept scalar's value: only comments go
            inserted = [text for text in inserted if text.strip(" ")]
        out.extend(inserted)
        if number in after:
            column, comment = after[number]
            content = line.rstrip(" ")
            line = content + " " * max(2, column - len(content)) + comment
        out.append(line)
    if len(lines) - 1 in kept_to:
        trailing = [text for text in trailing if text.strip(" ")]
    kept = len(out)  # the lines of the text itself: a kept scalar's last lines may be empty
    out.extend(trailing)
    while out and not out[0].strip(" "):
        out.pop(0)
        kept -= 1
    while len(out) > kept and not out[-1].strip(" "):
        out.pop()
    return "\n".join(out) + "\n"


def _keep_scalar_ends(root: yaml.Node, lines: list[str]) -> set[int]:
    """The last lines of the block scalars with keep chomping (`|+`, `>+`): every empty line that follows
    one, up to the next line of content or comment, is part of its value, so no blank line may go there."""
    ends: set[int] = set()
    seen: set[int] = set()
    pending = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                start = node.start_mark
                header = writer.BLOCK_HEADER.match(lines[start.line], start.column)
                if header and "+" in header.group():
                    ends.add(last_line(node))
        elif isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
        else:
            pending.extend(node.value)
    return ends


# --- the guarantee -------------------------------------------------------------------------------------------


def _verify(original: Any, original_comments: list[writer.Comment], result: str) -> None:
    """Refuse a result that reads as other data, or that lost or gained a comment.

    `original` is the file's text, or its data already loaded; its comments come already found.
    """
    try:
        data = reader.load(original) if isinstance(original, str) else original
        same = _same(data, reader.load(result))
    except reader.YamlProblem:
        same = False
    if not same:
        raise LayoutError(_("the canonical layout would change the file's data; left unchanged (please report this)"))
    before = Counter(comment.text for comment in original_comments)
    after = Counter(comment.text for comment in writer.comments(result)[0])
    if before != after:
        raise LayoutError(_("the canonical layout would lose a comment; left unchanged (please report this)"))


def _same(original: Any, result: Any) -> bool:
    """Whether two documents' data are identical, every scalar's type included (1, 1.0 and True differ).

    It walks both at once and stops at the first difference, building nothing: a 4 MiB file's data is
    not copied twice more to be compared. Mappings whose keys are not all text go through `_comparable`.
    """
    pending = [(original, result)]
    while pending:
        old, new = pending.pop()
        if isinstance(old, dict):
            if not isinstance(new, dict) or len(old) != len(new):
                return False
            if any(type(key) is not str for key in old) or any(type(key) is not str for key in new):
                if _comparable(old) != _comparable(new):
                    return False
                continue
            for key, value in old.items():
                if key not in new:
                    return False
                pending.append((value, new[key]))
        elif isinstance(old, list):
            if not isinstance(new, list) or len(old) != len(new):
                return False
            pending.extend(zip(old, new))
        elif type(old) is not type(new):
            return False
        elif old != new and not (isinstance(old, float) and math.isnan(old) and math.isnan(new)):
            return False
    return True


def _comparable(value: Any) -> Any:
    """The data with every scalar's type made explicit: 1, 1.0 and True must not compare equal."""
    if isinstance(value, dict):
        return {_comparable(key): _comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_comparable(item) for item in value]
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)
