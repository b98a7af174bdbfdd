"""BPMN 2.0 XML: one pool, a lane per office band holding a lane per unit, with BPMN DI drawn from the layout.

Mapping (documented in the README), made so that a modeller's tools open it without a complaint (bpmnlint's
`recommended` rules, bpmn.io, Camunda Modeler):
- the process is one `process` inside a `collaboration` with one `participant` (the pool): modelers such as
  bpmn.io and Camunda Modeler only show lanes inside a pool;
- two lanes, `Front office` above `Back office` (the line of visibility runs between them), each with a
  child lane per unit in the layout's order; a lane lists its flow nodes (`flowNodeRef`), a band's lane
  those of its units, as bpmn.io writes nested lanes. A name too long for its lane is shortened on the
  diagram (lane names are written across the lane, so a long one would cover the pool's name); the
  lane's `documentation` always has the unit's full name, its office and whether it is an external
  partner, and the pool's documentation its full title;
- a front-office step is a `userTask` (someone meets the citizen), a back-office step a plain `task`;
- a step with several targets is its task followed by a gateway: an `exclusiveGateway` when the targets
  carry `when` (a decision), named with the step's `decision` (or, without one, its name as a question),
  each flow named with its `when`, which is also its `conditionExpression`, and the first target without
  one the gateway's `default` flow; a `parallelGateway` when none does (a fan-out: every branch is done);
- where more than one flow enters a step (a loop back, branches that meet), they meet in a joining
  gateway before its task (`svcmap.render.joins` says which kind), so no task joins or splits implicitly;
- one `startEvent` before the start step, one `endEvent` after each end step;
- a chain of processes (a life event's trajectory) is one process too: each product's part is a `group`
  whose `categoryValue` is its caption (`2 · Kids-ID`), drawn around its columns with the caption above
  the lanes; the flow on from one product to the next is a sequence flow like any other;
- BPMN DI: every shape at the layout's box, every edge with the layout's waypoints (routed around the
  shapes), every name outside a shape at the layout's label box, and `isMarkerVisible="true"` on
  exclusive gateways so that they show their ×, as Camunda Modeler writes them.

No version or date is written, so the same catalog gives the same file with any release. ElementTree
writes the XML, so every catalog text is escaped by the serializer; what XML 1.0
cannot hold (control characters, U+FFFE, U+FFFF, lone surrogates) is dealt with before, since every
catalog text here is a one-line name (`svcmap.text.one_line`). Element ids are built from catalog ids,
which match `^[a-z0-9]+(-[a-z0-9]+)*$`, behind a prefix that makes them valid XML names.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from svcmap.i18n import N_, _
from svcmap.render.captions import channel_note, event_name, figures_line
from svcmap.render.geometry import Box
from svcmap.render.labels import wrapped
from svcmap.render.layout import Flow, Lane, Layout, Node
from svcmap.render.style import number
from svcmap.text import one_line

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {"bpmn": MODEL, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}
POOL_HEADER = 30.0
"""The pool's name band, left of the lanes (as modelers draw it); a lane's name band is as wide."""
LANE_HEADER = 30.0
NAME_FONT_SIZE = 12.0
"""bpmn-js writes pool and lane names in 12 px Arial."""
NAME_LINES = 2
"""Lines of a lane's name that fit in its 30-point band; a third would spill over the band beside it."""
NAME_PADDING = 12.0
BANDS = {
    "front": (
        N_("Front office"),
        N_("above the line of visibility: the steps where the citizen is met"),
        N_("front office"),
    ),
    "back": (
        N_("Back office"),
        N_("below the line of visibility: the steps the citizen does not see"),
        N_("back office"),
    ),
}
"""Per band: its name, what it means, and how a lane's documentation names it (passed through `_()` there)."""

for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def element_id(layout_id: str) -> str:
    """A layout node id as a BPMN element id (an XML NCName)."""
    kind, _, rest = layout_id.partition(":")
    prefixes = {"step": "Task_", "gateway": "Gateway_", "join": "Join_", "end": "EndEvent_", "lane": "Lane_"}
    if kind == "start":
        return "StartEvent_1"
    return prefixes[kind] + rest.replace(":", "_")


def flow_id(source: str, target: str) -> str:
    return f"Flow_{element_id(source)}_{element_id(target)}"


def fitted_name(text: str, length: float) -> str:
    """A name shortened (with an ellipsis) to what NAME_LINES lines across `length` points hold."""
    text = one_line(text)
    width = length - NAME_PADDING
    if len(wrapped(text, width, NAME_FONT_SIZE)) <= NAME_LINES:
        return text
    shortened = text
    while shortened and len(wrapped(shortened + "…", width, NAME_FONT_SIZE)) > NAME_LINES:
        shortened = shortened[:-1]
    if " " in shortened.strip() and not text[len(shortened) : len(shortened) + 1].isspace():
        shortened = shortened.rsplit(" ", 1)[0]  # end at a word, not inside one
    return shortened.rstrip(" ,;:-(") + "…"


