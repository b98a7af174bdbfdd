"""SPEC §3 in one place: handoffs, silos, the line of visibility, contact moments and repeated asks.

Every figure svcmap reports — per process, product, unit and life event, and the unit-to-unit handoff
matrix — is computed here and nowhere else: rules SVC301–SVC306, `analyze`, `render`, `diff` and `report`
read them from this module, so a definition changes in one place.

Contact moments need the largest figure over every *route* (a simple path from the start to an end step).
Enumerating simple paths is exponential, so routes are not enumerated: the step graph is split into its
strongly connected components (loops); between components the graph is acyclic and a plain dynamic
programme over it is exact, and only inside a loop is the set of steps already visited remembered (a
memo keyed by step and visited set, bounded by the loop's size, not the process's). Should a pathological
loop still need more than `ROUTE_STATE_CAP` memo states, the search stops exploring new ones: the figure is
then the largest over the routes explored (a lower bound, never a route that does not exist) and the
`Route` (and `Analysis.capped`) says it is not exact.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from svcmap.catalog.model import Catalog, DataItem, Process, Ref, Step

ROUTE_STATE_CAP = 200_000
"""Memo states explored per process before the contact-moment search gives a lower bound (see above)."""

_NO_ROUTE = -1


@dataclass(frozen=True, slots=True)
class EdgeFacts:
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


@dataclass(frozen=True)
class PingPong:
    """Work that goes unit(u) → unit(v) → back to unit(u) along u→v→w (u = w for a two-step loop)."""

    first: str
    middle: str
    last: str
    unit: str
    other_unit: str


@dataclass(frozen=True)
class Route:
    """The route with the most contact moments, and the steps where the citizen is met."""

    contact_moments: int
    steps: tuple[str, ...]
    """The route, start to end; empty when the process has no route (no end can be reached)."""
    contacts: tuple[str, ...]
    """The steps along the route that count: a front-office start, and every back→front target."""
    exact: bool = True
    """False when the search hit `ROUTE_STATE_CAP`: the figure is then a lower bound."""


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    """Processes whose contact moments are a lower bound (see `ROUTE_STATE_CAP`)."""
    examined: Mapping[str, _Examined] = field(default_factory=dict, repr=False, compare=False)
    """Each process's edge facts, route and ping-pongs, kept for the rules that list them."""

    def to_dict(self) -> dict[str, object]:
        """The JSON of SPEC §5 (each section worst first), plus the unit matrix as `unit_handoffs`."""
        return {
            "processes": [figures.to_dict() for figures in ranked_processes(self.processes.values())],
            "products": [product.to_dict() for product in ranked_products(self.products.values())],
            "units": [unit.to_dict() for unit in ranked_units(self.units.values())],
            "life_events": [event.to_dict() for event in ranked_life_events(self.life_events.values())],
            "unit_handoffs": [cell.to_dict() for cell in self.unit_handoffs],
        }


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


def edge_facts(catalog: Catalog, process: Process) -> list[EdgeFacts]:
    """Every edge u→v of the process (once each, in the order written), with SPEC §3's facts about it."""
    return list(_examined(catalog, process).edges)


def _offices(catalog: Catalog, process: Process) -> dict[str, str | None]:
    """Each step's office, looked up once: edges and routes ask for it many times."""
    return {step_id: catalog.office_of(step) for step_id, step in process.step_by_id.items()}


def _edge_facts(catalog: Catalog, process: Process, offices: Mapping[str, str | None]) -> list[EdgeFacts]:
    steps = process.step_by_id
    silo_of = {step_id: catalog.domain_of(step) for step_id, step in steps.items()}
    facts = []
    for source_id, target_id in process.edges:
        source = steps[source_id]
        source_unit, target_unit = source.unit.id, steps[target_id].unit.id
        handoff = source_unit != target_unit
        source_office, target_office = offices[source_id], offices[target_id]
        when = None
        for target in source.targets:
            if target.to == target_id and target.when is not None:
                when = target.when
                break
        facts.append(
            EdgeFacts(
                source=source_id,
                target=target_id,
                when=when,
                handoff=handoff,
                silo=handoff and silo_of[source_id] != silo_of[target_id],
                external=handoff and (catalog.is_external(source_unit) or catalog.is_external(target_unit)),
                crossing=source_office is not None and target_office is not None and source_office != target_office,
                source_unit=source_unit,
                target_unit=target_unit,
                back_to_front=source_office == "back" and target_office == "front",
            )
        )
    return facts


