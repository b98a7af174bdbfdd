"""Every walk over a process's step graph, in one place: reachability, strongly connected components,
layers, and the route with the most contact moments.

Not networkx: building its graphs cost 0.4 s for the 2,000 processes of the bench catalog against 0.1 s
for these plain walks, and they run once per process in the loader's workers. (networkx is for the
organisation-wide unit network, where one graph is built once.)

The contact-moment route (SPEC §3) is the largest figure over every simple path from the start to an
end step. Enumerating simple paths is exponential, so routes are not enumerated: the step graph is split
into its strongly connected components (loops); between components the graph is acyclic and a plain
dynamic programme over it is exact, and only inside a loop is the set of steps already visited
remembered (a memo keyed by step and visited set, bounded by the loop's size, not the process's). The
memo search has a budget that grows with the process's size (`route_budget`), so the work over a whole
catalog is bounded by the size of its files; a search that runs out gives the largest figure over the
routes explored — a lower bound, never a route that does not exist — unless that figure already equals
a cheap upper bound (`contact_ceiling`), in which case it is exact all the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svcmap.catalog.model import Process

ROUTE_STATES_BASE = 2_000
ROUTE_STATES_PER_EDGE = 40
"""The memo search may explore `BASE + PER_EDGE × edges` states of a process (see `route_budget`)."""

NO_ROUTE = -1


def route_budget(edges: int) -> int:
    """States the contact-moment search may explore in a process with this many edges.

    Linear in the process's size, so a catalog's total is linear in the size of its files: 30 processes
    of 21 fully connected steps (a 260 KB catalog) cost at most 30 × 18,800 states, not 30 × millions.
    """
    return ROUTE_STATES_BASE + ROUTE_STATES_PER_EDGE * edges


@dataclass(frozen=True)
class Route:
    """The route with the most contact moments, and the steps where the citizen is met."""

    contact_moments: int
    steps: tuple[str, ...]
    """The route, start to end; empty when the process has no route (no end can be reached)."""
    contacts: tuple[str, ...]
    """The steps along the route that count: a front-office start, and every back→front target."""
    exact: bool = True
    """False when the search ran out of budget: the figure is then a lower bound."""


def reachable(start: str, successors: Mapping[str, Iterable[str]], known: set[str] | None = None) -> set[str]:
    """Nodes reachable from start (itself included; skipping `known` ones), by a plain stack walk."""
    seen = {start}
    stack = [start]
    while stack:
        for neighbour in successors.get(stack.pop(), ()):
            if neighbour not in seen and (known is None or neighbour not in known):
                seen.add(neighbour)
                stack.append(neighbour)
    return seen


def predecessors(successors: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Per node, the nodes that lead to it."""
    found: dict[str, list[str]] = {node: [] for node in successors}
    for source, targets in successors.items():
        for target in targets:
            found[target].append(source)
    return found


def can_reach(targets: Iterable[str], successors: Mapping[str, Iterable[str]]) -> set[str]:
    """Nodes from which some node in `targets` can be reached (the targets included)."""
    backwards = predecessors(successors)
    reached: set[str] = set()
    for target in targets:
        if target not in reached:
            reached |= reachable(target, backwards, reached)
    return reached


def contact_route(
    start: str, office: Mapping[str, str | None], successors: Mapping[str, tuple[str, ...]], ends: set[str]
) -> Route:
    """The route (simple path start → end step) with the most contact moments (SPEC §3)."""
    steps = {step: tuple(target for target in targets if target != step) for step, targets in successors.items()}
    edges = sum(len(targets) for targets in steps.values())
    return _RouteSearch(start, office, steps, ends, route_budget(edges)).run()


def contact_route_to(
    start: str, office: Mapping[str, str | None], successors: Mapping[str, tuple[str, ...]], end: str
) -> Route:
    """The route to one end step with the most contact moments (SVC307: a refusal reached late).

    The same search as `contact_route`, with `end` the only end: every other end step has no `next`,
    so a path that reaches one can go no further and is no route to `end`.
    """
    return contact_route(start, office, successors, {end})


def contact_ceiling(
    start: str, office: Mapping[str, str | None], successors: Mapping[str, tuple[str, ...]], ends: set[str]
) -> int:
    """An upper bound on any route's contact moments: a front-office start, plus every front-office step on
    some route that has a back-office step before it (a simple path enters each step at most once)."""
    on_routes = reachable(start, successors) & can_reach(ends, successors)
    entered = {
        target
        for source in on_routes
        if office.get(source) == "back"
        for target in successors[source]
        if target in on_routes and target != start and office.get(target) == "front"
    }
    return (1 if office.get(start) == "front" else 0) + len(entered)


_NO_MEMO: Mapping[tuple[int, int], tuple[int, int]] = {}
"""The memo of a component of one step: always empty, shared (never written to)."""


