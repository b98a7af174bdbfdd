"""The deterministic lane/column grid of one process that every diagram format draws.

A service blueprint: the front-office band (above the line of visibility) holds one lane per unit with
front-office steps, the back-office band (below it) one lane per unit with back-office steps — a unit with
both has a lane in each band — and within a band lanes follow the order in which units are declared. A
step's column is its layer: the longest path from the start with loops ignored. Steps that share a lane and
a column stack in rows. A decision (a step with several targets) gets an exclusive gateway right of its task,
an end step an end event there; the start event has a column of its own. A gateway is exclusive when
the targets carry `when` (a decision), parallel when none does (a fan-out: every branch is done). Flows carry
their SPEC §3 facts (from `svcmap.analysis.figures`) and orthogonal waypoints.

A `Chain` draws several processes as one, left to right, in one set of lanes (a life event's trajectory,
`svcmap.render.trajectory`): each process keeps its own columns, a `Part` of the grid with its caption
above the lanes, and the flows from one part into the next are passages, not handoffs.

Coordinates are points (1/72 in), origin top-left, y downwards: BPMN DI uses them as they are, Graphviz
flips y. Formats never compute positions themselves; they draw these boxes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from svcmap.analysis.figures import EdgeFacts, ProcessFigures, edge_facts, process_figures
from svcmap.analysis.graph import layers
from svcmap.catalog.model import Catalog, Process, Product, Step
from svcmap.render import labels
from svcmap.render.geometry import Box
from svcmap.render.joins import merges
from svcmap.render.routing import CLEARANCE, Port, Router, ports
from svcmap.text import one_line

__all__ = [
    "Box",
    "Chain",
    "Flow",
    "Lane",
    "Layout",
    "Node",
    "Part",
    "layout_chain",
    "layout_process",
    "lane_order",
    "products_of",
    "wrap",
]

OFFICE_ORDER = ("front", "back")

MARGIN = 16.0
TITLE_HEIGHT = 64.0
HEADER_WIDTH = 150.0
"""The lane header column, where the unit's name stands."""
START_WIDTH = 90.0
"""The column of the start event, left of the first step; it also holds the line of visibility's label."""
TASK_WIDTH = 160.0
TASK_HEIGHT = 64.0
ROW_PADDING = 20.0
ROW_HEIGHT = TASK_HEIGHT + 2 * ROW_PADDING
SLOT_GAP = 14.0
GATEWAY_SIZE = 36.0
EVENT_SIZE = 30.0
SLOT_WIDTH = SLOT_GAP + GATEWAY_SIZE
"""Right of a task: its gateway (a decision) or its end event (an end step)."""
JOIN_WIDTH = GATEWAY_SIZE + SLOT_GAP
"""Left of a task that flows merge into: the joining gateway they meet in (drawn by BPMN)."""
TRACK_SPACING = 14.0
"""Between the vertical tracks flows may take through a gap between columns."""
MAX_TRACKS = 3
"""Vertical tracks in one gap at most: more only slow the router down."""
BRANCH_LABEL_WIDTHS = (96.0, 120.0, 150.0, 190.0)
"""The widths a branch's words are tried in, narrowest first: a long `when` may need a wider, lower box to fit."""
QUESTION_LABEL_WIDTHS = (120.0, 160.0, 200.0)
COLUMN_GAP = 56.0
LABELLED_GAP = 104.0
"""The gap after a column whose flows carry `when` labels: room for the label."""
LEGEND_GAP = 10.0
LEGEND_HEIGHT = 44.0
MIN_WIDTH = 820.0
"""Room for the legend's longer row."""
TITLE_CHARS = 110
TITLE_CHAR_WIDTH = 9.6
"""About the width of a character of the 17-point bold title."""

