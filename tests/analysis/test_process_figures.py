"""SPEC §3 per process and per edge, against figures computed by hand on tests/analysis/fixtures/gemeente."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcmap.analysis.figures import (
    ProcessFigures,
    asks_by_item,
    contact_route,
    edge_facts,
    ping_pongs,
    process_figures,
)
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.model import Catalog
from svcmap.catalog.source import FolderSource

GEMEENTE = Path(__file__).parent / "fixtures" / "gemeente"


@pytest.fixture(scope="module")
def gemeente() -> Catalog:
    loaded = load_catalog(FolderSource(GEMEENTE))
    assert [p.code for p in loaded.findings] == []
    return loaded.catalog


def test_linear_process_with_an_external_partner(gemeente: Catalog) -> None:
    # loket(F) → burgerzaken(B) → politie(B, external, own silo) → burgerzaken(B) → loket(F)
    assert process_figures(gemeente, gemeente.processes["adreswijziging"]) == ProcessFigures(
        id="adreswijziging",
        steps=5,
        units=3,
        handoffs=4,  # every edge changes unit
        silo_handoffs=2,  # loket and burgerzaken share the silo dienstverlening; politie is its own
        external_handoffs=2,
        visibility_crossings=2,  # aangifte → controle, registratie → bevestiging
        ping_pongs=1,  # controle → woonst → registratie
        contact_moments=2,  # the front start, and registratie → bevestiging
        repeated_asks=(),
        front_steps=2,
        back_steps=3,
    )


def test_branches_and_a_loop_front_back_front_back_front(gemeente: Catalog) -> None:
    assert process_figures(gemeente, gemeente.processes["vergunning"]) == ProcessFigures(
        id="vergunning",
        steps=6,
        units=3,
        handoffs=7,  # all 7 edges change unit
        silo_handoffs=7,  # loket, omgeving and cbs are three silos
        external_handoffs=0,
        visibility_crossings=5,  # all but controle → beslissing and herbeoordeling → beslissing
        ping_pongs=4,
        contact_moments=3,  # intake, aanvullen (from controle), kennisgeving (from beslissing)
        repeated_asks=("site-address",),  # asked three times; identity only once
        front_steps=3,
        back_steps=3,
    )


def test_a_process_in_one_unit_starting_in_the_back_office(gemeente: Catalog) -> None:
    figures = process_figures(gemeente, gemeente.processes["archivering"])
    assert (figures.steps, figures.units, figures.handoffs, figures.visibility_crossings) == (2, 1, 0, 0)
    assert (figures.contact_moments, figures.front_steps, figures.back_steps) == (0, 0, 2)


def test_to_dict_has_the_spec_keys_in_order(gemeente: Catalog) -> None:
    data = process_figures(gemeente, gemeente.processes["vergunning"]).to_dict()
    assert list(data) == [
        "id", "steps", "units", "handoffs", "silo_handoffs", "external_handoffs", "visibility_crossings",
        "ping_pongs", "contact_moments", "repeated_asks", "front_steps", "back_steps",
    ]  # fmt: skip
    assert data["repeated_asks"] == ["site-address"]


def test_edge_facts(gemeente: Catalog) -> None:
    facts = {(e.source, e.target): e for e in edge_facts(gemeente, gemeente.processes["vergunning"])}
    assert list(facts) == [
        ("intake", "controle"),
        ("controle", "aanvullen"),
        ("controle", "beslissing"),
        ("aanvullen", "controle"),
        ("aanvullen", "herbeoordeling"),
        ("herbeoordeling", "beslissing"),
        ("beslissing", "kennisgeving"),
    ]
    assert facts[("controle", "aanvullen")].when == "onvolledig"
    assert facts[("controle", "beslissing")].when == "volledig"
    assert facts[("intake", "controle")].when is None
    assert [key for key, e in facts.items() if not e.crossing] == [
        ("controle", "beslissing"),
        ("herbeoordeling", "beslissing"),
    ]
    assert [key for key, e in facts.items() if e.back_to_front] == [
        ("controle", "aanvullen"),
        ("beslissing", "kennisgeving"),
    ]
    edge = facts[("beslissing", "kennisgeving")]
    assert (edge.source_unit, edge.target_unit) == ("cbs", "loket")
    assert (edge.handoff, edge.silo, edge.external) == (True, True, False)


def test_a_target_listed_twice_is_one_edge(gemeente: Catalog) -> None:
    facts = edge_facts(gemeente, gemeente.processes["adreswijziging"])
    assert [(e.source, e.target) for e in facts].count(("controle", "woonst")) == 1
    external = [(e.source, e.target) for e in facts if e.external]
    assert external == [("controle", "woonst"), ("woonst", "registratie")]


def test_ping_pong_triples_include_two_step_loops(gemeente: Catalog) -> None:
    triples = [(t.first, t.middle, t.last) for t in ping_pongs(gemeente, gemeente.processes["vergunning"])]
    assert sorted(triples) == sorted(
        [
            ("intake", "controle", "aanvullen"),  # loket → omgeving → loket
            ("controle", "aanvullen", "controle"),  # u = w: omgeving ⇄ loket
            ("controle", "aanvullen", "herbeoordeling"),  # omgeving → loket → omgeving
            ("aanvullen", "controle", "aanvullen"),  # u = w: loket ⇄ omgeving
        ]
    )


def test_the_route_with_most_contacts_skips_the_loop_back(gemeente: Catalog) -> None:
    route = contact_route(gemeente, gemeente.processes["vergunning"])
    assert route.steps == ("intake", "controle", "aanvullen", "herbeoordeling", "beslissing", "kennisgeving")
    assert route.contacts == ("intake", "aanvullen", "kennisgeving")
    assert route.contact_moments == 3 and route.exact


def test_asks_by_item_counts_a_step_once(gemeente: Catalog) -> None:
    asked = asks_by_item(gemeente.processes["vergunning"])
    assert [step.id for step, _ in asked["site-address"]] == ["intake", "aanvullen", "herbeoordeling"]
    assert [step.id for step, _ in asked["identity"]] == ["intake"]
