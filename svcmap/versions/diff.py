"""Two catalog versions → a semantic diff: what was added, removed, renamed, changed, and what it does to the figures.

The diff compares models, not text: a reformatted file is no change, and a unit whose domain changes
changes the silo handoffs of every process that uses it although no process file was touched. Each side
is first reduced to a `Snapshot`: the comparable content of every object and the SPEC §3 figures (from
`svcmap.analysis.figures`, the one place they are computed), as plain data — so a side can be computed in another
process or kept in a cache, and the comparison itself is cheap.

Objects are matched by id; an object removed under one id and added under another with exactly the same
content (every field but the id) is a rename. Objects that could not be loaded on a side (a broken file)
are not compared at all — "unreadable", never "removed" — and the loading findings of both sides are
carried along, so that reporters can name the broken files.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from svcmap.analysis.figures import Analysis
from svcmap.analysis.yearly import TOTAL_KEYS as YEARLY_TOTALS
from svcmap.analysis.yearly import YearlyRow
from svcmap.catalog.facts import NO_CATALOG
from svcmap.catalog.loader import LoadResult
from svcmap.catalog.model import Catalog, Process, Step
from svcmap.findings import Finding, Severity
from svcmap.i18n import N_, _

FAIL_ON = ("removed", "handoffs-up", "contacts-up")
"""The conditions `--fail-on` can gate on."""

KINDS = ("units", "products", "processes", "life_events", "data_items")
"""The kinds of object a diff compares, in the order reports list them."""

_BROKEN_KIND = {
    "units": "unit",
    "products": "product",
    "processes": "process",
    "life_events": "life-event",
    "data_items": "data-item",
}
"""Kind → the name the loader files its broken ids under."""

ORGANISATION_KINDS = ("units", "life_events", "data_items")
"""Kinds declared in organisation.yaml: not comparable when that file could not be read on a side."""

TOTALS = (
    "units",
    "products",
    "processes",
    "life_events",
    "steps",
    "handoffs",
    "silo_handoffs",
    "external_handoffs",
    "visibility_crossings",
    "ping_pongs",
    "contact_moments",
    "repeated_asks",
    "front_steps",
    "back_steps",
)
"""Catalog-wide figures: object counts, then the process figures summed over every process
(`repeated_asks` counts (process, item) pairs)."""

SNAPSHOT_FORMAT = 3
"""Bumped whenever `Snapshot`'s shape or meaning changes, so cached snapshots of older shapes are not used."""


# --- one version as plain data --------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """One catalog version as the diff sees it: per kind, id → comparable content; figures; what was broken.

    Plain data only (str, int, bool, None, lists, dicts), so it travels between processes and into the
    cache as JSON unchanged.
    """

    units: Mapping[str, dict[str, Any]]
    products: Mapping[str, dict[str, Any]]
    processes: Mapping[str, dict[str, Any]]
    life_events: Mapping[str, dict[str, Any]]
    data_items: Mapping[str, dict[str, Any]]
    process_figures: Mapping[str, dict[str, Any]]
    """SPEC §3 figures per process (the keys of `analyze --format json`, without `id`)."""
    life_event_figures: Mapping[str, dict[str, Any]]
    broken: Mapping[str, list[str]]
    """Per kind, ids of objects that exist but could not be loaded."""
    problems: tuple[Finding, ...] = ()
    has_catalog: bool = True
    """False when the version holds no catalog/organisation.yaml (SVC004): it is an empty catalog."""
    organisation_readable: bool = True
    """False when organisation.yaml exists but could not be loaded: units, life events and figures are not compared."""
    yearly_totals: Mapping[str, int] = field(default_factory=dict)
    """The catalog's figures a year (`svcmap.analysis.yearly`), empty when no product states a volume."""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["format"] = SNAPSHOT_FORMAT
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Snapshot:
        """The snapshot `to_json` wrote; KeyError/TypeError/ValueError when it is of another format."""
        if data.get("format") != SNAPSHOT_FORMAT:
            raise ValueError("snapshot of another format")
        values = {key: value for key, value in data.items() if key != "format"}
        values["problems"] = tuple(
            Finding(**{**problem, "severity": Severity(problem["severity"])}) for problem in values["problems"]
        )
        return cls(**values)


def step_content(step: Step) -> dict[str, Any]:
    return {
        "name": step.name,
        "unit": step.unit.id,
        "office": step.office,
        "channel": step.channel,
        "asks": [ref.id for ref in step.asks],
        "decision": step.decision,
        "outcome": step.outcome,
        "next": [
            target.to if target.when is None else {"to": target.to, "when": target.when} for target in step.targets
        ],
    }


