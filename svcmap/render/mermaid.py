"""Mermaid: the layout as a flowchart with a subgraph per office band and per lane, for markdown on a git host.

Mermaid lays the flowchart out itself; what it takes from the layout is the lanes (in order, inside the
front-office and back-office bands), the nodes in them and the flows with their facts. How the text makes
Mermaid draw the front office above the line of visibility and the lanes in order, as every other format
does, is `svcmap.render.mermaid_stack`: the text asks for dagre's layout, declares the subgraphs bottom-up,
pairs a band's lanes under invisible groups and anchors every lane at both ends with invisible nodes.
Catalog text only appears inside double-quoted labels, escaped by `svcmap.text.mermaid_text`: everything
but letters, digits and plain punctuation is written as a Mermaid entity code (`#34;` for `"`), so no
quote, bracket, pipe or markup can end a label early.
Every text starts from `svcmap.text.one_line`, so the YAML front matter never holds a character YAML
refuses (U+FFFE). Node ids are made from step ids (`^[a-z0-9]+(-[a-z0-9]+)*$`), never from names.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from svcmap.i18n import N_, _
from svcmap.render import mermaid_stack as stack
from svcmap.render.captions import channel_note, event_name, figures_line, subtitle
from svcmap.render.layout import HEADER_LINE_CHARS, HEADER_MAX_LINES, Flow, Lane, Layout, Node, wrap
from svcmap.render.layout import OFFICE_ORDER as OFFICES
from svcmap.render.style import (
    EXTERNAL_FILL,
    EXTERNAL_STROKE,
    FLOW_COLOR,
    HANDOFF_COLOR,
    PASSAGE_COLOR,
    SILO_COLOR,
)
from svcmap.text import mermaid_text, one_line

BAND_TITLES = {
    "front": N_("Front office: above the line of visibility"),
    "back": N_("Back office: below the line of visibility"),
}
CAPTION_CHARS = HEADER_LINE_CHARS * HEADER_MAX_LINES
"""A lane's name is cut where the other formats cut it (with an ellipsis): Mermaid makes a subgraph as wide
as its title, and a title wider than the diagram would stick out of its band."""
INVISIBLE = "fill:none,stroke:none"
"""The anchors and groups that steer Mermaid's layout (svcmap.render.mermaid_stack) are not drawn."""
BAND_STYLES = {
    "front": "fill:#eef5fc,stroke:#212121,stroke-width:2px",
    "back": "fill:#f8f7f2,stroke:#212121,stroke-width:2px,stroke-dasharray:8 4",
}


def label(text: str) -> str:
    """A double-quoted Mermaid label showing `text` literally (one line, entity codes for the rest); a space
    for text that is only white space, since Mermaid cannot parse an empty label (`[""]`)."""
    return '"' + (mermaid_text(text) or " ") + '"'


def node_id(layout_id: str) -> str:
    """`step:foo-bar` → `n_step_foo_bar`: no catalog id contains `_`, and no Mermaid keyword starts one."""
    return "n_" + layout_id.replace(":", "_").replace("-", "_")


def to_mermaid(layout: Layout) -> str:
    """The flowchart text of one process: paste it into a ```mermaid block."""
    return "\n".join(_lines(layout)) + "\n"


def _lines(layout: Layout) -> Iterator[str]:
    yield "---"
    # front matter is YAML: a JSON string is a valid double-quoted YAML scalar, and Mermaid shows it as text
    yield f"title: {_json(one_line(layout.title) + ' — ' + figures_line(layout.figures))}"
    yield "config:"
    yield "  layout: dagre"  # what the rest is made for and tested with (svcmap.render.mermaid_stack)
    yield "---"
    yield "flowchart LR"
    yield f"  %% {mermaid_text(subtitle(layout))}"
    yield "  %% bottom-up: Mermaid draws the subgraph declared last on top (see svcmap/render/mermaid_stack.py)"
    nodes_in: dict[str, list[Node]] = {}
    for node in layout.nodes:
        nodes_in.setdefault(node.lane, []).append(node)
    for office in reversed(OFFICES):
        if layout.lanes_in(office):
            yield f"  subgraph n_band_{office}[{label(_(BAND_TITLES[office]))}]"
            yield "    direction LR"
            parts = stack.band_parts(layout.lanes_in(office))
            yield from _bottom_up(parts, nodes_in, stack.lane_nodes(layout), "    ")
            yield "  end"
    for outside in stack.outside_nodes(layout):
        yield f'  {node_id(outside)}[" "]'
    entered = _part_captions(layout)
    for flow in layout.flows:
        yield f"  {_flow(flow, entered.get(flow.id))}"
    for source, target in stack.anchor_links(layout):
        yield f"  {node_id(source)} ~~~ {node_id(target)}"
    yield from _styles(layout)


