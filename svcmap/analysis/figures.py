"""SPEC §3 in one place: handoffs, silos, the line of visibility, contact moments and repeated asks.

Every figure svcmap reports — per process, product, unit and life event, and the unit-to-unit handoff
matrix — is computed here and nowhere else: the rules, `analyze`, `render`, `diff` and `report` read them
from this module, so a definition changes in one place.

Two levels, so that the work can be split: `examine` works out one process (it runs in the loader's
workers, right after the process is read) and `summarise` keeps what the catalog-wide figures need of it,
as plain data that crosses processes cheaply; `analyze` sums the summaries into the `Analysis` of a whole
catalog. Nothing is cached behind the caller's back: whoever computes an Analysis passes it on.
"""

from __future__ import annotations

import marshal
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from svcmap.analysis.graph import Route, contact_route_to
from svcmap.analysis.graph import contact_route as _route_of
from svcmap.analysis.yearly import NO_YEARLY_FIGURES, UnitYearly, YearlyFigures, YearlyRow, yearly_figures
from svcmap.catalog.model import Catalog, DataItem, Process, Ref, Step


class EdgeFacts(NamedTuple):
    """One edge u→v of a process, with what SPEC §3 says about it."""

    source: str
    target: str
    when: str | None
    """The first `when` written for this target in the source step's `next` (None when there is none)."""
    handoff: bool
    silo: bool
    external: bool
    crossing: bool
    """The edge crosses the line of visibility: office(u) ≠ office(v), both known."""
    source_unit: str = ""
    target_unit: str = ""
    back_to_front: bool = False
    """office(u) is back and office(v) front: along a route, the citizen is contacted again."""


class Refusal(NamedTuple):
    """An end step with `outcome: refused`, and the route to it with the most contact moments (SPEC §3)."""

    end: str
    route: Route
    """Empty (`steps == ()`) when no route reaches the end."""
    decision: str | None
    """The last step before the end where that route branched: where the refusal is decided (None when
    the route never branches)."""


class PingPong(NamedTuple):
    """Work that goes unit(u) → unit(v) → back to unit(u) along u→v→w (u = w for a two-step loop)."""

    first: str
    middle: str
    last: str
    unit: str
    other_unit: str


@dataclass(frozen=True, slots=True)
class ProcessFigures:
    """The SPEC §3 figures of one process, as `analyze --format json` lists them."""

    id: str
    steps: int
    units: int
    handoffs: int
    silo_handoffs: int
    external_handoffs: int
    visibility_crossings: int
    ping_pongs: int
    contact_moments: int
    repeated_asks: tuple[str, ...]
    front_steps: int
    back_steps: int

    def to_dict(self) -> dict[str, object]:
        """The keys of SPEC §5 `analyze` json, in its order."""
        return {
            "id": self.id,
            "steps": self.steps,
            "units": self.units,
            "handoffs": self.handoffs,
            "silo_handoffs": self.silo_handoffs,
            "external_handoffs": self.external_handoffs,
            "visibility_crossings": self.visibility_crossings,
            "ping_pongs": self.ping_pongs,
            "contact_moments": self.contact_moments,
            "repeated_asks": list(self.repeated_asks),
            "front_steps": self.front_steps,
            "back_steps": self.back_steps,
        }


@dataclass(frozen=True, slots=True)
class ProductFigures:
    """A product and the figures of its process; a product without one (planned) has no figures."""

    id: str
    process: str | None
    figures: ProcessFigures | None
    """None when the product names no process, or one the catalog does not have."""

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "process": self.process}
        if self.figures is not None:
            figures = self.figures.to_dict()
            del figures["id"]
            data.update(figures)
        return data


@dataclass(frozen=True, slots=True)
class UnitFigures:
    """A unit's figures summed over every process (used by a product or not)."""

    id: str
    steps: int
    handoffs_in: int
    handoffs_out: int
    hands_to: tuple[tuple[str, int], ...]
    """The units it hands work to, with how many handoff edges, most first (then by id)."""

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "steps": self.steps,
            "handoffs_in": self.handoffs_in,
            "handoffs_out": self.handoffs_out,
            "hands_to": [{"unit": unit, "handoffs": count} for unit, count in self.hands_to],
        }


