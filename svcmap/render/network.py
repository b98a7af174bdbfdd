"""`render --network`: the unit network drawn — a box per unit inside its domain, an arrow per handoff pair.

Unlike the process diagrams (pinned to `svcmap.render.layout`'s lane grid), the network has no grid to
keep: Graphviz's `dot` places it (as DOT, SVG or PNG) and Mermaid lays out its flowchart itself. Both
draw the same things the same way as the other diagrams: a domain is a cluster (subgraph), external
partners are grey, dashed and gathered apart, an arrow's width grows with the handoffs it stands for,
and an arrow between domains (a silo handoff) has the silo colour. Catalog text reaches DOT only through
`svcmap.text.dot_label` / `dot_string` / `dot_tooltip`, and Mermaid only through `mermaid_text`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from svcmap.errors import SvcmapError
from svcmap.files import write_atomically
from svcmap.i18n import _, ngettext
from svcmap.network.figures import Network, NetworkEdge, NetworkUnit
from svcmap.render import graphviz
from svcmap.render.diagrams import make_folder
from svcmap.render.layout import wrap
from svcmap.render.mermaid import label
from svcmap.render.style import EXTERNAL_FILL, EXTERNAL_STROKE, HANDOFF_COLOR, SILO_COLOR, number
from svcmap.text import dot_label, dot_string, dot_tooltip, mermaid_text

FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
"""What `render --network` can write (BPMN draws processes, not a network)."""
EXTENSIONS = {"svg": "svg", "png": "png", "pdf": "pdf", "dot": "dot", "mermaid": "mmd"}
BINARY = ("png", "pdf")
FILE_NAME = "network"
"""`render --network --out DIR` writes DIR/network.<ext>."""

NAME_CHARS = 26
NAME_LINES = 3
EXTERNAL_TITLE = "External partners"
DOMAIN_FILL = "#f5f8fc"
MOST_EDGES = 80
"""Arrows drawn at most: the busiest pairs. A region's catalog has its 44 units hand each other work in
nearly every pair (1,883 on the bench catalog): Graphviz's `dot` took over ten minutes on all of them, and
no reader could follow them; the title says how many were left out, and `analyze --by network` lists all."""
WIDEST = 8.0
"""The widest arrow, in points (Graphviz) or pixels (Mermaid), for the busiest handoff pair."""


def title(network: Network, organisation: str | None) -> str:
    """`Unit network of Gemeente Voorbeeld: 27 units, 61 handoffs` (and how many pairs are drawn, when not all)."""
    handoffs, units = sum(edge.handoffs for edge in network.edges), len(network.units)
    counts = ", ".join(
        (
            ngettext("{count} unit", "{count} units", units).format(count=units),
            ngettext("{count} handoff", "{count} handoffs", handoffs).format(count=handoffs),
        )
    )
    heading = (
        _("Unit network of {organisation}: {counts}").format(organisation=organisation, counts=counts)
        if organisation
        else _("Unit network: {counts}").format(counts=counts)
    )
    shown = len(drawn_edges(network))
    if shown < len(network.edges):
        heading += " " + _("(the {shown} busiest of {count} handoff pairs drawn)").format(
            shown=shown, count=len(network.edges)
        )
    return heading


def drawn_edges(network: Network) -> list[NetworkEdge]:
    """The edges drawn: all of them, or the MOST_EDGES busiest (most handoffs, then by ids), in the network's order."""
    if len(network.edges) <= MOST_EDGES:
        return list(network.edges)
    busiest = sorted(network.edges, key=lambda edge: (-edge.weight, edge.source, edge.target))[:MOST_EDGES]
    kept = {(edge.source, edge.target) for edge in busiest}
    return [edge for edge in network.edges if (edge.source, edge.target) in kept]


def width(edge: NetworkEdge, busiest: int) -> float:
    """An arrow's width: 1 for a single handoff, up to WIDEST for the busiest pair."""
    if busiest <= 1:
        return 1.5
    return 1.5 + (WIDEST - 1.5) * (edge.handoffs - 1) / (busiest - 1)


