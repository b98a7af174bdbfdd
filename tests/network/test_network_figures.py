"""The unit network: its graph, communities set against domains, misplaced units and brokers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svcmap.analysis.figures import analyze
from svcmap.catalog.model import Catalog
from svcmap.network.brokers import brokers
from svcmap.network.figures import network_of
from svcmap.network.graph import ties, unit_network
from tests.analysis.builder import catalog, process, step, unit
from tests.render.helpers import load

REPO = Path(__file__).resolve().parents[2]
SMALL = Path(__file__).parent / "fixtures" / "small"


def chain(ident: str, units: list[str]) -> object:
    """A process whose steps go through `units` in order, one step each."""
    steps = [
        step(f"s{index}", unit_id, [f"s{index + 1}"] if index + 1 < len(units) else [])
        for index, unit_id in enumerate(units)
    ]
    return process(ident, steps)


def network_of_catalog(model: Catalog):  # type: ignore[no-untyped-def]
    return network_of(model, analyze(model))


# --- the graph -----------------------------------------------------------------------------------


def test_nodes_carry_the_units_and_edges_the_matrix() -> None:
    model = load(SMALL)
    graph = unit_network(model, analyze(model))
    assert sorted(graph) == ["burgerzaken", "loket", "milieu", "omgeving", "politie"]
    assert graph.nodes["politie"] == {
        "name": "Politie",
        "office": "back",
        "domain": "politie",
        "external": True,
        "steps": 1,
    }
    assert graph.nodes["loket"]["steps"] == 5
    edge = graph.edges["loket", "omgeving"]
    assert (edge["handoffs"], edge["products"], edge["weight"], edge["distance"]) == (2, 2, 2.0, 0.5)
    assert edge["silo"] and not edge["external"]
    assert graph.edges["burgerzaken", "politie"]["external"]
    assert not graph.edges["omgeving", "milieu"]["silo"]


def test_ties_add_up_both_directions() -> None:
    model = catalog(
        [unit("a"), unit("b")], [chain("p", ["a", "b", "a"]), chain("q", ["a", "b"])]
    )  # a→b twice, b→a once
    undirected = ties(unit_network(model, analyze(model)))
    assert undirected["a"]["b"]["weight"] == 3.0


# --- misplaced units -----------------------------------------------------------------------------


def test_a_unit_that_works_more_with_another_domain_is_flagged() -> None:
    network = network_of_catalog(load(SMALL))
    flagged = [(m.unit, m.domain, m.works_most_with, m.with_that_domain, m.with_own_domain) for m in network.misplaced]
    # loket ⇄ omgeving: 4 handoffs; loket → burgerzaken (its own domain): 1. omgeving ⇄ loket 4, ⇄ milieu 2.
    assert flagged == [("loket", "dienstverlening", "ruimte", 4, 1), ("omgeving", "ruimte", "dienstverlening", 4, 2)]


def test_equal_work_is_not_flagged_and_external_partners_do_not_count() -> None:
    units = [unit("a", domain="d1"), unit("b", domain="d1"), unit("c", domain="d2"), unit("e", domain="d2")]
    units.append(unit("x", external=True))
    processes = [chain("p", ["a", "b"]), chain("q", ["a", "c", "e"]), chain("r", ["a", "x", "a", "x"])]
    network = network_of_catalog(catalog(units, processes))
    assert network.misplaced == ()  # a: 1 with d2, 1 with d1 (c: 1 and 1); the three handoffs with x are left out
    more = network_of_catalog(catalog(units, [*processes, chain("s", ["c", "a"])]))
    assert [(m.unit, m.works_most_with, m.with_that_domain, m.with_own_domain) for m in more.misplaced] == [
        ("a", "d2", 2, 1),
        ("c", "d1", 2, 1),  # c ⇄ a twice now, c → e once
    ]


# --- communities ---------------------------------------------------------------------------------


def test_two_groups_of_units_that_work_together_are_two_communities() -> None:
    units = [unit(name, domain="one" if name in "abc" else "two") for name in "abcdef"]
    processes = [
        chain("p1", ["a", "b", "c", "a", "b"]),
        chain("p2", ["d", "e", "f", "d", "e"]),
        chain("p3", ["c", "d"]),
    ]
    network = network_of_catalog(catalog(units, processes))
    assert [community.units for community in network.communities] == [("a", "b", "c"), ("d", "e", "f")]
    assert [community.domains for community in network.communities] == [(("one", 3),), (("two", 3),)]
    assert {u.id: u.community for u in network.units} == {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2}


def test_units_without_handoffs_are_in_no_community() -> None:
    network = network_of_catalog(catalog([unit("a"), unit("b"), unit("alone")], [chain("p", ["a", "b"])]))
    assert [community.units for community in network.communities] == [("a", "b")]
    assert {u.id: u.community for u in network.units}["alone"] == 0


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_communities_do_not_depend_on_the_order_of_units_and_processes(random) -> None:  # type: ignore[no-untyped-def]
    model = load(REPO)
    expected = network_of_catalog(model).to_dict()
    units, processes = list(model.units.items()), list(model.processes.items())
    random.shuffle(units)
    random.shuffle(processes)
    shuffled = Catalog(
        model.organisation_id,
        model.organisation_name,
        dict(units),
        model.products,
        dict(processes),
        model.life_events,
        model.data_items,
        model.broken_ids,
    )
    assert network_of_catalog(shuffled).to_dict() == expected


_SCRIPT = """
import json, sys
from pathlib import Path
from svcmap.analysis.figures import analyze
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.source import FolderSource
from svcmap.network.figures import network_of
model = load_catalog(FolderSource(Path(sys.argv[1]))).catalog
print(json.dumps(network_of(model, analyze(model)).to_dict(), sort_keys=True))
"""


@pytest.mark.parametrize("root", [REPO, SMALL], ids=["example", "small"])
def test_communities_are_the_same_whatever_the_hash_seed(root: Path) -> None:
    outputs = set()
    for seed in ("0", "1", "4242", "random"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT, str(root)],
            capture_output=True,
            text=True,
            env=environment,
            cwd=REPO,
            check=True,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["communities"]


# --- brokers -------------------------------------------------------------------------------------


def test_the_middle_of_a_chain_is_its_broker() -> None:
    model = catalog([unit("a"), unit("b"), unit("c")], [chain("p", ["a", "b", "c"])])
    found = brokers(unit_network(model, analyze(model)))
    assert [(b.unit, b.paths, b.betweenness) for b in found] == [("b", 1.0, 0.5)]  # 1 pair of (3-1)(3-2) = 2


def test_work_takes_the_busy_route_so_its_middle_is_the_broker() -> None:
    """a → b → d twice, a → c → d once: with length 1/handoffs the route over b is shorter (1 against 2),
    so b brokers a's work to d and c does not (with the count as length it would be the other way)."""
    units = [unit(name) for name in "abcd"]
    processes = [chain("p1", ["a", "b", "d"]), chain("p2", ["a", "b", "d"]), chain("p3", ["a", "c", "d"])]
    model = catalog(units, processes)
    found = brokers(unit_network(model, analyze(model)))
    assert [(b.unit, b.paths) for b in found] == [("b", 1.0)]
    assert found[0].betweenness == pytest.approx(1 / 6)