def process_content(process: Process) -> dict[str, Any]:
    """Name, effective start, and the steps by id in the order written (dict equality ignores that order)."""
    return {
        "name": process.name,
        "start": process.start_id if process.steps else None,
        "steps": {step_id: step_content(step) for step_id, step in process.step_by_id.items()},
    }


def snapshot(loaded: LoadResult, analysis: Analysis, processes: Mapping[str, dict[str, Any]] | None = None) -> Snapshot:
    """Reduce one loaded version, and its figures, to what the diff compares.

    `processes`: the content of some processes, reduced already by the caller. `whatif` gives the same
    object on both sides for each process its scenario does not edit — its content cannot differ, and
    building the steps of 2,000 processes to compare them with themselves took half a second."""
    catalog: Catalog = loaded.catalog
    given = processes or {}
    yearly = analysis.yearly
    has_catalog = not any(problem.code == NO_CATALOG for problem in loaded.findings)
    products = {}
    for ident, product in catalog.products.items():
        content = {key: value for key, value in product.fields.items() if key != "id"}  # already plain JSON data
        content.setdefault("status", "active")
        products[ident] = content
    problems = sorted(loaded.findings, key=lambda problem: (problem.file, problem.line, problem.column, problem.code))
    return Snapshot(
        units={
            ident: {"name": unit.name, "office": unit.office, "domain": unit.domain, "external": unit.external}
            for ident, unit in catalog.units.items()
        },
        products=products,
        processes={
            ident: given[ident] if ident in given else process_content(process)
            for ident, process in catalog.processes.items()
        },
        life_events={
            ident: {"name": event.name, "products": [ref.id for ref in event.products]}
            for ident, event in catalog.life_events.items()
        },
        data_items={
            ident: {"name": item.name, "held_by": item.held_by} for ident, item in (catalog.data_items or {}).items()
        },
        process_figures={
            ident: _with_year(figures.to_dict(), yearly.processes.get(ident))
            for ident, figures in analysis.processes.items()
        },
        life_event_figures={
            ident: _with_year(figures.to_dict(), yearly.life_events.get(ident))
            for ident, figures in analysis.life_events.items()
        },
        broken={kind: sorted(catalog.broken_ids.get(name, ())) for kind, name in _BROKEN_KIND.items()},
        problems=tuple(problems),
        has_catalog=has_catalog,
        organisation_readable=catalog.organisation_loaded or not has_catalog,
        yearly_totals=dict(yearly.totals) if yearly.covered else {},
    )


def _with_year(figures: dict[str, Any], yearly: YearlyRow | None) -> dict[str, Any]:
    """Figures without their id, and with the same figures a year where its products state a volume: a
    reorganisation or a change of volume then shows how many citizens a year it concerns."""
    figures = _without_id(figures)
    if yearly is not None:
        figures.update((key, getattr(yearly, key)) for key in YEARLY_TOTALS)
    return figures


def _without_id(figures: dict[str, Any]) -> dict[str, Any]:
    figures.pop("id", None)
    return figures


# --- the diff -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an object, before and after (None where the field is not written)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Changed:
    """An object on both sides under the same id whose fields (or, for life events, figures) differ."""

    id: str
    changes: tuple[FieldChange, ...]
    metrics: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)
    """The figures that changed, old and new (life events; empty for the other kinds)."""

    @property
    def fields(self) -> list[str]:
        return [change.field for change in self.changes]


@dataclass(frozen=True, slots=True)
class Renamed:
    """The same content under a new id."""

    old_id: str
    new_id: str


@dataclass(frozen=True)
class ProcessChange:
    """A process on both sides (same id) whose content or figures differ."""

    id: str
    changes: tuple[FieldChange, ...]
    """Changes of the process's own fields (`name`, `start`); step changes are below."""
    steps_added: tuple[str, ...]
    steps_removed: tuple[str, ...]
    steps_changed: tuple[Changed, ...]
    edges_added: tuple[tuple[str, str], ...]
    edges_removed: tuple[tuple[str, str], ...]
    metrics: Mapping[str, tuple[Any, Any]]
    """The figures that changed, old and new."""

    @property
    def fields(self) -> list[str]:
        return [change.field for change in self.changes]


