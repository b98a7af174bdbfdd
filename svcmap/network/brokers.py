"""Brokers: the units most handoffs pass through, by betweenness centrality over the unit network.

networkx's `betweenness_centrality` counts, for each unit, the share of shortest paths between two other
units that run through it. Its `weight` is a *length*, so the edges carry `distance` = 1 / weight: two
units that hand each other a lot of work are close, and a route over busy handoffs is shorter than one
over a rare one — with the count itself as the length, the busiest links would be the ones paths avoid.
Directed: work handed a → b → c passes b; c → b → a is another path.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

BROKERS_SHOWN = 10
"""The text and Markdown reports list this many brokers; json lists every unit with a betweenness above 0."""


@dataclass(frozen=True)
class Broker:
    """A unit that shortest paths of work pass through."""

    unit: str
    betweenness: float
    """networkx's normalised betweenness: the share of ordered pairs of other units whose shortest paths
    pass through the unit (1 / ((n - 1)(n - 2)) per pair for a directed graph of n units)."""
    paths: float
    """The same, not normalised: how many pairs' shortest paths pass through (a fraction where a pair has
    several shortest paths)."""

    def to_dict(self) -> dict[str, object]:
        return {"unit": self.unit, "betweenness": round(self.betweenness, 4), "paths": round(self.paths, 4)}


def brokers(graph: nx.DiGraph) -> list[Broker]:
    """Every unit with a betweenness above 0, highest first (then by id)."""
    raw = nx.betweenness_centrality(graph, weight="distance", normalized=False)
    pairs = (len(graph) - 1) * (len(graph) - 2)  # networkx's own normalisation for a directed graph, done once
    found = [Broker(unit, raw[unit] / pairs, raw[unit]) for unit in sorted(graph) if round(raw[unit], 9) > 0]
    return sorted(found, key=lambda broker: (-round(broker.paths, 9), broker.unit))
