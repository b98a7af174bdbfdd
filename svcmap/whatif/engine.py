"""The what-if engine: a scenario applied to a catalog in memory, giving the catalog the reorganisation would make.

`apply` is pure: the catalog given is not touched, and every process the scenario does not concern is the
very same object in the result (the bench catalog's 2,000 processes are not rebuilt to move one step).
What it makes is what a designer would get by editing the YAML by hand, and what `--apply` writes
(`svcmap.whatif.edits` writes exactly the difference between the two catalogs), so that `analyze` on the
edited files gives the figures `whatif` showed:

- a **merge** makes its units one: every step and every product owner of a merged unit names the unit
  merged into, the merged units are gone, and that unit is created (a new id) or takes the name, office
  and domain the merge gives. A merge reorganises departments, not the work: a step keeps the office it
  had (where the unit merged into has another default office, the step gets its old office written);
- a **move** gives a step to another unit, which then does it at *its* counter: the step takes the new
  unit's office unless it writes an office of its own (a step moved to the front-office onthaal is front
  office). A product id moves every front-office step of its process;
- a **domain change** puts a unit in another silo.

Merges come first, then moves (which may name a merged unit, or a unit merged away: then the unit it
went into), then domain changes.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from svcmap.analysis.figures import ProcessSummary
from svcmap.catalog.model import Catalog, Process, Product, Ref, Step, Unit
from svcmap.whatif.scenario import Scenario, already_merged


@dataclass(frozen=True)
class Change:
    """What a scenario changes in a catalog, resolved to ids: the plan `apply` and `--apply` both follow."""

    units: Mapping[str, Unit | None]
    """Unit id → the unit after (None: merged away); only units the scenario changes, adds or removes."""
    unit_order: tuple[str, ...]
    """Every unit id after, in the order organisation.yaml will list them."""
    renamed_units: Mapping[str, str]
    """Merged unit → the unit it went into (for step units and product owners)."""
    steps: Mapping[str, Mapping[str, tuple[str, str | None]]]
    """Process id → step id → (unit, office as written) after, for every step whose unit or office changes."""
    owners: Mapping[str, str]
    """Product id → its owner after, for every product whose owner changes."""
    touched_units: frozenset[str]
    """Units whose domain or partnership changes: every process with a step of theirs may have other
    figures, its steps unchanged. (A unit's office is no such change: a merge writes it on the steps.)"""

    @property
    def processes(self) -> frozenset[str]:
        """Processes whose steps change (a unit's domain can change the figures of others: see `touched_units`)."""
        return frozenset(self.steps)


@dataclass
class _Merged:
    """What the merges of a scenario make of the units: the plan's first part."""

    units: dict[str, Unit | None]
    renamed: dict[str, str]
    order: list[str]
    kept_office: dict[str, str]
    """Merged unit (and unit merged into whose office changes) → the office its steps keep."""
    touched: set[str]


def _merge_units(catalog: Catalog, scenario: Scenario) -> _Merged:
    done = _Merged({}, {}, list(catalog.units), {}, set())
    for merge in scenario.merges:
        existing = catalog.units.get(merge.into)
        merged = [] if already_merged(merge, catalog) else [unit for unit in merge.merged if unit in catalog.units]
        if existing is None:
            source = catalog.units[merged[0]]
            into = Unit(
                merge.into,
                merge.name or merge.into,
                merge.office or source.office,
                merge.domain or merge.into,
                bool(merge.external),
                source.location,
            )
            done.order[done.order.index(merged[0])] = merge.into  # where the first merged unit stood
        else:
            into = replace(
                existing,
                name=merge.name if merge.name is not None else existing.name,
                office=merge.office or existing.office,
                domain=merge.domain or existing.domain,
                external=existing.external if merge.external is None else merge.external,
            )
            if into.office != existing.office:
                done.kept_office[merge.into] = existing.office
            if (into.domain, into.external) != (existing.domain, existing.external):
                done.touched.add(merge.into)
        if into != existing:
            done.units[merge.into] = into
        for unit in merged:
            done.units[unit] = None
            done.renamed[unit] = merge.into
            if unit in done.order:
                done.order.remove(unit)
            if catalog.units[unit].office != into.office:
                done.kept_office[unit] = catalog.units[unit].office
    return done


def plan(catalog: Catalog, scenario: Scenario, users: Mapping[str, Collection[str]] | None = None) -> Change:
    """The scenario resolved against the catalog (which resolves every reference: see `check_scenario`).

    `users`: unit id → the processes with a step of that unit (see `unit_users`), when the caller has it;
    only those processes are looked at (else every process is).
    """
    merged = _merge_units(catalog, scenario)
    aliases = {unit: merge.into for merge in scenario.merges for unit in merge.merged}
    """A move may name a unit merged away, by this scenario or (made already) by its earlier --apply."""
    moves: dict[str, dict[str, str]] = {}
    for move in scenario.moves:
        to = aliases.get(move.to, move.to)
        for process_id, step in _moved_steps(catalog, move.step):
            moves.setdefault(process_id, {})[step.id] = to
    units, touched = merged.units, merged.touched
    for change in scenario.domains:
        before = units.get(change.unit) or catalog.units[change.unit]
        if before.domain != change.domain:
            units[change.unit] = replace(before, domain=change.domain)
            touched.add(change.unit)
    concerned = set(merged.renamed) | set(merged.kept_office)
    if users is None:
        looked_at: Iterable[str] = catalog.processes if concerned else moves
    else:
        looked_at = sorted({process for unit in concerned for process in users.get(unit, ())} | set(moves))
    step_changes = {}
    for process_id in looked_at:
        process = catalog.processes[process_id]
        found = _step_changes(process, merged.renamed, merged.kept_office, moves.get(process_id, {}))
        if found:
            step_changes[process_id] = found
    owners = {
        product_id: merged.renamed[product.owner_id]
        for product_id, product in catalog.products.items()
        if product.owner_id in merged.renamed
    }
    return Change(units, tuple(merged.order), merged.renamed, step_changes, owners, frozenset(touched))


def unit_users(catalog: Catalog, summaries: Mapping[str, ProcessSummary]) -> dict[str, list[str]]:
    """Unit id → the processes with a step of that unit, in catalog order (from the analysis's summaries)."""
    users: dict[str, list[str]] = {}
    for process_id in catalog.processes:
        summary = summaries.get(process_id)
        units = summary.units if summary is not None else {step.unit.id for step in catalog.processes[process_id].steps}
        for unit in units:
            users.setdefault(unit, []).append(process_id)
    return users


def _moved_steps(catalog: Catalog, target: str) -> list[tuple[str, Step]]:
    """The steps a move names: one step of a process, or every front-office step of a product's process."""
    process_id, sep, step_id = target.partition("/")
    if sep:
        return [(process_id, catalog.processes[process_id].step_by_id[step_id])]
    product = catalog.products[target]
    assert product.process_id is not None
    process = catalog.processes[product.process_id]
    return [(process.id, step) for step in process.step_by_id.values() if catalog.office_of(step) == "front"]


def _step_changes(
    process: Process, renamed: Mapping[str, str], kept_office: Mapping[str, str], moves: Mapping[str, str]
) -> dict[str, tuple[str, str | None]]:
    """Step id → (unit, office as written) after, for the steps of one process that change."""
    found: dict[str, tuple[str, str | None]] = {}
    for step in process.step_by_id.values():
        unit = step.unit.id
        if step.id in moves:
            after = (moves[step.id], step.office)  # a moved step takes its new unit's office, unless it wrote one
        elif unit in renamed or unit in kept_office:
            office = step.office or kept_office.get(unit)
            after = (renamed.get(unit, unit), office)
        else:
            continue
        if after != (unit, step.office):
            found[step.id] = after
    return found


def apply(catalog: Catalog, scenario: Scenario) -> Catalog:
    """The catalog as the scenario would make it (see the module docstring); `catalog` is left as it was."""
    return apply_change(catalog, plan(catalog, scenario))


def apply_change(catalog: Catalog, change: Change) -> Catalog:
    """The catalog with a planned change made; processes and products it does not concern are reused."""
    units = {unit_id: _unit_after(catalog, change, unit_id) for unit_id in change.unit_order}
    processes = dict(catalog.processes)
    for process_id, steps in change.steps.items():
        processes[process_id] = _process_after(catalog.processes[process_id], steps)
    products = dict(catalog.products)
    for product_id, owner in change.owners.items():
        products[product_id] = _product_after(catalog.products[product_id], owner)
    return replace(catalog, units=units, processes=processes, products=products)


def _unit_after(catalog: Catalog, change: Change, unit_id: str) -> Unit:
    unit = change.units.get(unit_id, catalog.units.get(unit_id))
    assert unit is not None
    return unit


def _process_after(process: Process, changes: Mapping[str, tuple[str, str | None]]) -> Process:
    steps = []
    for step in process.steps:
        after = changes.get(step.id)
        if after is not None and process.step_by_id[step.id] is step:  # a duplicated id (SVC003): the first
            unit, office = after
            step = step._replace(unit=Ref(unit, step.unit.location), office=office)
        steps.append(step)
    return Process(process.id, process.name, process.start, tuple(steps), process.location)


def _product_after(product: Product, owner: str) -> Product:
    fields = {**product.fields, "owner": owner}
    content = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return product.with_owner(owner, content)
