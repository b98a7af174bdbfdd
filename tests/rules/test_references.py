"""SVC101–SVC106: each rule fires on a broken reference, at the reference, and is silent on the valid fixture."""

from __future__ import annotations

from tests.conftest import FIXTURES, codes

FIXTURES_MINIMAL = FIXTURES / "minimal"

PRODUCT = "catalog/products/adreswijziging.yaml"
PROCESS = "processes/adreswijziging.yaml"
ORGANISATION = "catalog/organisation.yaml"


def with_code(root, code: str) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0] == code]


def test_valid_fixture_has_no_reference_findings(catalog) -> None:
    assert [entry for entry in codes(catalog()) if entry[0].startswith("SVC1")] == []


def test_svc101_unknown_unit_in_step_and_owner(catalog) -> None:
    root = catalog(
        {
            PRODUCT: """
            id: adreswijziging
            name: Adreswijziging
            owner: burgerzakn
            process: adreswijziging
            channels: [web]
            """,
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            steps:
              - id: aangifte
                name: Aangifte
                unit: wijkagent
            """,
        }
    )
    assert with_code(root, "SVC101") == [
        ("SVC101", PRODUCT, 3, "product:adreswijziging"),
        ("SVC101", PROCESS, 6, "process:adreswijziging/step:aangifte"),
    ]


def test_svc101_silent_when_the_unit_is_declared_but_broken(catalog) -> None:
    root = catalog(
        {
            ORGANISATION: """
            organisation: {id: t, name: T}
            units:
              - {id: onthaal, name: Onthaal, office: front}
              - {id: burgerzaken, name: Burgerzaken, office: back}
              - {id: politie, name: Politie, office: backoffice}
            """
        }
    )
    assert with_code(root, "SVC101") == []
    assert with_code(root, "SVC002") == [("SVC002", ORGANISATION, 5, "unit:politie")]


def test_svc102_unknown_process(catalog) -> None:
    root = catalog(
        {PRODUCT: "id: adreswijziging\nname: A\nowner: burgerzaken\nprocess: adreswijzigin\nchannels: [web]\n"}
    )
    assert with_code(root, "SVC102") == [("SVC102", PRODUCT, 4, "product:adreswijziging")]


def test_svc102_planned_product_needs_no_process(catalog) -> None:
    root = catalog(
        {
            "catalog/products/e-loket.yaml": (
                "id: e-loket\nname: E-loket\nowner: onthaal\nchannels: [web]\nstatus: planned\n"
            )
        }
    )
    assert with_code(root, "SVC102") == [] and with_code(root, "SVC002") == []


def test_svc107_an_offered_product_without_process_is_a_warning_not_a_schema_violation(catalog) -> None:
    """SPEC §6: `process` is no longer required; an active or retired product without one is SVC107."""
    text = "id: e-loket\nname: E-loket\nowner: onthaal\nchannels: [web]\n"
    root = catalog(
        {
            "catalog/products/e-loket.yaml": text,
            "catalog/products/oud.yaml": text.replace("e-loket", "oud") + "status: retired\n",
            "catalog/products/later.yaml": text.replace("e-loket", "later") + "status: planned\n",
        }
    )
    assert with_code(root, "SVC002") == []
    assert with_code(root, "SVC107") == [
        ("SVC107", "catalog/products/e-loket.yaml", 1, "product:e-loket"),
        ("SVC107", "catalog/products/oud.yaml", 1, "product:oud"),
    ]


def test_svc107_not_for_a_product_with_a_process(catalog) -> None:
    assert with_code(catalog(), "SVC107") == []


def test_svc103_unknown_start_and_next(catalog) -> None:
    root = catalog(
        {
            PROCESS: """
            id: adreswijziging
            name: Adreswijziging
            start: aangifte-web
            steps:
              - id: aangifte
                name: Aangifte
                unit: onthaal
                next: [controle, {to: registratie, when: ok}]
              - id: registratie
                name: Registratie
                unit: burgerzaken
            """
        }
    )
    assert with_code(root, "SVC103") == [
        ("SVC103", PROCESS, 3, "process:adreswijziging"),
        ("SVC103", PROCESS, 8, "process:adreswijziging/step:aangifte"),
    ]


def test_svc104_unknown_product_in_life_event(catalog) -> None:
    root = catalog(
        {
            ORGANISATION: """
            organisation: {id: t, name: T}
            units:
              - {id: onthaal, name: Onthaal, office: front}
              - {id: burgerzaken, name: Burgerzaken, office: back}
              - {id: politie, name: Politie, office: back, external: true}
            life_events:
              - id: verhuizen
                name: Verhuizen
                products: [adreswijziging, bewonerskaart]
            """
        }
    )
    assert with_code(root, "SVC104") == [("SVC104", ORGANISATION, 9, "life-event:verhuizen")]


def test_svc105_unused_process(catalog) -> None:
    root = catalog(
        {
            "processes/zaalhuur.yaml": (
                "id: zaalhuur\nname: Zaalhuur\nsteps:\n  - {id: a, name: Aanvraag, unit: onthaal}\n"
            )
        }
    )
    assert with_code(root, "SVC105") == [("SVC105", "processes/zaalhuur.yaml", 1, "process:zaalhuur")]


def test_svc105_a_retired_product_still_uses_its_process(catalog) -> None:
    root = catalog(
        {
            "processes/zaalhuur.yaml": "id: zaalhuur\nname: Zaalhuur\nsteps:\n  - {id: a, name: A, unit: onthaal}\n",
            "catalog/products/zaalhuur.yaml": (
                "id: zaalhuur\nname: Zaalhuur\nowner: onthaal\nprocess: zaalhuur\nchannels: [web]\nstatus: retired\n"
            ),
        }
    )
    assert with_code(root, "SVC105") == []


def test_svc106_unknown_data_item(catalog) -> None:
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
                asks: [identity, adres]
            """
        }
    )
    assert with_code(root, "SVC106") == [("SVC106", PROCESS, 8, "process:adreswijziging/step:aangifte")]


def test_svc106_silent_without_a_data_dictionary(catalog) -> None:
    root = catalog(
        {
            ORGANISATION: """
            organisation: {id: t, name: T}
            units:
              - {id: onthaal, name: Onthaal, office: front}
              - {id: burgerzaken, name: Burgerzaken, office: back}
              - {id: politie, name: Politie, office: back, external: true}
            """,
            PROCESS: "id: adreswijziging\nname: A\nsteps:\n  - {id: a, name: A, unit: onthaal, asks: [whatever]}\n",
        }
    )
    assert with_code(root, "SVC106") == []


def test_broken_units_list_is_one_error_not_one_per_step(catalog) -> None:
    root = catalog({ORGANISATION: "organisation: {id: t, name: T}\nunits: null\n"})
    errors = [entry for entry in codes(root) if entry[0] in ("SVC002", "SVC101")]
    assert errors == [("SVC002", ORGANISATION, 2, "organisation")]


def test_broken_data_dictionary_does_not_make_every_ask_unknown(catalog) -> None:
    text = (FIXTURES_MINIMAL / ORGANISATION).read_text().split("data_items:")[0] + "data_items: {identity: x}\n"
    root = catalog({ORGANISATION: text})
    assert with_code(root, "SVC106") == [] and [entry[0] for entry in with_code(root, "SVC002")] == ["SVC002"]