def to_bpmn(layout: Layout) -> str:
    """The BPMN 2.0 XML of one process, with its diagram."""
    key = layout.process_id
    kind = "trajectory" if layout.parts else "process"
    definitions = ET.Element(
        _m("definitions"),
        {"id": f"Definitions_{key}", "targetNamespace": f"urn:svcmap:{kind}:{key}", "exporter": "svcmap"},
    )
    collaboration = ET.SubElement(definitions, _m("collaboration"), {"id": f"Collaboration_{key}"})
    title = one_line(layout.title) or key
    pool_name = fitted_name(title, layout.lanes_box.height)
    participant = ET.SubElement(
        collaboration,
        _m("participant"),
        {"id": f"Participant_{key}", "name": pool_name, "processRef": f"Process_{key}"},
    )
    if pool_name != title:
        ET.SubElement(participant, _m("documentation")).text = title
    process = ET.SubElement(
        definitions,
        _m("process"),
        {"id": f"Process_{key}", "name": one_line(layout.process_name), "isExecutable": "false"},
    )
    ET.SubElement(process, _m("documentation")).text = figures_line(layout.figures)
    nodes = (*layout.nodes, *layout.joins)
    flows = (*layout.flows, *layout.join_flows)
    _lanes(ET.SubElement(process, _m("laneSet"), {"id": f"LaneSet_{key}"}), layout, nodes)

    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for flow in flows:
        source, target = flow.source, flow.join or flow.target
        outgoing.setdefault(source, []).append(flow_id(source, target))
        incoming.setdefault(target, []).append(flow_id(source, target))
    defaults = _default_flows(layout)
    for node in nodes:
        attributes = _node_attributes(node)
        if node.id in defaults:
            attributes["default"] = defaults[node.id]
        element = ET.SubElement(process, _m(_tag(node)), attributes)
        if node.kind == "task" and node.channel:
            ET.SubElement(element, _m("documentation")).text = channel_note(node.channel)
        for ref in incoming.get(node.id, []):
            ET.SubElement(element, _m("incoming")).text = ref
        for ref in outgoing.get(node.id, []):
            ET.SubElement(element, _m("outgoing")).text = ref
    conditions = _conditions(layout)
    for flow in flows:
        _sequence_flow(process, flow, conditions.get(flow.id, ""))
    if layout.parts:
        category = ET.SubElement(definitions, _m("category"), {"id": f"Category_{key}"})
        for part in layout.parts:
            value = f"{part.position} · {one_line(part.caption)}"
            ET.SubElement(category, _m("categoryValue"), {"id": f"CategoryValue_{part.position}", "value": value})
            ET.SubElement(
                process,
                _m("group"),
                {"id": f"Group_{part.position}", "categoryValueRef": f"CategoryValue_{part.position}"},
            )

    diagram = ET.SubElement(definitions, _di("BPMNDiagram"), {"id": f"BPMNDiagram_{key}"})
    plane = ET.SubElement(diagram, _di("BPMNPlane"), {"id": f"BPMNPlane_{key}", "bpmnElement": f"Collaboration_{key}"})
    box = layout.lanes_box
    pool = Box(box.x - POOL_HEADER, box.y, box.width + POOL_HEADER, box.height)
    _shape(plane, f"Participant_{key}", pool, horizontal=True)
    for band, lanes in _bands(layout):
        first, last = lanes[0].box, lanes[-1].box
        _shape(plane, f"Lane_{band}", Box(box.x, first.y, box.width, last.bottom - first.y), horizontal=True)
        for lane in lanes:
            lane_box = lane.box
            inner = Box(lane_box.x + LANE_HEADER, lane_box.y, lane_box.width - LANE_HEADER, lane_box.height)
            _shape(plane, element_id("lane:" + lane.id), inner, horizontal=True)
    for node in nodes:
        marker = node.kind in ("gateway", "join") and node.split == "exclusive"
        _shape(plane, element_id(node.id), node.box, label=node.label_box, marker=marker)
    for part in layout.parts:
        around = Box(part.box.x, part.header.y, part.box.width, part.box.bottom - part.header.y)
        _shape(plane, f"Group_{part.position}", around, label=part.header)
    for flow in flows:
        identifier = flow_id(flow.source, flow.join or flow.target)
        edge = ET.SubElement(plane, _di("BPMNEdge"), {"id": f"{identifier}_di", "bpmnElement": identifier})
        for x, y in flow.points:
            ET.SubElement(edge, f"{{{DI}}}waypoint", {"x": number(x), "y": number(y)})
        if flow.label_box is not None:
            _label(edge, flow.label_box)

    ET.indent(definitions, space="  ")
    return ET.tostring(definitions, encoding="unicode", xml_declaration=False).join(
        ('<?xml version="1.0" encoding="UTF-8"?>\n', "\n")
    )


def _bands(layout: Layout) -> list[tuple[str, tuple[Lane, ...]]]:
    return [(office, layout.lanes_in(office)) for office in BANDS if layout.lanes_in(office)]


