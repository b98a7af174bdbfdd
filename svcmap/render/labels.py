"""Where the words beside flows and gateways stand: each beside its own flow, clear of shapes and of each other.

A modeller reads a branch's `when` as belonging to the line it stands next to. bpmn.io puts a label
without a position at the middle of its flow, so branches that share a line get their words stacked on
one spot; these boxes, written into the BPMN DI, keep every label beside a stretch of line that only its
own flow draws. The sizes follow bpmn-js's external labels (11 px Arial, lines of 1.2 em, wrapped to the
label's width); the estimate per character is generous, so a line never wraps where the box did not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from svcmap.render.geometry import Box, Point
from svcmap.text import one_line

FONT_SIZE = 11.0
"""bpmn-js's external labels: 11 px Arial (Liberation Sans where Arial is missing)."""
LINE_HEIGHT = 13.2
MARGIN = 1.08
"""Estimated widths are stretched by this much, so a line never wraps where the estimate did not."""
_NARROW = frozenset("iljtfI!.,:;'|()[] ")
_WIDE = frozenset("mwMW@%")
GAP = 3.0
"""Between a label and the line it stands beside."""


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    """About the width of a line of Arial at `font_size`, on the generous side (character classes, not metrics)."""
    ems = 0.0
    for char in text:
        if char in _NARROW:
            ems += 0.3
        elif char in _WIDE:
            ems += 0.86
        elif char.isupper():
            ems += 0.7
        else:
            ems += 0.56
    return ems * font_size * MARGIN


def wrapped(text: str, width: float, font_size: float = FONT_SIZE) -> list[str]:
    """Text broken into lines no wider than `width`, at spaces, as bpmn-js breaks it; a longer word is cut."""
    lines: list[str] = []
    current = ""
    for word in one_line(text).split(" "):
        while text_width(word, font_size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut], font_size) > width:
                cut -= 1
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, font_size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines


def measure(text: str, width: float) -> tuple[float, float]:
    """The width and height of `text` as an external label wrapped to lines of at most `width` points."""
    lines = wrapped(text, width - 6.0)
    longest = max(text_width(line) for line in lines)
    return (min(width, longest + 6.0), len(lines) * LINE_HEIGHT + 2.0)


def beside(own: Sequence[tuple[Point, Point]], size: tuple[float, float]) -> Iterator[Box]:
    """Boxes of `size` beside the stretches `own` of a flow's path, nearest the path's start first.

    Above or below a horizontal stretch (from where the flow starts along it, then centred on it, then
    up to where it ends); right or left of a vertical one (level with its start, its middle, its end).
    """
    width, height = size
    for (ax, ay), (bx, by) in own:
        if ay == by:
            for left in _along(ax, bx, width, 4.0):
                yield Box(left, ay - GAP - height, width, height)
                yield Box(left, ay + GAP, width, height)
        else:
            for top in _along(ay, by, height, 2.0):
                yield Box(ax + GAP + 2.0, top, width, height)
                yield Box(ax - GAP - 2.0 - width, top, width, height)


def _along(start: float, end: float, extent: float, inset: float) -> list[float]:
    """Where a label of `extent` may begin along a stretch from `start` to `end`: by the start, centred, by
    the end; none on a stretch too short to stand beside."""
    low, high = sorted((start, end))
    if high - low < 12.0:
        return []
    first = low + inset if end > start else high - inset - extent
    last = high - inset - extent if end > start else low + inset
    return list(dict.fromkeys((first, (low + high - extent) / 2, last)))


def around(shape: Box, size: tuple[float, float]) -> Iterator[Box]:
    """Boxes of `size` around a shape: below it first, as bpmn-js places an event's or gateway's name;
    then beside the flows that leave a gateway by its top or bottom corner; then further out."""
    width, height = size
    (cx, cy) = shape.center
    below, above = shape.bottom + GAP, shape.y - GAP - height
    for top in (below, above):
        yield Box(cx - width / 2, top, width, height)
    for top in (below, above):
        yield Box(cx + GAP + 2.0, top, width, height)
        yield Box(cx - GAP - 2.0 - width, top, width, height)
    for shift in (1.0, 2.0):
        yield Box(cx + GAP + 2.0, below + shift * LINE_HEIGHT, width, height)
        yield Box(cx + GAP + 2.0, above - shift * LINE_HEIGHT, width, height)
    yield Box(shape.right + GAP, cy - height - GAP, width, height)
    yield Box(shape.right + GAP, cy + GAP, width, height)