@dataclass(frozen=True, slots=True)
class LifeEventFigures:
    """A life event's figures over its products that have a process (SPEC §3)."""

    id: str
    products: int
    handoffs: int
    silo_handoffs: int
    contact_moments: int
    units: int
    repeated_asks: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "products": self.products,
            "handoffs": self.handoffs,
            "silo_handoffs": self.silo_handoffs,
            "contact_moments": self.contact_moments,
            "units": self.units,
            "repeated_asks": list(self.repeated_asks),
        }


@dataclass(frozen=True, slots=True)
class UnitHandoffs:
    """One cell of the unit matrix: how often `source` hands work to `target`, and in how many products."""

    source: str
    target: str
    handoffs: int
    """Handoff edges from a step of `source` to a step of `target`, over every process."""
    products: int
    """Products whose process has at least one such edge."""

    def to_dict(self) -> dict[str, object]:
        return {"from": self.source, "to": self.target, "handoffs": self.handoffs, "products": self.products}


@dataclass(frozen=True)
class Analysis:
    """Every figure of one catalog; mappings keep the catalog's order, `ranked_*` give worst first."""

    processes: Mapping[str, ProcessFigures]
    products: Mapping[str, ProductFigures]
    units: Mapping[str, UnitFigures]
    life_events: Mapping[str, LifeEventFigures]
    unit_handoffs: tuple[UnitHandoffs, ...]
    """The unit matrix's non-empty cells, most handoffs first."""
    capped: tuple[str, ...] = field(default=())
    """Processes whose contact moments are a lower bound (see `svcmap.analysis.graph.route_budget`)."""
    summaries: Mapping[str, ProcessSummary] = field(default_factory=dict, repr=False, compare=False)
    """What each process contributed (asks, units, its start), for the rules that look across processes."""
    yearly: YearlyFigures = NO_YEARLY_FIGURES
    """The figures a year, where products state `volume_per_year` (see `svcmap.analysis.yearly`)."""

    def to_dict(self) -> dict[str, object]:
        """The JSON of SPEC §5 (each section worst first), plus the unit matrix as `unit_handoffs`; where
        products have volumes, each entry with one gets its per-year keys, and `per_year` the rest."""
        yearly = self.yearly
        data: dict[str, object] = {
            "processes": [
                _with_year(figures.to_dict(), yearly.processes.get(figures.id))
                for figures in ranked_processes(self.processes.values())
            ],
            "products": [
                _with_year(product.to_dict(), yearly.products.get(product.id))
                for product in ranked_products(self.products.values())
            ],
            "units": [
                _with_year(unit.to_dict(), yearly.units.get(unit.id)) for unit in ranked_units(self.units.values())
            ],
            "life_events": [
                _with_year(event.to_dict(), yearly.life_events.get(event.id))
                for event in ranked_life_events(self.life_events.values())
            ],
            "unit_handoffs": [cell.to_dict() for cell in self.unit_handoffs],
        }
        if yearly.covered:
            data["per_year"] = yearly.summary()
        return data


def _with_year(data: dict[str, object], yearly: YearlyRow | UnitYearly | None) -> dict[str, object]:
    """An entry of `to_dict` with its per-year keys added (not its id again), when it has them."""
    if yearly is not None:
        data.update((key, value) for key, value in yearly.to_dict().items() if key != "id")
    return data


# --- ordering: worst first ------------------------------------------------------------------------


def ranked_processes(processes: Iterable[ProcessFigures]) -> list[ProcessFigures]:
    """Worst first: most silo handoffs, then handoffs, then contact moments, then by id."""
    return sorted(processes, key=lambda p: (-p.silo_handoffs, -p.handoffs, -p.contact_moments, p.id))


def ranked_products(products: Iterable[ProductFigures]) -> list[ProductFigures]:
    """As `ranked_processes`; products without figures last, by id."""

    def key(product: ProductFigures) -> tuple[int, int, int, int, str]:
        f = product.figures
        if f is None:
            return (1, 0, 0, 0, product.id)
        return (0, -f.silo_handoffs, -f.handoffs, -f.contact_moments, product.id)

    return sorted(products, key=key)


def ranked_units(units: Iterable[UnitFigures]) -> list[UnitFigures]:
    """Most handoffs (in + out) first, then most steps, then by id."""
    return sorted(units, key=lambda u: (-(u.handoffs_in + u.handoffs_out), -u.steps, u.id))