def test_a_star_has_its_centre_as_the_only_broker() -> None:
    units = [unit(name) for name in ("hub", "a", "b", "c")]
    processes = [
        chain(f"p{n}", [leaf, "hub", other]) for n, (leaf, other) in enumerate([("a", "b"), ("b", "c"), ("c", "a")])
    ]
    model = catalog(units, processes)
    found = brokers(unit_network(model, analyze(model)))
    # every leaf hands work to the hub and takes work from it: all 6 ordered pairs of leaves pass the hub
    assert [(b.unit, b.paths, b.betweenness) for b in found] == [("hub", 6.0, 1.0)]


# --- weights: handoffs a year where every process has a volume ------------------------------------


def test_with_a_volume_on_every_process_an_edge_weighs_its_handoffs_a_year() -> None:
    """Each edge's weight is the sum, over the processes, of that pair's handoff edges times the requests
    a year of the products using the process (worked out here from the files' model, not from the figures)."""
    model = load(REPO)
    network = network_of(model, analyze(model))
    assert network.weighted_by == "handoffs a year"
    volume_of: dict[str, int] = {}
    for product in model.products.values():
        if product.process_id is not None and product.volume_per_year:
            volume_of[product.process_id] = volume_of.get(product.process_id, 0) + product.volume_per_year
    expected: dict[tuple[str, str], int] = {}
    for process_id, written in model.processes.items():
        for source, target in written.edges:
            pair = (written.step_by_id[source].unit.id, written.step_by_id[target].unit.id)
            if pair[0] != pair[1]:
                expected[pair] = expected.get(pair, 0) + volume_of[process_id]
    assert {(edge.source, edge.target): edge.weight for edge in network.edges} == expected


def test_without_volumes_an_edge_weighs_its_handoffs() -> None:
    model = load(SMALL)
    network = network_of(model, analyze(model))
    assert network.weighted_by == "handoffs"
    assert all(edge.weight == edge.handoffs for edge in network.edges)