def _lanes(lane_set: ET.Element, layout: Layout, nodes: Sequence[Node]) -> None:
    """A lane per band, its units' lanes inside; each lists its flow nodes, a band those of all its units."""
    for band, lanes in _bands(layout):
        name, meaning, office = (_(words) for words in BANDS[band])
        band_lane = ET.SubElement(lane_set, _m("lane"), {"id": f"Lane_{band}", "name": name})
        ET.SubElement(band_lane, _m("documentation")).text = f"{name}: {meaning}"
        members = {lane.id for lane in lanes}
        for node in nodes:
            if node.lane in members:
                ET.SubElement(band_lane, _m("flowNodeRef")).text = element_id(node.id)
        children = ET.SubElement(band_lane, _m("childLaneSet"), {"id": f"LaneSet_{band}"})
        for lane in lanes:
            full = one_line(lane.unit_name) or lane.unit_id
            element = ET.SubElement(
                children, _m("lane"), {"id": element_id("lane:" + lane.id), "name": fitted_name(full, lane.box.height)}
            )
            partner = ", " + _("external partner") if lane.external else ""
            ET.SubElement(element, _m("documentation")).text = f"{full} ({office}{partner})"
            for node in nodes:
                if node.lane == lane.id:
                    ET.SubElement(element, _m("flowNodeRef")).text = element_id(node.id)


def _sequence_flow(process: ET.Element, flow: Flow, condition: str) -> None:
    """A flow; one with a condition is named with it too, as modellers label a branch by its answer."""
    target = flow.join or flow.target
    attributes = {"id": flow_id(flow.source, target), "sourceRef": element_id(flow.source)}
    attributes["targetRef"] = element_id(target)
    if condition:
        attributes["name"] = condition
    element = ET.SubElement(process, _m("sequenceFlow"), attributes)
    if condition:
        expression = ET.SubElement(element, _m("conditionExpression"), {f"{{{XSI}}}type": "bpmn:tFormalExpression"})
        expression.text = condition


def _conditions(layout: Layout) -> dict[str, str]:
    """Each flow's condition (layout flow id → text; none for most).

    A decision's branches carry their `when`; its first branch without one is the gateway's `default` and
    carries none, and any further one says "otherwise" (bpmnlint wants every other branch conditional). A
    step with a single target and a `when` keeps it as a condition on that flow: a label on a flow that
    is no branch would be one bpmnlint flags as superfluous.
    """
    defaults = set(_default_flows(layout).values())
    decisions = {node.id for node in layout.nodes if node.kind == "gateway" and node.split == "exclusive"}
    conditions: dict[str, str] = {}
    for flow in layout.flows:
        when = one_line(flow.when) if flow.when else ""
        if flow.source in decisions:
            if flow_id(flow.source, flow.join or flow.target) not in defaults:
                conditions[flow.id] = when or _("otherwise")
        elif when:
            conditions[flow.id] = when
    return conditions


def _default_flows(layout: Layout) -> dict[str, str]:
    """Per exclusive gateway, its first flow without a `when`: the branch taken otherwise."""
    splits = {node.id: node.split for node in layout.nodes}
    defaults: dict[str, str] = {}
    for flow in layout.flows:
        if splits[flow.source] == "exclusive" and not flow.when:
            defaults.setdefault(flow.source, flow_id(flow.source, flow.join or flow.target))
    return defaults


def _tag(node: Node) -> str:
    if node.kind == "start":
        return "startEvent"
    if node.kind == "end":
        return "endEvent"
    if node.kind in ("gateway", "join"):
        return "exclusiveGateway" if node.split == "exclusive" else "parallelGateway"
    return "userTask" if node.office == "front" else "task"


def _node_attributes(node: Node) -> dict[str, str]:
    attributes = {"id": element_id(node.id)}
    if node.kind == "task":
        attributes["name"] = one_line(node.name) or str(node.step_id)  # bpmnlint wants every task named
    elif node.kind == "gateway" and node.name:
        attributes["name"] = one_line(node.name)
    elif node.kind in ("start", "end"):
        attributes["name"] = node.name or event_name(
            node.kind
        )  # an end event says how the case ends, where not delivered
    return attributes


def _shape(
    parent: ET.Element,
    element: str,
    box: Box,
    horizontal: bool = False,
    label: Box | None = None,
    marker: bool = False,
) -> None:
    attributes = {"id": f"{element}_di", "bpmnElement": element}
    if horizontal:
        attributes["isHorizontal"] = "true"
    if marker:
        attributes["isMarkerVisible"] = "true"
    shape = ET.SubElement(parent, _di("BPMNShape"), attributes)
    _bounds(shape, box)
    if label is not None:
        _label(shape, label)


def _label(parent: ET.Element, box: Box) -> None:
    _bounds(ET.SubElement(parent, _di("BPMNLabel")), box)


def _bounds(parent: ET.Element, box: Box) -> None:
    ET.SubElement(
        parent,
        f"{{{DC}}}Bounds",
        {"x": number(box.x), "y": number(box.y), "width": number(box.width), "height": number(box.height)},
    )


def _m(tag: str) -> str:
    return f"{{{MODEL}}}{tag}"


def _di(tag: str) -> str:
    return f"{{{BPMNDI}}}{tag}"