def ping_pongs(catalog: Catalog, process: Process) -> list[PingPong]:
    """Every triple u→v→w with unit(u) = unit(w) ≠ unit(v), once each; u = w included."""
    return list(_examined(catalog, process).ping_pongs)


def _ping_pongs(process: Process) -> list[PingPong]:
    steps = process.step_by_id
    found = []
    for first_id, middle_id in process.edges:
        unit, other = _unit(steps[first_id]), _unit(steps[middle_id])
        if unit == other:
            continue
        for last_id in steps[middle_id].successors:
            last = steps.get(last_id)
            if last is not None and _unit(last) == unit:
                found.append(PingPong(first_id, middle_id, last_id, unit, other))
    return found


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


def contact_route(catalog: Catalog, process: Process) -> Route:
    """The route (simple path start → end step) with the most contact moments (SPEC §3)."""
    return _examined(catalog, process).route


def _contact_route(process: Process, office: Mapping[str, str | None]) -> Route:
    steps = process.step_by_id
    if not process.steps or process.start_id not in steps:
        return Route(0, (), ())
    start = process.start_id
    successors = {
        step_id: tuple(target for target in step.successors if target in steps and target != step_id)
        for step_id, step in steps.items()
    }
    return _RouteSearch(start, office, successors, {s.id for s in steps.values() if s.is_end}).run()


def process_figures(catalog: Catalog, process: Process) -> ProcessFigures:
    """The SPEC §3 figures of one process (from its catalog's analysis when that was made)."""
    return _examined(catalog, process).figures


@dataclass(frozen=True)
class _Examined:
    """One process's figures and the facts the catalog-wide figures are summed from."""

    figures: ProcessFigures
    edges: list[EdgeFacts]
    route: Route
    asked: frozenset[str]
    units: frozenset[str]
    ping_pongs: list[PingPong]


def _examined(catalog: Catalog, process: Process) -> _Examined:
    """A process's facts from its catalog's analysis when that was made (rules ask for them again), else anew."""
    analysis = _ANALYSES.get(id(catalog))
    if analysis is not None and catalog.processes.get(process.id) is process:
        examined = analysis.examined.get(process.id)
        if examined is not None:
            return examined
    return _examine(catalog, process)


def _examine(catalog: Catalog, process: Process) -> _Examined:
    office = _offices(catalog, process)
    facts = _edge_facts(catalog, process, office)
    triples = _ping_pongs(process)
    steps = process.step_by_id.values()
    offices = list(office.values())
    route = _contact_route(process, office)
    asked = asks_by_item(process)
    units = frozenset(_unit(step) for step in steps)
    figures = ProcessFigures(
        id=process.id,
        steps=len(steps),
        units=len(units),
        handoffs=sum(edge.handoff for edge in facts),
        silo_handoffs=sum(edge.silo for edge in facts),
        external_handoffs=sum(edge.external for edge in facts),
        visibility_crossings=sum(edge.crossing for edge in facts),
        ping_pongs=len(triples),
        contact_moments=route.contact_moments,
        repeated_asks=tuple(sorted(item for item, askers in asked.items() if len(askers) > 1)),
        front_steps=offices.count("front"),
        back_steps=offices.count("back"),
    )
    return _Examined(figures, facts, route, frozenset(asked), units, triples)