def ranked_life_events(events: Iterable[LifeEventFigures]) -> list[LifeEventFigures]:
    """As `ranked_processes`."""
    return sorted(events, key=lambda e: (-e.silo_handoffs, -e.handoffs, -e.contact_moments, e.id))


# --- one process ----------------------------------------------------------------------------------


def _unit(step: Step) -> str:
    return step.unit.id


@dataclass(frozen=True)
class Examined:
    """One process worked out: its figures, and the facts the rules that name steps and routes need."""

    figures: ProcessFigures
    edges: tuple[EdgeFacts, ...]
    route: Route
    ping_pongs: tuple[PingPong, ...]
    asked: Mapping[str, list[tuple[Step, Ref]]]
    """Per data item, the steps that ask it (see `asks_by_item`)."""
    units: frozenset[str]
    refusals: tuple[Refusal, ...] = ()
    """Every end step with `outcome: refused`, in the order written (SVC307)."""


def examine(catalog: Catalog, process: Process) -> Examined:
    """The SPEC §3 figures of one process, with the facts behind them; `catalog` gives units and offices.

    It runs once for every process of every catalog loaded, so each step's unit, office, silo and
    partnership are looked up once, and the edges are walked once for every count.
    """
    steps = process.step_by_id
    unit_of, office, domain, external = _step_facts(catalog, process)
    facts = tuple(_edges(process, unit_of, office, domain, external))
    triples = tuple(_triples(process, unit_of))
    route, refused = _contact_route(process, office)
    refusals = tuple(_refusal(process, office, end) for end in refused) if refused else ()
    asked = asks_by_item(process)
    offices = list(office.values())
    figures = ProcessFigures(
        id=process.id,
        steps=len(steps),
        units=len(set(unit_of.values())),
        handoffs=sum(1 for edge in facts if edge.handoff),
        silo_handoffs=sum(1 for edge in facts if edge.silo),
        external_handoffs=sum(1 for edge in facts if edge.external),
        visibility_crossings=sum(1 for edge in facts if edge.crossing),
        ping_pongs=len(triples),
        contact_moments=route.contact_moments,
        repeated_asks=tuple(sorted(item for item, askers in asked.items() if len(askers) > 1)),
        front_steps=offices.count("front"),
        back_steps=offices.count("back"),
    )
    return Examined(figures, facts, route, triples, asked, frozenset(unit_of.values()), refusals)


def _step_facts(
    catalog: Catalog, process: Process
) -> tuple[dict[str, str], dict[str, str | None], dict[str, str], dict[str, bool]]:
    """Per step: its unit, its office (its own, else its unit's), its silo and whether its unit is external."""
    units = catalog.units
    unit_of: dict[str, str] = {}
    office: dict[str, str | None] = {}
    domain: dict[str, str] = {}
    external: dict[str, bool] = {}
    for step_id, step in process.step_by_id.items():
        unit_id = step.unit.id
        unit = units.get(unit_id)
        unit_of[step_id] = unit_id
        office[step_id] = step.office or (unit.office if unit else None)
        domain[step_id] = unit.domain if unit else unit_id
        external[step_id] = bool(unit and unit.external)
    return unit_of, office, domain, external


def _edges(
    process: Process,
    unit_of: Mapping[str, str],
    office: Mapping[str, str | None],
    domain: Mapping[str, str],
    external: Mapping[str, bool],
) -> list[EdgeFacts]:
    """Every edge u→v between known steps (once each, in the order written), with SPEC §3's facts about it."""
    steps = process.step_by_id
    found = []
    for source_id, targets in process.successors.items():
        if not targets:
            continue
        whens: dict[str, str] = {}
        for target in steps[source_id].targets:
            if target.when is not None:
                whens.setdefault(target.to, target.when)  # the first `when` written for a target
        source_unit, source_office = unit_of[source_id], office[source_id]
        for target_id in targets:
            target_unit, target_office = unit_of[target_id], office[target_id]
            handoff = source_unit != target_unit
            found.append(
                EdgeFacts(
                    source_id,
                    target_id,
                    whens.get(target_id),
                    handoff,
                    handoff and domain[source_id] != domain[target_id],
                    handoff and (external[source_id] or external[target_id]),
                    source_office is not None and target_office is not None and source_office != target_office,
                    source_unit,
                    target_unit,
                    source_office == "back" and target_office == "front",
                )
            )
    return found


