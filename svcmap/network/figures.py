"""The unit network's figures for a catalog, as plain data: what `analyze --by network`, `render --network`
and `report` show, computed once with networkx and handed on without it."""

from __future__ import annotations

from dataclasses import dataclass

from svcmap.analysis.figures import Analysis
from svcmap.catalog.model import Catalog
from svcmap.network.brokers import Broker, brokers
from svcmap.network.communities import SEED, Community, Misplaced, detect_communities, misplaced_units
from svcmap.network.graph import BY_COUNT, ties, unit_network


@dataclass(frozen=True)
class NetworkUnit:
    """A node of the network: a unit, its declared place, and where the network puts it."""

    id: str
    name: str
    office: str
    domain: str
    external: bool
    steps: int
    community: int
    """Its community's number; 0 for a unit that hands no work to another and takes none."""

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "office": self.office,
            "domain": self.domain,
            "external": self.external,
            "steps": self.steps,
            "community": self.community,
        }


@dataclass(frozen=True)
class NetworkEdge:
    """Work handed from one unit to another: a cell of the unit matrix, and whether it crosses domains."""

    source: str
    target: str
    handoffs: int
    products: int
    weight: float
    silo: bool
    external: bool


@dataclass(frozen=True)
class Network:
    """The unit network of a catalog: its units and edges (by id), communities, misplaced units and brokers."""

    units: tuple[NetworkUnit, ...]
    edges: tuple[NetworkEdge, ...]
    communities: tuple[Community, ...]
    misplaced: tuple[Misplaced, ...]
    brokers: tuple[Broker, ...]
    weighted_by: str = BY_COUNT
    """What the edges' weights count: handoffs, or handoffs a year (see `svcmap.network.graph.weighted_by`)."""

    def to_dict(self) -> dict[str, object]:
        """The `network` section of `analyze --by network --format json`."""
        return {
            "seed": SEED,
            "weighted_by": self.weighted_by,
            "units": [unit.to_dict() for unit in self.units],
            "communities": [community.to_dict() for community in self.communities],
            "misplaced": [unit.to_dict() for unit in self.misplaced],
            "brokers": [broker.to_dict() for broker in self.brokers],
        }


def network_of(catalog: Catalog, analysis: Analysis) -> Network:
    """Build the unit network and work out its communities, misplaced units and brokers."""
    graph = unit_network(catalog, analysis)
    undirected = ties(graph)
    communities = detect_communities(undirected)
    community_of = {unit: community.number for community in communities for unit in community.units}
    units = tuple(
        NetworkUnit(
            unit,
            facts["name"],
            facts["office"],
            facts["domain"],
            facts["external"],
            facts["steps"],
            community_of.get(unit, 0),
        )
        for unit, facts in graph.nodes(data=True)
    )
    edges = tuple(
        NetworkEdge(source, target, data["handoffs"], data["products"], data["weight"], data["silo"], data["external"])
        for source, target, data in graph.edges(data=True)
    )
    return Network(
        units,
        edges,
        tuple(communities),
        tuple(misplaced_units(undirected, communities)),
        tuple(brokers(graph)),
        graph.graph["weighted_by"],
    )
