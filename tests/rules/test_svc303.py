"""SVC303: contact moments above the threshold — one finding per process."""

from __future__ import annotations

from svcmap.config import Config
from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"
THREE_CONTACTS = """
id: adreswijziging
name: Adreswijziging
steps:
  - {id: aanvraag, name: Aanvraag, unit: onthaal, channel: counter, next: controle}
  - {id: controle, name: Controle, unit: burgerzaken, next: aanvullen}
  - {id: aanvullen, name: Aanvullen, unit: onthaal, channel: phone, next: beslissing}
  - {id: beslissing, name: Beslissing, unit: burgerzaken, next: afhalen}
  - {id: afhalen, name: Afhalen, unit: onthaal, channel: counter}
"""


def svc303(root, config: Config | None = None) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root, config) if entry[0] == "SVC303"]


def test_silent_on_the_fixture(catalog) -> None:
    assert svc303(catalog()) == []


def test_front_back_front_back_front_is_three_contacts(catalog) -> None:
    assert svc303(catalog({PROCESS: THREE_CONTACTS})) == [("SVC303", PROCESS, 1, "process:adreswijziging")]


def test_the_threshold_is_configurable(catalog) -> None:
    root = catalog({PROCESS: THREE_CONTACTS})
    assert svc303(root, Config(thresholds={"SVC303": 3})) == []
    assert len(svc303(root, Config(thresholds={"SVC303": 0}))) == 1


def test_only_routes_count(catalog) -> None:
    # aanvullen can only lead back to controle: a → controle → aanvullen is no route, so 2 contacts at most
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: aanvraag, name: Aanvraag, unit: onthaal, channel: counter, next: controle}
              - {id: controle, name: Controle, unit: burgerzaken, next: [aanvullen, beslissing]}
              - {id: aanvullen, name: Aanvullen, unit: onthaal, channel: phone, next: controle}
              - {id: beslissing, name: Beslissing, unit: burgerzaken, next: afhalen}
              - {id: afhalen, name: Afhalen, unit: onthaal, channel: counter}
            """
        }
    )
    assert svc303(root) == []
