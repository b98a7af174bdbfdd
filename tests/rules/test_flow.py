"""SVC201–SVC202: unreachable steps and steps from which no end can be reached."""

from __future__ import annotations

from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"


def flow_findings(root) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0] in ("SVC201", "SVC202")]


def test_valid_fixture_flows(catalog) -> None:
    assert flow_findings(catalog()) == []


def test_svc201_unreachable_step(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: registratie}
              - {id: controle, name: Controle, unit: politie, next: registratie}
              - {id: registratie, name: Registratie, unit: burgerzaken}
            """
        }
    )
    assert flow_findings(root) == [("SVC201", PROCESS, 5, "process:adreswijziging/step:controle")]


def test_svc201_respects_an_explicit_start(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            start: controle
            steps:
              - {id: registratie, name: Registratie, unit: burgerzaken}
              - {id: controle, name: Controle, unit: politie, next: registratie}
            """
        }
    )
    assert flow_findings(root) == []


def test_svc202_endless_loop_without_a_way_out(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: controle}
              - {id: controle, name: Controle, unit: politie, next: aanvullen}
              - {id: aanvullen, name: Aanvullen, unit: onthaal, next: controle}
              - {id: registratie, name: Registratie, unit: burgerzaken}
            """
        }
    )
    assert flow_findings(root) == [
        ("SVC202", PROCESS, 4, "process:adreswijziging/step:aangifte"),
        ("SVC202", PROCESS, 5, "process:adreswijziging/step:controle"),
        ("SVC202", PROCESS, 6, "process:adreswijziging/step:aanvullen"),
        ("SVC201", PROCESS, 7, "process:adreswijziging/step:registratie"),
    ]


def test_svc202_loop_with_a_way_out_is_fine(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: controle}
              - id: controle
                name: Controle
                unit: politie
                next: [{to: aanvullen, when: onvolledig}, {to: registratie, when: volledig}]
              - {id: aanvullen, name: Aanvullen, unit: onthaal, next: controle}
              - {id: registratie, name: Registratie, unit: burgerzaken}
            """
        }
    )
    assert flow_findings(root) == []


def test_svc202_leaves_unknown_targets_to_svc103(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: nergens}
            """
        }
    )
    assert [entry[0] for entry in codes(root) if entry[0].startswith("SVC2") or entry[0] == "SVC103"] == ["SVC103"]
