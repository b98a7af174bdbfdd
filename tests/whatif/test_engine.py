"""`apply`: a new catalog, the old one untouched, every process the scenario does not edit reused as it is; a
merge keeps each step's office, a move gives the step its new unit's office unless it writes one."""

from __future__ import annotations

from svcmap.whatif.engine import apply, plan
from svcmap.whatif.scenario import DomainChange, Merge, Move, Scenario
from tests.whatif.helpers import SMALL, loaded


def test_processes_the_scenario_leaves_alone_are_the_same_objects() -> None:
    catalog, _ = loaded(SMALL)
    after = apply(catalog, Scenario("s", moves=(Move("bouwen/advies", "omgeving"),)))
    assert after.processes["adres"] is catalog.processes["adres"]
    assert after.processes["trouwen"] is catalog.processes["trouwen"]
    assert after.processes["bouwen"] is not catalog.processes["bouwen"]
    assert catalog.processes["bouwen"].step_by_id["advies"].unit.id == "milieu", "the catalog given is left alone"
    assert after.products is not catalog.products and after.products["adres"] is catalog.products["adres"]


def test_a_merge_keeps_every_steps_office() -> None:
    catalog, _ = loaded(SMALL)
    # burgerlijke-stand is back office, bevolking front: akte (no office of its own) stays back office
    after = apply(catalog, Scenario("s", merges=(Merge(("bevolking", "burgerlijke-stand"), "bevolking"),)))
    akte = after.processes["adres"].step_by_id["akte"]
    assert (akte.unit.id, akte.office, after.office_of(akte)) == ("bevolking", "back", "back")
    plechtigheid = after.processes["trouwen"].step_by_id["plechtigheid"]  # writes office: front
    assert (plechtigheid.unit.id, plechtigheid.office) == ("bevolking", "front")
    assert "burgerlijke-stand" not in after.units
    assert after.products["trouwen"].owner_id == "bevolking"
    assert after.products["trouwen"].fields["owner"] == "bevolking"


def test_a_new_unit_takes_the_place_of_the_first_merged_one() -> None:
    catalog, _ = loaded(SMALL)
    merge = Merge(("omgeving", "milieu"), "omgevingsdienst", name="Omgevingsdienst", office="back", domain="ruimte")
    after = apply(catalog, Scenario("s", merges=(merge,)))
    assert list(after.units) == ["onthaal", "bevolking", "burgerlijke-stand", "omgevingsdienst", "politie"]
    unit = after.units["omgevingsdienst"]
    assert (unit.name, unit.office, unit.domain, unit.external) == ("Omgevingsdienst", "back", "ruimte", False)


def test_a_moved_step_takes_its_new_units_office_unless_it_writes_one() -> None:
    catalog, _ = loaded(SMALL)
    scenario = Scenario("s", moves=(Move("adres/akte", "onthaal"), Move("adres/registratie", "onthaal")))
    after = apply(catalog, scenario)
    akte, registratie = (after.processes["adres"].step_by_id[step] for step in ("akte", "registratie"))
    assert after.office_of(akte) == "front"  # done at the onthaal's counter now
    assert after.office_of(registratie) == "back"  # it writes `office: back`


def test_a_products_front_office_steps_move() -> None:
    catalog, _ = loaded(SMALL)
    change = plan(catalog, Scenario("s", moves=(Move("trouwen", "bevolking"),)))
    # aanvraag and aanvraag-terug (onthaal, front) and plechtigheid (office: front); attest is bevolking's already
    assert change.steps == {
        "trouwen": {
            "aanvraag": ("bevolking", None),
            "aanvraag-terug": ("bevolking", None),
            "plechtigheid": ("bevolking", "front"),
        }
    }


def test_a_domain_change_edits_no_step_but_names_the_unit_whose_processes_change() -> None:
    catalog, _ = loaded(SMALL)
    change = plan(catalog, Scenario("s", domains=(DomainChange("milieu", "ruimte"),)))
    assert change.steps == {} and change.touched_units == {"milieu"}
    assert apply(catalog, Scenario("s", domains=(DomainChange("milieu", "ruimte"),))).units["milieu"].domain == "ruimte"
