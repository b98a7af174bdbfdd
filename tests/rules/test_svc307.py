"""SVC307: a late refusal — an end with `outcome: refused` reached after more than one contact moment."""

from __future__ import annotations

from pathlib import Path

from svcmap.analysis.figures import examine
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"
SUBJECT = "process:adreswijziging/step:weigering"
REFUSED_AT_THE_SECOND_CONTACT = """
id: adreswijziging
name: Adreswijziging
steps:
  - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: controle}
  - id: controle
    name: Controle
    unit: burgerzaken
    decision: Woont de aanvrager op het adres?
    next:
      - {to: bevestiging, when: ja}
      - {to: weigering, when: nee}
  - {id: bevestiging, name: Bevestiging, unit: burgerzaken}
  - {id: weigering, name: Weigering aan het loket, unit: onthaal, channel: counter, outcome: refused}
"""


def svc307(root, config: Config | None = None) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root, config) if entry[0] == "SVC307"]


def test_silent_on_the_fixture(catalog) -> None:
    assert svc307(catalog()) == []


def test_refused_after_two_contacts_is_a_finding_at_the_end_step(catalog) -> None:
    root = catalog({PROCESS: REFUSED_AT_THE_SECOND_CONTACT})
    assert svc307(root) == [("SVC307", PROCESS, 13, SUBJECT)]


def test_refused_at_the_first_contact_is_not(catalog) -> None:
    # the back office refuses by letter it sends itself: the citizen was met once, at aangifte
    one_contact = REFUSED_AT_THE_SECOND_CONTACT.replace(
        "unit: onthaal, channel: counter, outcome", "unit: burgerzaken, outcome"
    )
    assert svc307(catalog({PROCESS: one_contact})) == []


def test_withdrawn_referred_and_delivered_are_not_refusals(catalog) -> None:
    for outcome in ("withdrawn", "referred", "delivered"):
        other = REFUSED_AT_THE_SECOND_CONTACT.replace("outcome: refused", f"outcome: {outcome}")
        assert svc307(catalog({PROCESS: other})) == [], outcome


def test_a_loop_is_not_taken_twice_to_reach_the_refusal(catalog) -> None:
    # controle ⇄ aanvullen loops; going round would meet the citizen again, but a route visits no step
    # twice: the only route to weigering is aangifte → controle → weigering, one contact
    looped = """
    id: adreswijziging
    name: Adreswijziging
    steps:
      - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: controle}
      - {id: controle, name: Controle, unit: burgerzaken, next: [aanvullen, weigering, bevestiging]}
      - {id: aanvullen, name: Aanvullen, unit: onthaal, channel: phone, next: controle}
      - {id: bevestiging, name: Bevestiging, unit: burgerzaken}
      - {id: weigering, name: Weigering, unit: burgerzaken, outcome: refused}
    """
    assert svc307(catalog({PROCESS: looped})) == []


def test_a_route_through_a_loop_counts_its_contacts_once_each(catalog) -> None:
    # aangifte → controle → aanvullen → beoordeling → weigering meets the citizen at aangifte and aanvullen
    looped = """
    id: adreswijziging
    name: Adreswijziging
    steps:
      - {id: aangifte, name: Aangifte, unit: onthaal, channel: web, next: controle}
      - {id: controle, name: Controle, unit: burgerzaken, next: [aanvullen, bevestiging]}
      - {id: aanvullen, name: Aanvullen, unit: onthaal, channel: phone, next: beoordeling}
      - {id: beoordeling, name: Beoordeling, unit: burgerzaken, next: [controle, weigering]}
      - {id: bevestiging, name: Bevestiging, unit: burgerzaken}
      - {id: weigering, name: Weigering, unit: burgerzaken, outcome: refused}
    """
    root = catalog({PROCESS: looped})
    assert svc307(root) == [("SVC307", PROCESS, 9, SUBJECT)]
    loaded = load_catalog(FolderSource(root))
    (refusal,) = examine(loaded.catalog, loaded.catalog.processes["adreswijziging"]).refusals
    assert refusal.route.steps == ("aangifte", "controle", "aanvullen", "beoordeling", "weigering")
    assert (refusal.route.contacts, refusal.decision) == (("aangifte", "aanvullen"), "beoordeling")


def test_the_decision_is_the_last_branch_before_the_refusal(catalog) -> None:
    loaded = load_catalog(FolderSource(catalog({PROCESS: REFUSED_AT_THE_SECOND_CONTACT})))
    (refusal,) = examine(loaded.catalog, loaded.catalog.processes["adreswijziging"]).refusals
    assert (refusal.end, refusal.decision, refusal.route.contact_moments) == ("weigering", "controle", 2)


def test_one_finding_per_refusing_end(catalog) -> None:
    two_ends = (
        REFUSED_AT_THE_SECOND_CONTACT.replace(
            "      - {to: weigering, when: nee}\n",
            "      - {to: weigering, when: nee}\n      - {to: weigering-telefoon, when: onbereikbaar}\n",
        )
        + "  - {id: weigering-telefoon, name: Weigering, unit: onthaal, channel: phone, outcome: refused}\n"
    )
    root = catalog({PROCESS: two_ends})
    assert svc307(root) == [
        ("SVC307", PROCESS, 14, SUBJECT),
        ("SVC307", PROCESS, 15, "process:adreswijziging/step:weigering-telefoon"),
    ]


def test_the_threshold_is_configurable(catalog, cli) -> None:
    root = catalog({PROCESS: REFUSED_AT_THE_SECOND_CONTACT})
    assert svc307(root, Config(thresholds={"SVC307": 2})) == []
    assert "SVC307" not in cli("validate", str(root), "--no-cache", "--threshold", "SVC307=2").output
    assert "SVC307" in cli("validate", str(root), "--no-cache").output


def test_inline_suppression(catalog) -> None:
    suppressed = REFUSED_AT_THE_SECOND_CONTACT.replace(
        "outcome: refused}", "outcome: refused}  # svcmap: ignore[SVC307]"
    )
    assert svc307(catalog({PROCESS: suppressed})) == []


def test_the_example_catalog_shows_the_passport_refused_for_want_of_a_parents_consent() -> None:
    root = Path(__file__).parents[2]
    found = [entry for entry in codes(root) if entry[0] == "SVC307"]
    assert found == [("SVC307", "processes/reispas.yaml", 31, "process:reispas/step:weigering")]
