"""The unit network as a networkx graph: one node per unit, one weighted directed edge per unit-matrix cell.

Built from `Analysis.unit_handoffs` (the unit matrix, SPEC §3 handoffs summed over every process) and the
catalog's units. Nodes and edges are added in sorted order, so the graph, and everything computed from it,
is the same whatever order the catalog's files were read in and whatever Python's hash seed is.
"""

from __future__ import annotations

import networkx as nx

from svcmap.analysis.figures import Analysis, UnitHandoffs
from svcmap.analysis.yearly import YearlyFigures
from svcmap.catalog.model import Catalog

BY_COUNT = "handoffs"
BY_YEAR = "handoffs a year"
"""What an edge's weight counts (`weighted_by`)."""


def weighted_by(yearly: YearlyFigures) -> str:
    """Handoffs a year where every process of the catalog has requests a year, else handoff edges: the unit
    matrix covers every process, and a mix of the two would weigh edges against citizens."""
    return BY_YEAR if yearly.every_process else BY_COUNT


def handoff_weight(cell: UnitHandoffs, yearly: YearlyFigures) -> float:
    """How strongly `cell.source` is tied to `cell.target`: the one place an edge's weight is decided.

    The handoffs a year between them where the catalog weighs by volume (`weighted_by`), else the number
    of handoff edges; communities, brokers and the misplaced units all read the weight from here.
    """
    if weighted_by(yearly) == BY_YEAR:
        return float(yearly.unit_pairs.get((cell.source, cell.target), 0))
    return float(cell.handoffs)


def unit_network(catalog: Catalog, analysis: Analysis) -> nx.DiGraph:
    """Every unit of the analysis as a node (name, office, domain, external, steps), every handoff pair as an edge.

    Edge attributes: `handoffs` and `products` (the matrix cell), `weight` (`handoff_weight`), `distance`
    (1 / weight, the length that shortest paths use: see `svcmap.network.brokers`), `silo` (the two units'
    domains differ) and `external` (either unit is an external partner).
    """
    graph = nx.DiGraph(weighted_by=weighted_by(analysis.yearly))
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
        weight = handoff_weight(cell, analysis.yearly)
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