def _bottom_up(
    parts: Sequence[Lane | stack.Group],
    nodes_in: Mapping[str, list[Node]],
    invisible: Mapping[str, tuple[str, ...]],
    indent: str,
) -> Iterator[str]:
    """A band's lanes and groups, the lowest first, each lane's nodes between its invisible ones."""
    for part in reversed(parts):
        if isinstance(part, stack.Group):
            yield f'{indent}subgraph {node_id(part.id)}[" "]'
            yield from _bottom_up(part.parts, nodes_in, invisible, indent + "  ")
        else:
            caption = wrap(part.unit_name, CAPTION_CHARS, 1)[0] + (
                " (" + _("external partner") + ")" if part.external else ""
            )
            head, *rest = invisible[part.id]
            yield f"{indent}subgraph {node_id('lane:' + part.id)}[{label(caption)}]"
            yield f'{indent}  {node_id(head)}[" "]'
            for node in nodes_in.get(part.id, []):
                yield f"{indent}  {_node(node)}"
            for anchor in rest:
                yield f'{indent}  {node_id(anchor)}[" "]'
        yield f"{indent}end"


def _styles(layout: Layout) -> Iterator[str]:
    yield "  classDef task fill:#ffffff,stroke:#333333"
    yield f"  classDef external fill:{EXTERNAL_FILL},stroke:{EXTERNAL_STROKE},stroke-dasharray:5 3"
    yield "  classDef start fill:#e6f4e6,stroke:#2e7d32,stroke-width:2px"
    yield "  classDef finish fill:#fbe4e4,stroke:#b71c1c,stroke-width:4px"
    yield "  classDef gateway fill:#fff5cc,stroke:#8d6e00"
    yield f"  classDef anchor {INVISIBLE}"
    for kind, css_class in (("task", "task"), ("start", "start"), ("end", "finish"), ("gateway", "gateway")):
        members = [node_id(n.id) for n in layout.nodes if n.kind == kind and not (kind == "task" and n.external)]
        if members:
            yield f"  class {','.join(members)} {css_class}"
    externals = [node_id(n.id) for n in layout.nodes if n.kind == "task" and n.external]
    if externals:
        yield f"  class {','.join(externals)} external"
    invisible = [*(node for nodes in stack.lane_nodes(layout).values() for node in nodes), *stack.outside_nodes(layout)]
    yield f"  class {','.join(node_id(node) for node in invisible)} anchor"
    for office in OFFICES:
        if layout.lanes_in(office):
            yield f"  style n_band_{office} {BAND_STYLES[office]}"
            for group in stack.groups(stack.band_parts(layout.lanes_in(office))):
                yield f"  style {node_id(group.id)} {INVISIBLE}"
    for lane in layout.lanes:
        fill = EXTERNAL_FILL if lane.external else ("#e3effb" if lane.office == "front" else "#f6f5ef")
        yield f"  style {node_id('lane:' + lane.id)} fill:{fill},stroke:#9e9e9e"
    yield from _link_styles(layout.flows)


def _node(node: Node) -> str:
    name = node_id(node.id)
    if node.kind == "start":
        return f'{name}(("{mermaid_text(event_name("start"))}"))'
    if node.kind == "end":
        return f'{name}((("{mermaid_text(event_name("end"))}")))'
    if node.kind == "gateway":
        return f'{name}{{"{"×" if node.split == "exclusive" else "+"}"}}'
    if node.channel:
        return f'{name}["{mermaid_text(node.name)}<br/>{mermaid_text(channel_note(node.channel))}"]'
    return f"{name}[{label(node.name)}]"


def _part_captions(layout: Layout) -> dict[str, str]:
    """In a chain, the flows into each part, by flow id, with the part's caption (`2 · Kids-ID`): Mermaid
    cannot draw a band across lanes, so a part is named where the citizen enters it."""
    if not layout.parts:
        return {}
    captions = {part.position: f"{part.position} · {wrap(part.caption, CAPTION_CHARS, 1)[0]}" for part in layout.parts}
    parts = {node.id: node.part for node in layout.nodes}
    return {
        flow.id: captions[parts[flow.target]]
        for flow in layout.flows
        if flow.passage or flow.source == "start"
        if parts[flow.target] in captions
    }


def _flow(flow: Flow, caption: str | None = None) -> str:
    arrow = "-.->" if flow.external or flow.passage else ("==>" if flow.handoff else "-->")
    source, target = node_id(flow.source), node_id(flow.target)
    words = flow.when or caption
    if words:
        return f"{source} {arrow}|{label(words)}| {target}"
    return f"{source} {arrow} {target}"


def _link_styles(flows: tuple[Flow, ...]) -> Iterator[str]:
    """Colour and width per kind of flow; Mermaid numbers links in the order they are written."""
    groups: dict[str, list[str]] = {}
    for index, flow in enumerate(flows):
        if flow.passage:
            kind = "passage"
        elif flow.silo:
            kind = "silo"
        elif flow.handoff:
            kind = "handoff"
        else:
            kind = "flow"
        groups.setdefault(kind + ("-external" if flow.external else ""), []).append(str(index))
    styles = {
        "flow": f"stroke:{FLOW_COLOR},stroke-width:1.5px",
        "handoff": f"stroke:{HANDOFF_COLOR},stroke-width:3px",
        "silo": f"stroke:{SILO_COLOR},stroke-width:5px",
        "passage": f"stroke:{PASSAGE_COLOR},stroke-width:4px",
    }
    for kind in ("flow", "flow-external", "handoff", "handoff-external", "silo", "silo-external", "passage"):
        if kind in groups:
            style = styles[kind.removesuffix("-external")]
            if kind.endswith("-external"):
                style += ",stroke-dasharray:6 4"
            yield f"  linkStyle {','.join(groups[kind])} {style}"


def _json(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)
