"""The one immutable model of a catalog that every command works on; every object knows its source location."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from svcmap.findings import Location



@dataclass(frozen=True, slots=True)
class Ref:
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


@dataclass(frozen=True)
class Product:
    """A product or service a citizen or business can ask for."""

    id: str
    name: str
    owner: Ref
    process: Ref | None
    channels: tuple[str, ...]
    status: str
    location: Location
    fields: Mapping[str, Any] = field(repr=False)
    """Every field as written (plain data), for diffs and exports."""

    @property
    def file(self) -> str:
        return self.location.file


@dataclass(frozen=True, slots=True)
class Target:
    """One outgoing edge as written in a step's `next`."""

    to: str
    when: str | None
    location: Location


@dataclass(frozen=True)
class Step:
    """One step of a process, done by one unit."""

    id: str
    name: str
    unit: Ref
    office: str | None
    """The office as written; `Catalog.office_of` resolves the unit's default."""
    channel: str | None
    asks: tuple[Ref, ...]
    targets: tuple[Target, ...]
    location: Location
    key_positions: Mapping[str, tuple[int, int]] = field(repr=False)
    """Line and column of each key of the step as written."""

    def key_location(self, key: str) -> Location:
        """Where one key of the step is written (the step itself when the key is absent)."""
        position = self.key_positions.get(key)
        return Location(self.location.file, *position) if position else self.location

    successors: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """The distinct target ids, in the order written: a target listed twice is one edge."""

    def __post_init__(self) -> None:
        # A plain attribute, not a cached_property: Python 3.11's takes a lock on every first access.
        object.__setattr__(self, "successors", tuple(dict.fromkeys(target.to for target in self.targets)))

    @property
    def is_end(self) -> bool:
        return not self.targets


@dataclass(frozen=True)
class Process:
    """The internal process behind a product."""

    id: str
    name: str
    start: Ref | None
    steps: tuple[Step, ...]
    location: Location

    @property
    def file(self) -> str:
        return self.location.file

    @cached_property
    def step_by_id(self) -> Mapping[str, Step]:
        """Steps by id; where an id is duplicated (SVC003), the first one counts."""
        steps: dict[str, Step] = {}
        for step in self.steps:
            steps.setdefault(step.id, step)
        return steps

    @property
    def start_id(self) -> str:
        return self.start.id if self.start else self.steps[0].id

    @cached_property
    def edges(self) -> tuple[tuple[str, str], ...]:
        """Every edge u→v between known steps, once each, in the order written."""
        known = self.step_by_id
        return tuple(
            (step.id, target)
            for step in self.step_by_id.values()
            for target in step.successors
            if target in known
        )


    def reachable_from(self, start: str) -> set[str]:
        """Steps reachable from `start` (itself included) along edges between known steps."""
        steps = self.step_by_id
        return _closure(start, {step_id: step.successors for step_id, step in steps.items()})

    def can_reach(self, targets: set[str]) -> set[str]:
        """Steps from which some step in `targets` can be reached (the targets included)."""
        predecessors: dict[str, list[str]] = {step_id: [] for step_id in self.step_by_id}
        for source, target in self.edges:
            predecessors[target].append(source)
        reached: set[str] = set()
        for target in targets:
            if target not in reached:
                reached |= _closure(target, predecessors, reached)
        return reached


def _closure(start: str, neighbours: Mapping[str, list[str]], known: set[str] | None = None) -> set[str]:
    """Nodes reachable from start (skipping `known` ones), by a plain stack walk.

    Not networkx: building its graphs cost 0.4 s for the 2,000 processes of the bench catalog, the walk 0.1 s.
    """
    seen = {start}
    stack = [start]
    while stack:
        for neighbour in neighbours.get(stack.pop(), ()):
            if neighbour not in seen and (known is None or neighbour not in known):
                seen.add(neighbour)
                stack.append(neighbour)
    return seen


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
