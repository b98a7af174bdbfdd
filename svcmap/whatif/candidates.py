"""Candidate reorganisations ranked by what they remove: for every pair of units that hand each other work,
the merge of the two, and (when their domains differ) each one taking the other's domain.

Each candidate is a what-if `Scenario` (so `svcmap whatif` can run it, and `--apply` make it) with the
catalog totals before and after. The bench catalog's 44 units hand each other work in all 946 pairs, so
about 2,500 candidates are weighed; re-examining every process that uses either unit (~700 of 2,000) for
each of them would cost some 400 times `analyze`. Instead each process is reduced once to what a merge
or a domain change can alter — its handoff edges as (unit, unit) pairs and its paths of two handoffs as
(unit, unit, unit) triples, counted — and a candidate re-counts only the entries naming the unit it
changes. That is SPEC §3 over the same edges `svcmap.analysis.figures` walks: a merge keeps every step's
office (see `svcmap.whatif.engine`) and a domain is no office, so the route, the contact moments and the
line of visibility are the same before and after; handoffs, silo handoffs, external handoffs, ping-pongs
and the units of a process are what change. The tests hold every candidate against `apply` and a full
`analyze` of the result.

External partners are left out: a municipality does not merge the police into a department of its own.

Where products state a yearly volume (`svcmap.analysis.yearly`), a candidate is also weighed by the
handoffs and silo handoffs a year it removes — each process's change times the requests a year that go
through it — and those come first in the ranking: the change that helps the most people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from svcmap.analysis.figures import Analysis
from svcmap.catalog.model import Catalog, Process
from svcmap.i18n import _
from svcmap.whatif.scenario import DomainChange, Merge, Scenario

FIGURES = ("handoffs", "silo_handoffs", "ping_pongs", "contact_moments")
"""The catalog totals a candidate is weighed by (more keys may join: the figures are a mapping)."""

RANKING = ("silo_handoffs", "ping_pongs", "contact_moments", "handoffs")
"""Best first: most silo handoffs removed, then ping-pongs, contact moments, handoffs."""

PER_YEAR = ("silo_handoffs_per_year", "handoffs_per_year")
"""The figures a year a merge or a domain change can alter (contact moments and asks stay the same), ranked
before `RANKING` where products state volumes."""


@dataclass(frozen=True)
class Candidate:
    """One reorganisation to consider, and what it does to the catalog's totals."""

    kind: str
    """"merge" or "domain"."""
    units: tuple[str, str]
    """merge: units[1] merged into units[0]; domain: units[1] takes units[0]'s domain."""
    scenario: Scenario
    before: Mapping[str, int]
    after: Mapping[str, int]
    processes: tuple[str, ...]
    """Ids of the processes whose figures change, in catalog order."""

    def removed(self, figure: str) -> int:
        return self.before[figure] - self.after[figure]

    def describe(self) -> str:
        kept, other = self.units
        if self.kind == "merge":
            return _("merge {units} into {unit}").format(units=other, unit=kept)
        return _("put {unit} in domain {domain}, with {other}").format(
            unit=other, domain=self.scenario.domains[0].domain, other=kept
        )


# --- what a merge or a domain change can alter in one process ----------------------------------------


@dataclass(frozen=True)
class _Work:
    """One process reduced to its handoffs: unit pairs of handoff edges, unit triples of two handoffs in a row."""

    pairs: Counter[tuple[str, str]]
    triples: Counter[tuple[str, str, str]]
    units: frozenset[str]


def _work(process: Process) -> _Work:
    unit_of = {step_id: step.unit.id for step_id, step in process.step_by_id.items()}
    successors = process.successors
    pairs: Counter[tuple[str, str]] = Counter()
    triples: Counter[tuple[str, str, str]] = Counter()
    for first, middle in process.edges:
        unit, other = unit_of[first], unit_of[middle]
        if unit == other:
            continue
        pairs[(unit, other)] += 1
        for last in successors[middle]:
            if unit_of[last] != other:
                triples[(unit, other, unit_of[last])] += 1
    return _Work(pairs, triples, frozenset(unit_of.values()))


