"""The round trip (issue 11, item 5): every example process, exported as BPMN and imported again, is the same
process — the same steps, units, offices, channels, edges, `when`s, `decision`s and `outcome`s, and the same
start.

The two are compared as labelled graphs with networkx's isomorphism check: the import makes its step ids
from names, so ids may differ, but nothing a step or an edge says may. The export is today's
`svcmap render ID --format bpmn`, called as the command calls it, so a change to the export that the
importer cannot read back fails here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx
import pytest

from svcmap.catalog.loader import load_catalog
from svcmap.catalog.model import Catalog, Process
from svcmap.catalog.source import FolderSource
from svcmap.imports.importer import Imported, import_bpmn
from svcmap.render.diagrams import draw, every_process

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def example() -> Catalog:
    return load_catalog(FolderSource(REPO)).catalog


@pytest.fixture(scope="module")
def round_trip(example: Catalog, tmp_path_factory: pytest.TempPathFactory) -> tuple[Imported, Catalog]:
    """Every example process exported to BPMN, then all imported in one run into the example catalog
    without its processes (so that every id is free)."""
    top = tmp_path_factory.mktemp("roundtrip")
    exports = top / "exports"
    exports.mkdir()
    paths = []
    for target in every_process(example):
        path = exports / f"{target.name}.bpmn"
        path.write_bytes(draw(example, target, "bpmn").data)
        paths.append(path)
    root = top / "catalog-root"
    shutil.copytree(REPO / "catalog", root / "catalog")
    (root / "processes").mkdir()
    imported = import_bpmn(root, paths)
    return imported, load_catalog(FolderSource(root)).catalog


def graph(catalog: Catalog, process: Process) -> nx.DiGraph:
    """A process as a labelled graph: a node per step with everything the step says but its id and asks (BPMN
    has no place for them), an edge per target with its `when`."""
    labelled = nx.DiGraph()
    for step in process.steps:
        labelled.add_node(
            step.id,
            name=step.name,
            unit=step.unit.id,
            office=catalog.office_of(step),
            channel=step.channel,
            decision=step.decision,
            outcome=step.outcome or "delivered",
            start=step.id == process.start_id,
        )
    for step in process.steps:
        for target in step.targets:
            if not labelled.has_edge(step.id, target.to):
                labelled.add_edge(step.id, target.to, when=target.when)
    return labelled


def same(left: dict, right: dict) -> bool:
    return left == right


def test_every_file_is_read_and_gives_one_process_without_a_note(round_trip, example) -> None:
    imported, _ = round_trip
    assert len(imported.files) == len(example.processes) == 25
    assert [file.error for file in imported.files if file.error] == []
    assert all(len(file.written) == 1 for file in imported.files)
    notes = [(file.name, note.text) for file in imported.files for note in (*file.notes, *file.written[0].notes)]
    assert notes == []  # our own export holds nothing to approximate or leave out


def test_no_unit_is_added_every_lane_is_a_unit_of_the_catalog(round_trip) -> None:
    imported, _ = round_trip
    assert imported.new_units == ()


@pytest.mark.parametrize("process_id", sorted(load_catalog(FolderSource(REPO)).catalog.processes))
def test_the_imported_process_is_the_exported_one(round_trip, example, process_id: str) -> None:
    imported, catalog = round_trip
    (file,) = [file for file in imported.files if Path(file.name).stem == process_id]
    again = catalog.processes[file.written[0].id]
    original = example.processes[process_id]
    assert again.name == original.name
    left, right = graph(example, original), graph(catalog, again)
    assert nx.is_isomorphic(left, right, node_match=same, edge_match=same), _difference(left, right)


def _difference(left: nx.DiGraph, right: nx.DiGraph) -> str:
    """What tells the graphs apart, for the failure message: the labels and edges of each, by step name."""

    def described(labelled: nx.DiGraph) -> tuple[set, set]:
        name = nx.get_node_attributes(labelled, "name")
        nodes = {tuple(sorted(data.items())) for _, data in labelled.nodes(data=True)}
        edges = {(name[a], name[b], data["when"]) for a, b, data in labelled.edges(data=True)}
        return nodes, edges

    (left_nodes, left_edges), (right_nodes, right_edges) = described(left), described(right)
    return (
        f"steps only in the export's source: {left_nodes - right_nodes}\nsteps only in the import: "
        f"{right_nodes - left_nodes}\nedges only in the source: {left_edges - right_edges}\n"
        f"edges only in the import: {right_edges - left_edges}"
    )
