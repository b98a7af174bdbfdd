"""BPMN 2.0 XML as plain data: pools, processes, lanes, flow nodes, sequence and message flows, each with its line.

Elements are matched by namespace URI and local name, never by prefix: tools write `bpmn:`, `bpmn2:`,
`semantic:`, `model:` or no prefix for the same namespace. Only the semantic part of the file is read;
the diagram (BPMN DI) is not needed, so files with or without one read the same. What this module keeps
is what svcmap can map; the rest of the model is listed as `Unmapped` (data objects, annotations …), so
that the import can say what it left out. Names keep their words but not their layout: a tool's line
breaks (`&#10;` in a task's name) become spaces.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from svcmap.i18n import _
from svcmap.imports.xmlsafe import problem
from svcmap.text import one_line

MODEL = "http://www.omg.org/spec/BPMN/20100524/MODEL"

ACTIVITIES = frozenset(
    (
        "task",
        "userTask",
        "manualTask",
        "serviceTask",
        "scriptTask",
        "businessRuleTask",
        "sendTask",
        "receiveTask",
        "subProcess",
        "adHocSubProcess",
        "transaction",
        "callActivity",
    )
)
"""What becomes a step: work somebody (or something) does."""
GATEWAYS = frozenset(("exclusiveGateway", "inclusiveGateway", "parallelGateway", "eventBasedGateway", "complexGateway"))
EVENTS = frozenset(
    (
        "startEvent",
        "endEvent",
        "intermediateCatchEvent",
        "intermediateThrowEvent",
        "boundaryEvent",
        "implicitThrowEvent",
    )
)
CATCHING = frozenset(("startEvent", "intermediateCatchEvent", "boundaryEvent"))
"""Events that receive (a message, a timer, a signal): what follows them is where it arrives."""
_UNMAPPED = {
    "dataObject": "data object",
    "dataObjectReference": "data object",
    "dataStoreReference": "data store",
    "dataInput": "data input",
    "dataOutput": "data output",
    "textAnnotation": "text annotation",
    "group": "group",
    "choreographyTask": "choreography task",
    "subChoreography": "sub-choreography",
    "callChoreography": "call choreography",
    "conversation": "conversation",
    "subConversation": "conversation",
    "callConversation": "conversation",
}
"""Model elements svcmap has no place for, by how a report names them (associations are left out silently:
they only tie an unmapped element to a mapped one)."""


@dataclass(frozen=True)
class Node:
    """A flow node of a process: an activity, a gateway or an event."""

    id: str
    kind: str
    """The BPMN element's local name: `userTask`, `exclusiveGateway`, `boundaryEvent` …"""
    name: str
    line: int
    trigger: str = ""
    """An event's definition (`message`, `timer`, `signal`, `link` …; `multiple` for several; '' for none)."""
    attached_to: str = ""
    """A boundary event's activity."""
    documentation: str = ""
    inner: int = 0
    """A sub-process's own flow nodes (drawn as one step)."""

    @property
    def is_activity(self) -> bool:
        return self.kind in ACTIVITIES

    @property
    def is_gateway(self) -> bool:
        return self.kind in GATEWAYS


@dataclass(frozen=True)
class Flow:
    """A sequence flow; `condition` is its condition expression's text."""

    id: str
    source: str
    target: str
    name: str
    condition: str
    line: int


@dataclass(frozen=True)
class Lane:
    """A lane, its flow nodes and its own lanes (a nested lane set)."""

    id: str
    name: str
    line: int
    nodes: tuple[str, ...]
    children: tuple[Lane, ...] = ()
    documentation: str = ""


@dataclass(frozen=True)
class Unmapped:
    """A model element svcmap has no place for."""

    what: str
    name: str
    line: int
    id: str = ""


@dataclass(frozen=True)
class Process:
    """One `process` element: its flow nodes in document order, flows, lanes, and what cannot be mapped."""

    id: str
    name: str
    line: int
    nodes: dict[str, Node]
    flows: tuple[Flow, ...]
    lanes: tuple[Lane, ...]
    defaults: frozenset[str]
    """The ids of default flows (the branch taken when no condition holds)."""
    inner_of: dict[str, str]
    """Flow nodes inside a sub-process, by id → the top-level sub-process that holds them."""
    unmapped: tuple[Unmapped, ...]

    @property
    def activities(self) -> list[Node]:
        return [node for node in self.nodes.values() if node.is_activity]


@dataclass(frozen=True)
class Pool:
    """A participant of a collaboration, and the process it holds (none for a black-box pool)."""

    id: str
    name: str
    process: str
    line: int


@dataclass(frozen=True)
class MessageFlow:
    id: str
    source: str
    target: str
    name: str
    line: int


@dataclass(frozen=True)
class Definitions:
    """A whole BPMN file."""

    exporter: str
    """The tool that wrote it, as it says (`Camunda Modeler 5.0.0`), or ''."""
    pools: tuple[Pool, ...]
    processes: dict[str, Process]
    message_flows: tuple[MessageFlow, ...]
    unmapped: tuple[Unmapped, ...] = field(default=())