class _RouteSearch:
    """Largest contact moments over simple start→end paths: exact DP over loops (see the module docstring)."""

    def __init__(
        self, start: str, office: Mapping[str, str | None], successors: Mapping[str, tuple[str, ...]], ends: set[str]
    ) -> None:
        self.start = start
        self.office = office
        self.successors = successors
        self.ends = ends
        self.budget = ROUTE_STATE_CAP
        self.exact = True
        self.component_of: dict[str, int] = {}
        self.index_in: dict[str, int] = {}
        self.members: list[list[str]] = []
        self.best: dict[str, int] = {}
        """Per step: the most contact moments after entering its component there (excl. the step itself)."""
        self.leave_to: dict[str, str | None] = {}
        """Per step: where the best route leaves its component from it (None: it ends here)."""
        self.leave_score: dict[str, int] = {}
        self.memos: list[dict[tuple[int, int], tuple[int, int]]] = []
        self.entries: set[str] = set()

    def gain(self, source: str, target: str) -> int:
        return 1 if self.office[source] == "back" and self.office[target] == "front" else 0

    def run(self) -> Route:
        components = _components(self.start, self.successors)
        for number, component in enumerate(components):
            for position, step in enumerate(component):
                self.component_of[step] = number
                self.index_in[step] = position
        # a route enters a component at the start or over an edge from another one, nowhere else
        self.entries = {self.start} | {
            target
            for component in components
            for step in component
            for target in self.successors[step]
            if self.component_of[target] != self.component_of[step]
        }
        for component in components:
            self.solve(component)
        after_start = self.best[self.start]
        if after_start == _NO_ROUTE:
            return Route(0, (), (), self.exact)
        route = self.reconstruct()
        contacts = [route[0]] if self.office[route[0]] == "front" else []
        contacts += [target for source, target in zip(route, route[1:]) if self.gain(source, target)]
        return Route(len(contacts), tuple(route), tuple(contacts), self.exact)

    def solve(self, component: list[str]) -> None:
        """Fill `best` for every step of one component; later components are solved already."""
        number = len(self.members)
        self.members.append(component)
        for step in component:
            score, leave = (0, None) if step in self.ends else (_NO_ROUTE, None)
            for target in self.successors[step]:
                if self.component_of[target] != number:
                    after = self.best[target]
                    if after != _NO_ROUTE and after + self.gain(step, target) > score:
                        score, leave = after + self.gain(step, target), target
            self.leave_score[step], self.leave_to[step] = score, leave
        memo: dict[tuple[int, int], tuple[int, int]] = {}
        self.memos.append(memo)
        if len(component) == 1:
            self.best[component[0]] = self.leave_score[component[0]]
            return
        inner = [
            [self.index_in[t] for t in self.successors[s] if self.component_of[t] == number] for s in component
        ]
        gains = [[self.gain(s, component[t]) for t in row] for s, row in zip(component, inner)]
        for position, step in enumerate(component):
            if step in self.entries:
                self.best[step] = self.inside(component, inner, gains, memo, position)

    def inside(
        self,
        component: list[str],
        inner: list[list[int]],
        gains: list[list[int]],
        memo: dict[tuple[int, int], tuple[int, int]],
        first: int,
    ) -> int:
        """Most contact moments entering the component at `first`: a DFS memoised on (step, steps visited).

        `inner[i]` lists the positions step i leads to inside the component, `gains[i]` whether each edge
        goes from back to front; the memo maps (position, visited bitmask) to (score, next position or -1
        for leaving the component by `leave_to`).
        """
        mask = 1 << first
        if (first, mask) in memo:
            return memo[(first, mask)][0]
        # a frame: [position, visited, next successor to try, best score so far, its choice]
        frames = [[first, mask, 0, self.leave_score[component[first]], -1]]
        while frames:
            frame = frames[-1]
            position, visited, tried, score, choice = frame
            row = inner[position]
            descended = False
            while tried < len(row):
                target = row[tried]
                if visited >> target & 1:
                    tried += 1
                    continue
                got = memo.get((target, visited | 1 << target))
                if got is None:
                    if self.budget <= 0:
                        self.exact = False
                        tried += 1
                        continue
                    self.budget -= 1
                    frame[2], frame[3], frame[4] = tried, score, choice
                    frames.append([target, visited | 1 << target, 0, self.leave_score[component[target]], -1])
                    descended = True
                    break
                if got[0] != _NO_ROUTE and got[0] + gains[position][tried] > score:
                    score, choice = got[0] + gains[position][tried], target
                tried += 1
            if not descended:
                memo[(position, visited)] = (score, choice)
                frames.pop()
        return memo[(first, mask)][0]

    def reconstruct(self) -> list[str]:
        route = [self.start]
        step: str | None = self.start
        mask = 1 << self.index_in[self.start]
        while step is not None:
            number = self.component_of[step]
            memo = self.memos[number]
            position = self.index_in[step]
            choice = memo[(position, mask)][1] if (position, mask) in memo else -1
            if choice >= 0:
                step = self.members[number][choice]
                mask |= 1 << choice
            else:
                step = self.leave_to[step]
                if step is None:
                    break
                mask = 1 << self.index_in[step]
            route.append(step)
        return route