TASK_LINE_CHARS = 27
TASK_MAX_LINES = 4
HEADER_LINE_CHARS = 22
HEADER_MAX_LINES = 4
WHEN_LINE_CHARS = 20
WHEN_MAX_LINES = 2
PART_HEIGHT = 46.0
"""Above the lanes of a chain: the band where each part's caption stands."""
PART_GAP = 40.0
"""Between the last column of one part and the first of the next: room for the border between them."""
PART_MAX_LINES = 1
"""A part's caption is cut to one line that fits its band (its full name is in the tooltip and on the page)."""
MARK_INSET = 6.0
MARK_WIDTH = 170.0
MARK_HEIGHT = 10.0
"""A lane's name repeated in a part: 10 points high in the lane's 20-point top padding, clear of the tasks
below it by more than Graphviz's node margin."""


@dataclass(frozen=True, slots=True)
class Lane:
    """One unit in one office band: a full-width band with the unit's name in its header."""

    id: str
    """`front:<unit>` or `back:<unit>`."""
    unit_id: str
    unit_name: str
    office: str
    external: bool
    box: Box
    header: Box
    header_lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Node:
    """A shape on the grid: a step's task, a decision's gateway, the start event or an end event."""

    id: str
    """`step:<id>`, `gateway:<id>`, `start`, `end:<id>` (the end step's id), `join:<id>` (the joined step's)."""
    kind: str
    """`task`, `gateway`, `start`, `end`, or `join` (in `Layout.joins`)."""
    lane: str
    box: Box
    column: int
    step_id: str | None = None
    name: str = ""
    """The full text: a step's name, the question a decision's gateway asks, or the `outcome` an end event
    names (refused, withdrawn, referred; empty for delivered); `lines` is what fits in the box."""
    lines: tuple[str, ...] = ()
    office: str = "back"
    external: bool = False
    channel: str | None = None
    split: str = ""
    """For a gateway: `exclusive` (a decision: its targets carry `when`) or `parallel` (a fan-out: none does);
    for a join: `exclusive` (one of the flows arrives) or `parallel` (the branches of one fan-out meet)."""
    label_box: Box | None = None
    """Where the name of an event or a decision's gateway stands (BPMN draws these names outside the shape)."""
    part: int = 0
    """In a chain, the position of the part the node belongs to (1 for the first); 0 outside a chain."""


@dataclass(frozen=True, slots=True)
class Flow:
    """An arrow between two nodes; `facts` is set where it stands for a step-to-step edge."""

    id: str
    source: str
    target: str
    points: tuple[tuple[float, float], ...]
    when: str | None = None
    when_lines: tuple[str, ...] = ()
    facts: EdgeFacts | None = None
    backward: bool = False
    """The flow goes to an earlier (or the same) column: a loop."""
    sides: tuple[str, str] = ("e", "w")
    """Where it leaves its source and enters its target, for formats that route flows themselves: compass
    points `n`, `e`, `s`, `w`. `points` are routed on their own, around every shape."""
    join: str | None = None
    """The join (in `Layout.joins`) through which the flow reaches its target: `points` end there."""
    label_box: Box | None = None
    """Where its `when` stands: beside a stretch of its own line."""
    passage: bool = False
    """In a chain, a flow from the end of one part into the start of the next: not a handoff (its facts say
    none), the citizen going on to the next product."""

    @property
    def handoff(self) -> bool:
        return bool(self.facts and self.facts.handoff)

    @property
    def silo(self) -> bool:
        return bool(self.facts and self.facts.silo)

    @property
    def external(self) -> bool:
        return bool(self.facts and self.facts.external)


@dataclass(frozen=True)
class Layout:
    """The whole picture of one process: title, lanes in order, nodes, flows, and where the line runs."""

    process_id: str
    process_name: str
    product_names: tuple[str, ...]
    """The products this diagram is drawn for (one when a product id was asked for), in catalog order."""
    figures: ProcessFigures
    lanes: tuple[Lane, ...]
    nodes: tuple[Node, ...]
    flows: tuple[Flow, ...]
    width: float
    height: float
    title_box: Box
    lanes_box: Box
    """The band of all lanes, headers included."""
    visibility_y: float
    """Where the line of visibility runs: between the front-office and the back-office band."""
    visibility_label: Box
    legend_box: Box
    columns: int
    joins: tuple[Node, ...] = ()
    """Where flows that merge meet before their task. A service blueprint shows the merge by arrows meeting
    at the task; BPMN needs a joining gateway there, so only BPMN draws these."""
    join_flows: tuple[Flow, ...] = ()
    """From each join into its task."""
    parts: tuple[Part, ...] = ()
    """In a chain, its parts left to right, with their boxes; () for one process."""
    subtitle: str = ""
    """What a chain's subtitle says; one process's is made from its ids (`svcmap.render.captions`)."""

    @property
    def title(self) -> str:
        """The product name(s) where there are any, else the process name."""
        return " / ".join(self.product_names) if self.product_names else self.process_name

    @property
    def lane_by_id(self) -> Mapping[str, Lane]:
        return {lane.id: lane for lane in self.lanes}

    @property
    def node_by_id(self) -> Mapping[str, Node]:
        return {node.id: node for node in self.nodes}

    def lanes_in(self, office: str) -> tuple[Lane, ...]:
        return tuple(lane for lane in self.lanes if lane.office == office)


