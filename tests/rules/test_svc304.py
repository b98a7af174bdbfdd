"""SVC304: a data item asked at more than one step of a process — one finding per process and item."""

from __future__ import annotations

from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"


def svc304(root) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0] == "SVC304"]


def test_silent_on_the_fixture(catalog) -> None:
    assert svc304(catalog()) == []


def test_an_item_asked_three_times_is_one_finding_at_the_second_ask(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, asks: [new-address, identity], next: b}
              - id: b
                name: Controle
                unit: onthaal
                channel: phone
                asks: [identity, new-address]
                next: c
              - {id: c, name: Herhaling, unit: onthaal, channel: counter, asks: [new-address]}
            """
        }
    )
    assert svc304(root) == [
        ("SVC304", PROCESS, 9, "process:adreswijziging"),  # identity, second asked at b
        ("SVC304", PROCESS, 9, "process:adreswijziging"),  # new-address, second asked at b
    ]


def test_one_step_listing_an_item_twice_is_not_a_repeat(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, asks: [new-address, new-address]}
            """
        }
    )
    assert svc304(root) == []
