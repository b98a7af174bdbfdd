"""What makes Mermaid's layout stack the lanes as every other format does: front office on top, lanes in order.

Mermaid places the nodes itself; the Mermaid text can only steer it. Found with Mermaid's own renderer
(mmdc 12.2 with Mermaid 12.3, reading back where each subgraph was drawn) on the 25 example processes:

- Mermaid 12 lays a flowchart out with ELK unless told otherwise, and ELK puts subgraphs that flows join
  one after the other along the flow: in `flowchart LR` the back-office band stood beside the front-office
  band in all 25. Stacking them takes `TB`, which turns every lane's flow on its side. Git hosts
  (GitHub runs Mermaid 11) lay out with dagre, whose order from top to bottom is whatever its crossing
  reduction leaves: the back-office band came out on top in 20 of the 25. So the text asks for dagre
  (`layout: dagre`: known to Mermaid 11 and later, and what older versions use anyway) and steers it.
- dagre keeps the subgraphs in the order Mermaid adds them to its graph as long as each of them reaches
  from the first column to the last. So every lane gets an invisible anchor at each end (`anchors`), linked
  invisibly into the first step and out of every end (`anchor_links`). Mermaid adds subgraphs in the
  reverse order of their `end`, so the writer declares them bottom-up.
- dagre's crossing reduction can contradict itself among three or more subgraphs side by side and then
  drops one from a column (Mermaid fails with "Cannot set properties of undefined (setting 'order')"),
  so a band's lanes go in pairs under invisible groups (`band_parts`), every lane equally deep so that
  all are as wide.
- A band that no flow leaves is laid out on its own, where Mermaid adds the nodes in another order: a
  diagram with one band gets an invisible origin outside it, linked into the start (`ORIGIN`).
- dagre breaks loops itself, and where it turns a flow forward in svcmap's layout around, the step it
  leaves can end up right of every end, and of the lanes' end anchors. So steps whose flows all go back
  (the ends of loops) link into one more invisible node, which links into every end anchor (`LOOP_ENDS`,
  in the lowest lane: outside the bands it would sit between them): one link from each such step, so
  dagre has no reason to pull it to the right.

Measured in Mermaid itself: the 25 example processes all have the front office on top and every lane in
order (before: none, and 20 with the back office on top once dagre was asked for); so do 1,000 randomly
generated processes of 2 to 14 steps over up to 8 lanes, with decisions, fan-outs and loops (846 with both
bands, 471 with three or more lanes in a band), and 3,200 more in dagre run on its own: none out of
order, none failing.

Ids here are layout ids (`lane:…`, `anchor:…`, `group:…`); the writer makes Mermaid ids of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from svcmap.render.layout import Lane, Layout

ORIGIN = "anchor:origin"
LOOP_ENDS = "anchor:loop-ends"


@dataclass(frozen=True, slots=True)
class Group:
    """At most two neighbouring parts of a band, under one invisible subgraph."""

    id: str
    parts: tuple[Lane | Group, ...]


def band_parts(lanes: Sequence[Lane]) -> tuple[Lane | Group, ...]:
    """A band's lanes, top to bottom, in groups of at most two parts each, every lane as deep as the others."""
    levels = max(len(lanes) - 1, 1).bit_length() - 1
    return _split(tuple(lanes), levels)


def _split(lanes: tuple[Lane, ...], levels: int) -> tuple[Lane | Group, ...]:
    if levels == 0:
        return lanes
    middle = (len(lanes) + 1) // 2
    halves = [half for half in (lanes[:middle], lanes[middle:]) if half]
    return tuple(Group(f"group:{levels}:{half[0].id}", _split(half, levels - 1)) for half in halves)


def groups(parts: Sequence[Lane | Group]) -> Iterator[Group]:
    """Every group among the parts, outer ones first."""
    for part in parts:
        if isinstance(part, Group):
            yield part
            yield from groups(part.parts)


def anchors(lane: Lane) -> tuple[str, str]:
    """The invisible nodes at the start and at the end of a lane."""
    return (f"anchor:in:{lane.id}", f"anchor:out:{lane.id}")


def needs_origin(layout: Layout) -> bool:
    """Whether the diagram has a single band (then nothing links that band to anything outside it)."""
    return len({lane.office for lane in layout.lanes}) == 1


def loop_ends(layout: Layout) -> list[str]:
    """The nodes whose flows all go back to an earlier column (none of them is an end)."""
    forward = {flow.source for flow in layout.flows if not flow.backward}
    return [node.id for node in layout.nodes if node.kind != "end" and node.id not in forward]


def anchor_links(layout: Layout) -> list[tuple[str, str]]:
    """Invisible links (source, target) that hold every lane's anchors in the first and the last column."""
    firsts = [flow.target for flow in layout.flows if flow.source == "start"] or _column(layout, min)
    lasts = [node.id for node in layout.nodes if node.kind == "end"] or _column(layout, max)
    links = [(ORIGIN, "start")] if needs_origin(layout) else []
    for lane in layout.lanes:
        head, tail = anchors(lane)
        links += [(head, first) for first in firsts]
        links += [(last, tail) for last in lasts]
    if loop_ends(layout):
        links += [(node, LOOP_ENDS) for node in loop_ends(layout)]
        links += [(LOOP_ENDS, anchors(lane)[1]) for lane in layout.lanes]
    return links


def lane_nodes(layout: Layout) -> dict[str, tuple[str, ...]]:
    """Each lane's invisible nodes by lane id: its anchors, and `LOOP_ENDS` in the lowest lane if needed."""
    nodes = {lane.id: anchors(lane) for lane in layout.lanes}
    if layout.lanes and loop_ends(layout):
        nodes[layout.lanes[-1].id] += (LOOP_ENDS,)
    return nodes


def outside_nodes(layout: Layout) -> tuple[str, ...]:
    """The invisible nodes outside every band: `ORIGIN` where there is a single band."""
    return (ORIGIN,) if needs_origin(layout) else ()


def _column(layout: Layout, pick: Callable[[Iterable[int]], int]) -> list[str]:
    """The nodes in the first or the last column (a process without a start flow or an end has them)."""
    column = pick(node.column for node in layout.nodes)
    return [node.id for node in layout.nodes if node.column == column]
