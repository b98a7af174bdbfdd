"""`whatif --apply`: the scenario's change written into the YAML files, so the reorganisation a designer settled
on becomes a reviewable commit.

The edits are made in the text, at the nodes concerned (found by key and id in libyaml's node graph, which
gives every node's position): a step's `unit:` and a product's `owner:` rewritten, a key added where the
change needs one (`office:` on a step a merge must not move across the line of visibility, `domain:` on a
unit), a merged unit's entry taken out of organisation.yaml and a new unit written where the first
merged one stood. Every other byte — comments, blank lines, quoting — stays; then fmt lays each edited
file out canonically (`svcmap fmt --check` passes), checks that its data and comments survived, and the
file is replaced atomically. What is written is exactly `engine.plan`'s change, the one `whatif`'s
figures come from, so `analyze` on the written files shows those figures; applied a second time, the
plan is empty and nothing is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from svcmap.catalog import reader, schema
from svcmap.catalog.model import Catalog, Unit
from svcmap.catalog.source import ORGANISATION_FILE
from svcmap.errors import SvcmapError
from svcmap.fmt import writer
from svcmap.fmt.canonical import format_text, last_line
from svcmap.fmt.formatter import kind_of, writable, write_atomically
from svcmap.fmt.refusals import LayoutError
from svcmap.i18n import _
from svcmap.whatif.engine import Change

_BREAK = re.compile(writer.BREAKS.pattern)


@dataclass(frozen=True)
class FileEdit:
    """One file the change rewrites: its ROOT-relative path and its text before and after."""

    path: str
    before: str
    after: str


@dataclass(frozen=True)
class _Splice:
    """Replace text[start:end] by `text`."""

    start: int
    end: int
    text: str


class _Text:
    """A file's text, its node graph, and the splices planned on it (applied from the end)."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        root = writer.compose(text)
        if not isinstance(root, yaml.MappingNode):
            raise SvcmapError(_("{path}: not a mapping of keys to values; nothing written").format(path=path))
        self.root = root
        self.starts = [0] + [match.end() for match in _BREAK.finditer(text)]
        self.splices: list[_Splice] = []

    def line_start(self, line: int) -> int:
        """The offset of a 0-based line's first character (the text's end past its last line)."""
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def set_value(self, mapping: yaml.MappingNode, key: str, value: str) -> None:
        """Write `key: value` in the mapping: the value replaced where the key is written, else the key added."""
        found = _get(mapping, key)
        if found is not None:
            node = found[1]
            self.splices.append(_Splice(node.start_mark.index, node.end_mark.index, value))
            return
        if mapping.flow_style:
            end = mapping.end_mark.index - 1  # before the closing brace
            self.splices.append(_Splice(end, end, f", {key}: {value}"))
            return
        first_key = mapping.value[0][0]
        indent = " " * first_key.start_mark.column
        at = self.line_start(last_line(mapping) + 1)
        breaks = "\r\n" if "\r\n" in self.text else "\n"
        lead = "" if at == 0 or self.text[at - 1] in "\r\n" else breaks
        self.splices.append(_Splice(at, at, f"{lead}{indent}{key}: {value}{breaks}"))

    def remove_item(self, item: yaml.Node) -> None:
        """Take a block list's item out, from its line to its last line."""
        self.splices.append(_Splice(self.line_start(item.start_mark.line), self.line_start(last_line(item) + 1), ""))

    def insert_before(self, item: yaml.Node, lines: list[str]) -> None:
        """Lines before a block list's item, at the column of its `- `."""
        dash = " " * max(item.start_mark.column - 2, 0)
        breaks = "\r\n" if "\r\n" in self.text else "\n"
        at = self.line_start(item.start_mark.line)
        self.splices.append(_Splice(at, at, "".join(f"{dash}{line}{breaks}" for line in lines)))

    def result(self) -> str:
        text = self.text
        for splice in sorted(self.splices, key=lambda s: (s.start, s.end), reverse=True):
            text = text[: splice.start] + splice.text + text[splice.end :]
        return text