@dataclass(frozen=True)
class KindDiff:
    """The differences of one kind of object (units, products, ...); every list is sorted by id."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    renamed: tuple[Renamed, ...] = ()
    changed: tuple[Any, ...] = ()
    """`Changed` entries; `ProcessChange` entries for processes."""
    unreadable: tuple[str, ...] = ()
    """Ids that could not be loaded on one side or both: not compared, so neither added nor removed."""

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.renamed or self.changed)


@dataclass(frozen=True)
class Version:
    """One side of a diff: what it is, and whether it could be read whole."""

    label: str
    commit: str | None = None
    """The commit id when the side is a git revision."""
    problems: tuple[Finding, ...] = ()
    has_catalog: bool = True
    organisation_readable: bool = True


@dataclass(frozen=True)
class CatalogDiff:
    """Everything that differs between two catalog versions, and what it does to the SPEC §3 figures."""

    old: Version
    new: Version
    units: KindDiff
    products: KindDiff
    processes: KindDiff
    life_events: KindDiff
    data_items: KindDiff
    merged: tuple[tuple[str, str], ...] = ()
    """Removed units whose steps and products all went to one other unit: (removed unit, unit it merged into)."""
    totals: Mapping[str, tuple[int, int]] | None = None
    """Catalog-wide figures old and new; None when a side's organisation could not be read (not comparable)."""
    renamed_metrics: Mapping[str, Mapping[str, tuple[Any, Any]]] = field(default_factory=dict)
    """Figures that changed for renamed processes, by new id (a rename keeps the content, not the units)."""
    product_processes: Mapping[str, str] = field(default_factory=dict)
    """Product id → its process id (new side, else old), for reporters that group by product."""
    old_figures: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """The figures of every old process by id (empty when the figures are not comparable)."""
    new_figures: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Kind → id → name (new side, else old), for reporters."""

    def kind(self, name: str) -> KindDiff:
        diff: KindDiff = getattr(self, name)
        return diff

    def name_of(self, kind: str, ident: str) -> str | None:
        return self.names.get(kind, {}).get(ident)

    @property
    def empty(self) -> bool:
        return all(self.kind(name).empty for name in KINDS)

    @property
    def problems(self) -> list[tuple[str, Finding]]:
        """Every loading finding, with its side ('old' or 'new')."""
        return [("old", p) for p in self.old.problems] + [("new", p) for p in self.new.problems]

    @property
    def new_is_broken(self) -> bool:
        """The new side holds no catalog, or could not be read whole: the diff is partial where it matters."""
        return bool(self.new.problems) or not self.new.has_catalog

    def process_metrics(self) -> list[tuple[str, Mapping[str, tuple[Any, Any]]]]:
        """The changed figures of every process on both sides (same id or renamed), by new id."""
        found = [(change.id, change.metrics) for change in self.processes.changed]
        found += list(self.renamed_metrics.items())
        return sorted(found)

    def tripped(self, conditions: Iterable[str]) -> list[str]:
        """Why each `--fail-on` condition trips, one line per cause; empty when none does.

        `removed`: a unit, product, process or life event removed (a rename is not a removal, a merged
        unit is). `handoffs-up`, `contacts-up`: a process present on both sides has more handoffs, or more
        contact moments, than before — new processes do not count, they have no "before".
        """
        reasons: list[str] = []
        wanted = set(conditions)
        if "removed" in wanted:
            for kind, words in (
                ("units", N_("removed: unit {id}")),
                ("products", N_("removed: product {id}")),
                ("processes", N_("removed: process {id}")),
                ("life_events", N_("removed: life event {id}")),
            ):
                reasons.extend(_(words).format(id=ident) for ident in self.kind(kind).removed)
        for condition, figure, words in (
            ("handoffs-up", "handoffs", N_("{condition}: process {id} handoffs {old} → {new}")),
            ("contacts-up", "contact_moments", N_("{condition}: process {id} contact moments {old} → {new}")),
        ):
            if condition in wanted:
                for ident, metrics in self.process_metrics():
                    if figure in metrics and metrics[figure][1] > metrics[figure][0]:
                        old, new = metrics[figure]
                        reasons.append(_(words).format(condition=condition, id=ident, old=old, new=new))
        return reasons


def _field_changes(old: Mapping[str, Any], new: Mapping[str, Any], skip: str = "") -> tuple[FieldChange, ...]:
    keys = [key for key in old if key != skip] + [key for key in new if key not in old and key != skip]
    return tuple(FieldChange(key, old.get(key), new.get(key)) for key in keys if old.get(key) != new.get(key))


def _frozen(content: Mapping[str, Any]) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False)


def _unit_rename_key(content: Mapping[str, Any], ident: str) -> str:
    # A unit without a declared domain is its own silo: renaming it renames the silo too.
    return _frozen({**content, "domain": None if content["domain"] == ident else content["domain"]})


def _match(
    old: Mapping[str, dict[str, Any]],
    new: Mapping[str, dict[str, Any]],
    unreadable: set[str],
    rename_key: Callable[[Mapping[str, Any], str], str],
) -> tuple[list[str], list[str], list[Renamed], list[str]]:
    """(added, removed, renamed, common ids), leaving out the unreadable ids."""
    added = sorted(ident for ident in new if ident not in old and ident not in unreadable)
    removed = sorted(ident for ident in old if ident not in new and ident not in unreadable)
    common = sorted(ident for ident in new if ident in old and ident not in unreadable)
    renamed: list[Renamed] = []
    if added and removed:
        # Several identical objects pair in id order: the first removed with the first added.
        waiting: dict[str, list[str]] = {}
        for ident in removed:
            waiting.setdefault(rename_key(old[ident], ident), []).append(ident)
        for ident in added:
            candidates = waiting.get(rename_key(new[ident], ident))
            if candidates:
                renamed.append(Renamed(candidates.pop(0), ident))
        gone = {pair.old_id for pair in renamed}
        came = {pair.new_id for pair in renamed}
        added = [ident for ident in added if ident not in came]
        removed = [ident for ident in removed if ident not in gone]
    return added, removed, renamed, common


def _metrics(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> dict[str, tuple[Any, Any]]:
    """The figures that differ, in their order, as (old, new)."""
    if old is None or new is None:
        return {}
    return {name: (value, new.get(name)) for name, value in old.items() if new.get(name) != value}


def _edges(content: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every edge u→v between known steps, once each, in the order written (as `Process.edges`)."""
    steps = content["steps"]
    edges: list[tuple[str, str]] = []
    for step_id, step in steps.items():
        targets = (target if isinstance(target, str) else target["to"] for target in step["next"])
        edges.extend((step_id, target) for target in dict.fromkeys(targets) if target in steps)
    return edges