class _Weigher:
    """The figures that change when one unit is merged into another, or takes another domain.

    Every handoff pair and triple of every process is filed under each unit it names, so that weighing a
    change to one unit reads only the entries that name it.
    """

    def __init__(self, catalog: Catalog, volumes: Mapping[str, int]) -> None:
        self.catalog = catalog
        self.volumes = volumes
        """Requests a year through each process (only processes of products with a volume)."""
        self.order = {process_id: index for index, process_id in enumerate(catalog.processes)}
        self.users: dict[str, set[str]] = {}
        self.pairs: dict[str, list[tuple[str, str, str, int]]] = {}
        self.triples: dict[str, list[tuple[str, str, str, str, int]]] = {}
        for process_id, process in catalog.processes.items():
            work = _work(process)
            for unit in work.units:
                self.users.setdefault(unit, set()).add(process_id)
            for (source, target), count in work.pairs.items():
                for unit in {source, target}:
                    self.pairs.setdefault(unit, []).append((process_id, source, target, count))
            for (first, middle, last), count in work.triples.items():
                for unit in {first, middle, last}:
                    self.triples.setdefault(unit, []).append((process_id, first, middle, last, count))

    def _domain(self, unit: str) -> str:
        found = self.catalog.units.get(unit)
        return found.domain if found else unit

    def weigh(self, changed: str, into: str | None, domain: str | None) -> tuple[dict[str, int], tuple[str, ...]]:
        """The change of each figure, and the processes whose figures change, when `changed` is merged into
        `into` (its domain then `into`'s), or (into None) takes `domain`."""

        def name(unit: str) -> str:
            return into if into is not None and unit == changed else unit

        def domain_of(unit: str) -> str:
            return domain if into is None and unit == changed and domain else self._domain(unit)

        external_of = self.catalog.is_external
        keys = ("handoffs", "silo_handoffs", "external_handoffs", "ping_pongs")
        local: dict[str, list[int]] = {}
        """Per process, the change of each of `keys` (a process whose changes cancel out is no change)."""
        for process_id, source, target, count in self.pairs.get(changed, ()):
            before = _pair_figures(source, target, self._domain, external_of)
            after = _pair_figures(name(source), name(target), domain_of, external_of)
            if before != after:
                changes = local.setdefault(process_id, [0, 0, 0, 0])
                for index in range(3):
                    changes[index] += (after[index] - before[index]) * count
        if into is not None:  # a domain changes no ping-pong
            for process_id, first, middle, last, count in self.triples.get(changed, ()):
                old = first == last
                new = name(first) == name(last) != name(middle)
                if old != new:
                    local.setdefault(process_id, [0, 0, 0, 0])[3] += (new - old) * count
        touched = {process_id for process_id, changes in local.items() if any(changes)}
        if into is not None:  # a process with steps of both units has one unit fewer
            touched |= self.users.get(changed, set()) & self.users.get(into, set())
        delta = {key: sum(changes[index] for changes in local.values()) for index, key in enumerate(keys)}
        if self.volumes:
            for index, key in ((0, "handoffs_per_year"), (1, "silo_handoffs_per_year")):
                delta[key] = sum(changes[index] * self.volumes.get(process, 0) for process, changes in local.items())
        return delta, tuple(sorted(touched, key=self.order.__getitem__))


def _pair_figures(
    source: str, target: str, domain_of: Callable[[str], str], external_of: Callable[[str], bool]
) -> tuple[int, int, int]:
    """(handoff, silo handoff, external handoff) of one edge between these units, as 0 or 1."""
    if source == target:
        return (0, 0, 0)
    return (1, int(domain_of(source) != domain_of(target)), int(external_of(source) or external_of(target)))


# --- the ranking ----------------------------------------------------------------------------------