def domains(network: Network) -> list[tuple[str, list[NetworkUnit]]]:
    """The organisation's own units per domain (by domain), then the external partners as one group."""
    grouped: dict[str, list[NetworkUnit]] = {}
    for unit in network.units:
        grouped.setdefault(EXTERNAL_TITLE if unit.external else unit.domain, []).append(unit)
    order = sorted(name for name in grouped if name != EXTERNAL_TITLE)  # a domain is an id: never this title
    order += [EXTERNAL_TITLE] if EXTERNAL_TITLE in grouped else []
    return [(name, grouped[name]) for name in order]


# --- Graphviz ---------------------------------------------------------------------------------------


def to_dot(network: Network, organisation: str | None, dpi: int | None = None) -> str:
    """The DOT text of the network, for Graphviz's `dot`: deterministic (units and edges in sorted order)."""
    return "\n".join(_dot_lines(network, organisation, dpi)) + "\n"


def render(network: Network, organisation: str | None, output_format: str) -> bytes:
    """SVG, PNG or PDF bytes, drawn by Graphviz's `dot`."""
    dpi = graphviz.PNG_DPI if output_format == "png" else None
    return graphviz.render_dot(to_dot(network, organisation, dpi), output_format, engine="dot")


def _dot_lines(network: Network, organisation: str | None, dpi: int | None) -> Iterator[str]:
    font = graphviz.FONT
    yield "digraph network {"
    yield (
        f'  graph [rankdir=LR, newrank=true, nodesep=0.3, ranksep=0.9, fontname="{font}", fontsize=11, '
        f'labelloc=t, labeljust=l, pad="0.2", bgcolor="white"' + (f", dpi={dpi}" if dpi else "") + "]"
    )
    yield f'  node [shape=box, style="rounded,filled", fillcolor="white", color="#333333", fontname="{font}"]'
    yield f'  edge [fontname="{font}", fontsize=9, arrowsize=0.7, fontcolor="#333333"]'
    yield f"  label=<{_dot_caption(network, organisation)}>"
    for index, (name, units) in enumerate(domains(network)):
        if name == EXTERNAL_TITLE:  # not a cluster: each partner is drawn beside the units it works with
            yield from ("  " + _dot_node(unit) for unit in units)
            continue
        yield f"  subgraph cluster_{index} {{"
        yield (
            f'    graph [style=filled, fillcolor="{DOMAIN_FILL}", color="#9e9e9e", fontsize=10, '
            f"label=<<B>{dot_label(_domain(name))}</B>>]"
        )
        for unit in units:
            yield "    " + _dot_node(unit)
        yield "  }"
    edges = drawn_edges(network)
    busiest = max((edge.handoffs for edge in edges), default=1)
    for edge in edges:
        yield "  " + _dot_edge(edge, busiest)
    yield "}"


def _domain(name: str) -> str:
    """`domain: burgerzaken`: a domain's box (the domain is an id, not translated)."""
    return _("domain: {domain}").format(domain=name)


def _dot_caption(network: Network, organisation: str | None) -> str:
    within, between = _("handoff within a domain"), _("silo handoff (between domains)")
    legend = (
        f'<FONT COLOR="{HANDOFF_COLOR}">→ {dot_label(within)}</FONT>   '
        f'<FONT COLOR="{SILO_COLOR}">→ {dot_label(between)}</FONT>   '
        + dot_label(_("dashed: with an external partner (grey)"))
        + "   "
        + dot_label(_("wider: more handoffs (the number, when more than one)"))
    )
    return f'<B>{dot_label(title(network, organisation))}</B><BR/><FONT POINT-SIZE="9">{legend}</FONT>'


def _dot_node(unit: NetworkUnit) -> str:
    lines = "<BR/>".join(dot_label(line) for line in wrap(unit.name, NAME_CHARS, NAME_LINES))
    caption = f'{lines}<BR/><FONT POINT-SIZE="8" COLOR="#555555">{dot_label(unit.id)}</FONT>'
    style = f', style="rounded,filled,dashed", fillcolor="{EXTERNAL_FILL}", color="{EXTERNAL_STROKE}"'
    return (
        f"{dot_string(unit.id)} [fontsize=10, tooltip={dot_tooltip(unit.name)}"
        f"{style if unit.external else ''}, label=<{caption}>]"
    )