def _get(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _items_by_id(mapping: yaml.MappingNode, key: str) -> dict[str, yaml.MappingNode]:
    """The mappings of a list under `key` by their `id` (the first one where an id repeats)."""
    found = _get(mapping, key)
    items: dict[str, yaml.MappingNode] = {}
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return items
    for item in found[1].value:
        if isinstance(item, yaml.MappingNode) and (ident := _get(item, "id")) is not None:
            items.setdefault(ident[1].value, item)
    return items


# --- the plan ---------------------------------------------------------------------------------------


def plan_edits(root: Path, catalog: Catalog, change: Change) -> list[FileEdit]:
    """Every file the change rewrites, with its new text (nothing is written here); SvcmapError when a file
    cannot take the edit (it is then left alone, as every other file)."""
    texts: dict[str, _Text] = {}

    def opened(path: str) -> _Text:
        if path not in texts:
            try:
                texts[path] = _Text(path, (root / path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as error:
                raise SvcmapError(
                    _("{path}: cannot read it: {error}; nothing written").format(path=path, error=error)
                ) from None
            except reader.YamlProblem as error:
                raise SvcmapError(
                    _("{where}: {message}; nothing written").format(
                        where=f"{path}:{error.line}:{error.column}", message=error.message
                    )
                ) from None
        return texts[path]

    for process_id, steps in change.steps.items():
        process = catalog.processes[process_id]
        text = opened(process.file)
        items = _items_by_id(text.root, "steps")
        for step_id, (unit, office) in steps.items():
            step = process.step_by_id[step_id]
            node = items[step_id]
            if unit != step.unit.id:
                text.set_value(node, "unit", unit)
            if office != step.office and office is not None:
                text.set_value(node, "office", office)
    for product_id, owner in change.owners.items():
        product = catalog.products[product_id]
        opened(product.file).set_value(opened(product.file).root, "owner", owner)
    if change.units:
        _organisation_edits(opened(ORGANISATION_FILE), catalog, change)
    edits = []
    for path, text in texts.items():
        after = _laid_out(path, text.result())
        if after != text.text:
            edits.append(FileEdit(path, text.text, after))
    return edits


def _organisation_edits(text: _Text, catalog: Catalog, change: Change) -> None:
    items = _items_by_id(text.root, "units")
    units = _get(text.root, "units")
    if units is not None and isinstance(units[1], yaml.SequenceNode) and units[1].flow_style:
        raise SvcmapError(
            _("{path}: the units are a flow list; run `svcmap fmt` first; nothing written").format(path=text.path)
        )
    for unit_id in change.unit_order:  # a new unit goes where the first unit merged into it stood
        unit = change.units.get(unit_id)
        if unit is None or unit_id in catalog.units:
            continue
        stood = next(gone for gone, into in change.renamed_units.items() if into == unit_id and gone in items)
        text.insert_before(items[stood], _unit_lines(unit))
    for unit_id, unit in change.units.items():
        if unit is None:
            if unit_id in items:
                text.remove_item(items[unit_id])
        elif unit_id in catalog.units and unit_id in items:
            _unit_fields(text, items[unit_id], catalog.units[unit_id], unit)


def _unit_fields(text: _Text, node: yaml.MappingNode, before: Unit, after: Unit) -> None:
    if after.name != before.name:
        text.set_value(node, "name", json.dumps(after.name, ensure_ascii=False))
    if after.office != before.office:
        text.set_value(node, "office", after.office)
    if after.domain != before.domain:
        text.set_value(node, "domain", after.domain)
    if after.external != before.external:
        text.set_value(node, "external", "true" if after.external else "false")


def _unit_lines(unit: Unit) -> list[str]:
    """A unit as lines of a block list, laid out by fmt (`- id: ...` and its keys)."""
    data: dict[str, Any] = {"id": unit.id, "name": unit.name, "office": unit.office}
    if unit.domain != unit.id:
        data["domain"] = unit.domain
    if unit.external:
        data["external"] = True
    laid_out = format_text(json.dumps({"units": [data]}, ensure_ascii=False), "organisation")
    return [line.removeprefix("  ") for line in laid_out.splitlines() if line != "units:"]


def _laid_out(path: str, text: str) -> str:
    """The edited text in fmt's canonical layout, checked to read back valid; SvcmapError otherwise."""
    kind = kind_of(path)
    try:
        laid_out = format_text(text, kind)
        problems = schema.check(kind, reader.load(laid_out))
    except (reader.YamlProblem, LayoutError) as error:
        raise SvcmapError(
            _("{path}: the edited file would not read back ({error}); nothing written").format(path=path, error=error)
        ) from None
    if problems:
        first = problems[0]
        raise SvcmapError(
            _("{path}: the edited file would not be valid: line {line}: {message}").format(
                path=path, line=first.line, message=first.message
            )
        )
    return laid_out


def write_edits(root: Path, edits: Sequence[FileEdit]) -> None:
    """Each edited file replaced atomically (a reader never sees half a file); a file that cannot be
    written is found before any is, so a refused --apply leaves the catalog as it was."""
    for edit in edits:
        if not writable(root / edit.path):
            raise SvcmapError(_("{path}: cannot be written; nothing written").format(path=edit.path))
    for edit in edits:
        try:
            write_atomically(root / edit.path, edit.after.encode("utf-8"))
        except OSError as error:
            raise SvcmapError(
                _("{path}: cannot write it: {error}").format(path=edit.path, error=error.strerror or error)
            ) from None
