"""LPDC instance snapshots (svcmap/exports/lpdc_snapshot.py): every product of the example catalog conforms to
LPDC's SHACL shape (pyshacl, 0 violations) with the service-side rules of shared/LPDC.md §3 the shape does not
check (one Dutch variant, timestamp text, IRI forms); identity is deterministic; hostile text stays literal."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from svcmap.catalog.model import Catalog, Product
from svcmap.exports.lpdc_snapshot import (
    INSTANCE_BASE,
    SNAPSHOT_BASE,
    PublishSettings,
    SnapshotTimes,
    instance_iri,
    paragraphs,
    product_snapshot,
    published_content,
    timestamp,
)
from tests.exports.lpdc_support import example_catalog, parse, violations

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

TIMES = SnapshotTimes(
    datetime(2024, 2, 14, 13, 42, 12, 357000, tzinfo=UTC),
    datetime(2024, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=1))),
    datetime(2024, 3, 2, 6, 32, 10, 377999, tzinfo=UTC),
)
HOSTILE_TEXT = "Een \"aanvraag\" <script>alert('x')</script> & meer\nnieuwe regel 🎉 \\ \u202eRTL"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
DUTCH = {"nl", "nl-BE-x-formal", "nl-BE-x-informal"}


@pytest.fixture(scope="module")
def example() -> Catalog:
    return example_catalog()


def published(catalog: Catalog) -> list[Product]:
    return [catalog.products[key] for key in sorted(catalog.products) if catalog.products[key].status != "planned"]


def with_fields(product: Product, **changes: Any) -> Product:
    """The product with some fields replaced (as if its file said so)."""
    fields = {**product.fields, **changes}
    return Product(
        product.id,
        str(fields["name"]),
        product.owner_id,
        product.process_id,
        product.channels,
        str(fields.get("status", "active")),
        product.file,
        json.dumps(fields, ensure_ascii=False),
        b"H" + bytes(24),
    )


def language_tags(value: object) -> set[str]:
    """Every language tag of every language map in a JSON-LD value, nested objects included."""
    if isinstance(value, dict):
        found = set()
        for key, item in value.items():
            if key in {"naam", "beschrijving", "regelgevingTekst", "verdereBeschrijving", "uitzonderingen"}:
                found |= set(item)
            found |= language_tags(item)
        return found
    if isinstance(value, list):
        return set().union(*(language_tags(item) for item in value)) if value else set()
    return set()


def test_every_product_of_the_example_catalog_conforms_to_the_lpdc_shape(example: Catalog) -> None:
    settings = PublishSettings.of(example)
    members = [product_snapshot(product, settings, TIMES) for product in published(example)]
    assert len(members) == 25
    assert violations(members, [settings.administrative_unit]) == ""


def test_the_service_side_rules_hold_for_every_example_product(example: Catalog) -> None:
    settings = PublishSettings.of(example)
    for product in published(example):
        member = product_snapshot(product, settings, TIMES)
        assert language_tags(member) == {"nl-BE-x-informal"}, product.id  # one Dutch variant (language: informal)
        for key in ("creatie", "laatstGewijzigd", "generatedAtTime"):
            assert TIMESTAMP.match(member[key]), (product.id, key)
        assert member["@id"].startswith(SNAPSHOT_BASE) and member["isVersionOf"].startswith(INSTANCE_BASE)
        assert member["aangemaaktDoor"] == settings.administrative_unit
        assert member["geografischToepassingsgebieden"] == ["http://data.europa.eu/nuts/code/BE23646029"]
        assert "productnummer" not in member and "tags" not in member


def test_the_triples_say_what_the_catalog_says(example: Catalog) -> None:
    settings = PublishSettings.of(example)
    eid = example.products["eid"]
    graph = parse(product_snapshot(eid, settings, TIMES))
    node = URIRef(product_snapshot(eid, settings, TIMES)["@id"])
    assert graph.value(node, DCTERMS.title) == Literal(eid.name, lang="nl-be-x-informal")
    assert graph.value(node, DCTERMS.isVersionOf) == URIRef(instance_iri(eid, settings.administrative_unit))
    assert graph.value(node, DCTERMS.type) == URIRef(
        "https://productencatalogus.data.vlaanderen.be/id/concept/Type/" + eid.fields["lpdc"]["product_type"]
    )


def test_times_are_utc_with_milliseconds_and_z() -> None:
    assert timestamp(TIMES.created) == "2024-02-14T13:42:12.357Z"
    assert timestamp(TIMES.modified) == "2024-03-01T08:00:00.000Z"
    assert timestamp(TIMES.generated) == "2024-03-02T06:32:10.377Z"
    assert timestamp(datetime(2024, 1, 1)) == "2024-01-01T00:00:00.000Z"


def test_the_instance_is_uuid5_of_unit_and_product_unless_pinned(example: Catalog) -> None:
    settings = PublishSettings.of(example)
    eid = example.products["eid"]
    expected = uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.administrative_unit}/product/eid")
    assert instance_iri(eid, settings.administrative_unit) == f"{INSTANCE_BASE}{expected}"
    pinned = "c0d6bf9a-fcc4-4d46-beb6-3f4d80f03bf3"
    renamed = with_fields(eid, id="eid-nieuw", identifiers={"lpdc": pinned})
    assert instance_iri(renamed, settings.administrative_unit) == f"{INSTANCE_BASE}{pinned}"


def test_the_snapshot_iri_follows_content_and_time(example: Catalog) -> None:
    settings = PublishSettings.of(example)
    eid = example.products["eid"]
    first = product_snapshot(eid, settings, TIMES)
    assert product_snapshot(eid, settings, TIMES) == first
    later = SnapshotTimes(TIMES.created, TIMES.modified, TIMES.generated + timedelta(milliseconds=1))
    assert product_snapshot(eid, settings, later)["@id"] != first["@id"]
    edited = with_fields(eid, name="Identiteitskaart")
    assert product_snapshot(edited, settings, TIMES)["@id"] != first["@id"]


def test_a_retired_product_is_a_complete_archived_snapshot(example: Catalog) -> None:
    settings = PublishSettings.of(example)
    retired = with_fields(example.products["eid"], status="retired")
    member = product_snapshot(retired, settings, TIMES)
    assert member["gearchiveerd"] == "true"
    assert violations([member], [settings.administrative_unit]) == ""


def test_hostile_text_stays_literal_and_conforms(example: Catalog) -> None:
    settings = PublishSettings.of(example)
    hostile = with_fields(
        example.products["eid"], name=HOSTILE_TEXT, description=HOSTILE_TEXT, legal_basis=[HOSTILE_TEXT]
    )
    member = product_snapshot(hostile, settings, TIMES)
    assert violations([member], [settings.administrative_unit]) == ""
    graph = parse(member)
    node = URIRef(member["@id"])
    assert graph.value(node, DCTERMS.title) == Literal(HOSTILE_TEXT, lang="nl-be-x-informal")
    description = str(graph.value(node, DCTERMS.description))
    assert "<script>" not in description and "&lt;script&gt;" in description
    assert description == (
        "<p>Een &quot;aanvraag&quot; &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; meer"
        "<br>nieuwe regel 🎉 \\ \u202eRTL</p>"
    )


@given(st.text(min_size=1))
def test_any_text_is_wrapped_and_unescapes_back(text: str) -> None:
    import html

    wrapped = paragraphs(text)
    inner = re.sub(r"</?p>|<br>", "\n", wrapped)
    assert "<" not in inner and ">" not in inner
    assert html.unescape(inner).split() == text.split()


def test_the_content_leaves_out_what_is_not_published(example: Catalog) -> None:
    settings = PublishSettings.of(example)
    eid = example.products["eid"]
    moved = with_fields(eid, owner="onthaal", lead_time_days=99, channels=["web"])
    assert published_content(moved, settings) == published_content(eid, settings)


def test_the_shape_does_catch_a_snapshot_without_its_description(example: Catalog) -> None:
    settings = PublishSettings.of(example)
    member = product_snapshot(example.products["eid"], settings, TIMES)
    del member["beschrijving"]
    report = violations([member], [settings.administrative_unit])
    assert "Results (1)" in report and "MinCountConstraintComponent" in report and ":description" in report