def _triples(process: Process, unit_of: Mapping[str, str]) -> list[PingPong]:
    """Every triple u→v→w with unit(u) = unit(w) ≠ unit(v), once each; u = w included."""
    successors = process.successors
    found = []
    for first_id, middle_id in process.edges:
        unit, other = unit_of[first_id], unit_of[middle_id]
        if unit == other:
            continue
        for last_id in successors[middle_id]:
            if unit_of[last_id] == unit:
                found.append(PingPong(first_id, middle_id, last_id, unit, other))
    return found


def edge_facts(catalog: Catalog, process: Process) -> list[EdgeFacts]:
    """Every edge u→v of the process (once each, in the order written), with SPEC §3's facts about it."""
    return _edges(process, *_step_facts(catalog, process))


def asks_by_item(process: Process) -> dict[str, list[tuple[Step, Ref]]]:
    """Per data item, the steps that ask it (each step once, at its first mention), in the order written."""
    asked: dict[str, list[tuple[Step, Ref]]] = {}
    for step in process.step_by_id.values():
        seen: set[str] = set()
        for ref in step.asks:
            if ref.id not in seen:
                seen.add(ref.id)
                asked.setdefault(ref.id, []).append((step, ref))
    return asked


def once_only_asks(catalog: Catalog, process: Process) -> list[tuple[Step, Ref, DataItem]]:
    """Every (step, ask, item) where the step asks the citizen for an item a register holds (`held_by`)."""
    items = catalog.data_items or {}
    found = []
    for step in process.step_by_id.values():
        seen: set[str] = set()
        for ref in step.asks:
            item = items.get(ref.id)
            if item is not None and item.held_by and ref.id not in seen:
                seen.add(ref.id)
                found.append((step, ref, item))
    return found


def _contact_route(process: Process, office: Mapping[str, str | None]) -> tuple[Route, list[str]]:
    """The route with the most contact moments, and the end steps with `outcome: refused` (in one pass)."""
    steps = process.step_by_id
    if not process.steps or process.start_id not in steps:
        return Route(0, (), ()), []
    ends: set[str] = set()
    refused: list[str] = []
    for step in steps.values():
        if not step.targets:
            ends.add(step.id)
            if step.outcome == "refused":
                refused.append(step.id)
    return _route_of(process.start_id, office, process.successors, ends), refused


def _refusal(process: Process, office: Mapping[str, str | None], end: str) -> Refusal:
    """The route to one refusing end with the most contact moments, and the branch that decides it."""
    successors = process.successors
    route = contact_route_to(process.start_id, office, successors, end)
    decision = next((step for step in reversed(route.steps[:-1]) if len(successors[step]) > 1), None)
    return Refusal(end, route, decision)


def process_figures(catalog: Catalog, process: Process) -> ProcessFigures:
    """The SPEC §3 figures of one process."""
    return examine(catalog, process).figures


def contact_route(catalog: Catalog, process: Process) -> Route:
    """The route (simple path start → end step) with the most contact moments (SPEC §3)."""
    return _contact_route(process, _step_facts(catalog, process)[1])[0]


def ping_pongs(catalog: Catalog, process: Process) -> list[PingPong]:
    """Every triple u→v→w with unit(u) = unit(w) ≠ unit(v), once each; u = w included."""
    return _triples(process, _step_facts(catalog, process)[0])


