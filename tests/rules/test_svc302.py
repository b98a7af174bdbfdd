"""SVC302: ping-pong between units — one finding per triple u→v→w, at the step w where the work comes back."""

from __future__ import annotations

from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"


def svc302(root) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0] == "SVC302"]


def test_silent_on_the_fixture(catalog) -> None:
    assert svc302(catalog()) == []


def test_there_and_back(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: controle}
              - {id: controle, name: Controle, unit: burgerzaken, next: woonst}
              - {id: woonst, name: Woonstcontrole, unit: politie, next: registratie}
              - {id: registratie, name: Registratie, unit: burgerzaken}
            """
        }
    )
    assert svc302(root) == [("SVC302", PROCESS, 7, "process:adreswijziging/step:registratie")]


def test_one_finding_per_triple_including_a_two_step_loop(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: controle}
              - id: controle
                name: Controle
                unit: burgerzaken
                next: [advies-a, advies-b]
              - {id: advies-a, name: Advies A, unit: politie, next: [controle, besluit]}
              - {id: advies-b, name: Advies B, unit: politie, next: besluit}
              - {id: besluit, name: Besluit, unit: burgerzaken}
            """
        }
    )
    assert svc302(root) == [
        ("SVC302", PROCESS, 5, "process:adreswijziging/step:controle"),  # controle → advies-a → controle
        ("SVC302", PROCESS, 9, "process:adreswijziging/step:advies-a"),  # advies-a → controle → advies-a
        ("SVC302", PROCESS, 10, "process:adreswijziging/step:advies-b"),  # advies-a → controle → advies-b
        ("SVC302", PROCESS, 11, "process:adreswijziging/step:besluit"),  # controle → advies-a → besluit
        ("SVC302", PROCESS, 11, "process:adreswijziging/step:besluit"),  # controle → advies-b → besluit
    ]


def test_inline_suppression_on_the_step(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: controle}
              - {id: controle, name: Controle, unit: burgerzaken, next: woonst}
              - {id: woonst, name: Woonstcontrole, unit: politie, next: registratie}
              - {id: registratie, name: Registratie, unit: burgerzaken}  # svcmap: ignore[SVC302]
            """
        }
    )
    assert svc302(root) == []
