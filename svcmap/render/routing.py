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
"""How far left or right of both its ends a route is first searched for (around a shape in its way)."""
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
        columns = len(self.xs)
        self.blocked_ids = {(j * columns + i) * 2 + south for i, j, south in self.blocked}
        self.spans: dict[int, float] = {}
        """Each stretch's length."""
        self.lengths: dict[int, float] = {}
        """The cost of running each stretch: its length, more near a lane border."""
        for j, y in enumerate(self.ys):
            extra = 1.0 + EDGE_TRACK_COST if y in self.edge_tracks else 1.0
            for i, x in enumerate(self.xs):
                stretch = (j * columns + i) * 2
                if i + 1 < columns:
                    self.spans[stretch] = self.xs[i + 1] - x
                    self.lengths[stretch] = self.spans[stretch] * extra
                if j + 1 < len(self.ys):
                    self.spans[stretch + 1] = self.lengths[stretch + 1] = self.ys[j + 1] - y
        self.used_ids: dict[int, int] = {}
        """Stretches taken by earlier routes, numbered as in `_search`."""
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
        goal_points = [(xs[i], ys[j]) for i, j in goal]
        # a route seldom needs to stray far left or right of both its ends: search there first
        ends = [port.point for port in (*sources, *targets)]
        near = (
            _first(xs, min(x for x, _ in ends) - WINDOW),
            _last(xs, max(x for x, _ in ends) + WINDOW),
            0,
            len(ys) - 1,
        )
        for window in dict.fromkeys((near, (0, len(xs) - 1, 0, len(ys) - 1))):
            found = self._search(sources, goal, goal_points, window)
            if found is not None:
                return found
        return None

    def _search(
        self,
        sources: Sequence[Port],
        goal: dict[tuple[int, int], list[Port]],
        goal_points: list[Point],
        window: tuple[int, int, int, int],
    ) -> tuple[Point, ...] | None:
        """A* over the grid points within `window` (first and last column, first and last row).

        A state is a grid point and the direction the route arrived in (0 e, 1 w, 2 s, 3 n), numbered
        ((row * columns) + column) * 4 + direction; a stretch is numbered (row * columns + column) * 2,
        plus 1 when it runs south. The heuristic is the distance to the nearest target's stub across and
        along, and a bend where neither is zero.
        """
        xs, ys = self.xs, self.ys
        columns = len(xs)
        opposite = (1, 0, 3, 2)
        side_move = {"e": 0, "w": 1, "s": 2, "n": 3}
        low, high, top, bottom = window
        across = [min(abs(x - gx) for gx, _ in goal_points) for x in xs]
        along = [min(abs(y - gy) for _, gy in goal_points) for y in ys]
        goals = {j * columns + i: ports for (i, j), ports in goal.items()}
        infinity = float("inf")
        best = [infinity] * (columns * len(ys) * 4)
        came: dict[int, int] = {}
        start_port: dict[int, Port] = {}
        queue: list[tuple[float, float, int]] = []
        for port in sources:
            stub = self.stub(port)
            if stub is None:
                continue
            i, j = stub
            state = (j * columns + i) * 4 + side_move[port.side]
            cost = port.cost + PORT_REUSE_COST * self.ports_used.get((port.shape, port.side), 0)
            if cost < best[state]:
                best[state], start_port[state] = cost, port
                guess = across[i] + along[j] + (BEND_COST if across[i] and along[j] else 0.0)
                heapq.heappush(queue, (cost + guess, -cost, state))
        end: tuple[int, Port] | None = None
        end_cost = infinity
        blocked, used, lengths, spans = self.blocked_ids, self.used_ids, self.lengths, self.spans
        while queue:
            bound, negative, state = heapq.heappop(queue)
            cost = -negative
            if bound >= end_cost:
                break
            if cost > best[state]:
                continue
            point, d = divmod(state, 4)
            j, i = divmod(point, columns)
            for port in goals.get(point, ()):
                entry = opposite[side_move[port.side]]  # the last move runs against the port's side
                total = cost + (0.0 if d == entry else BEND_COST) + port.cost
                total += PORT_REUSE_COST * self.ports_used.get((port.shape, port.side), 0)
                if total < end_cost:
                    end_cost, end = total, (state, port)
            for nd, di, dj in ((0, 1, 0), (1, -1, 0), (2, 0, 1), (3, 0, -1)):
                if nd == opposite[d]:
                    continue
                ni, nj = i + di, j + dj
                if ni < low or nj < top or ni > high or nj > bottom:
                    continue
                stretch = ((j if dj >= 0 else nj) * columns + (i if di >= 0 else ni)) * 2 + (1 if dj else 0)
                if stretch in blocked:
                    continue
                step = lengths[stretch]
                if stretch in used:
                    step += SHARED_COST * spans[stretch] * used[stretch]
                total = cost + step + (0.0 if nd == d else BEND_COST)
                following = (nj * columns + ni) * 4 + nd
                if total < best[following]:
                    best[following] = total
                    came[following] = state
                    start_port.pop(following, None)
                    guess = across[ni] + along[nj] + (BEND_COST if across[ni] and along[nj] else 0.0)
                    heapq.heappush(queue, (total + guess, -total, following))
        if end is None:
            return None
        state, target = end
        cells = [state]
        while cells[-1] not in start_port:
            cells.append(came[cells[-1]])
        cells.reverse()
        source = start_port[cells[0]]
        points = [divmod(cell // 4, columns) for cell in cells]  # (row, column)
        for (j, i), (nj, ni) in zip(points, points[1:]):
            stretch = (min(j, nj) * columns + min(i, ni)) * 2 + (1 if nj != j else 0)
            self.used_ids[stretch] = self.used_ids.get(stretch, 0) + 1
        self.take((source.shape, source.side), (target.shape, target.side))
        return simplify([source.point] + [(xs[i], ys[j]) for j, i in points] + [target.point])


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


def _first(values: Sequence[float], at_least: float) -> int:
    """The index of the first value at least `at_least` (or the last index)."""
    return next((i for i, value in enumerate(values) if value >= at_least), len(values) - 1)


def _last(values: Sequence[float], at_most: float) -> int:
    """The index of the last value at most `at_most` (or the first index)."""
    return next((i for i in reversed(range(len(values))) if values[i] <= at_most), 0)
