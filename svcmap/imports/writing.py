"""The texts an import writes: a new process file in canonical layout with a header, and organisation.yaml with
its new units added, every other byte of it kept.

A process file is laid out by fmt (so `svcmap fmt --check` passes on it) from its data as JSON, which is
YAML's flow style; its header comments name the source file and what was approximated. Before anything
is written, every text is read back: the same data, valid against its schema, and a fixpoint of fmt.

New units go into organisation.yaml as text, right after the last unit, each laid out by fmt as a unit
of the list and indented as the file's own units are: the file's comments, blank lines and layout stay
byte for byte, and its units are untouched. A `units` list that is empty or in flow style (`units: []`)
has no place to add a line to; then fmt's round-trip writer (ruamel.yaml) adds the units to the tree,
which keeps comments too.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from svcmap.catalog import reader, schema
from svcmap.errors import SvcmapError
from svcmap.fmt import writer
from svcmap.fmt.canonical import format_text, last_line
from svcmap.fmt.refusals import LayoutError
from svcmap.i18n import _
from svcmap.imports.units import NewUnit
from svcmap.text import one_line

SCHEMA_LINE = "# yaml-language-server: $schema=../schemas/process.schema.json"
PRODUCT_SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/product.schema.json"


def process_text(data: Mapping[str, Any], header: Sequence[str]) -> str:
    """A process file: the schema line, `header` as comment lines (each one line already: `one_line`), then
    the data in canonical layout."""
    return _file_text(SCHEMA_LINE, "process", data, header)


def product_text(data: Mapping[str, Any], header: Sequence[str]) -> str:
    """A product file, laid out and checked as a process file is."""
    return _file_text(PRODUCT_SCHEMA_LINE, "product", data, header)


def _file_text(schema_line: str, kind: str, data: Mapping[str, Any], header: Sequence[str]) -> str:
    comments = [schema_line, *(f"# {line}".rstrip() for line in header)]
    text = "\n".join(comments) + "\n" + format_text(json.dumps(data, ensure_ascii=False), kind)
    _check(text, kind, data)
    return text


def organisation_text(original: str, units: Sequence[NewUnit], remark: str) -> str:
    """organisation.yaml with `units` added after its last unit, under a comment line `remark`."""
    entries = [_unit_data(unit) for unit in units]
    data = reader.load(original)
    expected = dict(data)
    expected["units"] = [*data.get("units", []), *entries]
    root = writer.compose(original)
    sequence = _units_node(root)
    if sequence is not None and sequence.value and not sequence.flow_style:
        text = _inserted(original, sequence, entries, remark)
    else:
        text = _through_the_tree(original, entries)
    _check(text, "organisation", expected)
    return text


def _unit_data(unit: NewUnit) -> dict[str, Any]:
    data: dict[str, Any] = {"id": unit.id, "name": unit.name, "office": unit.office}
    if unit.external:
        data["external"] = True
    return data


def _units_node(root: yaml.Node | None) -> yaml.SequenceNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "units" and isinstance(value, yaml.SequenceNode):
            return value
    return None


def _inserted(original: str, sequence: yaml.SequenceNode, entries: list[dict[str, Any]], remark: str) -> str:
    """The new entries as lines after the last line of the last unit, at the column of the file's own `- `."""
    last = sequence.value[-1]
    dash_column = max(last.start_mark.column - 2, 0)
    laid_out = format_text(json.dumps({"units": entries}, ensure_ascii=False), "organisation")
    items = [line for line in laid_out.splitlines() if line != "units:"]
    indent = " " * dash_column
    block = [f"{indent}# {one_line(remark)}"] + [indent + line.removeprefix("  ") for line in items]
    lines = writer.split_lines(original)
    after = last_line(last) + 1
    breaks = original.count("\r\n") and "\r\n" or "\n"
    if after >= len(lines):  # the file ends in the last unit, without a line break
        return original + breaks + breaks.join(block) + breaks
    return breaks.join([*lines[:after], *block, *lines[after:]])


def _through_the_tree(original: str, entries: list[dict[str, Any]]) -> str:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    dumper = writer.roundtrip()
    tree = dumper.load(original)
    units = tree.get("units")
    if not isinstance(units, list) or not units:
        units = CommentedSeq()
        tree["units"] = units
    for entry in entries:
        units.append(CommentedMap(entry))
    buffer = io.StringIO()
    dumper.dump(tree, buffer)
    return buffer.getvalue()


def _check(text: str, kind: str, expected: Any) -> None:
    """A text about to be written reads back as `expected`, passes its schema, and fmt leaves it as it is."""
    try:
        data = reader.load(text)
        problems = schema.check(kind, data)
        stable = format_text(text, kind) == text
    except (reader.YamlProblem, LayoutError) as error:
        raise SvcmapError(
            _("the {kind} file to write would not read back ({error}); nothing written").format(kind=kind, error=error)
        ) from None
    if problems:
        raise SvcmapError(
            _("the {kind} file to write would not be valid: line {line}: {message}").format(
                kind=kind, line=problems[0].line, message=problems[0].message
            )
        )
    if _plain(data) != _plain(expected):
        raise SvcmapError(
            _("the {kind} file to write would not hold what was imported; nothing written").format(kind=kind)
        )
    if not stable and kind in ("process", "product"):
        raise SvcmapError(_("the {kind} file to write is not in canonical layout; nothing written").format(kind=kind))


def _plain(value: Any) -> Any:
    """Data as JSON would hold it, so that the reader's own types compare with plain dicts and lists."""
    return json.loads(json.dumps(value))
