"""From a BPMN file's model to draft svcmap processes: which pool is the citizen, who does each step, what follows.

- The citizen: a pool named as the applicant (Aanvrager, Burger, Klant, Citizen, Applicant, Inwoner,
  Ondernemer …), or, where no pool is so named, a pool without tasks (a black box). A lane named as the
  applicant inside the organisation's pool is the citizen too: its tasks are the citizen's own work,
  folded into the flow like events. A step that exchanges a message flow with the citizen, or hands
  over to or takes over from the citizen's own work, meets the citizen.
- Every other pool with tasks (or process, where the file has no collaboration) → one draft process;
  each task, sub-process and call activity → a step, done by the leaf lane that lists it (nested lanes:
  the innermost; no lane: the pool).
- Gateways and intermediate events fold into `next` (svcmap.imports.flows); a branch that ends in an end
  event beside other branches gets an end step of its own, named after the event; a start event that
  leads to a decision gets a start step.

Everything approximated or left out is a `Note` with the file's line, for the report and the header of
the written file. Ids are not chosen here (svcmap.imports.importer does, against the catalog).
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from dataclasses import dataclass, field

from svcmap.catalog import schema
from svcmap.imports.bpmn import Definitions, Lane, Node, Pool, Process
from svcmap.imports.flows import Branch, Walks
from svcmap.text import one_line

APPLICANT_WORDS = frozenset(
    (
        "aanvrager",
        "aanvragers",
        "aanvraagster",
        "burger",
        "burgers",
        "klant",
        "klanten",
        "inwoner",
        "inwoners",
        "ondernemer",
        "ondernemers",
        "indiener",
        "verzoeker",
        "melder",
        "bewoner",
        "bewoners",
        "belanghebbende",
        "citizen",
        "citizens",
        "applicant",
        "applicants",
        "customer",
        "customers",
        "client",
        "clients",
        "requester",
        "resident",
        "residents",
        "antragsteller",
        "kunde",
        "demandeur",
        "citoyen",
        "usager",
    )
)
"""Words that name the applicant, accents dropped ("bürger" → "burger", "cliënt" → "client")."""
_FILLERS = frozenset(("de", "het", "een", "the", "a", "an", "en", "of", "and", "or", "der", "die", "le", "la"))
_OFFICE_HINT = re.compile(r"^(?P<name>.*?)\s*\((?P<office>front|back) office(?P<external>, external partner)?\)$")
"""Lane names as svcmap's own BPMN export writes them: `Burgerzaken (front office)`, `Politie (back office,
external partner)`."""
_BAND = re.compile(r"^(?P<office>front|back)[ -]?office$", re.IGNORECASE)
"""A lane for an office band, whose own lanes are the units in it."""
_CHANNEL_LINE = re.compile(r"^channel:\s*(?P<channel>[a-z-]+)\s*$", re.MULTILINE)
MAX_TEXT = 2000

OUTCOMES = {
    "refused": "refused",
    "geweigerd": "refused",
    "weigering": "refused",
    "withdrawn": "withdrawn",
    "ingetrokken": "withdrawn",
    "referred": "referred",
    "doorverwezen": "referred",
}
"""End-event names read as a step's `outcome` (svcmap's export writes the English word; a Dutch modeller may
write the Dutch one); any other name ends the case as delivered."""
"""The longest name or condition a catalog file holds (the schemas' `text`)."""
_STEP_KIND = {
    "subProcess": "sub-process",
    "adHocSubProcess": "ad-hoc sub-process",
    "transaction": "transaction",
    "callActivity": "call activity",
}


@dataclass(frozen=True)
class Note:
    """Something approximated or left out, at a line of the BPMN file."""

    line: int
    text: str
    approximated: bool
    """True: mapped, but not exactly; False: not mapped at all."""


@dataclass(frozen=True)
class Performer:
    """Who does a step, as the file says it: a lane's (or the pool's) name, with what svcmap's own export
    adds to it (`(front office)`, `external partner`)."""

    name: str
    office: str | None = None
    external: bool = False


@dataclass
class DraftStep:
    """A step before ids are chosen: `key` is its BPMN element's id (or `start:`/`end:` and the event's)."""

    key: str
    name: str
    performer: Performer
    line: int
    meets: bool = False
    """It exchanges something with the citizen."""
    channel: str | None = None
    decision: str | None = None
    outcome: str | None = None
    """How the case ends where it is not delivered: read from the name of the end event that follows."""
    targets: list[tuple[str, str]] = field(default_factory=list)
    """(key, when) in order; when '' for none."""


@dataclass
class DraftProcess:
    """One pool's process, steps in reading order (the start first)."""

    name: str
    pool: str
    """The pool's name as the report shows it."""
    line: int
    steps: list[DraftStep]
    models_citizen: bool
    """The file shows the citizen (a pool or lane): a step without contact then really has none."""
    notes: list[Note]


@dataclass(frozen=True)
class Drafted:
    """What a file gives: its processes, and notes that concern the file rather than one process."""

    processes: list[DraftProcess]
    notes: list[Note]
    citizen_pools: tuple[str, ...]
    exporter: str
    """The tool that wrote the file, as it says, or ''."""


def is_applicant(name: str) -> bool:
    """Whether a pool's or lane's name names the applicant: every word an applicant word (or an article),
    once what stands between brackets is set aside. `Klant` and `De aanvrager` do, `Klantcontactcentrum`
    and `Klant Contact Centrum` do not."""
    plain = unicodedata.normalize("NFKD", re.sub(r"\([^)]*\)", " ", name)).encode("ascii", "ignore").decode()
    words = [word for word in re.split(r"[^a-z]+", plain.lower()) if word]
    meaningful = [word for word in words if word not in _FILLERS]
    return bool(meaningful) and all(word in APPLICANT_WORDS for word in meaningful)


def text(value: str) -> str:
    """A name or condition as a catalog file can hold it: at most MAX_TEXT characters."""
    return value if len(value) <= MAX_TEXT else value[: MAX_TEXT - 1].rstrip() + "…"


def draft(definitions: Definitions, fallback_name: str) -> Drafted:
    """The draft processes of a file; `fallback_name` (the file's stem) names what the file leaves unnamed."""
    pool_of = {pool.process: pool for pool in definitions.pools if pool.process}
    citizen = _citizen_pools(definitions)
    citizen_ids = {pool.id for pool in citizen}
    for pool in citizen:
        process = definitions.processes.get(pool.process)
        if process is not None:
            citizen_ids.update(process.nodes)
            citizen_ids.update(process.inner_of)
    notes = [Note(item.line, f"{item.what} {_quoted(item.name)}not mapped", False) for item in definitions.unmapped]
    for pool in citizen:
        process = definitions.processes.get(pool.process)
        if process is not None and process.activities:
            notes.append(
                Note(
                    pool.line,
                    f"pool {_quoted(pool.name)}is the applicant: its {len(process.activities)} task(s) are the"
                    " citizen's own, not steps",
                    True,
                )
            )
    processes: list[DraftProcess] = []
    for process in definitions.processes.values():
        pool = pool_of.get(process.id)
        if (pool is not None and pool.id in citizen_ids) or not process.activities:
            continue
        name = process.name or (pool.name if pool else "") or fallback_name
        drafter = _Drafter(definitions, process, pool, name, citizen_ids, bool(citizen))
        if not drafter.steps:
            line = pool.line if pool else process.line
            notes.append(Note(line, f"process '{name}': every task is in a lane of the applicant: no steps", True))
            continue
        processes.append(drafter.draft())
    return Drafted(processes, notes, tuple(pool.name or pool.id for pool in citizen), definitions.exporter)


def _citizen_pools(definitions: Definitions) -> list[Pool]:
    """The pools that are the citizen: those named as the applicant, else those without a task."""
    named = [pool for pool in definitions.pools if is_applicant(pool.name)]
    if named:
        return named
    if len(definitions.pools) < 2:
        return []

    def has_tasks(pool: Pool) -> bool:
        return pool.process in definitions.processes and bool(definitions.processes[pool.process].activities)

    working = {pool.name for pool in definitions.pools if has_tasks(pool)}

    def drawn_twice(pool: Pool) -> bool:
        """A pool without a process of its own named as a pool with tasks: a tool's second drawing of that
        pool (Visual Paradigm writes each pool twice), not a party of its own."""
        return pool.process not in definitions.processes and pool.name in working

    return [pool for pool in definitions.pools if not has_tasks(pool) and not drawn_twice(pool)]


def _holds(definitions: Definitions, pool: Pool, element: str) -> bool:
    """Whether a pool is, or its process holds, an element (a sub-process's inner elements included)."""
    if element == pool.id:
        return True
    process = definitions.processes.get(pool.process)
    return process is not None and (element in process.nodes or element in process.inner_of)


def _quoted(name: str) -> str:
    return f"'{name}' " if name else ""


class _Drafter:
    """Drafts one process: lanes to performers, activities to steps, walks to targets."""

    def __init__(
        self,
        definitions: Definitions,
        process: Process,
        pool: Pool | None,
        name: str,
        citizen_ids: set[str],
        citizen_pool: bool,
    ) -> None:
        self.definitions = definitions
        self.process = process
        self.pool = pool
        self.name = name
        self.notes: list[Note] = []
        self.pool_performer = Performer(text((pool.name if pool else "") or name))
        self.performer_of: dict[str, Performer] = {}
        self.citizen_nodes: set[str] = set()
        self._lanes(process.lanes, self.pool_performer.name, citizen_lane=False)
        self.contacts = self._contacts(citizen_ids)
        self.models_citizen = citizen_pool or bool(self.citizen_nodes)
        self.steps = {node.id for node in process.activities if node.id not in self.citizen_nodes}
        self.walks = Walks(process, self.steps, self.citizen_nodes, self.contacts)
        self.drafts: dict[str, DraftStep] = {}

    # --- who does what ---------------------------------------------------------------------------------

    def _lanes(self, lanes: tuple[Lane, ...], parent: str, citizen_lane: bool, office: str | None = None) -> None:
        """Give every node of a leaf lane that lane's performer; a nested lane wins over its parent, and a lane
        named as an office band (`Front office`, `Backoffice`) gives its lanes that office."""
        for position, lane in enumerate(lanes, start=1):
            name = _full_name(lane)
            if not name:
                name = parent if len(lanes) == 1 else f"{parent} {position}"
                self.notes.append(Note(lane.line, f"a lane without a name: its steps are done by '{name}'", True))
            band = _BAND.match(name)
            lane_office = band.group("office").lower() if band else office
            applicant = citizen_lane or is_applicant(name)
            for node in lane.nodes:
                if applicant:
                    self.citizen_nodes.add(node)
                else:
                    self.performer_of[node] = _performer(name, lane_office)  # a nested lane, read after, overrides
            if lane.children:
                self._lanes(lane.children, name, applicant, lane_office)

    def _performer(self, node: Node) -> Performer:
        return self.performer_of.get(node.id, self.pool_performer)

    def _contacts(self, citizen_ids: set[str]) -> set[str]:
        """The nodes of this process that exchange a message flow with the citizen; notes for the others."""
        own = set(self.process.nodes) | set(self.process.inner_of)
        pool_id = self.pool.id if self.pool else ""
        contacts: set[str] = set()
        for flow in self.definitions.message_flows:
            ends = (flow.source, flow.target)
            mine = [end for end in ends if end in own]
            other = [end for end in ends if end not in own and end != pool_id]
            if not mine:
                if pool_id in ends and any(end in citizen_ids for end in ends):
                    self.notes.append(
                        Note(
                            flow.line, f"message flow {_quoted(flow.name)}to the pool's edge: no step to give it", False
                        )
                    )
                continue
            if other and all(end in citizen_ids for end in other):
                contacts.update(self.process.inner_of.get(end, end) for end in mine)
            elif other:
                pools = self.definitions.pools
                partner = next((pool.name for pool in pools if _holds(self.definitions, pool, other[0])), "")
                with_whom = f"pool '{partner}'" if partner else "another pool"
                message = f"message flow {_quoted(flow.name)}with {with_whom}: a handoff between two processes"
                self.notes.append(Note(flow.line, message, False))
        return contacts

    # --- the draft ---------------------------------------------------------------------------------------

    def draft(self) -> DraftProcess:
        process = self.process
        for node in process.nodes.values():
            if node.id in self.steps:
                self.drafts[node.id] = self._step(node)
        self._not_mapped()
        start = self._start()
        for node in process.nodes.values():
            if node.id in self.steps:
                self._targets(self.drafts[node.id], node)
        ordered = self._reading_order(start)
        self._notes_on_performers()
        return DraftProcess(
            name=text(self.name),
            pool=self.pool_performer.name,
            line=(self.pool.line if self.pool else process.line),
            steps=ordered,
            models_citizen=self.models_citizen,
            notes=sorted(self.notes, key=lambda note: (not note.approximated, note.line, note.text)),
        )

    def _step(self, node: Node) -> DraftStep:
        name = node.name
        if not name:
            name = node.id
            self.notes.append(Note(node.line, f"a {_kind(node)} without a name: named after its id '{node.id}'", True))
        if node.inner:
            self.notes.append(
                Note(
                    node.line,
                    f"{_kind(node)} '{name}' is one step: its {node.inner} inner elements are not mapped",
                    True,
                )
            )
        channel_match = _CHANNEL_LINE.search(node.documentation)
        channel = channel_match.group("channel") if channel_match else None
        return DraftStep(
            key=node.id,
            name=text(name),
            performer=self._performer(node),
            line=node.line,
            meets=node.id in self.contacts,
            channel=channel if channel in _channels() else None,
        )

    def _start(self) -> str | None:
        """The key of the start step: the step the start event leads to, or a step made from the event(s).

        One start event leading to one step: that step. One leading to a decision: a start step of its own,
        named after the event. Several start events (alternative triggers): one start step whose branches
        are the events' ways, each `when` the event's name.
        """
        starts = [node for node in self.process.nodes.values() if node.kind == "startEvent"]
        flowing = [node for node in starts if self.walks.outgoing.get(node.id)]
        if not flowing:
            entered = {flow.target for flow in self.process.flows}
            first = next((key for key in self.drafts if key not in entered), None)
            return first or next(iter(self.drafts), None)
        event = flowing[0]
        if len(flowing) > 1:
            branches = [
                branch
                for other in flowing
                for branch in self.walks.branches(
                    other.id, first_label=other.name or f"{other.trigger or 'start'} event"
                )
            ]
            key = f"start:{event.id}"
            self.drafts[key] = DraftStep(key, "Start", self._performer(event), event.line)
            self.notes.append(
                Note(event.line, f"{len(flowing)} start events: one start step, each event's way a branch of it", True)
            )
            self._connect(self.drafts[key], branches, None)
            return key
        branches = self.walks.branches(event.id)
        steps = {branch.target for branch in branches if branch.target in self.steps}
        if len(branches) == 1 and steps and not branches[0].when:
            if branches[0].target_meets:
                self.drafts[branches[0].target].meets = True
            return branches[0].target
        key = f"start:{event.id}"
        self.drafts[key] = DraftStep(key, text(event.name or "Start"), self._performer(event), event.line)
        self.notes.append(
            Note(event.line, f"start event {_quoted(event.name)}leads to a decision: it is a step of its own", True)
        )
        self._connect(self.drafts[key], branches, self.walks.split_after(event.id))
        return key

    def _targets(self, step: DraftStep, node: Node) -> None:
        branches = self.walks.branches(node.id)
        for boundary in self.process.nodes.values():
            if (
                boundary.kind == "boundaryEvent"
                and self.process.inner_of.get(boundary.attached_to, boundary.attached_to) == node.id
            ):
                label = boundary.name or f"{boundary.trigger or 'boundary'} event"
                self.notes.append(
                    Note(
                        boundary.line,
                        f"boundary {boundary.trigger + ' ' if boundary.trigger else ''}event {_quoted(boundary.name)}"
                        f"on '{step.name}': a branch of the step, when '{label}'",
                        True,
                    )
                )
                branches += self.walks.branches(boundary.id, first_label=label)
        self._connect(step, branches, self.walks.split_after(node.id))

    def _connect(self, step: DraftStep, branches: list[Branch], split: Node | None) -> None:
        """Set a step's targets from its branches: end events become end steps where other branches go on."""
        for branch in branches:
            if branch.origin_meets:
                step.meets = True
            if branch.target_meets and branch.target in self.drafts:
                self.drafts[branch.target].meets = True
            for gateway in branch.dropped:
                self._note_once(gateway, "labels on the branches of parallel gateway {} dropped: every branch is taken")
        ends = {branch.target for branch in branches if branch.target not in self.steps}
        if len(ends) <= 1 and all(branch.target in ends for branch in branches):
            for event_id in ends:  # an end step: nothing follows it, or one end event does
                step.outcome = OUTCOMES.get((self.process.nodes[event_id].name or "").strip().lower())
            return
        whens: dict[str, list[str]] = {}
        for branch in branches:
            key = branch.target if branch.target in self.steps else self._end_step(branch.target, step)
            whens.setdefault(key, [])
            if branch.when and branch.when not in whens[key]:
                whens[key].append(branch.when)
        if split is not None and split.kind in ("exclusiveGateway", "inclusiveGateway", "complexGateway"):
            if len(whens) > 1 and not any(whens.values()):
                for key in whens:
                    whens[key] = [self.drafts[key].name]
                self._note_once(
                    split.id, "the branches of gateway {} have no label: each is named after where it leads"
                )
            if split.kind != "exclusiveGateway":
                kind = "inclusive" if split.kind == "inclusiveGateway" else "complex"
                self._note_once(split.id, f"{kind} gateway {{}} read as a decision: svcmap follows one of its branches")
        step.targets = [(key, text(" / ".join(labels))) for key, labels in whens.items()]
        if split is not None and split.name and any(labels for labels in whens.values()):
            if _bare_question(split.name) != _bare_question(step.name):  # not just the step's name asked
                step.decision = text(split.name)

    def _end_step(self, event_id: str, before: DraftStep) -> str:
        """The end step made from an end event that a branch reaches beside others (one per event)."""
        key = f"end:{event_id}"
        if key not in self.drafts:
            event = self.process.nodes[event_id]
            performer = self.performer_of.get(event_id, before.performer)
            self.drafts[key] = DraftStep(key, text(event.name or "End"), performer, event.line)
            self.notes.append(
                Note(event.line, f"end event {_quoted(event.name)}ends one branch of several: it is an end step", True)
            )
        return key

    def _note_once(self, node_id: str, template: str) -> None:
        node = self.process.nodes[node_id]
        note = Note(node.line, template.format(f"'{node.name}'" if node.name else node_id), True)
        if note not in self.notes:
            self.notes.append(note)

    def _not_mapped(self) -> None:
        for item in self.process.unmapped:
            self.notes.append(Note(item.line, f"{item.what} {_quoted(item.name)}not mapped", False))
        for node in self.process.nodes.values():
            if node.id in self.citizen_nodes and node.is_activity:
                self.notes.append(
                    Note(
                        node.line,
                        f"{_kind(node)} {_quoted(node.name)}is the applicant's: the steps before and after it meet the"
                        " citizen",
                        True,
                    )
                )
            elif node.kind in ("intermediateCatchEvent", "intermediateThrowEvent") and node.trigger not in ("", "link"):
                self.notes.append(
                    Note(
                        node.line,
                        f"{node.trigger} event {_quoted(node.name)}folded into the flow between its steps",
                        True,
                    )
                )

    def _notes_on_performers(self) -> None:
        without_lane = [key for key in self.steps if key not in self.performer_of]
        if without_lane and self.process.lanes:
            self.notes.append(
                Note(
                    self.process.line,
                    f"{len(without_lane)} step(s) in no lane: done by '{self.pool_performer.name}',"
                    " named after the pool",
                    True,
                )
            )
        elif without_lane:
            self.notes.append(
                Note(self.process.line, f"no lanes: every step is done by '{self.pool_performer.name}'", True)
            )

    def _reading_order(self, start: str | None) -> list[DraftStep]:
        """The start first, then breadth first along `next`, then what no path reaches, as written."""
        order: list[str] = []
        seen: set[str] = set()
        queue = deque([start] if start else [])
        while queue:
            key = queue.popleft()
            if key in seen:
                continue
            seen.add(key)
            order.append(key)
            queue.extend(target for target, _ in self.drafts[key].targets if target not in seen)
        order += [key for key in self.drafts if key not in seen]
        return [self.drafts[key] for key in order]


def _performer(lane_name: str, office: str | None) -> Performer:
    hint = _OFFICE_HINT.match(lane_name)
    if hint is None:
        return Performer(text(lane_name), office)
    return Performer(text(hint.group("name")), hint.group("office"), bool(hint.group("external")))


def _full_name(lane: Lane) -> str:
    """A lane's name, or its documentation's first line where that begins with the name: a tool that shortens
    long names on the diagram (svcmap's export: `Burgerzaken (bevolking en…`) keeps the full one there."""
    first = lane.documentation.split("\n", 1)[0].strip()
    stem = lane.name.removesuffix("…").removesuffix("...").rstrip()
    if stem and first.startswith(stem) and len(first) > len(stem):
        return text(one_line(first))
    return lane.name


def _bare_question(name: str) -> str:
    """A name without the punctuation that ends it: a gateway named `Aanvraag beoordelen?` after the step
    `Aanvraag beoordelen` asks nothing the step does not say (svcmap's export names it so, bpmnlint wants a name)."""
    return name.rstrip().rstrip(".:;,?!").rstrip().casefold()


def _kind(node: Node) -> str:
    return _STEP_KIND.get(node.kind, "task")


def _channels() -> frozenset[str]:
    return frozenset(schema.load_schema("process")["$defs"]["step"]["properties"]["channel"]["enum"])