def _totals(analysis: Analysis) -> dict[str, int]:
    totals = {figure: sum(getattr(process, figure) for process in analysis.processes.values()) for figure in FIGURES}
    if analysis.yearly.covered:
        totals.update((figure, analysis.yearly.totals[figure]) for figure in PER_YEAR)
    return totals


def _pairs(catalog: Catalog, analysis: Analysis) -> list[tuple[str, str]]:
    """Every pair of internal units that hand each other work, each once, in declaration order."""
    declared = {unit: index for index, unit in enumerate(catalog.units)}
    found: set[tuple[str, str]] = set()
    for cell in analysis.unit_handoffs:
        if cell.source not in declared or cell.target not in declared or cell.source == cell.target:
            continue
        if catalog.is_external(cell.source) or catalog.is_external(cell.target):
            continue
        found.add(tuple(sorted((cell.source, cell.target), key=declared.__getitem__)))  # type: ignore[arg-type]
    return sorted(found, key=lambda pair: (declared[pair[0]], declared[pair[1]]))


def _kept(catalog: Catalog, analysis: Analysis, first: str, second: str) -> tuple[str, str]:
    """(unit merged into, unit merged): the one with more steps is kept; on a tie the first declared
    (`first` is declared before `second`)."""
    steps = {unit: analysis.units[unit].steps if unit in analysis.units else 0 for unit in (first, second)}
    return (second, first) if steps[second] > steps[first] else (first, second)


def scenario_of(catalog: Catalog, kind: str, units: tuple[str, str]) -> Scenario:
    """A candidate's scenario from its kind and units (see `Candidate.units`): a ranking kept in the cache
    holds only those, and gets the same scenario back."""
    if kind == "merge":
        kept, merged = units
        return Scenario(f"merge {merged} into {kept}", merges=(Merge((kept, merged), kept),))
    giver, taker = units
    domain = catalog.units[giver].domain
    return Scenario(f"{taker} to domain {domain}", domains=(DomainChange(taker, domain),))


def rank_candidates(catalog: Catalog, analysis: Analysis) -> list[Candidate]:
    """Every merge and domain change of two units that hand each other work and that removes something
    (see `RANKING`, after `PER_YEAR` where products state volumes), best first; ties by kind and units."""
    yearly = analysis.yearly
    weigher = _Weigher(catalog, {process: row.requests_per_year for process, row in yearly.processes.items()})
    before = _totals(analysis)
    ranking = (*PER_YEAR, *RANKING) if yearly.covered else RANKING
    found: list[Candidate] = []
    weighed_domains: set[tuple[str, str]] = set()
    for first, second in _pairs(catalog, analysis):
        kept, merged = _kept(catalog, analysis, first, second)
        options: list[tuple[str, tuple[str, str], Scenario, dict[str, int], tuple[str, ...]]] = []
        delta, touched = weigher.weigh(merged, kept, None)
        options.append(("merge", (kept, merged), scenario_of(catalog, "merge", (kept, merged)), delta, touched))
        if catalog.units[first].domain != catalog.units[second].domain:
            for giver, taker in ((first, second), (second, first)):
                domain = catalog.units[giver].domain
                if (taker, domain) in weighed_domains:
                    continue  # another unit of that domain made it a candidate already
                weighed_domains.add((taker, domain))
                delta, touched = weigher.weigh(taker, None, domain)
                options.append(
                    ("domain", (giver, taker), scenario_of(catalog, "domain", (giver, taker)), delta, touched)
                )
        for kind, units, scenario, delta, touched in options:
            after = {figure: value + delta.get(figure, 0) for figure, value in before.items()}
            candidate = Candidate(kind, units, scenario, before, after, touched)
            if any(candidate.removed(figure) > 0 for figure in FIGURES):
                found.append(candidate)
    found.sort(key=lambda c: (*(-c.removed(figure) for figure in ranking), c.kind, c.units))
    return found
