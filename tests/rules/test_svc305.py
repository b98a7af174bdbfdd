"""SVC305: a data item asked by more than one product of a life event — one finding per life event and item."""

from __future__ import annotations

from tests.conftest import codes

ORGANISATION = "catalog/organisation.yaml"
ORGANISATION_TEXT = """
organisation: {id: gemeente-test, name: Gemeente Test}
units:
  - {id: onthaal, name: Onthaal, office: front, domain: dienstverlening}
  - {id: burgerzaken, name: Burgerzaken, office: back, domain: dienstverlening}
  - {id: politie, name: Lokale politie, office: back, external: true}
life_events:
  - id: verhuizen
    name: Verhuizen
    products:
      - adreswijziging
      - bewonerskaart
      - afval
  - {id: alleen, name: Een product, products: [bewonerskaart]}
data_items:
  - {id: identity, name: Identiteit}
  - {id: new-address, name: Nieuw adres}
"""


def product(ident: str) -> str:
    return f"id: {ident}\nname: {ident}\nowner: onthaal\nprocess: {ident}\nchannels: [web]\n"


def process(ident: str, asks: str) -> str:
    return f"id: {ident}\nname: {ident}\nsteps:\n  - {{id: a, name: A, unit: onthaal, channel: web, asks: {asks}}}\n"


def svc305(root) -> list[tuple[str, str, int, str]]:
    return [entry for entry in codes(root) if entry[0] == "SVC305"]


def test_silent_on_the_fixture(catalog) -> None:
    assert svc305(catalog()) == []


def test_one_finding_per_item_at_the_second_product_that_asks_it(catalog) -> None:
    root = catalog(
        {
            ORGANISATION: ORGANISATION_TEXT,
            "catalog/products/bewonerskaart.yaml": product("bewonerskaart"),
            "catalog/products/afval.yaml": product("afval"),
            "processes/bewonerskaart.yaml": process("bewonerskaart", "[identity]"),
            "processes/afval.yaml": process("afval", "[new-address, identity]"),
        }
    )
    # adreswijziging asks new-address; bewonerskaart identity; afval both
    assert svc305(root) == [
        ("SVC305", ORGANISATION, 12, "life-event:verhuizen"),  # identity: bewonerskaart, afval
        ("SVC305", ORGANISATION, 12, "life-event:verhuizen"),  # new-address: adreswijziging, afval
    ]


def test_a_product_without_a_process_asks_nothing(catalog) -> None:
    root = catalog(
        {
            ORGANISATION: ORGANISATION_TEXT,
            "catalog/products/bewonerskaart.yaml": product("bewonerskaart"),
            "catalog/products/afval.yaml": "id: afval\nname: Afval\nowner: onthaal\nstatus: planned\nchannels: [web]\n",
            "processes/bewonerskaart.yaml": process("bewonerskaart", "[new-address]"),
        }
    )
    assert svc305(root) == [("SVC305", ORGANISATION, 11, "life-event:verhuizen")]
