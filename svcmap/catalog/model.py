"""The one immutable model of a catalog that every command works on; every object knows its source location.

Products and processes arrive from the loader's workers as compact *facts* (tuples of interned ids and
texts, positions packed into one array per file), and stay that way until someone asks: a process's
steps, and a product's fields as written, are built on first access. `validate` on a region's catalog
(100,000 processes) never asks, so it never holds a million Step objects; `render` and `diff` ask for
what they draw or compare.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from svcmap.findings import Location


class Ref(NamedTuple):
    """A reference to an object by id, with where the reference is written."""

    id: str
    location: Location


@dataclass(frozen=True, slots=True)
class Unit:
    """A department, team or external partner."""

    id: str
    name: str
    office: str
    domain: str
    """The silo the unit belongs to: its declared domain, or its own id."""
    external: bool
    location: Location


@dataclass(frozen=True, slots=True)
class DataItem:
    """An entry of the data dictionary; `held_by` names a register the organisation can consult."""

    id: str
    name: str
    held_by: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class LifeEvent:
    """A trajectory: the products a citizen typically needs, in order."""

    id: str
    name: str
    products: tuple[Ref, ...]
    location: Location


def positions(packed: bytes) -> memoryview:
    """A file's packed positions as unsigned ints: line, column, line, column, ..."""
    return memoryview(packed)[1:].cast(chr(packed[0]))


def pack(numbers: list[int]) -> bytes:
    """Positions as one array: 16-bit numbers where every line and column fits, else 32-bit; the first
    byte says which (most files are short: half the memory)."""
    typecode = "H" if max(numbers, default=0) < 1 << 16 else "I"
    return typecode.encode() + array(typecode, numbers).tobytes()


class Product:
    """A product or service a citizen or business can ask for.

    `fields` (every field as written, plain data) is decoded from its compact JSON text on first use:
    only `diff`, `report` and exports read it.
    """

    __slots__ = (
        "id",
        "name",
        "owner_id",
        "process_id",
        "channels",
        "status",
        "file",
        "_content",
        "_at",
        "_fields",
        "volume_per_year",
        "channel_share",
        "_key_positions",
    )

    def __init__(
        self,
        id: str,
        name: str,
        owner_id: str,
        process_id: str | None,
        channels: tuple[str, ...],
        status: str,
        file: str,
        content: str,
        packed_positions: bytes,
        volume_per_year: int | None = None,
        channel_share: tuple[tuple[str, float], ...] | None = None,
        key_positions: tuple[tuple[str, int, int], ...] = (),
    ) -> None:
        self.id = id
        self.name = name
        self.owner_id = owner_id
        self.process_id = process_id
        self.channels = channels
        self.status = status
        self.file = file
        self._content = content
        self._at = packed_positions
        """line, column of: the product, `owner`'s value, `process`'s value, the `channels`, `summary` and
        `description` keys (the product itself for a key not written)."""
        self._fields: Mapping[str, Any] | None = None
        self.volume_per_year = volume_per_year
        """Requests a year, as written (SPEC §6); None when the product states none."""
        self.channel_share = channel_share
        """(channel, share) pairs in the order written, shares summing to 1; None when not stated."""
        self._key_positions = key_positions
        """(path, line, column) of the `lpdc` block and every key in it (`lpdc.spatial[0]`); () without one."""

    def with_owner(self, owner_id: str, content: str) -> Product:
        """The same product owned by another unit (`content`: its fields with that owner, as compact JSON):
        what a reorganisation changes of a product, every other attribute kept."""
        return Product(
            self.id,
            self.name,
            owner_id,
            self.process_id,
            self.channels,
            self.status,
            self.file,
            content,
            self._at,
            self.volume_per_year,
            self.channel_share,
            self._key_positions,
        )

    def _location(self, index: int) -> Location:
        at = positions(self._at)
        return Location(self.file, at[2 * index], at[2 * index + 1])

    @property
    def location(self) -> Location:
        return self._location(0)

    @property
    def owner(self) -> Ref:
        return Ref(self.owner_id, self._location(1))

    @property
    def process(self) -> Ref | None:
        return Ref(self.process_id, self._location(2)) if self.process_id is not None else None

    @property
    def summary_location(self) -> Location:
        return self._location(4)

    @property
    def description_location(self) -> Location:
        return self._location(5)

    def key_location(self, path: str) -> Location:
        """Where a key of the `lpdc` block is written (`lpdc.themes[1]`): the nearest written ancestor, else
        the product itself."""
        written = {key: (line, column) for key, line, column in self._key_positions}
        while path:
            if path in written:
                return Location(self.file, *written[path])
            path = path[: max(path.rfind("."), path.rfind("["), 0)]
        return self.location

    @property
    def channels_location(self) -> Location:
        """Where the `channels` key is written."""
        return self._location(3)

    @property
    def content(self) -> str:
        """Every field as written, as compact JSON text in the order written: equal texts, equal products."""
        return self._content

    @property
    def fields(self) -> Mapping[str, Any]:
        """Every field as written (plain data), for diffs, reports and exports (decoded once, when asked)."""
        if self._fields is None:
            self._fields = json.loads(self._content)
        return self._fields

    def __repr__(self) -> str:
        return f"Product({self.id!r})"


class Target(NamedTuple):
    """One outgoing edge as written in a step's `next`."""

    to: str
    when: str | None
    location: Location


