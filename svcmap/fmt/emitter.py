"""fmt's own emitter: the canonical text of the documents catalog files are made of, without ruamel.yaml's emitter.

ruamel.yaml's pure-Python emitter was 70% of `fmt --check`. Catalog files use a small part of YAML:
block mappings and lists, flow lists and mappings of scalars, plain and double-quoted scalars. For
those this module writes, line by line, exactly the text svcmap.fmt.writer's round-trip writer gives
for the tree svcmap.fmt.canonical builds (each scalar's style is still ruamel.yaml's own choice,
through writer.ScalarStyles). Anything else — an anchor or alias, a block scalar, a null, a list in
a list, a long key — makes `emit` return None, and the caller takes the ruamel.yaml path. A property
test holds the two paths to the same bytes.
"""

from __future__ import annotations

from typing import Any

import yaml

from svcmap.catalog.reader import STR_TAG
from svcmap.fmt.refusals import text_key
from svcmap.fmt.shapes import ANY, Shape
from svcmap.fmt.writer import ROUNDTRIP_WIDTH, ScalarStyles, double_quoted

Path = tuple[Any, ...]

LONGEST_KEY = 60
"""Beyond this ruamel.yaml may write a key as `? key` (its simple keys stop at 128 characters, tag included)."""

LONGEST_SCALAR = ROUNDTRIP_WIDTH // 2
"""Beyond this a line could reach the writer's width, where it would wrap."""


class _Unsupported(Exception):
    """A node this emitter does not write; the ruamel.yaml path must."""


def emit(
    root: yaml.Node, shape: Shape, kept_open: set[Path], anchors: dict[int, str], styles: ScalarStyles
) -> str | None:
    """The canonical text (no comments) of a document, or None where only ruamel.yaml's writer can say."""
    if anchors or not isinstance(root, yaml.MappingNode) or not root.value:
        return None
    lines: list[str] = []
    try:
        _Writer(lines, kept_open, styles).mapping(root, shape, (), 0, "")
    except _Unsupported:
        return None
    return "\n".join(lines) + "\n"


class _Writer:
    """Writes nodes into `lines` in the layout of writer.roundtrip(): mappings by 2, `- ` by 2 under its key."""

    def __init__(self, lines: list[str], kept_open: set[Path], styles: ScalarStyles) -> None:
        self.lines = lines
        self.kept_open = kept_open
        self.styles = styles

    def mapping(self, node: yaml.MappingNode, shape: Shape, path: Path, indent: int, lead: str) -> None:
        """A block mapping whose keys stand at `indent`; the first line starts with `lead` (`- ` for a list item)."""
        pairs = _in_order(node, shape)
        margin = " " * indent
        for index, (key, value) in enumerate(pairs):
            name = text_key(key)
            head = (lead if index == 0 else margin) + self.scalar(key, False, True) + ":"
            self.value(value, shape.fields.get(name, ANY), (*path, name), indent + 2, head)

    def sequence(self, node: yaml.SequenceNode, shape: Shape, path: Path, indent: int) -> None:
        """A block list whose `-` stand at `indent`."""
        item_shape = shape.items or ANY
        dash = " " * indent + "- "
        for index, item in enumerate(node.value):
            if isinstance(item, yaml.SequenceNode) and item.value:
                raise _Unsupported("a list in a list")
            self.value(item, item_shape, (*path, index), indent + 2, dash, item=True)

    def value(self, node: yaml.Node, shape: Shape, path: Path, indent: int, head: str, item: bool = False) -> None:
        """A node after `head` (`key:` or `- `): on the same line if it fits on one, else below it at `indent`."""
        space = "" if item else " "
        if isinstance(node, yaml.ScalarNode):
            self.lines.append(head + space + self.scalar(node, False, False))
        elif not node.value:
            self.lines.append(head + space + ("{}" if isinstance(node, yaml.MappingNode) else "[]"))
        elif self.flow(node, shape, path):
            self.lines.append(head + space + self.flow_text(node, shape))
        elif isinstance(node, yaml.MappingNode):
            if item:
                self.mapping(node, shape, path, indent, head)
            else:
                self.lines.append(head)
                self.mapping(node, shape, path, indent, " " * indent)
        else:
            if item:
                raise _Unsupported("a list in a list")
            self.lines.append(head)
            self.sequence(node, shape, path, indent)

    def flow(self, node: yaml.Node, shape: Shape, path: Path) -> bool:
        """canonical._Builder's choice: one line for a flow shape of scalars, unless a comment keeps it open."""
        items = [value for _, value in node.value] if isinstance(node, yaml.MappingNode) else node.value
        return shape.flow and path not in self.kept_open and all(isinstance(item, yaml.ScalarNode) for item in items)

    def flow_text(self, node: yaml.Node, shape: Shape) -> str:
        """`[a, b]` or `{k: v, k2: v2}`, keys in canonical order."""
        if isinstance(node, yaml.SequenceNode):
            return "[" + ", ".join(self.scalar(item, True, False) for item in node.value) + "]"
        pairs = _in_order(node, shape)
        written = (self.scalar(key, True, True) + ": " + self.scalar(value, True, False) for key, value in pairs)
        return "{" + ", ".join(written) + "}"

    def scalar(self, node: yaml.Node, flow: bool, key: bool) -> str:
        """A scalar as the round-trip writer writes canonical._scalar's value for it."""
        if not isinstance(node, yaml.ScalarNode):
            raise _Unsupported("a collection as a key")
        value, tag = node.value, node.tag
        suffix = tag.rpartition(":")[2]
        if suffix == "bool":
            return "true" if value.lower() == "true" else "false"
        if suffix == "null" or not value or len(value) > LONGEST_SCALAR or (key and len(value) > LONGEST_KEY):
            raise _Unsupported("a null, an empty or a very long scalar")
        if suffix in ("int", "float"):
            if self.styles.style(value, tag, flow, key) != "":
                raise _Unsupported("a number the writer would quote")
            return value
        if tag != STR_TAG or (node.style in ("|", ">") and "\n" in value):
            raise _Unsupported("a block scalar or an unusual tag")
        style = self.styles.style(value, tag, flow, key)
        if style == "":
            return value
        if style == '"':
            return double_quoted(value)
        raise _Unsupported("a style other than plain or double-quoted")


def _in_order(node: yaml.MappingNode, shape: Shape) -> list[tuple[yaml.Node, yaml.Node]]:
    """A mapping's pairs in canonical order: the shape's keys first, others after them as written."""
    rank = {key: index for index, key in enumerate(shape.order)}
    return sorted(node.value, key=lambda pair: rank.get(text_key(pair[0]), len(rank)))