# --- what the catalog-wide figures need of a process ------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProcessSummary:
    """One process's part in the catalog-wide figures, as plain data (it crosses from a loader worker).

    Who hands work to whom, and how many steps each unit does, are kept marshalled (`work`): `analyze`
    reads them once, and for a region's 100,000 processes the tuples would cost about a kilobyte each.
    """

    figures: ProcessFigures
    work: bytes
    """marshal of (handoffs, unit_steps); see the properties."""
    asked: tuple[str, ...]
    """Data items any step asks, in the order first asked."""
    exact: bool
    """False when contact moments are a lower bound."""
    start_step: str | None
    start_channel: str | None

    @property
    def tallies(self) -> tuple[tuple[tuple[str, str, int], ...], tuple[tuple[str, int], ...]]:
        """`handoffs` and `unit_steps` at once: `work` unpacked once, for whoever needs both."""
        both: tuple[tuple[tuple[str, str, int], ...], tuple[tuple[str, int], ...]] = marshal.loads(self.work)
        return both

    @property
    def handoffs(self) -> tuple[tuple[str, str, int], ...]:
        """(from unit, to unit, handoff edges), in the order first met."""
        return self.tallies[0]

    @property
    def unit_steps(self) -> tuple[tuple[str, int], ...]:
        """(unit, steps of this process it does), in the order first met."""
        return self.tallies[1]

    @property
    def units(self) -> frozenset[str]:
        return frozenset(unit for unit, _ in self.unit_steps)

    def to_bytes(self) -> bytes:
        """The summary as the loader's workers send it and the loader keeps it: one marshalled bytes
        object per process (100,000 of them), 400 bytes smaller than the tuples it holds."""
        f = self.figures
        figures = (
            f.id,
            f.steps,
            f.units,
            f.handoffs,
            f.silo_handoffs,
            f.external_handoffs,
            f.visibility_crossings,
            f.ping_pongs,
            f.contact_moments,
            f.repeated_asks,
            f.front_steps,
            f.back_steps,
        )
        return marshal.dumps((figures, self.work, self.asked, self.exact, self.start_step, self.start_channel))

    @classmethod
    def from_bytes(cls, data: bytes) -> ProcessSummary:
        figures, work, asked, exact, start_step, start_channel = marshal.loads(data)
        return cls(ProcessFigures(*figures), work, asked, exact, start_step, start_channel)  # type: ignore[arg-type, misc]


def summarise(process: Process, examined: Examined) -> ProcessSummary:
    """What `analyze` needs of one examined process."""
    pairs: Counter[tuple[str, str]] = Counter(
        (edge.source_unit, edge.target_unit) for edge in examined.edges if edge.handoff
    )
    steps: Counter[str] = Counter(_unit(step) for step in process.step_by_id.values())
    start = process.step_by_id.get(process.start_id) if process.steps else None
    return ProcessSummary(
        figures=examined.figures,
        work=marshal.dumps(
            (tuple((source, target, count) for (source, target), count in pairs.items()), tuple(steps.items()))
        ),
        asked=tuple(examined.asked),
        exact=examined.route.exact,
        start_step=start.id if start else None,
        start_channel=start.channel if start else None,
    )


def examine_summary(organisation: Catalog, process: Process, deflate: bool = False) -> bytes:
    """The loader's per-process hook for commands that need the figures but not the rules (diff);
    a summary is small and never deflated."""
    return summarise(process, examine(organisation, process)).to_bytes()