class Placer:
    """Takes label boxes one at a time, keeping each clear of the shapes, the flows and the labels before it.

    A label that also stays within one lane is preferred: one across a lane border reads as belonging to
    neither lane.
    """

    def __init__(
        self, shapes: Iterable[Box], paths: Iterable[Sequence[Point]], area: Box, borders: Iterable[float] = ()
    ) -> None:
        self.taken: list[Box] = [shape.inflated(2.0) for shape in shapes]
        self.segments = [
            (min(a[0], b[0]), max(a[0], b[0]), min(a[1], b[1]), max(a[1], b[1]), a, b)
            for path in paths
            for a, b in zip(path, path[1:])
        ]
        """Each stretch of line with its extent, so that most are passed over at a glance."""
        self.area = area
        self.borders = tuple(borders)

    def free(self, box: Box, level: int) -> bool:
        """Whether a box may be taken: level 0 within a lane and clear of everything, 1 clear of everything,
        2 clear of shapes and labels (it may lie over another flow's line)."""
        if not self.area.contains(box):
            return False
        if level == 0 and any(box.y < border < box.bottom for border in self.borders):
            return False
        if any(box.overlaps(other) for other in self.taken):
            return False
        if level >= 2:
            return True
        wider = box.inflated(1.0)
        for left, right, top, bottom, a, b in self.segments:
            if right < wider.x or left > wider.right or bottom < wider.y or top > wider.bottom:
                continue
            if wider.crossed_by(a, b) or _ends_inside(box, a, b):
                return False
        return True

    def place(self, candidates: Iterable[Box]) -> Box | None:
        """The first candidate free at the strictest level any candidate is, now taken; else the first
        candidate at all (a crowded corner)."""
        boxes = list(candidates)
        for level in (0, 1, 2):
            for box in boxes:
                if self.free(box, level):
                    self.taken.append(box)
                    return box
        if boxes:
            self.taken.append(boxes[0])
            return boxes[0]
        return None


def _ends_inside(box: Box, a: Point, b: Point) -> bool:
    """A stretch that starts or ends inside the box (a flow's port under a label)."""
    return any(box.x < x < box.right and box.y < y < box.bottom for x, y in (a, b))


def own_stretches(path: Sequence[Point], others: Iterable[Sequence[Point]]) -> list[tuple[Point, Point]]:
    """The pieces of a path that no other path runs along, in the path's order."""
    covered: list[tuple[Point, Point]] = [(a, b) for other in others for a, b in zip(other, other[1:])]
    pieces: list[tuple[Point, Point]] = []
    for a, b in zip(path, path[1:]):
        pieces.extend(_uncovered(a, b, covered))
    return pieces


def _uncovered(a: Point, b: Point, covered: Sequence[tuple[Point, Point]]) -> list[tuple[Point, Point]]:
    """The parts of segment a→b that no covered segment lies on (same line, overlapping), in a→b's order."""
    horizontal = a[1] == b[1]
    axis = 0 if horizontal else 1
    low, high = sorted((a[axis], b[axis]))
    blocks: list[tuple[float, float]] = []
    for c, d in covered:
        if horizontal and c[1] == d[1] == a[1] or not horizontal and c[0] == d[0] == a[0]:
            blocks.append(tuple(sorted((c[axis], d[axis]))))  # type: ignore[arg-type]
    free: list[tuple[float, float]] = [(low, high)]
    for block_low, block_high in blocks:
        free = [
            piece
            for start, end in free
            for piece in ((start, min(end, block_low)), (max(start, block_high), end))
            if piece[1] - piece[0] > 0.5
        ]
    if a[axis] > b[axis]:
        free = [(end, start) for start, end in reversed(free)]

    def point(value: float) -> Point:
        return (value, a[1]) if horizontal else (a[0], value)

    return [(point(start), point(end)) for start, end in free]
