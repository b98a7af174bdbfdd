"""Orthogonal routes between shapes on the lane grid: around every shape, never along a lane border.

A BPMN modeller draws what the waypoints say, so a flow drawn straight through a task, or on the line
between two lanes, reads as something it is not. The router searches a sparse grid of tracks the layout
offers (the gaps between columns, the middle of each row, the padding above and below the tasks) for the
path with the fewest bends and the shortest length; every shape is an obstacle, and stretches that other
flows already use cost extra, so branches of one gateway keep apart and each label can stand beside its
own flow. Positions are layout points (origin top-left, y downwards).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from svcmap.render.geometry import Box, Point

STUB = 12.0
"""How far a flow runs straight out of its port at least before it may turn: past the shape's clearance.
It runs on to the first track there, so a port adds no track of its own."""
CLEARANCE = 9.0
"""The room kept free around every shape."""
BEND_COST = 40.0
SHARED_COST = 6.0
"""Per point of length, for running along a stretch another flow already uses."""
PORT_REUSE_COST = 120.0
"""For leaving or entering by a port another flow of the same shape already uses."""
EDGE_TRACK_COST = 0.5
"""Extra per point of length for running near a lane border (in the padding round the tasks) rather than
mid-row."""

WINDOW = 120.0
"""How far left or right of both its ends a route may stray (around a shape in its way)."""
BORDER_CLEARANCE = 5.0
"""No flow runs level with a lane border (or the pool's edge) closer than this."""

DIRECTIONS = {"n": (0.0, -1.0), "s": (0.0, 1.0), "e": (1.0, 0.0), "w": (-1.0, 0.0)}


@dataclass(frozen=True, slots=True)
class Port:
    """A point on a shape's outline and the direction a flow leaves (or enters) it by."""

    shape: str
    side: str
    point: Point
    cost: float = 0.0
    """A preference among a shape's ports: higher is chosen only when it saves more."""


def ports(shape: str, box: Box, sides: str) -> list[Port]:
    """The ports of a shape at the middle of the named sides, in order of preference."""
    (cx, cy) = box.center
    where = {"n": (cx, box.y), "s": (cx, box.bottom), "e": (box.right, cy), "w": (box.x, cy)}
    return [Port(shape, side, where[side], cost=index * 8.0) for index, side in enumerate(sides)]


class Router:
    """The tracks routes may run on, the shapes they must avoid, and what earlier routes already use.

    The tracks are fixed before the first route is searched, so which stretches a shape blocks is worked
    out once per diagram; a port's coordinate across its side (a row's middle, a gateway's centre) must be
    one of them.
    """

    def __init__(
        self,
        xs: Iterable[float],
        ys: Iterable[float],
        obstacles: Sequence[Box],
        borders: Iterable[float] = (),
        near_border: float = 0.0,
    ) -> None:
        self.xs = sorted(set(xs))
        self.ys = sorted(set(ys))
        self.x_index = {x: i for i, x in enumerate(self.xs)}
        self.y_index = {y: j for j, y in enumerate(self.ys)}
        lines = tuple(borders)
        self.edge_tracks = frozenset(y for y in self.ys if any(abs(y - line) < near_border for line in lines))
        """Horizontal tracks near a lane border: allowed, but a track mid-row is preferred."""
        self.blocked: set[tuple[int, int, int]] = set()
        """Stretches between neighbouring grid points that cross a shape: (i, j, 0) runs east from
        point (i, j), (i, j, 1) runs south from it."""
        for box in obstacles:
            inside_x = [i for i, x in enumerate(self.xs) if box.x < x < box.right]
            inside_y = [j for j, y in enumerate(self.ys) if box.y < y < box.bottom]
            for j in inside_y:
                for i in range(len(self.xs) - 1):
                    if self.xs[i] < box.right and box.x < self.xs[i + 1]:
                        self.blocked.add((i, j, 0))
            for i in inside_x:
                for j in range(len(self.ys) - 1):
                    if self.ys[j] < box.bottom and box.y < self.ys[j + 1]:
                        self.blocked.add((i, j, 1))
        for j, y in enumerate(self.ys):  # a flow may cross a lane border, never run along it
            if any(abs(y - line) < BORDER_CLEARANCE for line in lines):
                self.blocked.update((i, j, 0) for i in range(len(self.xs) - 1))
        self.used: dict[tuple[int, int, int], int] = {}
        """Stretches taken by earlier routes, keyed as `blocked` is."""
        self.ports_used: dict[tuple[str, str], int] = {}

    def stub(self, port: Port) -> tuple[int, int] | None:
        """The grid point a flow reaches running straight out of a port: the first track at least STUB away."""
        x, y = port.point
        if port.side in ("e", "w"):
            row = self.y_index.get(y)
            if port.side == "e":
                column = next((i for i, value in enumerate(self.xs) if value >= x + STUB), None)
            else:
                column = next((i for i in reversed(range(len(self.xs))) if self.xs[i] <= x - STUB), None)
        else:
            column = self.x_index.get(x)
            if port.side == "s":
                row = next((j for j, value in enumerate(self.ys) if value >= y + STUB), None)
            else:
                row = next((j for j in reversed(range(len(self.ys))) if self.ys[j] <= y - STUB), None)
        return None if row is None or column is None else (column, row)

    def take(self, *ports: tuple[str, str]) -> None:
        """Count ports (shape, side) as used by a flow drawn without the router."""
        for port in ports:
            self.ports_used[port] = self.ports_used.get(port, 0) + 1

    def route(self, sources: Sequence[Port], targets: Sequence[Port]) -> tuple[Point, ...] | None:
        """The cheapest orthogonal path from one of `sources` to one of `targets`, or None where none exists.

        The path runs from a source port straight out to its stub, over the tracks, and from a target's
        stub straight into the target port; it is recorded so that later routes keep off it.
        """
        xs, ys = self.xs, self.ys
        goal: dict[tuple[int, int], list[Port]] = {}
        for port in targets:
            stub = self.stub(port)
            if stub is not None:
                goal.setdefault(stub, []).append(port)
        if not goal:
            return None
        # a state is a grid point and the direction the route arrived in: 0 e, 1 w, 2 s, 3 n
        moves = ((1, 0), (-1, 0), (0, 1), (0, -1))
        opposite = (1, 0, 3, 2)
        side_move = {"e": 0, "w": 1, "s": 2, "n": 3}
        goal_points = [(xs[i], ys[j]) for i, j in goal]
        # a route never needs to go further left or right than a little past both its ends
        ends = [port.point[0] for port in (*sources, *targets)]
        low = next((i for i, x in enumerate(xs) if x >= min(ends) - WINDOW), 0)
        high = next((i for i in reversed(range(len(xs))) if xs[i] <= max(ends) + WINDOW), len(xs) - 1)

        def estimate(i: int, j: int) -> float:
            """What is left at least (A*'s heuristic): the distance to the nearest target's stub, and a bend
            where it is neither level with it nor above or below it."""
            x, y = xs[i], ys[j]
            least = float("inf")
            for gx, gy in goal_points:
                dx, dy = abs(x - gx), abs(y - gy)
                least = min(least, dx + dy + (BEND_COST if dx and dy else 0.0))
            return least

        best: dict[tuple[int, int, int], float] = {}
        came: dict[tuple[int, int, int], tuple[int, int, int] | None] = {}
        start_port: dict[tuple[int, int, int], Port] = {}
        queue: list[tuple[float, float, int, float, int, int, int]] = []
        counter = 0
        for port in sources:
            stub = self.stub(port)
            if stub is None:
                continue
            state = (*stub, side_move[port.side])
            cost = port.cost + PORT_REUSE_COST * self.ports_used.get((port.shape, port.side), 0)
            if cost < best.get(state, float("inf")):
                best[state], came[state], start_port[state] = cost, None, port
                counter += 1
                heapq.heappush(queue, (cost + estimate(state[0], state[1]), -cost, counter, cost, *state))
        end: tuple[tuple[int, int, int], Port] | None = None
        end_cost = float("inf")
        blocked, used, edge_tracks = self.blocked, self.used, self.edge_tracks
        while queue:
            bound, _, _, cost, i, j, d = heapq.heappop(queue)
            if bound >= end_cost:
                break
            if cost > best.get((i, j, d), float("inf")):
                continue
            for port in goal.get((i, j), ()):
                entry = opposite[side_move[port.side]]  # the last move runs against the port's side
                total = cost + (0.0 if d == entry else BEND_COST) + port.cost
                total += PORT_REUSE_COST * self.ports_used.get((port.shape, port.side), 0)
                if total < end_cost:
                    end_cost, end = total, ((i, j, d), port)
            for nd, (di, dj) in enumerate(moves):
                if nd == opposite[d]:
                    continue
                ni, nj = i + di, j + dj
                if ni < low or nj < 0 or ni > high or nj >= len(ys):
                    continue
                key = (i if di >= 0 else ni, j if dj >= 0 else nj, 0 if dj == 0 else 1)
                if key in blocked:
                    continue
                if dj == 0:
                    length = xs[key[0] + 1] - xs[key[0]]
                    step = length * (1.0 + EDGE_TRACK_COST) if ys[j] in edge_tracks else length
                else:
                    length = ys[key[1] + 1] - ys[key[1]]
                    step = length
                if key in used:
                    step += SHARED_COST * length * used[key]
                total = cost + step + (0.0 if nd == d else BEND_COST)
                state = (ni, nj, nd)
                if total < best.get(state, float("inf")):
                    best[state], came[state] = total, (i, j, d)
                    start_port.pop(state, None)
                    counter += 1
                    heapq.heappush(queue, (total + estimate(ni, nj), -total, counter, total, ni, nj, nd))
        if end is None:
            return None
        state, target = end
        cells: list[tuple[int, int, int]] = []
        current: tuple[int, int, int] | None = state
        while current is not None:
            cells.append(current)
            if current in start_port:
                break
            current = came[current]
        cells.reverse()
        source = start_port[cells[0]]
        for (i, j, _), (ni, nj, _) in zip(cells, cells[1:]):
            key = (min(i, ni), min(j, nj), 0 if nj == j else 1)
            self.used[key] = self.used.get(key, 0) + 1
        self.take((source.shape, source.side), (target.shape, target.side))
        return simplify([source.point] + [(xs[i], ys[j]) for i, j, _ in cells] + [target.point])


def simplify(points: Sequence[Point]) -> tuple[Point, ...]:
    """The path without repeated points and without points in the middle of a straight run."""
    kept: list[Point] = []
    for point in points:
        if kept and kept[-1] == point:
            continue
        if len(kept) >= 2:
            (ax, ay), (bx, by) = kept[-2], kept[-1]
            if (ax == bx == point[0]) or (ay == by == point[1]):
                kept[-1] = point
                continue
        kept.append(point)
    return tuple(kept)


def segments(points: Sequence[Point]) -> list[tuple[Point, Point]]:
    """The straight pieces of a path, in order."""
    return list(zip(points, points[1:]))
