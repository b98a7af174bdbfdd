"""The LPDC keys of SPEC §6 (`description`, `lpdc`, `identifiers.lpdc`, `organisation.lpdc`): schema, model, fmt.

The codelists in the schema's enums are those of the vendored LPDC files (shared/vendor-schemas/lpdc), as
copied into the package (svcmap/catalog/lpdc-codelists.json): a test compares the two, so neither drifts.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from svcmap.catalog import lpdc
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.schemafiles import schema_dir
from svcmap.catalog.source import FolderSource
from svcmap.fmt.canonical import format_text
from tests.conftest import codes

PRODUCT = "catalog/products/adreswijziging.yaml"
ORG = "catalog/organisation.yaml"
EXAMPLE = Path(__file__).resolve().parents[2]


def _enum(schema: dict, *path: str) -> list[str]:
    node = schema["$defs"]["lpdc"]["properties"]
    for part in path:
        node = node[part]
    return node.get("enum") or node["items"]["enum"]


@pytest.mark.parametrize(
    ("key", "codelist"),
    [
        ("product_type", "Type"),
        ("themes", "Thema"),
        ("competent_levels", "BevoegdBestuursniveau"),
        ("executing_levels", "UitvoerendBestuursniveau"),
    ],
)
def test_the_schema_enums_are_the_vendored_codelists(key: str, codelist: str) -> None:
    schema = json.loads((schema_dir() / "product.schema.json").read_text(encoding="utf-8"))
    assert sorted(_enum(schema, key)) == sorted(lpdc.codes(codelist))


def test_the_packaged_nuts_list_holds_the_flemish_provinces_and_municipalities() -> None:
    spatials = lpdc.spatials()
    assert {"BE21", "BE22", "BE23", "BE24", "BE25"} <= set(spatials)
    assert len(spatials) == 330  # 5 provinces and 325 municipalities, merged ones included
    assert spatials["BE23444021"].nis == "44021" and spatials["BE23444021"].name == "Gent"
    assert spatials["BE21111007"].ends == "2024-12-31"  # Borsbeek, merged into Antwerpen


def test_the_example_catalog_uses_the_keys_and_loads_them() -> None:
    catalog = load_catalog(FolderSource(EXAMPLE)).catalog
    assert catalog.publication is not None
    assert lpdc.BESTUURSEENHEID.match(catalog.publication.settings["administrative_unit"])
    assert [lpdc.spatial(code).name for code in catalog.publication.settings["spatial"]] == ["Lokeren"]
    eid = catalog.products["eid"]
    assert eid.fields["lpdc"]["product_type"] == "Bewijs" and eid.fields["description"]
    assert eid.key_location("lpdc.themes[0]").line == eid.key_location("lpdc.themes").line
    assert catalog.publication.location("lpdc.contact.email").file == ORG


def test_product_keys_validate_and_an_unknown_lpdc_key_is_svc002(catalog: Callable[..., Path]) -> None:
    base = (EXAMPLE / "tests/fixtures/minimal" / PRODUCT).read_text(encoding="utf-8")
    good = base + (
        "description: Je geeft je nieuwe adres door.\n"
        'identifiers: {lpdc: "0f8b5a1e-3c2d-4e6f-9a7b-1c2d3e4f5a6b"}\n'
        "lpdc:\n  product_type: Bewijs\n  keywords: [verhuizen]\n"
        "  links:\n    - {title: Meer info, url: 'https://www.voorbeeld.be/verhuizen'}\n"
    )
    assert codes(catalog({PRODUCT: good})) == []
    assert codes(catalog({PRODUCT: good + "  colour: blue\n"})) == [("SVC002", PRODUCT, 13, "product:adreswijziging")]
    bad_uuid = good.replace("0f8b5a1e-3c2d", "0F8B5A1E-3c2d")
    assert codes(catalog({PRODUCT: bad_uuid})) == [("SVC002", PRODUCT, 7, "product:adreswijziging")]


def test_organisation_language_outside_its_list_is_svc002(catalog: Callable[..., Path]) -> None:
    base = (EXAMPLE / "tests/fixtures/minimal" / ORG).read_text(encoding="utf-8")
    text = base.replace("  name: Gemeente Test\n", "  name: Gemeente Test\n  lpdc:\n    language: informeel\n")
    assert codes(catalog({ORG: text})) == [("SVC002", ORG, 5, "organisation")]


def test_fmt_puts_the_lpdc_keys_in_their_order() -> None:
    text = textwrap.dedent(
        """\
        id: eid
        lpdc:
          spatial:
          - BE23646029
          themes: [BurgerOverheid]
          product_type: Bewijs
        description: Lang.
        name: eID
        summary: Kort.
        owner: burgerzaken
        process: eid
        channels: [counter]
        """
    )
    assert format_text(text, "product") == textwrap.dedent(
        """\
        id: eid
        name: eID
        summary: Kort.
        description: Lang.
        owner: burgerzaken
        process: eid
        channels: [counter]
        lpdc:
          product_type: Bewijs
          themes: [BurgerOverheid]
          spatial: [BE23646029]
        """
    )
