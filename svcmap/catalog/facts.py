"""One product or process file → compact facts, and facts → the model's Product and Process.

This is the work a loader worker does for each file: read its bytes (hashing exactly those), parse,
schema-check, and keep only the facts the model needs — ids interned, positions packed into one array
per file, a product's fields as one compact JSON text — so that no parse tree outlives the file and
what travels back to the parent is a few tuples of strings (see `svcmap.catalog.workers`).

A record is plain data (tuples, strings, ints, bytes) that `marshal` sends between processes:
`(path, kind, readable, digest, stat, facts, findings, directives, examined, broken)`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from svcmap.catalog import packing, reader, schema
from svcmap.catalog.directives import ignore_directives
from svcmap.catalog.model import Location, Process, Product, Ref, Step, Target, pack, positions
from svcmap.catalog.source import STAT, CatalogSource, FileText, digest_of
from svcmap.i18n import N_, _

UNREADABLE = "SVC001"
SCHEMA = "SVC002"
DUPLICATE = "SVC003"
NO_CATALOG = "SVC004"

Record = tuple[Any, ...]
RawFinding = tuple[str, str, int, int, str]
"""(code, message, line, column, subject): a finding of one file, its file known from the record."""

_intern = sys.intern
_LPDC = "lpdc"
_STEP_POSITIONS = 8
"""Per step: the step, `unit`'s value, the `channel` key, the `office` key (line and column each)."""


def read_record(
    source: CatalogSource,
    path: str,
    kind: str,
    examine: Callable[[Process], Any] | None = None,
    remember: bool = True,
    deflate: bool = False,
) -> Record:
    """Everything the loader keeps of one product or process file (pure: it may run in another process).

    Without `remember` the record carries no digest and stat (None): nothing will keep them, and at
    200,000 files they are 50 MB of the load's peak, when every record is alive at once. `deflate`:
    keep the step facts deflated (see `svcmap.catalog.packing`).
    """
    got = source.read(path)
    digest, stat = (digest_of(got), STAT.pack(*got.stat) if got.stat else None) if remember else (None, None)
    name = path.rpartition("/")[2]
    stem = name[: -len(".yaml")] if name.endswith(".yaml") else name
    subject = f"file:{path}"
    if not isinstance(got, FileText):
        finding = (UNREADABLE, got.message, got.line, got.column, subject)
        return (path, kind, False, digest, stat, None, (finding,), None, None, (stem,))
    directives = ignore_directives(got.text) or None
    data = parse_mapping(got.text, kind, subject)
    if not isinstance(data, reader.YMap):
        return (path, kind, True, digest, stat, None, (data,), directives, None, (stem,))
    errors = schema.check(kind, data)
    ident = data.get("id")
    if errors:
        whole = f"{kind}:{ident if isinstance(ident, str) else stem}"
        findings = tuple(
            (SCHEMA, error.message, error.line, error.column, getattr(error, "subject", None) or whole)
            for error in errors
        )
        broken = (stem, ident) if isinstance(ident, str) and ident != stem else (stem,)
        return (path, kind, True, digest, stat, None, findings, directives, None, broken)
    found: list[RawFinding] = []
    if ident != stem:
        line, column = data.value_pos["id"]
        found.append(
            (
                DUPLICATE,
                _(
                    "id {id!r} differs from the file name {name!r}; rename the file to {id}.yaml or change the id"
                ).format(id=ident, name=name),
                line,
                column,
                f"{kind}:{ident}",
            )
        )
    examined = None
    if kind == "product":
        facts: tuple[Any, ...] = product_facts(data)
    else:
        facts = process_facts(data)
        found.extend(duplicate_steps(path, facts))
        if examine is not None:
            examined = examine(build_process(path, facts))
        facts = (*facts[:3], pack_steps(facts[3], deflate), facts[4])  # kept packed until someone asks for the steps
    return (path, kind, True, digest, stat, facts, tuple(found), directives, examined, ())