def _dot_edge(edge: NetworkEdge, busiest: int) -> str:
    attributes = [f'color="{SILO_COLOR if edge.silo else HANDOFF_COLOR}"', f"penwidth={number(width(edge, busiest))}"]
    if edge.external:
        attributes.append('style="dashed"')
    if edge.handoffs > 1:
        attributes.append(f"label=<{edge.handoffs}>")
    handoffs = ngettext("{count} handoff", "{count} handoffs", edge.handoffs).format(count=edge.handoffs)
    products = ngettext("{count} product", "{count} products", edge.products).format(count=edge.products)
    tooltip = _("{handoffs} in {products}").format(handoffs=handoffs, products=products)
    attributes.append(f"tooltip={dot_tooltip(tooltip)}")
    return f"{dot_string(edge.source)} -> {dot_string(edge.target)} [{', '.join(attributes)}]"


# --- Mermaid ----------------------------------------------------------------------------------------


def to_mermaid(network: Network, organisation: str | None) -> str:
    """The network as a Mermaid flowchart: paste it into a ```mermaid block."""
    return "\n".join(_mermaid_lines(network, organisation)) + "\n"


def _unit_id(unit_id: str) -> str:
    """`burgerlijke-stand` → `u_burgerlijke_stand`: unit ids are `^[a-z0-9]+(-[a-z0-9]+)*$`, never `_`."""
    return "u_" + unit_id.replace("-", "_")


def _mermaid_node(unit: NetworkUnit) -> str:
    lines = [*wrap(unit.name, NAME_CHARS, NAME_LINES), unit.id]
    return f'{_unit_id(unit.id)}["{"<br/>".join(mermaid_text(line) for line in lines)}"]'


def _mermaid_lines(network: Network, organisation: str | None) -> Iterator[str]:
    yield "flowchart LR"
    yield f"  %% {mermaid_text(title(network, organisation))}"
    legend = _("blue: handoff within a domain; red: silo handoff; dashed: external partner; wider: more handoffs")
    yield f"  %% {mermaid_text(legend)}"
    for index, (name, units) in enumerate(domains(network)):
        if name == EXTERNAL_TITLE:  # as in DOT: each partner beside the units it works with, not in a box
            yield from (f"  {_mermaid_node(unit)}" for unit in units)
            continue
        yield f"  subgraph d{index}[{label(_domain(name))}]"
        yield from (f"    {_mermaid_node(unit)}" for unit in units)
        yield "  end"
        yield f"  style d{index} fill:{DOMAIN_FILL},stroke:#9e9e9e"
    edges = drawn_edges(network)
    busiest = max((edge.handoffs for edge in edges), default=1)
    for edge in edges:
        arrow = "-.->" if edge.external else "-->"
        count = f'|"{edge.handoffs}"|' if edge.handoffs > 1 else ""
        yield f"  {_unit_id(edge.source)} {arrow}{count} {_unit_id(edge.target)}"
    yield f"  classDef external fill:{EXTERNAL_FILL},stroke:{EXTERNAL_STROKE},stroke-dasharray:5 3"
    externals = [_unit_id(unit.id) for unit in network.units if unit.external]
    if externals:
        yield f"  class {','.join(externals)} external"
    for index, edge in enumerate(edges):
        color = SILO_COLOR if edge.silo else HANDOFF_COLOR
        yield f"  linkStyle {index} stroke:{color},stroke-width:{number(width(edge, busiest))}px"


def draw_network(network: Network, organisation: str | None, output_format: str) -> bytes:
    """The network in one of FORMATS, as the bytes of its file."""
    if output_format == "dot":
        return to_dot(network, organisation).encode("utf-8")
    if output_format == "mermaid":
        return to_mermaid(network, organisation).encode("utf-8")
    return render(network, organisation, output_format)


def write_network(network: Network, organisation: str | None, output_format: str, out_dir: Path) -> Path:
    """Draw the network into out_dir/network.<ext>, atomically; returns the file written."""
    make_folder(out_dir)
    path = out_dir / f"{FILE_NAME}.{EXTENSIONS[output_format]}"
    data = draw_network(network, organisation, output_format)
    try:
        write_atomically(path, data)
    except OSError as error:
        raise SvcmapError(_("{path}: cannot write: {error}").format(path=path, error=error.strerror)) from None
    return path
