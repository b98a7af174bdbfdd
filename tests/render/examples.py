"""The layouts the modellers' tools are tried on: every process of the example catalog, and the hostile ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcmap.analysis.figures import analyze
from svcmap.render.diagrams import layout_of, life_event_target
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


def trajectory_layouts() -> dict[str, Layout]:
    """Life event id → the layout of its trajectory, for every life event of the example catalog."""
    if not (REPOSITORY / "catalog" / "organisation.yaml").exists():
        pytest.skip("no example catalog in this checkout")
    catalog = load(REPOSITORY)
    analysis = analyze(catalog)
    return {
        event_id: layout_of(catalog, life_event_target(catalog, analysis, event_id)) for event_id in catalog.life_events
    }


def every_layout(folder: Path) -> dict[str, Layout]:
    """The example processes, the example life events' trajectories (`<id>.life-event`) and the hostile ones
    (written under `folder`)."""
    trajectories = {f"{name}.life-event": layout for name, layout in trajectory_layouts().items()}
    return {**example_layouts(), **trajectories, **hostile_layouts(folder)}
