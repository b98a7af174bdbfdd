"""The layouts the modellers' tools are tried on: every process of the example catalog, and the hostile ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcmap.render.layout import Layout, layout_process, products_of
from tests.render.helpers import load
from tests.render.hostile import hostile_layouts

REPOSITORY = Path(__file__).resolve().parents[2]


def example_layouts() -> dict[str, Layout]:
    """Process id → layout, for every process of the repository's example catalog (Gemeente Voorbeeld)."""
    if not (REPOSITORY / "catalog" / "organisation.yaml").exists():
        pytest.skip("no example catalog in this checkout")
    catalog = load(REPOSITORY)
    return {
        process.id: layout_process(catalog, process, products_of(catalog, process.id))
        for process in catalog.processes.values()
    }


def every_layout(folder: Path) -> dict[str, Layout]:
    """The example processes and the hostile ones (written under `folder`)."""
    return {**example_layouts(), **hostile_layouts(folder)}
