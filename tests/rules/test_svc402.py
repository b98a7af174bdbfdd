"""SVC402: a front-office step without a channel — one finding per step, at the step."""

from __future__ import annotations

from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"


def svc402(root) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0] == "SVC402"]


def test_silent_on_the_fixture(catalog) -> None:
    assert svc402(catalog()) == []


def test_front_office_step_without_a_channel(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, next: intern}
              - {id: intern, name: Intern, unit: onthaal, office: back, next: bevestiging}
              - {id: bevestiging, name: Bevestiging, unit: burgerzaken, office: front}
            """
        }
    )
    assert svc402(root) == [
        ("SVC402", PROCESS, 4, "process:adreswijziging/step:aangifte"),
        ("SVC402", PROCESS, 6, "process:adreswijziging/step:bevestiging"),
    ]
