"""BPMN 2.0 XML: one pool whose lanes are the layout's lanes, with BPMN DI drawn from the same layout.

Mapping (documented in the README):
- the process is one `process` inside a `collaboration` with one `participant` (the pool): modelers such as
  bpmn.io and Camunda Modeler only show lanes inside a pool;
- a lane per layout lane (a unit in the front-office band, a unit in the back-office band), in the layout's
  order, each listing its flow nodes (`flowNodeRef`);
- a front-office step is a `userTask` (someone meets the citizen), a back-office step a plain `task`;
- a step with several targets is its task followed by a gateway: an `exclusiveGateway` when the targets
  carry `when` (a decision; each such flow is named with its `when`, which is also its
  `conditionExpression`, and a target without one is the gateway's `default` flow), a `parallelGateway`
  when none does (a fan-out: every branch is done);
- one `startEvent` before the start step, one `endEvent` after each end step;
- BPMN DI: every shape at the layout's box (so inside its lane's bounds), every edge with the layout's
  waypoints.

No version or date is written, so the same catalog gives the same file with any release. ElementTree
writes the XML, so every catalog text is escaped by the serializer; what XML 1.0
cannot hold (control characters, U+FFFE, U+FFFF, lone surrogates) is dealt with before, since every
catalog text here is a one-line name (`svcmap.text.one_line`). Element ids are built from catalog ids,
which match `^[a-z0-9]+(-[a-z0-9]+)*$`, behind a prefix that makes them valid XML names.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from svcmap.render.captions import figures_line
from svcmap.render.layout import Layout, Node
from svcmap.render.style import number
from svcmap.text import one_line

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {"bpmn": MODEL, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}
POOL_HEADER = 30.0
"""The pool's name band, left of the lanes (as modelers draw it)."""

for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def element_id(layout_id: str) -> str:
    """A layout node id as a BPMN element id (an XML NCName)."""
    kind, _, rest = layout_id.partition(":")
    prefixes = {"step": "Task_", "gateway": "Gateway_", "end": "EndEvent_", "lane": "Lane_"}
    if kind == "start":
        return "StartEvent_1"
    return prefixes[kind] + rest.replace(":", "_")


def flow_id(source: str, target: str) -> str:
    return f"Flow_{element_id(source)}_{element_id(target)}"


