"""A schema error names the smallest catalog object holding the bad value: a step, a unit, a life event, ..."""

from __future__ import annotations

import pytest

from svcmap.catalog import reader, schema

ORGANISATION = """\
organisation:
  id: gemeente-test
  name: Gemeente Test
units:
  - id: onthaal
    name: Onthaal
    office: front
  - id: burgerzaken
    name: Burgerzaken
    office: back
life_events:
  - id: verhuizen
    name: Verhuizen
    products: [adreswijziging]
data_items:
  - id: identity
    name: Identiteit
"""
PROCESS = """\
id: adreswijziging
name: Adreswijziging
steps:
  - id: aangifte
    name: Aangifte
    unit: onthaal
    channel: web
    next: [{to: einde, when: ok}]
  - id: einde
    name: Einde
    unit: burgerzaken
"""
PRODUCT = """\
id: adreswijziging
name: Adreswijziging
owner: burgerzaken
process: adreswijziging
channels: [web]
"""


def subjects(kind: str, text: str) -> list[tuple[int, int, str | None]]:
    return [(error.line, error.column, error.subject) for error in schema.check(kind, reader.load(text))]


@pytest.mark.parametrize(
    ("path", "subject"),
    [
        (("steps", 0, "channel"), "process:adreswijziging/step:aangifte"),
        (("steps", 0, "next", 0, "to"), "process:adreswijziging/step:aangifte"),
        (("steps", 1), "process:adreswijziging/step:einde"),
        (("steps", 1, "nieuw"), "process:adreswijziging/step:einde"),
        (("steps", 7, "office"), "process:adreswijziging"),
        (("steps",), "process:adreswijziging"),
        (("name",), "process:adreswijziging"),
        ((), "process:adreswijziging"),
    ],
)
def test_subject_of_a_process_path(path: tuple, subject: str) -> None:
    assert schema.subject_of("process", reader.load(PROCESS), path) == subject


@pytest.mark.parametrize(
    ("path", "subject"),
    [
        (("units", 1, "office"), "unit:burgerzaken"),
        (("units", 0), "unit:onthaal"),
        (("life_events", 0, "products", 0), "life-event:verhuizen"),
        (("data_items", 0, "held_by"), "data-item:identity"),
        (("units", 5, "office"), None),
        (("organisation", "name"), None),
        (("units",), None),
        ((), None),
    ],
)
def test_subject_of_an_organisation_path(path: tuple, subject: str | None) -> None:
    """None: only the file holds it, and the loader names it `organisation`."""
    assert schema.subject_of("organisation", reader.load(ORGANISATION), path) == subject


@pytest.mark.parametrize("path", [("cost", "amount"), ("channels", 0), ("identifiers", "ipdc"), ()])
def test_subject_of_a_product_path_is_the_product(path: tuple) -> None:
    assert schema.subject_of("product", reader.load(PRODUCT), path) == "product:adreswijziging"


@pytest.mark.parametrize("ident", ["12", "[a]", "Aangifte", "''", "a--b"])
def test_an_object_without_a_valid_id_gives_way_to_the_one_holding_it(ident: str) -> None:
    process = reader.load(PROCESS.replace("id: aangifte", f"id: {ident}"))
    assert schema.subject_of("process", process, ("steps", 0, "channel")) == "process:adreswijziging"
    organisation = reader.load(ORGANISATION.replace("id: burgerzaken", f"id: {ident}"))
    assert schema.subject_of("organisation", organisation, ("units", 1, "office")) is None
    product = reader.load(PRODUCT.replace("id: adreswijziging", f"id: {ident}"))
    assert schema.subject_of("product", product, ("channels", 0)) is None


def test_a_process_without_a_valid_id_has_no_step_subject() -> None:
    """`process:?/step:aangifte` would name nothing; the loader's file subject is the honest answer."""
    process = reader.load(PROCESS.replace("id: adreswijziging", "id: 12"))
    assert schema.subject_of("process", process, ("steps", 0, "channel")) is None


def test_subject_of_data_that_is_not_a_mapping() -> None:
    assert schema.subject_of("process", reader.load("- a\n"), (0,)) is None


def test_schema_errors_of_a_process_name_their_step() -> None:
    text = PROCESS.replace("channel: web", "channel: fax")
    text = text.replace("unit: burgerzaken", "unit: burgerzaken\n    office: middle")
    assert subjects("process", text + "start: 12\n") == [
        (7, 14, "process:adreswijziging/step:aangifte"),
        (12, 13, "process:adreswijziging/step:einde"),
        (13, 8, "process:adreswijziging"),
    ]


def test_schema_errors_of_the_organisation_name_their_object() -> None:
    text = (
        ORGANISATION.replace("office: back", "office: middle")
        .replace("products: [adreswijziging]", "products: [Adres]")
        .replace("name: Identiteit", "name: Identiteit\n    kleur: rood")
        .replace("name: Gemeente Test", "name: ''")
    )
    assert subjects("organisation", text) == [
        (3, 9, None),
        (10, 13, "unit:burgerzaken"),
        (14, 16, "life-event:verhuizen"),
        (18, 5, "data-item:identity"),
    ]


def test_schema_errors_of_a_product_name_the_product() -> None:
    assert subjects("product", PRODUCT.replace("[web]", "[fax]") + "kost: 3\n") == [
        (5, 12, "product:adreswijziging"),
        (6, 1, "product:adreswijziging"),
    ]


def test_missing_key_of_a_step_is_the_steps() -> None:
    assert subjects("process", PROCESS.replace("    unit: onthaal\n", "")) == [
        (4, 5, "process:adreswijziging/step:aangifte"),
    ]