@dataclass(frozen=True, slots=True)
class Part:
    """One process of a chain (one product of a trajectory): its columns, and its caption above the lanes."""

    position: int
    """1 for the first part."""
    key: str
    """What the part's step ids are namespaced with (a product id)."""
    caption: str
    """What its band is called (a product's name), one line."""
    detail: str = ""
    """A second line under the caption (the product's lead time and channels), as words to show."""
    columns: tuple[int, int] = (0, 0)
    """Its first and last column."""
    box: Box = Box(0.0, 0.0, 0.0, 0.0)
    """Its columns across every lane (set by the layout)."""
    header: Box = Box(0.0, 0.0, 0.0, 0.0)
    """Where its caption stands, above the lanes (set by the layout)."""
    lines: tuple[str, ...] = ()
    """The caption as it fits the header (set by the layout)."""
    marks: tuple[tuple[str, Box], ...] = ()
    """(lane id, box): where the unit of each lane the part has steps in is named again at the part's left
    edge, in the lane's top padding, so that a reader far from the lane headers still sees whose lane it is
    (every part but the first, which starts beside the headers; set by the layout)."""


@dataclass(frozen=True)
class Chain:
    """Several processes drawn as one, left to right: a process of all their steps, with fixed columns.

    Made by `svcmap.render.trajectory`: step ids are namespaced per part, every part's steps keep the
    columns of their own process shifted right of the parts before, and `passages` are the edges added from
    one part's ends into the next part's start.
    """

    process: Process
    layer: Mapping[str, int]
    part_of: Mapping[str, int]
    """Step id → the position of its part."""
    passages: frozenset[tuple[str, str]]
    parts: tuple[Part, ...]
    figures: ProcessFigures
    """What the title's figures line says: the sums over the parts (not the figures of the joined process,
    whose passages would count as handoffs)."""
    subtitle: str = ""
    """What the subtitle says, as words to show."""


def wrap(text: str, width: int, max_lines: int) -> tuple[str, ...]:
    """Text broken into at most `max_lines` lines of about `width` characters; an ellipsis marks a cut."""
    lines = textwrap.wrap(one_line(text), width=width, break_long_words=True, break_on_hyphens=True)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return tuple(lines) or ("",)


