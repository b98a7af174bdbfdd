"""Points and boxes in layout coordinates (points, 1/72 in; origin top-left, y downwards)."""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle: top-left corner, width and height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> Point:
        return (self.x + self.width / 2, self.y + self.height / 2)

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def contains(self, other: Box) -> bool:
        return self.x <= other.x and self.y <= other.y and other.right <= self.right and other.bottom <= self.bottom

    def overlaps(self, other: Box) -> bool:
        """The two share more than an edge."""
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def inflated(self, by: float) -> Box:
        return Box(self.x - by, self.y - by, self.width + 2 * by, self.height + 2 * by)

    def crossed_by(self, a: Point, b: Point) -> bool:
        """An axis-parallel segment from a to b runs through the inside of the box."""
        (ax, ay), (bx, by) = a, b
        if ay == by:
            return self.y < ay < self.bottom and min(ax, bx) < self.right and self.x < max(ax, bx)
        return self.x < ax < self.right and min(ay, by) < self.bottom and self.y < max(ay, by)