def _process_change(
    ident: str, old: Mapping[str, Any], new: Mapping[str, Any], metrics: dict[str, Any]
) -> ProcessChange:
    old_steps, new_steps = old["steps"], new["steps"]
    steps_changed = []
    for step_id, step in new_steps.items():
        if step_id in old_steps:
            changes = _field_changes(old_steps[step_id], step)
            if changes:
                steps_changed.append(Changed(step_id, changes))
    old_edges, new_edges = _edges(old), _edges(new)
    old_set, new_set = set(old_edges), set(new_edges)
    return ProcessChange(
        id=ident,
        changes=_field_changes(old, new, skip="steps"),
        steps_added=tuple(step_id for step_id in new_steps if step_id not in old_steps),
        steps_removed=tuple(step_id for step_id in old_steps if step_id not in new_steps),
        steps_changed=tuple(steps_changed),
        edges_added=tuple(edge for edge in new_edges if edge not in old_set),
        edges_removed=tuple(edge for edge in old_edges if edge not in new_set),
        metrics=metrics,
    )


def _merged(old: Snapshot, new: Snapshot, removed_units: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Removed units whose steps and owned products all belong to one and the same unit on the new side."""
    destinations: dict[str, set[str]] = {ident: set() for ident in removed_units}
    if not destinations:
        return ()
    for ident, process in old.processes.items():
        counterpart = new.processes.get(ident)
        if counterpart is None:
            continue
        for step_id, step in process["steps"].items():
            if step["unit"] in destinations and step_id in counterpart["steps"]:
                destinations[step["unit"]].add(counterpart["steps"][step_id]["unit"])
    for ident, product in old.products.items():
        counterpart = new.products.get(ident)
        if product["owner"] in destinations and counterpart is not None:
            destinations[product["owner"]].add(counterpart["owner"])
    merged = []
    for ident, found in sorted(destinations.items()):
        if len(found) == 1 and (into := next(iter(found))) in new.units:
            merged.append((ident, into))
    return tuple(merged)


def _totals(side: Snapshot, unreadable: Mapping[str, set[str]]) -> dict[str, int]:
    """Counts and summed figures over the objects readable on both sides, so that like is compared with like."""
    totals = {
        kind: sum(1 for ident in getattr(side, kind) if ident not in unreadable[kind])
        for kind in ("units", "products", "processes", "life_events")
    }
    counted = [figures for ident, figures in side.process_figures.items() if ident not in unreadable["processes"]]
    for name in TOTALS[4:]:
        totals[name] = sum(len(value) if isinstance(value := figures[name], list) else value for figures in counted)
    return totals


def _life_event_comparable(ident: str, old: Snapshot, new: Snapshot, unreadable: Mapping[str, set[str]]) -> bool:
    """A life event's figures compare only when all its products, and their processes, were read on both sides."""
    for side in (old, new):
        for product_id in side.life_events[ident]["products"]:
            if product_id in unreadable["products"]:
                return False
            product = side.products.get(product_id)
            if product is not None and product.get("process") in unreadable["processes"]:
                return False
    return True


def diff_snapshots(
    old: Snapshot,
    new: Snapshot,
    old_version: Version | None = None,
    new_version: Version | None = None,
) -> CatalogDiff:
    """The semantic diff of two versions; `Version`s say what each side is (labels, commits)."""
    old_version = _with_state(old_version or Version("old"), old)
    new_version = _with_state(new_version or Version("new"), new)
    comparable = old.organisation_readable and new.organisation_readable
    kinds: dict[str, KindDiff] = {}
    renamed_metrics: dict[str, dict[str, tuple[Any, Any]]] = {}
    unreadables: dict[str, set[str]] = {}
    for kind in KINDS:
        before, after = getattr(old, kind), getattr(new, kind)
        unreadable = unreadables[kind] = set(old.broken.get(kind, ())) | set(new.broken.get(kind, ()))
        if kind in ORGANISATION_KINDS:
            if not old.organisation_readable:
                unreadable |= set(after)
            if not new.organisation_readable:
                unreadable |= set(before)
        rename_key = _unit_rename_key if kind == "units" else lambda content, ident: _frozen(content)
        added, removed, renamed, common = _match(before, after, unreadable, rename_key)
        changed: list[Any] = []
        for ident in common:
            if kind == "processes":
                metrics = _metrics(old.process_figures.get(ident), new.process_figures.get(ident)) if comparable else {}
                if before[ident] != after[ident] or metrics:
                    changed.append(_process_change(ident, before[ident], after[ident], metrics))
                continue
            changes = () if before[ident] == after[ident] else _field_changes(before[ident], after[ident])
            metrics = {}
            if kind == "life_events" and comparable and _life_event_comparable(ident, old, new, unreadables):
                metrics = _metrics(old.life_event_figures.get(ident), new.life_event_figures.get(ident))
            if changes or metrics:
                changed.append(Changed(ident, changes, metrics))
        if kind == "processes" and comparable:
            for pair in renamed:
                metrics = _metrics(old.process_figures.get(pair.old_id), new.process_figures.get(pair.new_id))
                if metrics:
                    renamed_metrics[pair.new_id] = metrics
        kinds[kind] = KindDiff(tuple(added), tuple(removed), tuple(renamed), tuple(changed), tuple(sorted(unreadable)))
    totals = None
    if comparable:
        old_totals, new_totals = _totals(old, unreadables), _totals(new, unreadables)
        totals = {name: (old_totals[name], new_totals[name]) for name in TOTALS}
        if old.yearly_totals or new.yearly_totals:  # a side without volumes has no figures a year: None, not 0
            totals.update((name, (old.yearly_totals.get(name), new.yearly_totals.get(name))) for name in YEARLY_TOTALS)
    product_processes = {
        ident: product["process"]
        for side in (old, new)
        for ident, product in side.products.items()
        if product.get("process") is not None
    }
    names = {
        kind: {ident: content["name"] for side in (old, new) for ident, content in getattr(side, kind).items()}
        for kind in KINDS
    }
    return CatalogDiff(
        old=old_version,
        new=new_version,
        units=kinds["units"],
        products=kinds["products"],
        processes=kinds["processes"],
        life_events=kinds["life_events"],
        data_items=kinds["data_items"],
        merged=_merged(old, new, kinds["units"].removed),
        totals=totals,
        renamed_metrics=renamed_metrics,
        product_processes=product_processes,
        old_figures=old.process_figures if comparable else {},
        new_figures=new.process_figures if comparable else {},
        names=names,
    )


def _with_state(version: Version, side: Snapshot) -> Version:
    # "no catalog here" (SVC004) is said by has_catalog: as a problem it would only repeat it
    problems = tuple(problem for problem in side.problems if problem.code != NO_CATALOG)
    return Version(version.label, version.commit, problems, side.has_catalog, side.organisation_readable)