def lane_order(catalog: Catalog, lane_keys: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(office, unit) pairs: the front band first, and within a band the units in declared order."""
    declared = {unit_id: index for index, unit_id in enumerate(catalog.units)}
    offices = {office: index for index, office in enumerate(OFFICE_ORDER)}
    return sorted(
        set(lane_keys),
        key=lambda key: (offices.get(key[0], len(offices)), declared.get(key[1], len(declared)), key[1]),
    )


def layout_process(catalog: Catalog, process: Process, products: Sequence[Product] = ()) -> Layout:
    """The grid of one process, drawn for `products` (their names head the diagram)."""
    return _Builder(catalog, process, products).build()


def layout_chain(catalog: Catalog, chain: Chain) -> Layout:
    """The grid of a chain of processes in shared lanes, titled with the chain's process's name."""
    return _Builder(catalog, chain.process, (), chain).build()


class _Builder:
    def __init__(
        self, catalog: Catalog, process: Process, products: Sequence[Product], chain: Chain | None = None
    ) -> None:
        self.catalog = catalog
        self.process = process
        self.products = products
        self.chain = chain
        self.steps: list[Step] = list(process.step_by_id.values())
        self.facts = edge_facts(catalog, process)
        if chain is not None:  # a passage is the citizen going on to the next product, not work handed over
            self.facts = [
                fact._replace(handoff=False, silo=False, external=False, crossing=False, back_to_front=False)
                if (fact.source, fact.target) in chain.passages
                else fact
                for fact in self.facts
            ]
        self.targets: dict[str, list[EdgeFacts]] = {step.id: [] for step in self.steps}
        for fact in self.facts:
            self.targets[fact.source].append(fact)

    def office(self, step: Step) -> str:
        office = self.catalog.office_of(step)
        return office if office in OFFICE_ORDER else "back"

    def lane_id(self, step: Step) -> str:
        return f"{self.office(step)}:{step.unit.id}"

    def splits(self, step: Step) -> bool:
        """Several targets: a gateway follows the task."""
        return len(self.targets[step.id]) > 1

    def part(self, step_id: str) -> int:
        return self.chain.part_of[step_id] if self.chain else 0

    def build(self) -> Layout:
        chain = self.chain
        layer = dict(chain.layer) if chain else layers(self.process)
        columns = max(layer.values(), default=-1) + 1
        lanes_x = MARGIN
        lanes_y = MARGIN + TITLE_HEIGHT + (PART_HEIGHT if chain else 0.0)
        part_starts = {part.columns[0] for part in chain.parts[1:]} if chain else set()
        part_edges: list[float] = []  # between parts: the middle of the gap

        # rows: steps sharing a lane and a column stack in the order written
        row_of: dict[str, int] = {}
        cell_count: dict[tuple[str, int], int] = {}
        for step in self.steps:
            cell = (self.lane_id(step), layer[step.id])
            row_of[step.id] = cell_count.get(cell, 0)
            cell_count[cell] = row_of[step.id] + 1

        # columns: a slot for a gateway or end event where needed, a wider gap where labels follow
        has_slot = [False] * columns
        labelled = [False] * columns
        branches = [0] * columns  # the most branches of a decision per column: each takes a track after it
        for step in self.steps:
            if self.splits(step) or step.is_end:
                has_slot[layer[step.id]] = True
            if self.splits(step) and any(fact.when for fact in self.targets[step.id]):
                labelled[layer[step.id]] = True
                branches[layer[step.id]] = max(branches[layer[step.id]], len(self.targets[step.id]))
        joined = merges(
            {step.id: [fact.target for fact in self.targets[step.id]] for step in self.steps},
            self.process.start_id if self.process.start_id in self.process.step_by_id else None,
            layer,
            {step.id for step in self.steps if self.splits(step) and not any(f.when for f in self.targets[step.id])},
        )
        has_join = [False] * columns
        for step_id in joined:
            has_join[layer[step_id]] = True
        column_x: list[float] = []
        x = lanes_x + HEADER_WIDTH + START_WIDTH
        content_right = x
        for column in range(columns):
            if column in part_starts:
                x += PART_GAP
                part_edges.append((content_right + x) / 2)
            x += JOIN_WIDTH if has_join[column] else 0.0
            column_x.append(x)
            x += TASK_WIDTH + (SLOT_WIDTH if has_slot[column] else 0.0)
            content_right = x
            x += LABELLED_GAP + TRACK_SPACING * max(0, branches[column] - 3) if labelled[column] else COLUMN_GAP
        title = one_line(" / ".join(p.name for p in self.products) or self.process.name)[:TITLE_CHARS]
        width = max(x - COLUMN_GAP + 24.0 + MARGIN, MIN_WIDTH, 2 * MARGIN + len(title) * TITLE_CHAR_WIDTH)
        lanes_width = width - 2 * MARGIN

        # lanes, top to bottom
        units = self.catalog.units
        lane_keys = lane_order(self.catalog, ((self.office(s), s.unit.id) for s in self.steps))
        lanes: list[Lane] = []
        y = lanes_y
        visibility_y = lanes_y
        for office, unit_id in lane_keys:
            lane_id = f"{office}:{unit_id}"
            rows = max((n for (lid, _), n in cell_count.items() if lid == lane_id), default=1)
            height = rows * ROW_HEIGHT
            unit = units.get(unit_id)
            name = unit.name if unit else unit_id
            lanes.append(
                Lane(
                    id=lane_id,
                    unit_id=unit_id,
                    unit_name=name,
                    office=office,
                    external=bool(unit and unit.external),
                    box=Box(lanes_x, y, lanes_width, height),
                    header=Box(lanes_x, y, HEADER_WIDTH, height),
                    header_lines=wrap(name, HEADER_LINE_CHARS, HEADER_MAX_LINES),
                )
            )
            y += height
            if office == "front":
                visibility_y = y
        lanes_box = Box(lanes_x, lanes_y, lanes_width, y - lanes_y)
        lane_by_id = {lane.id: lane for lane in lanes}

        # nodes
        nodes: list[Node] = []
        task_box: dict[str, Box] = {}
        for step in self.steps:
            lane = lane_by_id[self.lane_id(step)]
            box = Box(
                column_x[layer[step.id]],
                lane.box.y + row_of[step.id] * ROW_HEIGHT + ROW_PADDING,
                TASK_WIDTH,
                TASK_HEIGHT,
            )
            task_box[step.id] = box
            unit = self.catalog.unit_of(step)
            nodes.append(
                Node(
                    id=f"step:{step.id}",
                    kind="task",
                    lane=lane.id,
                    box=box,
                    column=layer[step.id],
                    step_id=step.id,
                    name=step.name,
                    lines=wrap(step.name, TASK_LINE_CHARS, TASK_MAX_LINES),
                    office=self.office(step),
                    external=bool(unit and unit.external),
                    channel=step.channel,
                    part=self.part(step.id),
                )
            )
        slot_nodes: list[Node] = []
        for step in self.steps:
            box = task_box[step.id]
            left, middle = box.right + SLOT_GAP, box.center[1]
            lane_id, column = self.lane_id(step), layer[step.id]
            if self.splits(step):
                size = GATEWAY_SIZE
                shape = Box(left, middle - size / 2, size, size)
                split = "exclusive" if any(fact.when for fact in self.targets[step.id]) else "parallel"
                question = question_of(step) if split == "exclusive" else ""
                slot_nodes.append(
                    Node(
                        f"gateway:{step.id}",
                        "gateway",
                        lane_id,
                        shape,
                        column,
                        step.id,
                        name=question,
                        split=split,
                        part=self.part(step.id),
                    )
                )
            elif step.is_end:
                size = EVENT_SIZE
                shape = Box(left, middle - size / 2, size, size)
                outcome = step.outcome if step.outcome and step.outcome != "delivered" else ""
                slot_nodes.append(
                    Node(
                        f"end:{step.id}", "end", lane_id, shape, column, step.id, name=outcome, part=self.part(step.id)
                    )
                )
        nodes.extend(slot_nodes)
        start = self.process.step_by_id.get(self.process.start_id)
        if start is not None:
            cx = lanes_x + HEADER_WIDTH + START_WIDTH / 2
            cy = task_box[start.id].center[1]
            nodes.insert(
                0,
                Node(
                    "start",
                    "start",
                    lane=self.lane_id(start),
                    box=Box(cx - EVENT_SIZE / 2, cy - EVENT_SIZE / 2, EVENT_SIZE, EVENT_SIZE),
                    column=-1,
                    step_id=start.id,
                    part=self.part(start.id),
                ),
            )
        join_nodes: list[Node] = []
        for step in self.steps:
            if step.id in joined:
                box = task_box[step.id]
                middle = box.center[1]
                shape = Box(box.x - SLOT_GAP - GATEWAY_SIZE, middle - GATEWAY_SIZE / 2, GATEWAY_SIZE, GATEWAY_SIZE)
                lane_id, column = self.lane_id(step), layer[step.id]
                join_nodes.append(
                    Node(
                        f"join:{step.id}",
                        "join",
                        lane_id,
                        shape,
                        column,
                        step.id,
                        split=joined[step.id],
                        part=self.part(step.id),
                    )
                )
        node_by_id = {node.id: node for node in (*nodes, *join_nodes)}

        # flows
        flows: list[Flow] = []

        def add(source: str, target: str, fact: EdgeFacts | None = None) -> None:
            a, b = node_by_id[source], node_by_id[target]
            backward = b.box.x <= a.box.x
            sides = _sides(a.box, b.box, backward)
            when = fact.when if fact else None
            join = f"join:{target.removeprefix('step:')}" if target.startswith("step:") else None
            flows.append(
                Flow(
                    id=f"{source}->{target}",
                    source=source,
                    target=target,
                    points=_route(a.box, b.box, sides),
                    sides=sides,
                    when=when,
                    when_lines=wrap(when, WHEN_LINE_CHARS, WHEN_MAX_LINES) if when else (),
                    facts=fact,
                    backward=backward,
                    join=join if join in node_by_id else None,
                    passage=bool(chain and fact and (fact.source, fact.target) in chain.passages),
                )
            )

        if start is not None:
            add("start", f"step:{start.id}")
        for step in self.steps:
            origin = f"step:{step.id}"
            if self.splits(step):
                add(origin, f"gateway:{step.id}")
                origin = f"gateway:{step.id}"
            for fact in self.targets[step.id]:
                add(origin, f"step:{fact.target}", fact)
            if step.is_end:
                add(origin, f"end:{step.id}")

        join_flows = [
            Flow(
                id=f"{join.id}->step:{join.step_id}",
                source=join.id,
                target=f"step:{join.step_id}",
                points=((join.box.right, join.box.center[1]), (task_box[str(join.step_id)].x, join.box.center[1])),
            )
            for join in join_nodes
        ]
        wired = _Wiring(nodes, join_nodes, lanes, node_by_id)
        flows = [wired.routed(flow) for flow in flows]
        nodes, flows = wired.labelled(nodes, flows, join_flows, lanes_box, lanes_x + HEADER_WIDTH)

        legend_box = Box(lanes_x, lanes_box.bottom + LEGEND_GAP, lanes_width, LEGEND_HEIGHT)
        used = {(node.part, node.lane) for node in nodes}
        parts = _placed_parts(chain.parts, part_edges, lanes, used, lanes_box, lanes_x + HEADER_WIDTH) if chain else ()
        return Layout(
            process_id=self.process.id,
            process_name=self.process.name,
            product_names=tuple(product.name for product in self.products),
            figures=chain.figures if chain else process_figures(self.catalog, self.process),
            lanes=tuple(lanes),
            nodes=tuple(nodes),
            flows=tuple(flows),
            width=width,
            height=legend_box.bottom + MARGIN,
            title_box=Box(lanes_x, MARGIN, lanes_width, TITLE_HEIGHT - 8.0),
            lanes_box=lanes_box,
            visibility_y=visibility_y,
            visibility_label=Box(
                lanes_x + HEADER_WIDTH + 4.0, visibility_y - ROW_PADDING + 1.0, START_WIDTH - 8.0, 12.0
            ),
            legend_box=legend_box,
            columns=columns,
            joins=tuple(join_nodes),
            join_flows=tuple(join_flows),
            parts=parts,
            subtitle=chain.subtitle if chain else "",
        )


def _placed_parts(
    parts: Sequence[Part],
    edges: Sequence[float],
    lane_list: Sequence[Lane],
    used: set[tuple[int, str]],
    lanes: Box,
    left: float,
) -> tuple[Part, ...]:
    """The parts with their boxes: from one border to the next across every lane, the caption above, and
    in every part but the first the names of the lanes its steps are in (`used`: part position, lane id)."""
    borders = [left, *edges, lanes.right]
    placed = []
    for index, (part, x0, x1) in enumerate(zip(parts, borders, borders[1:])):
        marks = tuple(
            (lane.id, Box(x0 + MARK_INSET, lane.box.y + 2.0, min(MARK_WIDTH, x1 - x0 - 2 * MARK_INSET), MARK_HEIGHT))
            for lane in lane_list
            if index > 0 and (part.position, lane.id) in used
        )
        # apart from each other, the title and the lanes by more than Graphviz's node margin (else it draws
        # every edge straight)
        header = Box(x0 + 8.0, lanes.y - PART_HEIGHT + 2.0, x1 - x0 - 16.0, PART_HEIGHT - 12.0)
        chars = max(8, int(header.width / 6.6))  # about the width of a 11-point bold character
        lines = wrap(part.caption, chars, PART_MAX_LINES)
        placed.append(
            replace(part, box=Box(x0, lanes.y, x1 - x0, lanes.height), header=header, lines=lines, marks=marks)
        )
    return tuple(placed)


def _sides(a: Box, b: Box, backward: bool) -> tuple[str, str]:
    """Where a flow leaves a and enters b (compass points): east to west going forward; a loop leaves and
    enters underneath when it stays level, else by the sides that face each other vertically."""
    if not backward:
        return ("e", "w")
    if b.center[1] > a.center[1]:
        return ("s", "n")
    if b.center[1] < a.center[1]:
        return ("n", "s")
    return ("s", "s")


def _route(a: Box, b: Box, sides: tuple[str, str]) -> tuple[tuple[float, float], ...]:
    """Orthogonal waypoints from a to b, leaving and entering by `sides`."""
    (ax, ay), (bx, by) = a.center, b.center
    if a == b:  # a step that leads to itself
        low = a.bottom + ROW_PADDING / 2
        return ((a.right, ay), (a.right + 10.0, ay), (a.right + 10.0, low), (ax, low), (ax, a.bottom))
    if sides == ("s", "s"):
        low = max(a.bottom, b.bottom) + ROW_PADDING / 2
        return ((ax, a.bottom), (ax, low), (bx, low), (bx, b.bottom))
    if sides == ("s", "n"):
        middle = (a.bottom + b.y) / 2
        return ((ax, a.bottom), (ax, middle), (bx, middle), (bx, b.y))
    if sides == ("n", "s"):
        middle = (b.bottom + a.y) / 2
        return ((ax, a.y), (ax, middle), (bx, middle), (bx, b.bottom))
    if ay == by:
        return ((a.right, ay), (b.x, by))
    bend = b.x - min(COLUMN_GAP / 2, (b.x - a.right) / 2)
    return ((a.right, ay), (bend, ay), (bend, by), (b.x, by))


def products_of(catalog: Catalog, process_id: str) -> list[Product]:
    """The products that name a process, in catalog order."""
    return [p for p in catalog.products.values() if p.process is not None and p.process.id == process_id]


def question_of(step: Step) -> str:
    """What a decision's gateway asks: the step's `decision`, else its name made a question.

    A modeller reads an exclusive gateway by its question and each branch by its answer; a step without
    a `decision` still names the work whose outcome picks the branch.
    """
    if step.decision and one_line(step.decision).strip():
        return one_line(step.decision).strip()
    name = one_line(step.name).strip().rstrip(".:;,?!").rstrip()
    return f"{name or step.id}?"


class _Wiring:
    """Routes the flows around the shapes, then stands every label beside its own flow or shape.

    Only the BPMN export draws these waypoints and label boxes; Graphviz routes its own edges, and
    Mermaid lays out everything itself.
    """

    def __init__(
        self, nodes: Sequence[Node], joins: Sequence[Node], lanes: Sequence[Lane], node_by_id: Mapping[str, Node]
    ) -> None:
        self.node_by_id = node_by_id
        self.lanes = lanes
        shapes = [node.box for node in (*nodes, *joins)]
        self.shapes = shapes
        spans: dict[int, tuple[float, float]] = {}
        for node in (*nodes, *joins):
            low, high = spans.get(node.column, (node.box.x, node.box.right))
            spans[node.column] = (min(low, node.box.x), max(high, node.box.right))
        content_left = lanes[0].header.right if lanes else 0.0
        content_right = lanes[0].box.right - CLEARANCE if lanes else 0.0
        edges = [content_left, *(value for span in sorted(spans.values()) for value in span), content_right]
        xs: list[float] = []
        for low, high in zip(edges[::2], edges[1::2]):
            low, high = low + CLEARANCE, high - CLEARANCE
            if high <= low:
                continue
            count = max(1, min(MAX_TRACKS, int((high - low) // TRACK_SPACING)))
            xs += [low + (high - low) * (index + 1) / (count + 1) for index in range(count)]
        ys: list[float] = []
        for lane in lanes:
            rows = max(1, round(lane.box.height / ROW_HEIGHT))
            for row in range(rows):
                top = lane.box.y + row * ROW_HEIGHT
                ys += [top + ROW_PADDING / 2, top + ROW_HEIGHT / 2, top + ROW_HEIGHT - ROW_PADDING / 2]
                if row > 0:
                    ys.append(top)
        self.ends: dict[str, tuple[list[Port], list[Port]]] = {}
        for node in (*nodes, *joins):
            self.ends[node.id] = (self._exits(node), self._entries(node))
            if node.kind in ("gateway", "join"):
                xs.append(node.box.center[0])  # for the flows that leave or enter by its corners
        borders = [lane.box.y for lane in lanes] + [lanes[-1].box.bottom] if lanes else []
        obstacles = [box.inflated(CLEARANCE) for box in shapes]
        self.router = Router(xs, ys, obstacles, borders, near_border=ROW_PADDING + 1.0)

    @staticmethod
    def _exits(node: Node) -> list[Port]:
        return ports(node.id, node.box, "ens" if node.kind == "gateway" else "e")

    @staticmethod
    def _entries(node: Node) -> list[Port]:
        """A join takes flows from every side but its task's; a task or event has one flow in, from the west."""
        return ports(node.id, node.box, "wns" if node.kind == "join" else "w")

    def routed(self, flow: Flow) -> Flow:
        """The flow with waypoints around every shape, where it runs between columns (not to its own slot)."""
        source, target = self.node_by_id[flow.source], self.node_by_id[flow.join or flow.target]
        if target.kind in ("gateway", "end") and target.step_id == source.step_id:
            return flow  # a task's own gateway or end event, right beside it
        start, end = (source.box.right, source.box.center[1]), (target.box.x, target.box.center[1])
        if start[1] == end[1] and start[0] < end[0] and not any(box.crossed_by(start, end) for box in self.shapes):
            self.router.take((source.id, "e"), (target.id, "w"))
            return replace(flow, points=(start, end))  # facing each other on one row, nothing between
        points = self.router.route(self.ends[source.id][0], self.ends[target.id][1])
        return replace(flow, points=points) if points else flow

    def labelled(
        self, nodes: Sequence[Node], flows: Sequence[Flow], join_flows: Sequence[Flow], area: Box, left: float
    ) -> tuple[list[Node], list[Flow]]:
        """Nodes and flows with boxes for their words: decisions' questions first, then branches, then events."""
        paths = [flow.points for flow in (*flows, *join_flows)]
        shapes = [node.box for node in nodes] + [self.node_by_id[flow.join].box for flow in flows if flow.join]
        borders = [lane.box.y for lane in self.lanes[1:]]
        placer = labels.Placer(shapes, paths, Box(left, area.y, area.right - left, area.height), borders)
        named: dict[str, Box | None] = {}
        for node in nodes:
            if node.kind == "gateway" and node.name:
                sizes = [labels.measure(node.name, width) for width in QUESTION_LABEL_WIDTHS]
                named[node.id] = placer.place(box for size in sizes for box in labels.around(node.box, size))
        placed: dict[str, Box | None] = {}
        for index, flow in enumerate(flows):
            if flow.when:
                others = [path for other, path in enumerate(paths) if other != index]
                own = labels.own_stretches(flow.points, others)
                own = own or list(zip(flow.points, flow.points[1:]))
                sizes = [labels.measure(flow.when, width) for width in BRANCH_LABEL_WIDTHS]
                placed[flow.id] = placer.place(box for size in sizes for box in labels.beside(own, size))
        for node in nodes:
            if node.kind in ("start", "end"):
                caption = node.name or node.kind  # an end event names an outcome other than delivered
                named[node.id] = placer.place(labels.around(node.box, labels.measure(caption, 60.0)))
        return (
            [replace(node, label_box=named.get(node.id)) for node in nodes],
            [replace(flow, label_box=placed.get(flow.id)) for flow in flows],
        )
