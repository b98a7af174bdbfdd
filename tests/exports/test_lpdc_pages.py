"""The LDES pages (svcmap/exports/lpdc_pages.py) of the example catalog: parsed offline with the vendored
contexts and valid against LPDC's shape (0 violations); relations both ways with absolute IRIs; a reader that
follows them from the first page gets every published product back; byte-identical twice; append-only."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from svcmap.catalog.lpdc import CONTEXT_FILES, CONTEXTS_DIR
from svcmap.catalog.model import Catalog
from svcmap.exports.lpdc_pages import GENERATED_AT, build_pages, render, write_feed
from svcmap.exports.lpdc_snapshot import (
    PublishSettings,
    SnapshotTimes,
    catalog_snapshots,
    instance_iri,
    snapshot,
)
from tests.exports.lpdc_support import example_catalog, violations

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

BASE = "https://www.voorbeeld.be/lpdc/"
MOMENT = datetime(2024, 2, 14, 13, 42, 12, 357000, tzinfo=UTC)
TIMES = SnapshotTimes(MOMENT, MOMENT, MOMENT)


@pytest.fixture(scope="module")
def example() -> Catalog:
    return example_catalog()


@pytest.fixture(scope="module")
def members(example: Catalog) -> list[dict[str, Any]]:
    return catalog_snapshots(example, PublishSettings.of(example), TIMES)


def follow(out: Path) -> list[dict[str, Any]]:
    """The pages as LPDC's consumer reads them: from page-0 along the GreaterThanOrEqualTo relations."""
    seen, url, pages = set(), f"{BASE}page-0.json", []
    while url is not None:
        assert url not in seen, f"a loop back to {url}"
        seen.add(url)
        page = json.loads((out / url.removeprefix(BASE)).read_text(encoding="utf-8"))
        pages.append(page)
        forward = [r["node"] for r in page["view"]["relation"] if r["@type"] == "GreaterThanOrEqualToRelation"]
        assert len(forward) <= 1
        url = forward[0] if forward else None
    return pages


def test_the_feed_of_the_example_catalog_conforms_and_gives_every_product_back(
    example: Catalog, members: list[dict[str, Any]], tmp_path: Path
) -> None:
    write_feed(tmp_path, members, BASE, page_size=10)
    pages = follow(tmp_path)
    assert [page["@id"] for page in pages] == [f"{BASE}page-{n}.json" for n in range(3)]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [*CONTEXT_FILES, "page-0.json", "page-1.json", "page-2.json"]
    )
    settings = PublishSettings.of(example)
    assert violations(pages, [settings.administrative_unit]) == ""
    latest = {member["isVersionOf"]: member for page in pages for member in page["member"]}
    expected = {
        instance_iri(product, settings.administrative_unit): product.name
        for product in example.products.values()
        if product.status != "planned"
    }
    assert {iri: member["naam"]["nl-BE-x-informal"] for iri, member in latest.items()} == expected


def test_relations_go_both_ways_with_absolute_iris(members: list[dict[str, Any]]) -> None:
    pages = build_pages(members, BASE, page_size=10)
    for number, page in enumerate(pages.values()):
        assert page["@id"] == page["view"]["@id"] == f"{BASE}page-{number}.json"
        assert page["@context"] == [f"{BASE}ipdc-lpdc-im.jsonld", f"{BASE}ldes.jsonld"]
        kinds = {(r["@type"], r["node"]) for r in page["view"]["relation"]}
        expected = set()
        if number > 0:
            expected.add(("LessThanOrEqualToRelation", f"{BASE}page-{number - 1}.json"))
        if number < 2:
            expected.add(("GreaterThanOrEqualToRelation", f"{BASE}page-{number + 1}.json"))
        assert kinds == expected
        assert all(r["path"] == GENERATED_AT for r in page["view"]["relation"])


def test_the_contexts_beside_the_pages_are_the_official_files(members: list[dict[str, Any]], tmp_path: Path) -> None:
    write_feed(tmp_path, members, BASE)
    for name in CONTEXT_FILES:
        assert (tmp_path / name).read_bytes() == (CONTEXTS_DIR / name).read_bytes()


def test_the_same_catalog_gives_byte_identical_pages(
    example: Catalog, members: list[dict[str, Any]], tmp_path: Path
) -> None:
    write_feed(tmp_path / "one", members, BASE, page_size=10)
    again = catalog_snapshots(example, PublishSettings.of(example), TIMES)
    write_feed(tmp_path / "two", list(reversed(again)), BASE, page_size=10)
    for path in (tmp_path / "one").iterdir():
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name


def test_a_longer_feed_keeps_every_page_but_the_last(members: list[dict[str, Any]]) -> None:
    later = SnapshotTimes(MOMENT, MOMENT, datetime(2024, 3, 1, tzinfo=UTC))
    newer = [snapshot({key: value for key, value in m.items() if not _stamped(key)}, later) for m in members[:7]]
    short = build_pages(members, BASE, page_size=10)
    long = build_pages(members + newer, BASE, page_size=10)
    assert list(long) == ["page-0.json", "page-1.json", "page-2.json", "page-3.json"]
    for name in ("page-0.json", "page-1.json"):
        assert render(long[name]) == render(short[name])
    last = long["page-2.json"]
    assert last["member"][: len(short["page-2.json"]["member"])] == short["page-2.json"]["member"]
    assert {"@type": "GreaterThanOrEqualToRelation", "node": f"{BASE}page-3.json", "path": GENERATED_AT} in last[
        "view"
    ]["relation"]


def _stamped(key: str) -> bool:
    return key in {"@id", "creatie", "laatstGewijzigd", "generatedAtTime"}


def test_an_empty_feed_is_one_empty_first_page() -> None:
    pages = build_pages([], BASE)
    assert list(pages) == ["page-0.json"]
    assert pages["page-0.json"]["member"] == [] and pages["page-0.json"]["view"]["relation"] == []
