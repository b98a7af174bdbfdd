"""Communities of the unit network set against the declared domains, and the units that sit in the wrong one.

Louvain (networkx's `louvain_communities`) groups units that hand each other more work than chance would;
a domain an organisation declared is a guess at the same thing. Where the two differ, a unit is worth a
look — but a community is a heuristic, so the flag itself is a plain count a designer can check by hand:
a unit is *misplaced* when the work it exchanges with the units of another domain (handed in either
direction) exceeds what it exchanges with the other units of its own domain.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

SEED = 12
"""Louvain shuffles the nodes it visits: a fixed seed gives the same communities on every run."""


@dataclass(frozen=True)
class Community:
    """Units Louvain put together, numbered from 1 (largest first), with the domains they were declared in."""

    number: int
    units: tuple[str, ...]
    domains: tuple[tuple[str, int], ...]
    """Each domain among the organisation's own units, with how many of them are in it: most first, then by name."""
    external_partners: tuple[str, ...]
    """The external partners among the units (each is a domain of its own, which says nothing here)."""

    def to_dict(self) -> dict[str, object]:
        return {
            "community": self.number,
            "units": list(self.units),
            "domains": [{"domain": domain, "units": count} for domain, count in self.domains],
            "external_partners": list(self.external_partners),
        }


@dataclass(frozen=True)
class Misplaced:
    """A unit that exchanges more work with another domain than with the rest of its own."""

    unit: str
    domain: str
    works_most_with: str
    """The other domain it exchanges the most work with."""
    with_that_domain: float
    with_own_domain: float
    community: int
    """The unit's community: where the network puts it."""

    def to_dict(self) -> dict[str, object]:
        return {
            "unit": self.unit,
            "domain": self.domain,
            "works_most_with": self.works_most_with,
            "with_that_domain": _number(self.with_that_domain),
            "with_own_domain": _number(self.with_own_domain),
            "community": self.community,
        }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 4)


def detect_communities(ties: nx.Graph) -> list[Community]:
    """Louvain over the undirected ties, with a fixed seed; units with no handoffs at all are left out.

    Louvain is run on integer node labels: it keeps nodes in sets while it merges them, and a set of
    strings iterates in an order that changes with Python's hash seed (and so would the communities),
    while a set of small integers does not.
    """
    linked = sorted(unit for unit in ties if ties.degree(unit) > 0)
    number_of = {unit: index for index, unit in enumerate(linked)}
    numbered = nx.Graph()
    numbered.add_nodes_from(range(len(linked)))
    for source, target, weight in sorted(ties.edges(data="weight")):
        numbered.add_edge(number_of[source], number_of[target], weight=weight)
    found = nx.community.louvain_communities(numbered, weight="weight", seed=SEED)
    groups = sorted((sorted(linked[index] for index in group) for group in found), key=lambda g: (-len(g), g[0]))
    communities = []
    for number, units in enumerate(groups, start=1):
        own = [unit for unit in units if not ties.nodes[unit]["external"]]
        domains = Counter(ties.nodes[unit]["domain"] for unit in own)
        ranked = tuple(sorted(domains.items(), key=lambda item: (-item[1], item[0])))
        partners = tuple(unit for unit in units if ties.nodes[unit]["external"])
        communities.append(Community(number, tuple(units), ranked, partners))
    return communities


def misplaced_units(ties: nx.Graph, communities: list[Community]) -> list[Misplaced]:
    """Internal units whose work with one other domain exceeds their work with their own, widest margin first.

    Only units of the organisation, and only work with units of the organisation, count: an external
    partner is its own domain and cannot be joined, so work with it says nothing about where a unit belongs.
    """
    community_of = {unit: community.number for community in communities for unit in community.units}
    found = []
    for unit in sorted(ties):
        facts = ties.nodes[unit]
        if facts["external"]:
            continue
        with_domain: Counter[str] = Counter()
        for other, edge in ties[unit].items():
            if not ties.nodes[other]["external"]:
                with_domain[ties.nodes[other]["domain"]] += edge["weight"]
        own = with_domain.pop(facts["domain"], 0.0)
        if not with_domain:
            continue
        domain, most = min(with_domain.items(), key=lambda item: (-item[1], item[0]))
        if most > own:
            found.append(Misplaced(unit, facts["domain"], domain, most, own, community_of.get(unit, 0)))
    return sorted(found, key=lambda item: (-(item.with_that_domain - item.with_own_domain), item.unit))