class _RouteSearch:
    """Largest contact moments over simple start→end paths: exact DP over loops (see the module docstring)."""

    def __init__(
        self,
        start: str,
        office: Mapping[str, str | None],
        successors: Mapping[str, tuple[str, ...]],
        ends: set[str],
        budget: int,
    ) -> None:
        self.start = start
        self.office = office
        self.successors = successors
        self.ends = ends
        self.budget = budget
        self.exact = True
        self.component_of: dict[str, int] = {}
        self.index_in: dict[str, int] = {}
        self.members: list[list[str]] = []
        self.best: dict[str, int] = {}
        """Per step: the most contact moments after entering its component there (excl. the step itself)."""
        self.leave_to: dict[str, str | None] = {}
        """Per step: where the best route leaves its component from it (None: it ends here)."""
        self.leave_score: dict[str, int] = {}
        self.memos: list[Mapping[tuple[int, int], tuple[int, int]]] = []
        self.entries: set[str] = set()

    def gain(self, source: str, target: str) -> int:
        return 1 if self.office[source] == "back" and self.office[target] == "front" else 0

    def run(self) -> Route:
        found = components(self.start, self.successors)
        for number, component in enumerate(found):
            for position, step in enumerate(component):
                self.component_of[step] = number
                self.index_in[step] = position
        # a route enters a component at the start or over an edge from another one, nowhere else
        self.entries = {self.start} | {
            target
            for component in found
            for step in component
            for target in self.successors[step]
            if self.component_of[target] != self.component_of[step]
        }
        for component in found:
            self.solve(component)
        after_start = self.best[self.start]
        if after_start == NO_ROUTE:
            return Route(0, (), (), self.exact)
        route = self.reconstruct()
        contacts = [route[0]] if self.office[route[0]] == "front" else []
        contacts += [target for source, target in zip(route, route[1:]) if self.gain(source, target)]
        exact = self.exact or len(contacts) >= contact_ceiling(self.start, self.office, self.successors, self.ends)
        return Route(len(contacts), tuple(route), tuple(contacts), exact)

    def solve(self, component: list[str]) -> None:
        """Fill `best` for every step of one component; later components are solved already."""
        number = len(self.members)
        self.members.append(component)
        office, best, component_of = self.office, self.best, self.component_of
        for step in component:
            score, leave = (0, None) if step in self.ends else (NO_ROUTE, None)
            from_back = office[step] == "back"
            for target in self.successors[step]:
                if component_of[target] != number:
                    after = best[target]
                    if after != NO_ROUTE:
                        after += 1 if from_back and office[target] == "front" else 0  # `gain`, inlined: per edge
                        if after > score:
                            score, leave = after, target
            self.leave_score[step], self.leave_to[step] = score, leave
        if len(component) == 1:  # no loop (most steps): no memo to search or keep
            self.memos.append(_NO_MEMO)
            best[component[0]] = self.leave_score[component[0]]
            return
        memo: dict[tuple[int, int], tuple[int, int]] = {}
        self.memos.append(memo)
        inner = [[self.index_in[t] for t in self.successors[s] if self.component_of[t] == number] for s in component]
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
                if got[0] != NO_ROUTE and got[0] + gains[position][tried] > score:
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


def components(start: str, successors: Mapping[str, tuple[str, ...]]) -> list[list[str]]:
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


def layers(process: Process) -> dict[str, int]:
    """Each step's column: the longest path from the start over the edges that are not loops.

    A loop edge is one that a depth-first walk from the start (successors in the order written) finds
    going back to a step on the current path; steps not reached from the start are walked afterwards, in
    the order written, so the layering is defined for every step.
    """
    steps = process.step_by_id
    successors = {step_id: [t for t in step.successors if t in steps] for step_id, step in steps.items()}
    back_edges: set[tuple[str, str]] = set()
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    roots = [process.start_id] if process.start_id in steps else []
    roots += [step_id for step_id in steps if step_id not in roots]
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors[root]))]
        while stack:
            node, pending = stack[-1]
            for target in pending:
                if state.get(target) == 1:
                    back_edges.add((node, target))
                elif target not in state:
                    state[target] = 1
                    stack.append((target, iter(successors[target])))
                    break
            else:
                state[node] = 2
                stack.pop()
    forward = {s: [t for t in targets if (s, t) not in back_edges] for s, targets in successors.items()}
    indegree = {step_id: 0 for step_id in steps}
    for targets in forward.values():
        for target in targets:
            indegree[target] += 1
    layer = {step_id: 0 for step_id in steps}
    ready = [step_id for step_id in steps if indegree[step_id] == 0]
    while ready:
        step_id = ready.pop(0)
        for target in forward[step_id]:
            layer[target] = max(layer[target], layer[step_id] + 1)
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return layer
