"""SVC401: a back-office step with a channel — one finding per step, at its `channel` key."""

from __future__ import annotations

from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"


def svc401(root) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0] == "SVC401"]


def test_silent_on_the_fixture(catalog) -> None:
    assert svc401(catalog()) == []


def test_back_office_step_with_a_channel(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: bellen}
              - id: bellen
                name: Burger opbellen
                unit: burgerzaken
                channel: phone
                next: loket
              - {id: loket, name: Loket, unit: burgerzaken, office: front, channel: counter, next: brief}
              - {id: brief, name: Brief, unit: onthaal, office: back, channel: mail}
            """
        }
    )
    # bellen: back by its unit; loket is front by its own office; brief is back by its own office
    assert svc401(root) == [
        ("SVC401", PROCESS, 8, "process:adreswijziging/step:bellen"),
        ("SVC401", PROCESS, 11, "process:adreswijziging/step:brief"),
    ]
