"""A life event's trajectory: products in order, each item asked once with its repeated asks, analyze's sums."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from svcmap.analysis.figures import analyze
from svcmap.analysis.trajectory import Trajectory, met_in_order, trajectory_of
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.model import Catalog, DataItem
from svcmap.catalog.source import FolderSource
from tests.analysis.builder import HERE, catalog, process, product, step, unit

REPOSITORY = Path(__file__).resolve().parents[2]


def example(event_id: str) -> Trajectory:
    cat = load_catalog(FolderSource(REPOSITORY)).catalog
    return trajectory_of(cat, analyze(cat), event_id)


def test_the_example_move_in_lists_its_products_in_order_with_what_they_promise() -> None:
    moving = example("verhuizen")
    assert [(leg.position, leg.product_id, leg.lead_time_days) for leg in moving.legs] == [
        (1, "adreswijziging", 30),
        (2, "afvalcontainers", 14),
        (3, "bewonerskaart", 5),
    ]
    assert moving.legs[0].channels == ("web", "appointment")
    assert moving.lead_time_days == 49 and moving.without_lead_time == ()
    assert [leg.figures.contact_moments for leg in moving.legs if leg.figures] == [3, 1, 2]
    assert moving.contact_moments == 6


def test_an_item_is_listed_once_where_first_asked_and_its_later_asks_are_named() -> None:
    moving = example("verhuizen")
    assert [item.id for item in moving.items][:2] == ["identity", "new-address"]
    address = next(item for item in moving.items if item.id == "new-address")
    assert address.name == "Nieuw adres en verhuisdatum"
    assert (address.first.product, address.first.step) == ("adreswijziging", "aangifte")
    assert [(ask.product, ask.step) for ask in address.again] == [("afvalcontainers", "aanvraag")]
    assert address.products == ("adreswijziging", "afvalcontainers")
    assert moving.repeated_asks == address.again
    identity = next(item for item in moving.items if item.id == "identity")
    assert identity.held_by == "rijksregister" and identity.again == ()


def _small() -> Catalog:
    """Two processes asking `a`; one product listed twice, one planned (no process), one the catalog lacks."""
    one = process("een", [step("x", "u0", ["y"], office="front", asks=["a", "a", "b"]), step("y", "u1", asks=["a"])])
    two = process("twee", [step("z", "u1", office="front", asks=["b"])])
    return catalog(
        [unit("u0", "front"), unit("u1", "back")],
        [one, two],
        [product("eerste", "een", lead_time_days=10), product("gepland", None), product("tweede", "twee", ("mail",))],
        [("leven", ["eerste", "gepland", "eerste", "tweede", "onbekend"])],
        [DataItem("a", "Het A-gegeven", "register", HERE)],
    )


def test_products_without_a_process_are_shown_without_figures() -> None:
    cat = _small()
    life = trajectory_of(cat, analyze(cat), "leven")
    assert [(leg.product_id, leg.known, leg.process is not None) for leg in life.legs] == [
        ("eerste", True, True),
        ("gepland", True, False),
        ("tweede", True, True),
        ("onbekend", False, False),
    ]
    assert [leg.figures is None for leg in life.legs] == [False, True, False, True]
    assert [leg.product_id for leg in life.drawn] == ["eerste", "tweede"]
    assert life.lead_time_days == 10
    assert [leg.product_id for leg in life.without_lead_time] == ["gepland", "tweede", "onbekend"]


def test_a_step_that_lists_an_item_twice_asks_it_once() -> None:
    cat = _small()
    life = trajectory_of(cat, analyze(cat), "leven")
    assert [(ask.item, ask.step) for ask in life.legs[0].asks] == [("a", "x"), ("b", "x"), ("a", "y")]
    by_id = {item.id: item for item in life.items}
    assert by_id["a"].name == "Het A-gegeven" and by_id["b"].name == "b"
    assert [(ask.product, ask.step) for ask in by_id["a"].again] == [("eerste", "y")]  # within one process
    assert [(ask.product, ask.step) for ask in by_id["b"].again] == [("tweede", "z")]  # in the next product
    assert [(ask.item, ask.step) for ask in life.repeated_asks] == [("a", "y"), ("b", "z")]


def test_steps_are_met_by_column_then_as_written() -> None:
    written_last_met_first = process("p", [step("b", "u0"), step("a", "u0", ["b"])], start="a")
    assert [s.id for s in met_in_order(written_last_met_first)] == ["a", "b"]


UNITS = [unit("u0", "front", "silo-a"), unit("u1", "back", "silo-a"), unit("u2", "back", "silo-b")]


@st.composite
def life_event_catalogs(draw: st.DrawFn) -> Catalog:
    """Up to three random processes (loops, refusals), products naming them (or none), and a life event over the
    products, with a product listed twice and an unknown one now and then."""
    processes = []
    for index in range(draw(st.integers(1, 3))):
        names = [f"s{i}" for i in range(draw(st.integers(1, 6)))]
        steps = [
            step(
                name,
                draw(st.sampled_from(["u0", "u1", "u2"])),
                draw(st.lists(st.sampled_from(names), max_size=2)),
                office=draw(st.sampled_from((None, "front", "back"))),
                asks=draw(st.lists(st.sampled_from(("a", "b", "c", "d")), max_size=3)),
                outcome=draw(st.sampled_from((None, None, "refused"))),
            )
            for name in names
        ]
        processes.append(process(f"p{index}", steps))
    ids = [f"p{index}" for index in range(len(processes))]
    products = [
        product(f"r{index}", draw(st.sampled_from([*ids, None])), lead_time_days=draw(st.none() | st.integers(0, 90)))
        for index in range(draw(st.integers(1, 4)))
    ]
    listed = draw(st.lists(st.sampled_from([p.id for p in products] + ["onbekend"]), min_size=1, max_size=5))
    return catalog(UNITS, processes, products, [("leven", listed)])


@settings(max_examples=150, deadline=None)
@given(life_event_catalogs())
def test_the_trajectory_agrees_with_analyze(cat: Catalog) -> None:
    """Its products' figures sum to analyze's life-event figures, and the items asked again in another product
    are the life event's repeated asks."""
    figures = analyze(cat)
    life = trajectory_of(cat, figures, "leven")
    event = figures.life_events["leven"]
    assert life.figures == event
    drawn = [leg.figures for leg in life.legs if leg.figures is not None]
    assert sum(f.handoffs for f in drawn) == event.handoffs
    assert sum(f.silo_handoffs for f in drawn) == event.silo_handoffs
    assert sum(f.contact_moments for f in drawn) == event.contact_moments == life.contact_moments
    assert len(life.legs) == event.products
    units = {s.unit.id for leg in life.drawn if leg.process for s in leg.process.steps}
    assert len(units) == event.units
    across = sorted(item.id for item in life.items if len(item.products) > 1)
    assert across == list(event.repeated_asks)
    within = {a for leg in life.legs if leg.figures for a in leg.figures.repeated_asks}
    assert {item.id for item in life.items if item.again} == set(across) | within
    assert len({item.id for item in life.items}) == len(life.items)  # each item once
    assert sum(1 + len(item.again) for item in life.items) == sum(len(leg.asks) for leg in life.legs)
    assert life.lead_time_days == sum(leg.lead_time_days or 0 for leg in life.legs)