def parse_mapping(text: str, kind: str, subject: str) -> reader.YMap | RawFinding:
    """A readable file's data, which must be a mapping, or the finding (SVC001, SVC002) that says why not."""
    try:
        data = reader.load(text)
    except reader.YamlProblem as error:
        return (UNREADABLE, error.message, error.line, error.column, subject)
    if isinstance(data, reader.YMap):
        return data
    if data is None:
        return (SCHEMA, _(_EMPTY[kind]), 1, 1, subject)
    return (SCHEMA, _(_NOT_A_MAPPING[kind]), getattr(data, "line", 1), getattr(data, "column", 1), subject)


_EMPTY = {
    "organisation": N_("file is empty: expected the organisation as a mapping"),
    "product": N_("file is empty: expected the product as a mapping"),
    "process": N_("file is empty: expected the process as a mapping"),
}
"""A message per kind of file: a translation puts its own article before each."""
_NOT_A_MAPPING = {
    "organisation": N_("expected the organisation as a mapping of keys to values"),
    "product": N_("expected the product as a mapping of keys to values"),
    "process": N_("expected the process as a mapping of keys to values"),
}


# --- products ------------------------------------------------------------------------------------


def _position(mapping: reader.YMap, key: str, where: dict[Any, tuple[int, int]]) -> list[int]:
    position = where.get(key)
    return list(position) if position else [mapping.line, mapping.column]


def product_facts(data: reader.YMap) -> tuple[Any, ...]:
    """(id, name, owner, process, channels, status, content, positions, volume, shares, publication keys) of a
    schema-valid product; the last are the positions of `lpdc` and every key in it (SVC5xx point there), or ()."""
    at = [data.line, data.column]
    at += _position(data, "owner", data.value_pos)
    at += _position(data, "process", data.value_pos)
    at += _position(data, "channels", data.key_pos)
    at += _position(data, "summary", data.key_pos)
    at += _position(data, "description", data.key_pos)
    content = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    process = data.get("process")
    shares = data.get("channel_share")
    return (
        _intern(data["id"]),
        data["name"],
        _intern(data["owner"]),
        _intern(process) if process is not None else None,
        tuple(_intern(channel) for channel in data["channels"]),
        _intern(data.get("status", "active")),
        content,
        pack(at),
        int(data["volume_per_year"]) if "volume_per_year" in data else None,  # 3000.0 is an integer too
        tuple((_intern(channel), float(share)) for channel, share in shares.items()) if shares else None,
        ((_LPDC, *data.key_pos[_LPDC]), *reader.key_positions(data[_LPDC], _LPDC)) if _LPDC in data else (),
    )


def build_product(path: str, facts: tuple[Any, ...]) -> Product:
    return Product(*facts[:6], path, *facts[6:])  # type: ignore[misc]


# --- processes -----------------------------------------------------------------------------------


def process_facts(data: reader.YMap) -> tuple[Any, ...]:
    """(id, name, start, steps, positions) of a schema-valid process; steps as tuples (see `build_process`)."""
    at = [data.line, data.column]
    at += _position(data, "start", data.value_pos)
    steps = []
    for item in data["steps"]:
        at += [item.line, item.column]
        at += _position(item, "unit", item.value_pos)
        at += _position(item, "channel", item.key_pos)
        at += _position(item, "office", item.key_pos)
        asks = item.get("asks") or ()
        if asks:
            for line, column in asks.item_pos:
                at += [line, column]
        raw_next = item.get("next")
        targets: list[str] = []
        whens: list[str | None] = []
        if isinstance(raw_next, str):
            targets.append(raw_next)
            whens.append(None)
            at += list(item.value_pos["next"])
        elif raw_next:
            for target, (line, column) in zip(raw_next, raw_next.item_pos):
                if isinstance(target, dict):
                    targets.append(target["to"])
                    whens.append(target.get("when"))
                    at += list(target.value_pos["to"])
                else:
                    targets.append(target)
                    whens.append(None)
                    at += [line, column]
        office, channel = item.get("office"), item.get("channel")
        steps.append(
            (
                _intern(item["id"]),
                item["name"],
                _intern(item["unit"]),
                _intern(office) if office else None,
                _intern(channel) if channel else None,
                tuple(_intern(ask) for ask in asks),
                tuple(_intern(target) for target in targets),
                tuple(whens) if any(when is not None for when in whens) else None,
                "channel" in item,
                "office" in item,
                item.get("decision"),
                item.get("outcome"),
            )
        )
    start = data.get("start")
    return (_intern(data["id"]), data["name"], _intern(start) if start else None, tuple(steps), pack(at))


