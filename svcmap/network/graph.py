"""The unit network as a networkx graph: one node per unit, one weighted directed edge per unit-matrix cell.

Built from `Analysis.unit_handoffs` (the unit matrix, SPEC §3 handoffs summed over every process) and the
catalog's units. Nodes and edges are added in sorted order, so the graph, and everything computed from it,
is the same whatever order the catalog's files were read in and whatever Python's hash seed is.
"""

from __future__ import annotations

import networkx as nx

from svcmap.analysis.figures import Analysis, UnitHandoffs
from svcmap.catalog.model import Catalog


def handoff_weight(cell: UnitHandoffs) -> float:
    """How strongly `cell.source` is tied to `cell.target`: the one place an edge's weight is decided.

    Today the number of handoff edges between them; communities, brokers and the misplaced units all read
    the weight from here, so weighting by yearly volume (where products have one) is a change to this
    function only.
    """
    return float(cell.handoffs)


def unit_network(catalog: Catalog, analysis: Analysis) -> nx.DiGraph:
    """Every unit of the analysis as a node (name, office, domain, external, steps), every handoff pair as an edge.

    Edge attributes: `handoffs` and `products` (the matrix cell), `weight` (`handoff_weight`), `distance`
    (1 / weight, the length that shortest paths use: see `svcmap.network.brokers`), `silo` (the two units'
    domains differ) and `external` (either unit is an external partner).
    """
    graph = nx.DiGraph()
    for unit_id in sorted(analysis.units):
        unit = catalog.units.get(unit_id)
        graph.add_node(
            unit_id,
            name=unit.name if unit else unit_id,
            office=unit.office if unit else "back",
            domain=unit.domain if unit else unit_id,
            external=bool(unit and unit.external),
            steps=analysis.units[unit_id].steps,
        )
    for cell in sorted(analysis.unit_handoffs, key=lambda cell: (cell.source, cell.target)):
        for unit_id in (cell.source, cell.target):
            if unit_id not in graph:  # a unit the matrix names but the figures do not: cannot happen, kept safe
                graph.add_node(unit_id, name=unit_id, office="back", domain=unit_id, external=False, steps=0)
        weight = handoff_weight(cell)
        source, target = graph.nodes[cell.source], graph.nodes[cell.target]
        graph.add_edge(
            cell.source,
            cell.target,
            handoffs=cell.handoffs,
            products=cell.products,
            weight=weight,
            distance=1.0 / weight if weight else float("inf"),
            silo=source["domain"] != target["domain"],
            external=source["external"] or target["external"],
        )
    return graph


def ties(graph: nx.DiGraph) -> nx.Graph:
    """The network without direction: two units' tie is the weight of both their edges added up.

    `DiGraph.to_undirected()` would keep only one direction's attributes where work goes both ways
    (burgerzaken → FOD and FOD → burgerzaken): the tie would count half the work.
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(graph.nodes(data=True))
    for source, target, weight in sorted(graph.edges(data="weight")):
        if undirected.has_edge(source, target):
            undirected[source][target]["weight"] += weight
        else:
            undirected.add_edge(source, target, weight=weight)
    return undirected
