"""The semantic diff of two catalog folders: added, removed, renamed, changed, merged, unreadable, and figures."""

from __future__ import annotations

from pathlib import Path

from svcmap.catalog.source import FolderSource
from svcmap.versions.diff import CatalogDiff, FieldChange, Renamed, diff_snapshots
from svcmap.versions.snapshots import load_snapshots
from tests.diff.catalog_texts import ORGANISATION, ORGANISATION_TEXT, PROCESS, PROCESS_TEXT, PRODUCT, PRODUCT_TEXT


def diff(old: Path, new: Path) -> CatalogDiff:
    old_snapshot, new_snapshot = load_snapshots(FolderSource(old), FolderSource(new), None)
    return diff_snapshots(old_snapshot, new_snapshot)


def test_a_catalog_against_itself_is_empty(folder) -> None:
    result = diff(folder("old"), folder("new"))
    assert result.empty
    assert result.processes.changed == () and result.problems == []
    assert result.totals is not None and all(old == new for old, new in result.totals.values())


def test_reformatting_a_file_is_no_change(folder) -> None:
    flow = PRODUCT_TEXT.replace("channels: [web, counter]", "channels:\n  - web\n  - counter\n# a comment")
    assert diff(folder("old"), folder("new", {PRODUCT: flow})).empty


def test_products_added_removed_and_changed_field_by_field(folder) -> None:
    new = folder(
        "new",
        {
            PRODUCT: PRODUCT_TEXT.replace("[web, counter]", "[web]").replace("owner: burgerzaken", "owner: onthaal"),
            "catalog/products/parkeerkaart.yaml": "id: parkeerkaart\nname: Parkeerkaart\nowner: onthaal\n"
            "status: planned\nchannels: [web]\n",
        },
    )
    result = diff(folder("old"), new)
    assert result.products.added == ("parkeerkaart",)
    assert result.products.removed == ()
    [change] = result.products.changed
    assert change.id == "adreswijziging"
    assert change.changes == (
        FieldChange("owner", "burgerzaken", "onthaal"),
        FieldChange("channels", ["web", "counter"], ["web"]),
    )
    removed = diff(new, folder("old"))
    assert removed.products.removed == ("parkeerkaart",) and removed.products.added == ()


def test_status_active_is_the_default_not_a_change(folder) -> None:
    new = folder("new", {PRODUCT: PRODUCT_TEXT + "status: active\n"})
    assert diff(folder("old"), new).empty


def test_same_content_under_a_new_id_is_a_rename(folder) -> None:
    new = folder(
        "new",
        {
            PRODUCT: None,
            "catalog/products/verhuizing.yaml": PRODUCT_TEXT.replace("id: adreswijziging", "id: verhuizing"),
        },
    )
    result = diff(folder("old"), new)
    assert result.products.renamed == (Renamed("adreswijziging", "verhuizing"),)
    assert result.products.added == () and result.products.removed == ()
    assert not result.tripped(["removed"])


def test_process_renamed_and_its_product_pointing_to_it(folder) -> None:
    new = folder(
        "new",
        {
            PROCESS: None,
            "processes/adres.yaml": PROCESS_TEXT.replace("id: adreswijziging", "id: adres"),
            PRODUCT: PRODUCT_TEXT.replace("process: adreswijziging", "process: adres"),
        },
    )
    result = diff(folder("old"), new)
    assert result.processes.renamed == (Renamed("adreswijziging", "adres"),)
    assert [(c.id, c.fields) for c in result.products.changed] == [("adreswijziging", ["process"])]
    assert result.renamed_metrics == {}


def test_steps_added_removed_changed_and_edges(folder) -> None:
    process = (
        PROCESS_TEXT.replace("    next: registratie\n", "    next: controle\n", 1)
        .replace("    unit: burgerzaken\n    next:\n", "    unit: onthaal\n    next:\n", 1)
        .replace(
            "  - id: weigering\n    name: Kennisgeving van weigering\n    unit: burgerzaken\n",
            "  - id: controle\n    name: Controle\n    unit: burgerzaken\n    next: registratie\n",
        )
        .replace("      - to: weigering\n        when: woonstcontrole negatief\n", "")
    )
    result = diff(folder("old"), folder("new", {PROCESS: process}))
    [change] = result.processes.changed
    assert change.steps_added == ("controle",)
    assert change.steps_removed == ("weigering",)
    assert [(step.id, step.fields) for step in change.steps_changed] == [
        ("woonstcontrole", ["next"]),
        ("registratie", ["unit", "next"]),
    ]
    assert change.edges_added == (("woonstcontrole", "controle"), ("controle", "registratie"))
    assert change.edges_removed == (("woonstcontrole", "registratie"), ("registratie", "weigering"))
    # new handoffs: onthaal→politie→burgerzaken (controle)→onthaal (registratie)→burgerzaken (bevestiging)
    assert change.metrics["handoffs"] == (2, 4)
    assert "steps" not in change.metrics  # one step in, one out