def build_process(path: str, facts: tuple[Any, ...]) -> Process:
    """The model's Process for a process file's facts; its steps are built when first asked for."""
    ident, name, start, steps, packed = facts
    at = positions(packed)
    location = Location(path, at[0], at[1])
    start_ref = Ref(start, Location(path, at[2], at[3])) if start is not None else None
    return Process(ident, name, start_ref, _PackedSteps(path, steps, packed), location)


class _PackedSteps:
    """A process's steps as the loader keeps them, built into Steps when called: a slotted object, not a
    closure, because a lambda and its cells cost 300 bytes more per process (30 MB at 100,000)."""

    __slots__ = ("path", "steps", "packed")

    def __init__(self, path: str, steps: tuple[Any, ...] | bytes, packed: bytes) -> None:
        self.path, self.steps, self.packed = path, steps, packed

    def __call__(self) -> tuple[Step, ...]:
        return _steps(self.path, self.steps, self.packed)


def pack_steps(steps: tuple[Any, ...], deflate: bool) -> bytes:
    """A process's step facts as the model keeps them until they are asked for: marshalled, and deflated
    in a large catalog (at 100,000 processes, 41 MB less at the peak)."""
    return packing.dumps(steps, deflate)


def _steps(path: str, steps: tuple[Any, ...] | bytes, packed: bytes) -> tuple[Step, ...]:
    """The Steps of a process's facts; `steps` is the tuple of step facts, or its `pack_steps` bytes."""
    if isinstance(steps, bytes):
        steps = packing.loads(steps)
    at = positions(packed)
    index = 4
    built = []
    for ident, name, unit, office, channel, asks, targets, whens, has_channel, has_office, decision, outcome in steps:
        step_at = Location(path, at[index], at[index + 1])
        keys: dict[str, tuple[int, int]] = {}
        if has_channel:
            keys["channel"] = (at[index + 4], at[index + 5])
        if has_office:
            keys["office"] = (at[index + 6], at[index + 7])
        unit_ref = Ref(unit, Location(path, at[index + 2], at[index + 3]))
        index += _STEP_POSITIONS
        ask_refs = []
        for ask in asks:
            ask_refs.append(Ref(ask, Location(path, at[index], at[index + 1])))
            index += 2
        step_targets = []
        for number, target in enumerate(targets):
            when = whens[number] if whens else None
            step_targets.append(Target(target, when, Location(path, at[index], at[index + 1])))
            index += 2
        built.append(
            Step(
                ident,
                name,
                unit_ref,
                office,
                channel,
                tuple(ask_refs),
                tuple(step_targets),
                step_at,
                keys,
                decision,
                outcome,
            )
        )
    return tuple(built)


_KINDS = {
    "unit": N_("unit"),
    "product": N_("product"),
    "process": N_("process"),
    "step": N_("step"),
    "data item": N_("data item"),
    "life event": N_("life event"),
}
"""The kinds of object an id names, as a duplicate id's message names them."""


def duplicate_id(kind: str, ident: str, file: str, line: int) -> str:
    """SVC003's message for an id declared again; `file` and `line` say where it was declared first."""
    return _("duplicate {kind} id {id!r} (first declared at {file}:{line}); give each a unique id").format(
        kind=_(_KINDS[kind]), id=ident, file=file, line=line
    )


def duplicate_steps(path: str, facts: tuple[Any, ...]) -> list[RawFinding]:
    """SVC003 for a step id used twice in one process."""
    process_id, steps = facts[0], facts[3]
    if len({step[0] for step in steps}) == len(steps):
        return []
    found = []
    first_line: dict[str, int] = {}
    for step in build_process(path, facts).steps:
        if step.id in first_line:
            found.append(
                (
                    DUPLICATE,
                    duplicate_id("step", step.id, path, first_line[step.id]),
                    step.location.line,
                    step.location.column,
                    f"process:{process_id}/step:{step.id}",
                )
            )
        else:
            first_line[step.id] = step.location.line
    return found
