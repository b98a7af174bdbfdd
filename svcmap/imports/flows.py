"""Folding a BPMN process's gateways and events into svcmap's `next`: from each step, the steps it leads to.

svcmap has steps and edges only. A BPMN process also has gateways (splits, joins, decisions) and events
(start, end, timers, messages) between its activities. From every step (and from a start or boundary
event) the walk follows sequence flows through everything that is not a step, and stops at the next step
or at an end event; what it passed becomes the branch's facts:

- `when`: the names of the flows it took (a flow's condition where it has no name), in order, joined by
  "; ". A default flow without a name is the "otherwise" branch and adds nothing, and so does a name
  a tool gave every flow by itself (`Sequence Flow_36`, IBM's `to <target>`). Labels on the branches of a parallel
  gateway are dropped (every branch is taken, so none is a condition); after an event-based gateway, the
  event that decides (a message, a timer) names the branch;
- `decision`: the name of the gateway that splits right after the step;
- contact with the citizen: the walk passed an activity of the citizen (an applicant's lane), or an event
  that exchanges a message with the citizen — a throwing one counts for the step the walk started from, a
  catching one for the step it arrives at.

Joining gateways and chains of gateways disappear on the way; a loop through gateways alone ends the walk.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from svcmap.imports.bpmn import CATCHING, Flow, Node, Process

_GENERATED_NAME = re.compile(r"(sequence ?flow|flow)[\s_-]*\d*", re.IGNORECASE)
"""A name a tool gives every new flow (`Sequence Flow_36`, `SequenceFlow_2`), which labels nothing."""
SPLITS_WITH_CONDITIONS = frozenset(("exclusiveGateway", "inclusiveGateway", "complexGateway", "eventBasedGateway"))
LABEL_SEPARATOR = "; "


@dataclass(frozen=True)
class Branch:
    """Where one path from a step arrives: a step's node, or an end event's."""

    target: str
    when: str
    origin_meets: bool
    """The step the walk started from hands over to the citizen on this path."""
    target_meets: bool
    """The node it arrives at takes over from the citizen."""
    dropped: tuple[str, ...] = ()
    """Ids of parallel gateways whose branch labels were dropped on the way."""


class Walks:
    """The walks of one process: its flows by source, which nodes are steps, and the citizen's part in it."""

    def __init__(
        self, process: Process, steps: Collection[str], citizen_nodes: Collection[str], contacts: Collection[str]
    ) -> None:
        self.process = process
        self.steps = steps
        self.citizen_nodes = citizen_nodes
        """Activities of an applicant's lane: the citizen's own work, passed through like an event."""
        self.contacts = contacts
        """Nodes that exchange a message flow with the citizen."""
        self.outgoing: dict[str, list[Flow]] = {}
        for flow in process.flows:
            self.outgoing.setdefault(flow.source, []).append(flow)

    def node(self, identifier: str) -> Node | None:
        return self.process.nodes.get(identifier)

    def branches(self, origin: str, first_label: str = "") -> list[Branch]:
        """Every path from `origin` to the steps and end events it reaches, in the order of its flows."""
        found: list[Branch] = []
        start = (first_label,) if first_label else ()
        self._walk(origin, origin, start, (origin,), False, (), found)
        return found

    def split_after(self, origin: str) -> Node | None:
        """The gateway that splits right after `origin` (past joins and events), or None: it holds the decision."""
        seen = {origin}
        current = origin
        while True:
            flows = self.outgoing.get(current, [])
            node = self.node(current)
            if current != origin and node is not None and node.is_gateway and len(flows) > 1:
                return node
            if len(flows) != 1:
                return None
            current = flows[0].target
            target = self.node(current)
            if current in seen or target is None or current in self.steps or target.kind == "endEvent":
                return None
            seen.add(current)

    def _walk(
        self,
        origin: str,
        at: str,
        labels: tuple[str, ...],
        path: tuple[str, ...],
        origin_meets: bool,
        dropped: tuple[str, ...],
        found: list[Branch],
    ) -> None:
        node = self.node(at)
        flows = self.outgoing.get(at, [])
        parallel = node is not None and node.kind == "parallelGateway" and len(flows) > 1
        for flow in flows:
            target = self.node(flow.target)
            name = "" if _generated(flow.name, target) else flow.name
            label = name or ("" if flow.id in self.process.defaults else flow.condition)
            if parallel and label:
                label, now_dropped = "", (*dropped, at)
            else:
                now_dropped = dropped
            if not label and node is not None and node.kind == "eventBasedGateway" and target is not None:
                label = target.name
            taken = (*labels, label) if label else labels
            when = LABEL_SEPARATOR.join(taken)
            if target is None:
                continue  # a flow to nothing
            if flow.target in self.steps:  # the origin itself too: a loop back to the step
                found.append(Branch(flow.target, when, origin_meets, self._arrives_from_citizen(path), now_dropped))
                continue
            if flow.target in path:
                continue  # a loop through gateways and events alone
            if target.kind == "endEvent":
                found.append(
                    Branch(flow.target, when, origin_meets or flow.target in self.contacts, False, now_dropped)
                )
                continue
            throws_to_citizen = flow.target in self.contacts and target.kind not in CATCHING
            meets = origin_meets or throws_to_citizen or flow.target in self.citizen_nodes
            onward = (*path, flow.target)
            for linked in self._linked(target):
                self._walk(origin, linked, taken, (*onward, linked), meets, now_dropped, found)
            self._walk(origin, flow.target, taken, onward, meets, now_dropped, found)

    def _arrives_from_citizen(self, path: tuple[str, ...]) -> bool:
        """Whether the path passed the citizen's own work, or an event that receives from the citizen."""
        for identifier in path:
            node = self.node(identifier)
            if identifier in self.steps:
                continue  # the step the walk started from: its own contact is its own
            if identifier in self.citizen_nodes:
                return True
            if node is not None and identifier in self.contacts and node.kind in CATCHING:
                return True
        return False

    def _linked(self, node: Node) -> list[str]:
        """A throwing link event goes on at the catching link events of the same name (an off-page connector)."""
        if node.kind != "intermediateThrowEvent" or node.trigger != "link":
            return []
        return [
            other.id
            for other in self.process.nodes.values()
            if other.kind == "intermediateCatchEvent" and other.trigger == "link" and other.name == node.name
        ]


def _generated(name: str, target: Node | None) -> bool:
    """Whether a flow's name is what a tool writes by itself: a numbered `Sequence Flow`, or `to <target>`
    (IBM Process Designer names every flow after where it goes)."""
    if _GENERATED_NAME.fullmatch(name):
        return True
    return target is not None and bool(target.name) and name.casefold() == f"to {target.name}".casefold()