def test_a_unit_merged_into_another(folder) -> None:
    organisation = ORGANISATION_TEXT.replace(
        "  - id: onthaal\n    name: Onthaal\n    office: front\n    domain: dienstverlening\n", ""
    )
    new = folder(
        "new", {ORGANISATION: organisation, PROCESS: PROCESS_TEXT.replace("unit: onthaal", "unit: burgerzaken")}
    )
    result = diff(folder("old"), new)
    assert result.units.removed == ("onthaal",)
    assert result.merged == (("onthaal", "burgerzaken"),)
    [change] = result.processes.changed
    assert [(step.id, step.changes) for step in change.steps_changed] == [
        ("aangifte", (FieldChange("unit", "onthaal", "burgerzaken"),))
    ]
    # aangifte moves to the back office: the citizen no longer meets a front-office start, and
    # burgerzaken → politie → burgerzaken is now a ping-pong
    assert change.metrics == {
        "units": (3, 2),
        "visibility_crossings": (1, 0),
        "ping_pongs": (0, 1),
        "contact_moments": (1, 0),
        "front_steps": (1, 0),
        "back_steps": (4, 5),
    }
    assert result.tripped(["removed"]) == ["removed: unit onthaal"]
    assert result.tripped(["handoffs-up", "contacts-up"]) == []


def test_a_unit_whose_steps_spread_over_two_units_is_not_merged(folder) -> None:
    organisation = ORGANISATION_TEXT.replace(
        "  - id: politie\n    name: Lokale politie\n    office: back\n    external: true\n", ""
    )
    process = PROCESS_TEXT.replace("unit: politie", "unit: burgerzaken")
    new = folder(
        "new",
        {
            ORGANISATION: organisation,
            PROCESS: process,
            PRODUCT: PRODUCT_TEXT.replace("owner: burgerzaken", "owner: onthaal"),
        },
    )
    old = folder("old", {PRODUCT: PRODUCT_TEXT.replace("owner: burgerzaken", "owner: politie")})
    result = diff(old, new)
    assert result.units.removed == ("politie",)
    assert result.merged == ()


def test_a_domain_change_changes_figures_of_untouched_processes(folder) -> None:
    organisation = ORGANISATION_TEXT.replace(
        "    external: true\n", "    external: true\n    domain: dienstverlening\n"
    )
    result = diff(folder("old"), folder("new", {ORGANISATION: organisation}))
    assert [(c.id, c.changes) for c in result.units.changed] == [
        ("politie", (FieldChange("domain", "politie", "dienstverlening"),))
    ]
    [change] = result.processes.changed
    assert change.steps_added == change.steps_removed == change.steps_changed == ()
    assert change.metrics == {"silo_handoffs": (2, 0)}
    assert result.totals is not None and result.totals["silo_handoffs"] == (2, 0)
    assert result.totals["handoffs"] == (2, 2)


def test_handoffs_and_contacts_up_trip_their_gates(folder) -> None:
    process = PROCESS_TEXT.replace(
        "    name: Bevestiging\n    unit: burgerzaken\n", "    name: Bevestiging\n    unit: onthaal\n"
    )
    result = diff(folder("old"), folder("new", {PROCESS: process}))
    [change] = result.processes.changed
    assert change.metrics["handoffs"] == (2, 3)
    assert change.metrics["contact_moments"] == (1, 2)
    assert result.tripped(["handoffs-up"]) == ["handoffs-up: process adreswijziging handoffs 2 → 3"]
    assert result.tripped(["contacts-up"]) == ["contacts-up: process adreswijziging contact moments 1 → 2"]
    assert result.tripped(["removed"]) == []
    back = diff(folder("new"), folder("old"))
    assert back.tripped(["handoffs-up", "contacts-up"]) == []


