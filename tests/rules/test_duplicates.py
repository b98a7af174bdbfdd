"""SVC003: duplicate ids of every kind, and file names that differ from ids."""

from __future__ import annotations

from tests.conftest import codes

ORGANISATION = "catalog/organisation.yaml"


def duplicates(root) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0] == "SVC003"]


def test_valid_fixture_has_no_duplicates(catalog) -> None:
    assert duplicates(catalog()) == []


def test_duplicate_unit_life_event_data_item_and_listed_product(catalog) -> None:
    root = catalog(
        {
            ORGANISATION: """
            organisation: {id: t, name: T}
            units:
              - {id: onthaal, name: Onthaal, office: front}
              - {id: burgerzaken, name: Burgerzaken, office: back}
              - {id: politie, name: Politie, office: back, external: true}
              - {id: onthaal, name: Onthaal bis, office: front}
            life_events:
              - {id: verhuizen, name: Verhuizen, products: [adreswijziging, adreswijziging]}
              - {id: verhuizen, name: Verhuizen bis, products: []}
            data_items:
              - {id: identity, name: Identiteit}
              - {id: new-address, name: Adres}
              - {id: identity, name: Identiteit bis}
            """
        }
    )
    assert duplicates(root) == [
        ("SVC003", ORGANISATION, 6, "unit:onthaal"),
        ("SVC003", ORGANISATION, 8, "life-event:verhuizen"),
        ("SVC003", ORGANISATION, 9, "life-event:verhuizen"),
        ("SVC003", ORGANISATION, 13, "data-item:identity"),
    ]


def test_duplicate_step_id(catalog) -> None:
    root = catalog(
        {
            "processes/adreswijziging.yaml": """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: registratie}
              - {id: registratie, name: Registratie, unit: burgerzaken}
              - {id: aangifte, name: Nog eens, unit: onthaal}
            """
        }
    )
    assert duplicates(root) == [("SVC003", "processes/adreswijziging.yaml", 6, "process:adreswijziging/step:aangifte")]


def test_file_name_differs_from_id_and_clashes(catalog) -> None:
    root = catalog(
        {
            "catalog/products/adres.yaml": (
                "id: adreswijziging\nname: Kopie\nowner: burgerzaken\nprocess: adreswijziging\nchannels: [web]\n"
            )
        }
    )
    assert duplicates(root) == [
        ("SVC003", "catalog/products/adres.yaml", 1, "product:adreswijziging"),
        ("SVC003", "catalog/products/adreswijziging.yaml", 1, "product:adreswijziging"),
    ]
