"""SVC301: silo handoffs in a process above the threshold — one finding per process, thresholds configurable."""

from __future__ import annotations

from svcmap.config import Config
from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"
FOUR_SILOS = """
id: adreswijziging
name: Adreswijziging
steps:
  - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: controle}
  - {id: controle, name: Controle, unit: politie, next: registratie}
  - {id: registratie, name: Registratie, unit: burgerzaken, next: navraag}
  - {id: navraag, name: Navraag, unit: politie, next: bevestiging}
  - {id: bevestiging, name: Bevestiging, unit: burgerzaken}
"""


def svc301(root, config: Config | None = None) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root, config) if entry[0] == "SVC301"]


def test_silent_at_the_threshold(catalog) -> None:
    assert svc301(catalog()) == []  # the fixture has exactly 2 silo handoffs


def test_one_finding_per_process_above_the_threshold(catalog) -> None:
    root = catalog({PROCESS: FOUR_SILOS})
    assert svc301(root) == [("SVC301", PROCESS, 1, "process:adreswijziging")]


def test_handoffs_within_one_silo_do_not_count(catalog) -> None:
    # onthaal and burgerzaken share the domain dienstverlening: 4 handoffs, 0 silo handoffs
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - {id: a, name: A, unit: onthaal, channel: web, next: b}
              - {id: b, name: B, unit: burgerzaken, next: c}
              - {id: c, name: C, unit: onthaal, channel: web, next: d}
              - {id: d, name: D, unit: burgerzaken, next: e}
              - {id: e, name: E, unit: onthaal, channel: mail}
            """
        }
    )
    assert svc301(root) == []


def test_threshold_from_config_and_command_line(catalog, cli) -> None:
    root = catalog({PROCESS: FOUR_SILOS})
    assert svc301(root, Config(thresholds={"SVC301": 4})) == []
    assert svc301(root, Config(thresholds={"SVC301": 3})) != []
    assert "SVC301" not in cli("validate", str(root), "--threshold", "SVC301=4").output
    (root / ".svcmap.yaml").write_text("thresholds:\n  SVC301: 4\n", encoding="utf-8")
    assert "SVC301" not in cli("validate", str(root), "--no-cache").output
    assert "SVC301" in cli("validate", str(root), "--no-cache", "--threshold", "SVC301=1").output


def test_inline_suppression(catalog) -> None:
    suppressed = FOUR_SILOS.replace("id: adreswijziging\n", "id: adreswijziging  # svcmap: ignore[SVC301]\n", 1)
    root = catalog({PROCESS: suppressed})
    assert svc301(root) == []
