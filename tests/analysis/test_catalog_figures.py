"""SPEC §3 over the whole catalog: products, units, life events and the unit matrix, computed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcmap.analysis.figures import Analysis, PackedSummaries, analyze, examine, ranked_processes, summarise
from svcmap.cache.analysis import from_data, to_data
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.model import Catalog
from svcmap.catalog.source import FolderSource
from tests.analysis.builder import catalog, process, product, step, unit

GEMEENTE = Path(__file__).parent / "fixtures" / "gemeente"


@pytest.fixture(scope="module")
def gemeente() -> Catalog:
    return load_catalog(FolderSource(GEMEENTE)).catalog


@pytest.fixture(scope="module")
def figures(gemeente: Catalog) -> Analysis:
    return analyze(gemeente)


def test_products_carry_their_process_figures_and_planned_ones_none(figures: Analysis) -> None:
    assert figures.products["vergunning"].figures == figures.processes["vergunning"]
    planned = figures.products["premie"]
    assert (planned.process, planned.figures) == (None, None)
    assert planned.to_dict() == {"id": "premie", "process": None}
    data = figures.products["adreswijziging"].to_dict()
    assert list(data)[:3] == ["id", "process", "steps"] and "front_steps" in data


def test_unit_figures_sum_over_every_process_used_or_not(figures: Analysis) -> None:
    table = {u.id: (u.steps, u.handoffs_in, u.handoffs_out) for u in figures.units.values()}
    assert table == {
        "loket": (5, 3, 4),
        "burgerzaken": (2, 2, 2),
        "omgeving": (2, 3, 3),
        "politie": (1, 1, 1),
        "cbs": (1, 2, 1),
        "archief": (2, 0, 0),  # archivering is used by no product, and still counts
    }
    assert figures.units["loket"].hands_to == (("omgeving", 3), ("burgerzaken", 1))
    assert figures.units["archief"].hands_to == ()


def test_life_event_figures(figures: Analysis) -> None:
    event = figures.life_events["verbouwen"]
    assert event.to_dict() == {
        "id": "verbouwen",
        "products": 3,  # premie (planned, no process) is counted, but adds no figures
        "handoffs": 4 + 7,
        "silo_handoffs": 2 + 7,
        "contact_moments": 2 + 3,
        "units": 5,  # loket, burgerzaken, politie, omgeving, cbs
        "repeated_asks": ["identity"],  # site-address is asked three times, but by one product only
    }


def test_the_unit_matrix(figures: Analysis) -> None:
    cells = {(c.source, c.target): (c.handoffs, c.products) for c in figures.unit_handoffs}
    assert cells == {
        ("loket", "omgeving"): (3, 1),
        ("omgeving", "cbs"): (2, 1),
        ("omgeving", "loket"): (1, 1),
        ("cbs", "loket"): (1, 1),
        ("loket", "burgerzaken"): (1, 1),
        ("burgerzaken", "politie"): (1, 1),
        ("politie", "burgerzaken"): (1, 1),
        ("burgerzaken", "loket"): (1, 1),
    }
    assert figures.unit_handoffs[0].to_dict() == {"from": "loket", "to": "omgeving", "handoffs": 3, "products": 1}


def test_the_matrix_counts_products_not_processes() -> None:
    units = [unit("a", "front"), unit("b")]
    shared = process("shared", [step("x", "a", ["y"]), step("y", "b")])
    lonely = process("lonely", [step("x", "a", ["y"]), step("y", "b")])
    cat = catalog(units, [shared, lonely], [product("one", "shared"), product("two", "shared")])
    (cell,) = analyze(cat).unit_handoffs
    assert (cell.source, cell.target, cell.handoffs, cell.products) == ("a", "b", 2, 2)


def test_a_life_event_item_asked_by_three_products() -> None:
    units = [unit("a", "front")]
    processes = [process(f"p{i}", [step("s", "a", channel="web", asks=["adres", f"own{i}"])]) for i in range(3)]
    products = [product(f"p{i}", f"p{i}") for i in range(3)]
    cat = catalog(units, processes, products, [("verhuis", ["p0", "p1", "p2"])])
    assert analyze(cat).life_events["verhuis"].repeated_asks == ("adres",)


def test_json_sections_are_worst_first(figures: Analysis) -> None:
    data = figures.to_dict()
    assert list(data) == ["processes", "products", "units", "life_events", "unit_handoffs"]
    assert [p["id"] for p in data["processes"]] == ["vergunning", "adreswijziging", "archivering"]
    assert [p["id"] for p in data["products"]] == ["vergunning", "adreswijziging", "premie"]
    assert data["units"][0]["id"] == "loket"
    assert list(data["units"][0]) == ["id", "steps", "handoffs_in", "handoffs_out", "hands_to"]


def test_ranking_breaks_ties_by_handoffs_then_contacts_then_id(figures: Analysis) -> None:
    from dataclasses import replace

    base = figures.processes["adreswijziging"]
    ranked = ranked_processes(
        [
            replace(base, id="b", silo_handoffs=1, handoffs=1, contact_moments=1),
            replace(base, id="a", silo_handoffs=1, handoffs=1, contact_moments=1),
            replace(base, id="c", silo_handoffs=1, handoffs=1, contact_moments=2),
            replace(base, id="d", silo_handoffs=1, handoffs=2, contact_moments=0),
            replace(base, id="e", silo_handoffs=2, handoffs=2, contact_moments=0),
        ]
    )
    assert [p.id for p in ranked] == ["e", "d", "c", "a", "b"]


def test_analyze_is_a_pure_function_of_the_catalog(gemeente: Catalog, figures: Analysis) -> None:
    again = analyze(gemeente)
    assert again is not figures and again == figures


def test_the_cache_form_round_trips(figures: Analysis) -> None:
    assert from_data(to_data(figures)) == figures


def test_figures_from_the_workers_packed_summaries_equal_those_worked_out_here(
    gemeente: Catalog, figures: Analysis
) -> None:
    # The loader's workers send each process's summary as bytes, and analyze reads them in one pass;
    # a partial set (some processes without a summary) is completed here, in the catalog's order.
    packed = {pid: summarise(p, examine(gemeente, p)).to_bytes() for pid, p in gemeente.processes.items()}
    assert analyze(gemeente, PackedSummaries(packed)) == figures
    first = next(iter(packed))
    partial = analyze(gemeente, PackedSummaries({pid: data for pid, data in packed.items() if pid != first}))
    assert partial == figures and list(partial.summaries) == list(gemeente.processes)
    assert partial.summaries[first] == figures.summaries[first]
