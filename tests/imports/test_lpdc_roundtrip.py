"""Issue 10, item 6: `import lpdc` of what `publish lpdc` writes gives back every product's published fields —
the example catalog's feed, imported into a catalog of its own, product by product."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from svcmap.exports.lpdc_pages import write_feed
from svcmap.exports.lpdc_snapshot import PublishSettings, SnapshotTimes, catalog_snapshots
from tests.exports.lpdc_support import example_catalog
from tests.imports.bpmnfiles import catalog_root, read_yaml

MOMENT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
PUBLISHED = ("audience", "cost", "legal_basis")
"""Product keys LPDC carries as they are (besides the name, the description and the `lpdc` block)."""


def test_every_published_product_comes_back_with_its_published_fields(tmp_path: Path, cli) -> None:
    catalog = example_catalog()
    settings = PublishSettings.of(catalog)
    members = catalog_snapshots(catalog, settings, SnapshotTimes(MOMENT, MOMENT, MOMENT))
    with warnings.catch_warnings():  # rdflib's own JSON-LD parser warns about ConjunctiveGraph
        warnings.simplefilter("ignore", DeprecationWarning)
        pages = write_feed(tmp_path / "feed", members, "https://www.voorbeeld.be/lpdc/")
        root = catalog_root(tmp_path)
        result = cli(
            "import", "lpdc", *(str(page) for page in pages if page.name.startswith("page-")), "--root", str(root)
        )
    assert result.exit_code == 0, result.output
    imported = {data["name"]: data for data in _products(root).values() if "identifiers" in data}
    originals = {product.name: product.fields for product in catalog.products.values() if product.status != "planned"}
    assert set(imported) == set(originals) and len(imported) == 25
    for name, original in originals.items():
        back = imported[name]
        assert back["description"] == original.get("description", original.get("summary")), name
        assert {key: _unordered(back.get(key)) for key in PUBLISHED if key in original} == {
            key: _unordered(original[key]) for key in PUBLISHED if key in original
        }, name
        written = original.get("lpdc", {})  # RDF keeps no order of a key's values: compared as sets
        assert {key: _unordered(back["lpdc"].get(key)) for key in written} == {
            key: _unordered(value) for key, value in written.items()
        }, name


def _unordered(value: Any) -> Any:
    return sorted(value, key=repr) if isinstance(value, list) else value


def _products(root: Path) -> dict[str, dict[str, Any]]:
    return {path.stem: read_yaml(path) for path in sorted((root / "catalog" / "products").glob("*.yaml"))}