def to_bpmn(layout: Layout) -> str:
    """The BPMN 2.0 XML of one process, with its diagram."""
    key = layout.process_id
    definitions = ET.Element(
        _m("definitions"),
        {
            "id": f"Definitions_{key}",
            "targetNamespace": f"urn:svcmap:process:{key}",
            "exporter": "svcmap",
        },
    )
    collaboration = ET.SubElement(definitions, _m("collaboration"), {"id": f"Collaboration_{key}"})
    ET.SubElement(
        collaboration,
        _m("participant"),
        {"id": f"Participant_{key}", "name": one_line(layout.title), "processRef": f"Process_{key}"},
    )
    process = ET.SubElement(
        definitions,
        _m("process"),
        {"id": f"Process_{key}", "name": one_line(layout.process_name), "isExecutable": "false"},
    )
    ET.SubElement(process, _m("documentation")).text = figures_line(layout.figures)
    lane_set = ET.SubElement(process, _m("laneSet"), {"id": f"LaneSet_{key}"})
    for lane in layout.lanes:
        office = "front office" if lane.office == "front" else "back office"
        name = f"{one_line(lane.unit_name)} ({office}{', external partner' if lane.external else ''})"
        element = ET.SubElement(lane_set, _m("lane"), {"id": element_id("lane:" + lane.id), "name": name})
        for node in layout.nodes:
            if node.lane == lane.id:
                ET.SubElement(element, _m("flowNodeRef")).text = element_id(node.id)

    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for flow in layout.flows:
        outgoing.setdefault(flow.source, []).append(flow_id(flow.source, flow.target))
        incoming.setdefault(flow.target, []).append(flow_id(flow.source, flow.target))
    defaults = _default_flows(layout)
    for node in layout.nodes:
        attributes = _node_attributes(node)
        if node.id in defaults:
            attributes["default"] = defaults[node.id]
        element = ET.SubElement(process, _m(_tag(node)), attributes)
        if node.kind == "task" and node.channel:
            ET.SubElement(element, _m("documentation")).text = f"channel: {node.channel}"
        for ref in incoming.get(node.id, []):
            ET.SubElement(element, _m("incoming")).text = ref
        for ref in outgoing.get(node.id, []):
            ET.SubElement(element, _m("outgoing")).text = ref
    splits = {node.id: node.split for node in layout.nodes}
    for flow in layout.flows:
        attributes = {
            "id": flow_id(flow.source, flow.target),
            "sourceRef": element_id(flow.source),
            "targetRef": element_id(flow.target),
        }
        if flow.when:
            attributes["name"] = one_line(flow.when)
        element = ET.SubElement(process, _m("sequenceFlow"), attributes)
        if flow.when and splits[flow.source] == "exclusive":
            condition = ET.SubElement(element, _m("conditionExpression"), {f"{{{XSI}}}type": "bpmn:tFormalExpression"})
            condition.text = one_line(flow.when)

    diagram = ET.SubElement(definitions, _di("BPMNDiagram"), {"id": f"BPMNDiagram_{key}"})
    plane = ET.SubElement(diagram, _di("BPMNPlane"), {"id": f"BPMNPlane_{key}", "bpmnElement": f"Collaboration_{key}"})
    box = layout.lanes_box
    _shape(
        plane, f"Participant_{key}", box.x - POOL_HEADER, box.y, box.width + POOL_HEADER, box.height, horizontal=True
    )
    for lane in layout.lanes:
        lane_box = lane.box
        _shape(
            plane,
            element_id("lane:" + lane.id),
            lane_box.x,
            lane_box.y,
            lane_box.width,
            lane_box.height,
            horizontal=True,
        )
    for node in layout.nodes:
        _shape(plane, element_id(node.id), node.box.x, node.box.y, node.box.width, node.box.height)
    for flow in layout.flows:
        identifier = flow_id(flow.source, flow.target)
        edge = ET.SubElement(plane, _di("BPMNEdge"), {"id": f"{identifier}_di", "bpmnElement": identifier})
        for x, y in flow.points:
            ET.SubElement(edge, f"{{{DI}}}waypoint", {"x": number(x), "y": number(y)})

    ET.indent(definitions, space="  ")
    return ET.tostring(definitions, encoding="unicode", xml_declaration=False).join(
        ('<?xml version="1.0" encoding="UTF-8"?>\n', "\n")
    )


def _default_flows(layout: Layout) -> dict[str, str]:
    """Per exclusive gateway, its first flow without a `when`: the branch taken otherwise."""
    splits = {node.id: node.split for node in layout.nodes}
    defaults: dict[str, str] = {}
    for flow in layout.flows:
        if splits[flow.source] == "exclusive" and not flow.when:
            defaults.setdefault(flow.source, flow_id(flow.source, flow.target))
    return defaults


def _tag(node: Node) -> str:
    if node.kind == "start":
        return "startEvent"
    if node.kind == "end":
        return "endEvent"
    if node.kind == "gateway":
        return "exclusiveGateway" if node.split == "exclusive" else "parallelGateway"
    return "userTask" if node.office == "front" else "task"


def _node_attributes(node: Node) -> dict[str, str]:
    attributes = {"id": element_id(node.id)}
    if node.kind == "task":
        attributes["name"] = one_line(node.name)
    elif node.kind in ("start", "end"):
        attributes["name"] = node.kind
    return attributes


def _shape(
    parent: ET.Element, element: str, x: float, y: float, width: float, height: float, horizontal: bool = False
) -> None:
    attributes = {"id": f"{element}_di", "bpmnElement": element}
    if horizontal:
        attributes["isHorizontal"] = "true"
    shape = ET.SubElement(parent, _di("BPMNShape"), attributes)
    ET.SubElement(
        shape, f"{{{DC}}}Bounds", {"x": number(x), "y": number(y), "width": number(width), "height": number(height)}
    )


def _m(tag: str) -> str:
    return f"{{{MODEL}}}{tag}"


def _di(tag: str) -> str:
    return f"{{{BPMNDI}}}{tag}"