class PackedSummaries(Mapping[str, ProcessSummary]):
    """Process id → summary, kept as the bytes the loader's workers sent (`ProcessSummary.to_bytes`) and
    unpacked on each look-up: `analyze` reads each once, and at 100,000 processes the unpacked summaries
    would add 60 MB to the run's peak, the freed bytes being of no use to objects of other sizes."""

    def __init__(self, packed: Mapping[str, bytes]) -> None:
        self.packed = packed

    def __getitem__(self, process_id: str) -> ProcessSummary:
        return ProcessSummary.from_bytes(self.packed[process_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self.packed)

    def __len__(self) -> int:
        return len(self.packed)


# --- the whole catalog ----------------------------------------------------------------------------


def analyze(catalog: Catalog, summaries: Mapping[str, ProcessSummary] | None = None) -> Analysis:
    """Every figure of the catalog, from each process's summary (worked out here where none is given).

    One pass over the summaries, each read once: they may be `PackedSummaries`, unpacked on every look-up.
    """
    known = summaries if summaries is not None else {}
    worked_out: dict[str, ProcessSummary] = {}
    uses: Counter[str] = Counter(product.process_id for product in catalog.products.values() if product.process_id)
    processes: dict[str, ProcessFigures] = {}
    capped: list[str] = []
    pairs: Counter[tuple[str, str]] = Counter()
    in_products: Counter[tuple[str, str]] = Counter()
    steps_of_unit: Counter[str] = Counter()
    for process_id, process in catalog.processes.items():
        summary = known.get(process_id)
        if summary is None:
            summary = worked_out[process_id] = summarise(process, examine(catalog, process))
        processes[process_id] = summary.figures
        if not summary.exact:
            capped.append(process_id)
        handoffs, unit_steps = summary.tallies
        for source, target, count in handoffs:
            pairs[(source, target)] += count
            in_products[(source, target)] += uses[process_id]  # each pair once per process: Counter-made
        for unit, count in unit_steps:
            steps_of_unit[unit] += count
    products: dict[str, ProductFigures] = {}
    for product in catalog.products.values():
        process_id = product.process_id
        figures = processes.get(process_id) if process_id else None
        products[product.id] = ProductFigures(product.id, process_id, figures)
    every: Mapping[str, ProcessSummary] = known
    if worked_out:  # some or all processes had no summary: the analysis keeps them all, in catalog order
        every = {process_id: worked_out.get(process_id) or known[process_id] for process_id in catalog.processes}
    analysis = Analysis(
        processes,
        products,
        _unit_figures(catalog, steps_of_unit, pairs),
        _life_event_figures(catalog, every, products),
        _unit_matrix(pairs, in_products),
        tuple(capped),
        every,
    )
    return replace(analysis, yearly=yearly_figures(catalog, analysis))


def _unit_figures(
    catalog: Catalog, steps_of_unit: Counter[str], pair_edges: Counter[tuple[str, str]]
) -> dict[str, UnitFigures]:
    """Per unit (declared ones in order, then undeclared ones steps name), summed over every process."""
    handoffs_in: Counter[str] = Counter()
    handoffs_out: Counter[str] = Counter()
    for (source, target), count in pair_edges.items():
        handoffs_out[source] += count
        handoffs_in[target] += count
    unit_ids = list(catalog.units) + sorted(set(steps_of_unit) - set(catalog.units))
    hands_to: dict[str, list[tuple[str, int]]] = {unit: [] for unit in unit_ids}
    for (source, target), count in sorted(pair_edges.items(), key=lambda item: (-item[1], item[0])):
        hands_to[source].append((target, count))
    return {
        unit: UnitFigures(unit, steps_of_unit[unit], handoffs_in[unit], handoffs_out[unit], tuple(hands_to[unit]))
        for unit in unit_ids
    }


def _life_event_figures(
    catalog: Catalog, summaries: Mapping[str, ProcessSummary], products: Mapping[str, ProductFigures]
) -> dict[str, LifeEventFigures]:
    """Per life event: sums over its products that have a process; an item two products ask is repeated."""
    life_events: dict[str, LifeEventFigures] = {}
    for event in catalog.life_events.values():
        listed = list(dict.fromkeys(ref.id for ref in event.products))  # a product listed twice is SVC003
        figures_list = [figures for p in listed if p in products and (figures := products[p].figures) is not None]
        askers: Counter[str] = Counter()
        units: set[str] = set()
        for figures in figures_list:
            summary = summaries[figures.id]
            askers.update(set(summary.asked))
            units |= summary.units
        life_events[event.id] = LifeEventFigures(
            id=event.id,
            products=len(listed),
            handoffs=sum(f.handoffs for f in figures_list),
            silo_handoffs=sum(f.silo_handoffs for f in figures_list),
            contact_moments=sum(f.contact_moments for f in figures_list),
            units=len(units),
            repeated_asks=tuple(sorted(item for item, count in askers.items() if count > 1)),
        )
    return life_events


def _unit_matrix(edges: Counter[tuple[str, str]], in_products: Counter[tuple[str, str]]) -> tuple[UnitHandoffs, ...]:
    """Who hands work to whom: handoff edges over every process, and the products with such an edge."""
    ranked = sorted(edges.items(), key=lambda item: (-item[1], -in_products[item[0]], item[0]))
    return tuple(
        UnitHandoffs(source, target, count, in_products[(source, target)]) for (source, target), count in ranked
    )


def life_event_askers(catalog: Catalog, analysis: Analysis, event_id: str) -> dict[str, list[Ref]]:
    """Per data item, the life event's product refs (as listed) whose process asks it, for SVC305."""
    event = catalog.life_events[event_id]
    found: dict[str, list[Ref]] = {}
    listed: set[str] = set()
    for ref in event.products:
        if ref.id in listed:
            continue  # listed twice: SVC003 says so, and it asks once
        listed.add(ref.id)
        product = catalog.products.get(ref.id)
        summary = analysis.summaries.get(product.process_id) if product and product.process_id else None
        if summary is None:
            continue
        for item in summary.asked:
            found.setdefault(item, []).append(ref)
    return found
