"""SVC306: asking for what a register holds (once-only) — one finding per step and item, at the item."""

from __future__ import annotations

from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"
ORGANISATION = "catalog/organisation.yaml"


def svc306(root) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0] == "SVC306"]


def test_silent_on_the_fixture(catalog) -> None:
    assert svc306(catalog()) == []  # it asks new-address only, which no register holds


def test_one_finding_per_step_and_item(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - id: aangifte
                name: Aangifte
                unit: onthaal
                channel: web
                asks:
                  - new-address
                  - identity
                  - identity
                next: controle
              - {id: controle, name: Controle, unit: onthaal, channel: phone, asks: [identity]}
            """
        }
    )
    assert svc306(root) == [
        ("SVC306", PROCESS, 10, "process:adreswijziging/step:aangifte"),
        ("SVC306", PROCESS, 13, "process:adreswijziging/step:controle"),
    ]


def test_silent_without_a_data_dictionary(catalog) -> None:
    root = catalog(
        {
            ORGANISATION: """
            organisation: {id: gemeente-test, name: Gemeente Test}
            units:
              - {id: onthaal, name: Onthaal, office: front, domain: dienstverlening}
              - {id: burgerzaken, name: Burgerzaken, office: back, domain: dienstverlening}
              - {id: politie, name: Lokale politie, office: back, external: true}
            """,
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, asks: [identity]}
            """,
        }
    )
    assert svc306(root) == []