def _components(start: str, successors: Mapping[str, tuple[str, ...]]) -> list[list[str]]:
    """The strongly connected components reachable from `start`, sinks first (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    index[start] = low[start] = 0
    stack.append(start)
    on_stack.add(start)
    work = [(start, iter(successors[start]))]
    while work:
        node, pending = work[-1]
        for target in pending:
            if target not in index:
                index[target] = low[target] = len(index)
                stack.append(target)
                on_stack.add(target)
                work.append((target, iter(successors[target])))
                break
            if target in on_stack:
                low[node] = min(low[node], index[target])
        else:
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


# --- the whole catalog ----------------------------------------------------------------------------


def analyze(catalog: Catalog) -> Analysis:
    """Every figure of the catalog; computed once per Catalog object (rules and commands share it)."""
    key = id(catalog)
    cached = _ANALYSES.get(key)
    if cached is None:
        cached = _analyze(catalog)
        _ANALYSES[key] = cached
        weakref.finalize(catalog, _ANALYSES.pop, key, None)
    return cached


_ANALYSES: dict[int, Analysis] = {}
"""Analyses by the id of their (live) Catalog: the entry is dropped when the Catalog is collected."""


def _analyze(catalog: Catalog) -> Analysis:
    examined = {process.id: _examine(catalog, process) for process in catalog.processes.values()}
    processes = {process_id: done.figures for process_id, done in examined.items()}
    capped = tuple(process_id for process_id, done in examined.items() if not done.route.exact)

    products: dict[str, ProductFigures] = {}
    for product in catalog.products.values():
        process_id = product.process.id if product.process else None
        figures = processes.get(process_id) if process_id else None
        products[product.id] = ProductFigures(product.id, process_id, figures)

    pairs = _handoff_pairs(examined)
    return Analysis(
        processes,
        products,
        _unit_figures(catalog, examined, pairs),
        _life_event_figures(catalog, examined, products),
        _unit_matrix(examined, products, pairs),
        capped,
        examined,
    )


def _handoff_pairs(examined: Mapping[str, _Examined]) -> Counter[tuple[str, str]]:
    """Handoff edges over every process, per (from unit, to unit)."""
    return Counter(
        (edge.source_unit, edge.target_unit) for done in examined.values() for edge in done.edges if edge.handoff
    )


def _unit_figures(
    catalog: Catalog, examined: Mapping[str, _Examined], pair_edges: Counter[tuple[str, str]]
) -> dict[str, UnitFigures]:
    """Per unit (declared ones in order, then undeclared ones steps name), summed over every process."""
    steps_of_unit: Counter[str] = Counter()
    for process_id in examined:
        steps_of_unit.update(_unit(step) for step in catalog.processes[process_id].step_by_id.values())
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
    catalog: Catalog, examined: Mapping[str, _Examined], products: Mapping[str, ProductFigures]
) -> dict[str, LifeEventFigures]:
    """Per life event: sums over its products that have a process; an item two products ask is repeated."""
    life_events: dict[str, LifeEventFigures] = {}
    for event in catalog.life_events.values():
        listed = list(dict.fromkeys(ref.id for ref in event.products))  # a product listed twice is SVC003
        figures_list = [figures for p in listed if p in products and (figures := products[p].figures) is not None]
        askers: Counter[str] = Counter()
        units: set[str] = set()
        for figures in figures_list:
            askers.update(examined[figures.id].asked)
            units |= examined[figures.id].units
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


def _unit_matrix(
    examined: Mapping[str, _Examined], products: Mapping[str, ProductFigures], edges: Counter[tuple[str, str]]
) -> tuple[UnitHandoffs, ...]:
    """Who hands work to whom: handoff edges over every process, and the products with such an edge."""
    pairs_of = {
        process_id: {(edge.source_unit, edge.target_unit) for edge in done.edges if edge.handoff}
        for process_id, done in examined.items()
    }
    in_products: Counter[tuple[str, str]] = Counter()
    for product in products.values():
        if product.figures is not None:
            in_products.update(pairs_of[product.figures.id])
    ranked = sorted(edges.items(), key=lambda item: (-item[1], -in_products[item[0]], item[0]))
    return tuple(
        UnitHandoffs(source, target, count, in_products[(source, target)]) for (source, target), count in ranked
    )


def life_event_askers(catalog: Catalog, event_id: str) -> dict[str, list[Ref]]:
    """Per data item, the life event's product refs (as listed) whose process asks it, for SVC305."""
    event = catalog.life_events[event_id]
    found: dict[str, list[Ref]] = {}
    listed: set[str] = set()
    for ref in event.products:
        if ref.id in listed:
            continue  # listed twice: SVC003 says so, and it asks once
        listed.add(ref.id)
        product = catalog.products.get(ref.id)
        process = catalog.processes.get(product.process.id) if product and product.process else None
        if process is None:
            continue
        for item in asks_by_item(process):
            found.setdefault(item, []).append(ref)
    return found