def test_life_events_and_data_items(folder) -> None:
    organisation = (
        ORGANISATION_TEXT.replace("    name: Verhuizen\n", "    name: Verhuizen naar de gemeente\n").replace(
            "    name: Nieuw adres\n", "    name: Nieuw adres\n    held_by: rijksregister\n"
        )
        + "  - id: email\n    name: E-mailadres\n"
    )
    result = diff(folder("old"), folder("new", {ORGANISATION: organisation}))
    assert [(c.id, c.fields) for c in result.life_events.changed] == [("verhuizen", ["name"])]
    assert result.data_items.added == ("email",)
    assert [(c.id, c.fields) for c in result.data_items.changed] == [("new-address", ["held_by"])]


def test_life_event_figures_follow_their_products(folder) -> None:
    process = PROCESS_TEXT.replace(
        "    name: Bevestiging\n    unit: burgerzaken\n", "    name: Bevestiging\n    unit: onthaal\n"
    )
    result = diff(folder("old"), folder("new", {PROCESS: process}))
    [event] = result.life_events.changed
    assert event.id == "verhuizen" and event.changes == ()
    assert event.metrics["handoffs"] == (2, 3)


def test_a_broken_file_is_unreadable_not_removed(folder) -> None:
    new = folder("new", {PROCESS: PROCESS_TEXT.replace("    next: registratie\n", "    next: [registratie\n")})
    result = diff(folder("old"), new)
    assert result.processes.removed == () and result.processes.unreadable == ("adreswijziging",)
    assert [(side, p.code, p.file, p.line) for side, p in result.problems] == [("new", "SVC001", PROCESS, 14)]
    assert result.new_is_broken
    assert result.tripped(["removed"]) == []
    # the catalog's figures leave out what one side could not read: like is compared with like
    assert result.totals is not None
    assert result.totals["processes"] == (0, 0) and result.totals["handoffs"] == (0, 0)
    assert result.life_events.changed == ()


def test_a_schema_error_is_unreadable_too_and_named(folder) -> None:
    old = folder("old", {PRODUCT: PRODUCT_TEXT.replace("channels: [web, counter]", "channels: [fax]")})
    result = diff(old, folder("new"))
    assert result.products.unreadable == ("adreswijziging",)
    assert result.products.added == ()
    assert [(side, p.code, p.file, p.line) for side, p in result.problems] == [("old", "SVC002", PRODUCT, 5)]
    assert not result.new_is_broken


def test_an_unreadable_organisation_makes_units_and_figures_not_comparable(folder) -> None:
    result = diff(folder("old"), folder("new", {ORGANISATION: "units: [\n"}))
    assert result.units.removed == () and set(result.units.unreadable) == {"onthaal", "burgerzaken", "politie"}
    assert result.life_events.unreadable == ("verhuizen",)
    assert result.totals is None
    assert result.processes.changed == ()


def test_a_version_without_catalog_is_empty(folder, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = diff(tmp_path / "empty", folder("new"))
    assert not result.old.has_catalog and result.new.has_catalog
    assert result.products.added == ("adreswijziging",) and result.units.added == ("burgerzaken", "onthaal", "politie")
    assert result.totals is not None and result.totals["handoffs"] == (0, 2)
    assert result.problems == [] and not result.new_is_broken
    assert diff(folder("old"), tmp_path / "empty").new_is_broken


def test_a_unit_and_a_life_event_renamed(folder) -> None:
    organisation = ORGANISATION_TEXT.replace("  - id: politie\n", "  - id: wijkpolitie\n").replace(
        "  - id: verhuizen\n", "  - id: verhuis\n"
    )
    new = folder(
        "new", {ORGANISATION: organisation, PROCESS: PROCESS_TEXT.replace("unit: politie", "unit: wijkpolitie")}
    )
    result = diff(folder("old"), new)
    # politie has no declared domain: it is its own silo, and the silo is renamed with it
    assert result.units.renamed == (Renamed("politie", "wijkpolitie"),)
    assert result.life_events.renamed == (Renamed("verhuizen", "verhuis"),)
    assert result.units.removed == () and result.merged == ()
    [change] = result.processes.changed
    assert [(step.id, step.fields) for step in change.steps_changed] == [("woonstcontrole", ["unit"])]
    assert change.metrics == {}
    assert result.tripped(["removed", "handoffs-up", "contacts-up"]) == []