class Step(NamedTuple):
    """One step of a process, done by one unit (a named tuple: a catalog has a great many of them)."""

    id: str
    name: str
    unit: Ref
    office: str | None
    """The office as written; `Catalog.office_of` resolves the unit's default."""
    channel: str | None
    asks: tuple[Ref, ...]
    targets: tuple[Target, ...]
    location: Location
    key_positions: Mapping[str, tuple[int, int]]
    """Line and column of the keys rules point at (`channel`, `office`) where they are written."""
    decision: str | None = None
    """The question the step's conditional `next` answers, as written (a BPMN gateway's name)."""
    outcome: str | None = None
    """How the case ends at an end step, as written (`refused`, ...); None means `delivered`, the default."""

    def key_location(self, key: str) -> Location:
        """Where one key of the step is written (the step itself when the key is absent)."""
        position = self.key_positions.get(key)
        return Location(self.location.file, *position) if position else self.location

    @property
    def successors(self) -> tuple[str, ...]:
        """The distinct target ids, in the order written: a target listed twice is one edge."""
        return tuple(dict.fromkeys(target.to for target in self.targets))

    @property
    def is_end(self) -> bool:
        return not self.targets


class Process:
    """The internal process behind a product; its steps are built from the loader's facts on first use.

    Plain slots, no instance dictionary: a region's catalog holds 100,000 of these, and the derived views
    (steps by id, successors, edges) are kept only once somebody asks for them.
    """

    __slots__ = ("id", "name", "start", "location", "_steps", "_build_steps", "_by_id", "_successors", "_edges")

    def __init__(
        self,
        id: str,
        name: str,
        start: Ref | None,
        steps: tuple[Step, ...] | Callable[[], tuple[Step, ...]],
        location: Location,
    ) -> None:
        self.id = id
        self.name = name
        self.start = start
        self.location = location
        self._steps: tuple[Step, ...] | None = None if callable(steps) else steps
        self._build_steps: Callable[[], tuple[Step, ...]] | None = steps if callable(steps) else None
        self._by_id: Mapping[str, Step] | None = None
        self._successors: Mapping[str, tuple[str, ...]] | None = None
        self._edges: tuple[tuple[str, str], ...] | None = None

    @property
    def steps(self) -> tuple[Step, ...]:
        if self._steps is None:
            assert self._build_steps is not None
            self._steps, self._build_steps = self._build_steps(), None
        return self._steps

    @property
    def file(self) -> str:
        return self.location.file

    @property
    def step_by_id(self) -> Mapping[str, Step]:
        """Steps by id; where an id is duplicated (SVC003), the first one counts."""
        if self._by_id is None:
            steps: dict[str, Step] = {}
            for step in self.steps:
                steps.setdefault(step.id, step)
            self._by_id = steps
        return self._by_id

    @property
    def start_id(self) -> str:
        return self.start.id if self.start else self.steps[0].id

    @property
    def successors(self) -> Mapping[str, tuple[str, ...]]:
        """Per step, its distinct targets among the process's steps, in the order written."""
        if self._successors is None:
            known = self.step_by_id
            self._successors = {
                step_id: tuple(target for target in step.successors if target in known)
                for step_id, step in known.items()
            }
        return self._successors

    @property
    def edges(self) -> tuple[tuple[str, str], ...]:
        """Every edge u→v between known steps, once each, in the order written."""
        if self._edges is None:
            self._edges = tuple((source, target) for source, targets in self.successors.items() for target in targets)
        return self._edges

    def __repr__(self) -> str:
        return f"Process({self.id!r})"


@dataclass(frozen=True)
class Publication:
    """`organisation.lpdc` as written (shared/LPDC.md §5): the settings for publishing to LPDC.

    Its presence switches the readiness rules SVC5xx on; `settings` is plain data, `key_positions` says
    where each key and list item stands (`lpdc.contact.email`, `lpdc.spatial[0]`).
    """

    settings: Mapping[str, Any]
    file: str
    key_positions: Mapping[str, tuple[int, int]]

    def location(self, path: str = "lpdc") -> Location:
        """Where a key is written: the nearest written ancestor of `path` (`lpdc` itself at the least)."""
        while path not in self.key_positions and ("." in path or "[" in path):
            path = path[: max(path.rfind("."), path.rfind("["))]
        return Location(self.file, *self.key_positions.get(path, (1, 1)))


@dataclass(frozen=True)
class Catalog:
    """One version of a catalog: the organisation and every valid object in it.

    Files that could not be read or failed their schema are not in the model; their ids (taken from the
    file name) are kept in `broken_ids`, so that references to them are not reported a second time.
    """

    organisation_id: str | None
    organisation_name: str | None
    units: Mapping[str, Unit]
    products: Mapping[str, Product]
    processes: Mapping[str, Process]
    life_events: Mapping[str, LifeEvent]
    data_items: Mapping[str, DataItem] | None
    """None when the organisation declares no data dictionary."""
    broken_ids: Mapping[str, frozenset[str]]
    """Per kind ('unit', 'product', 'process', ...) the ids of objects that exist but could not be loaded."""
    organisation_loaded: bool = True
    """False when organisation.yaml is missing or unreadable: then unit references cannot be checked."""
    publication: Publication | None = None
    """`organisation.lpdc`, when the organisation publishes to LPDC (and it passed its schema)."""

    def unit_of(self, step: Step) -> Unit | None:
        return self.units.get(step.unit.id)

    def office_of(self, step: Step) -> str | None:
        """The step's own office, else its unit's; None only when neither is known."""
        if step.office:
            return step.office
        unit = self.units.get(step.unit.id)
        return unit.office if unit else None

    def domain_of(self, step: Step) -> str:
        """The silo of a step: its unit's domain, or the unit id when the unit declares none or is unknown."""
        unit = self.units.get(step.unit.id)
        return unit.domain if unit else step.unit.id

    def is_external(self, unit_id: str) -> bool:
        unit = self.units.get(unit_id)
        return bool(unit and unit.external)

    def is_broken(self, kind: str, object_id: str) -> bool:
        return object_id in self.broken_ids.get(kind, frozenset())