def read_definitions(root: etree._Element, name: str) -> Definitions:
    """The BPMN model in a parsed file; a root other than BPMN 2.0's `definitions` is an UnreadableInput."""
    if _local(root) != "definitions" or etree.QName(root).namespace != MODEL:
        found = etree.QName(root)
        where = f"{{{found.namespace}}}{found.localname}" if found.namespace else found.localname
        raise problem(
            name,
            root.sourceline or 1,
            1,
            _("not BPMN 2.0: the root element is {element}, not `definitions` of the namespace {namespace}").format(
                element=where, namespace=MODEL
            ),
        )
    exporter = " ".join(part for part in (root.get("exporter", ""), root.get("exporterVersion", "")) if part)
    pools: list[Pool] = []
    message_flows: list[MessageFlow] = []
    processes: dict[str, Process] = {}
    unmapped: list[Unmapped] = []
    for child in _children(root):
        kind = _local(child)
        if kind == "collaboration":
            for part in _children(child):
                part_kind = _local(part)
                if part_kind == "participant":
                    pools.append(Pool(part.get("id", ""), _name(part), part.get("processRef", ""), _line(part)))
                elif part_kind == "messageFlow":
                    message_flows.append(
                        MessageFlow(
                            part.get("id", ""),
                            part.get("sourceRef", ""),
                            part.get("targetRef", ""),
                            _name(part),
                            _line(part),
                        )
                    )
                elif part_kind in _UNMAPPED:
                    unmapped.append(Unmapped(_UNMAPPED[part_kind], _name(part), _line(part)))
        elif kind == "process":
            process = _process(child)
            processes[process.id] = process
        elif kind == "choreography":
            unmapped.append(Unmapped("choreography", _name(child), _line(child)))
    return Definitions(one_line(exporter), tuple(pools), processes, tuple(message_flows), tuple(unmapped))


def _process(element: etree._Element) -> Process:
    nodes: dict[str, Node] = {}
    flows: list[Flow] = []
    lanes: list[Lane] = []
    defaults: set[str] = set()
    inner_of: dict[str, str] = {}
    unmapped: list[Unmapped] = []
    for child in _children(element):
        kind = _local(child)
        identifier = child.get("id", "")
        if child.get("default"):
            defaults.add(child.get("default", ""))
        if kind == "sequenceFlow":
            flows.append(_flow(child))
        elif kind == "laneSet":
            lanes.extend(_lanes(child))
        elif kind in ACTIVITIES or kind in GATEWAYS or kind in EVENTS:
            if kind == "subProcess" and child.get("triggeredByEvent") == "true":
                unmapped.append(Unmapped("event sub-process", _name(child), _line(child)))
                continue
            inner = [node for node in _descendants(child) if _local(node) in ACTIVITIES | GATEWAYS | EVENTS]
            for node in inner:
                inner_of[node.get("id", "")] = identifier
            nodes[identifier] = Node(
                id=identifier,
                kind=kind,
                name=_name(child),
                line=_line(child),
                trigger=_trigger(child),
                attached_to=child.get("attachedToRef", ""),
                documentation=_documentation(child),
                inner=len(inner),
            )
        elif kind in _UNMAPPED:
            unmapped.append(Unmapped(_UNMAPPED[kind], _name(child), _line(child), identifier))
    referenced = {
        child.get("dataObjectRef", "") for child in _children(element) if _local(child) == "dataObjectReference"
    }
    return Process(
        id=element.get("id", ""),
        name=_name(element),
        line=_line(element),
        nodes=nodes,
        flows=tuple(flows),
        lanes=tuple(lanes),
        defaults=frozenset(defaults),
        inner_of=inner_of,
        unmapped=tuple(item for item in unmapped if item.id not in referenced),  # a data object once, by its shape
    )


def _flow(element: etree._Element) -> Flow:
    condition = ""
    for child in _children(element):
        if _local(child) == "conditionExpression":
            condition = one_line("".join(child.itertext()))
    return Flow(
        element.get("id", ""),
        element.get("sourceRef", ""),
        element.get("targetRef", ""),
        _name(element),
        condition,
        _line(element),
    )


def _lanes(lane_set: etree._Element) -> Iterator[Lane]:
    for lane in _children(lane_set):
        if _local(lane) != "lane":
            continue
        refs = tuple((ref.text or "").strip() for ref in _children(lane) if _local(ref) == "flowNodeRef")
        children = tuple(
            nested for child in _children(lane) if _local(child) == "childLaneSet" for nested in _lanes(child)
        )
        yield Lane(lane.get("id", ""), _name(lane), _line(lane), refs, children, _documentation(lane))


def _trigger(element: etree._Element) -> str:
    definitions = [
        _local(child).removesuffix("EventDefinition")
        for child in _children(element)
        if _local(child).endswith("EventDefinition")
    ]
    definitions += ["defined elsewhere" for child in _children(element) if _local(child) == "eventDefinitionRef"]
    if len(definitions) > 1:
        return "multiple"
    return definitions[0] if definitions else ""


def _documentation(element: etree._Element) -> str:
    texts = ["".join(child.itertext()) for child in _children(element) if _local(child) == "documentation"]
    return "\n".join(text.strip() for text in texts if text.strip())


def _name(element: etree._Element) -> str:
    return one_line(element.get("name", ""))


def _line(element: etree._Element) -> int:
    return element.sourceline or 1


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(element: etree._Element) -> Iterator[etree._Element]:
    """The BPMN-namespace child elements (a tool's own extension elements are not BPMN's)."""
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).namespace == MODEL:
            yield child


def _descendants(element: etree._Element) -> Iterator[etree._Element]:
    for child in element.iter():
        if child is not element and isinstance(child.tag, str) and etree.QName(child).namespace == MODEL:
            yield child
