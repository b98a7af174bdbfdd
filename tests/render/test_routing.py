"""Flows drawn as a modeller would: around every shape, never along a lane border, merging in a join, and
each branch's words beside its own line. Checked on every example process and on the hostile ones."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from svcmap.render.geometry import Box
from svcmap.render.layout import Layout
from svcmap.render.routing import BORDER_CLEARANCE
from tests.render.examples import every_layout, example_layouts


@pytest.fixture(scope="module")
def layouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Layout]:
    return every_layout(tmp_path_factory.mktemp("hostile"))


def _paths(layout: Layout) -> list[tuple[str, tuple[tuple[float, float], ...]]]:
    return [(flow.id, flow.points) for flow in (*layout.flows, *layout.join_flows)]


def test_flows_are_orthogonal_and_run_around_every_shape(layouts: dict[str, Layout]) -> None:
    for name, layout in layouts.items():
        shapes = [(node.id, node.box) for node in (*layout.nodes, *layout.joins)]
        for flow_id, points in _paths(layout):
            for a, b in zip(points, points[1:]):
                assert a[0] == b[0] or a[1] == b[1], (name, flow_id, a, b)
                crossed = [shape for shape, box in shapes if _shrunk(box).crossed_by(a, b)]
                assert crossed == [], (name, flow_id, a, b)


def test_no_flow_runs_along_a_lane_border(layouts: dict[str, Layout]) -> None:
    for name, layout in layouts.items():
        borders = [lane.box.y for lane in layout.lanes] + [layout.lanes_box.bottom]
        for flow_id, points in _paths(layout):
            for a, b in zip(points, points[1:]):
                if a[1] == b[1] and a[0] != b[0]:
                    near = [y for y in borders if abs(a[1] - y) < BORDER_CLEARANCE]
                    assert near == [], (name, flow_id, a, b)


def test_flows_that_merge_meet_in_a_join(layouts: dict[str, Layout]) -> None:
    """No task or event has more than one flow in (bpmnlint's fake-join) nor more than one out unconditionally."""
    for name, layout in layouts.items():
        entering = Counter(flow.join or flow.target for flow in (*layout.flows, *layout.join_flows))
        kinds = {node.id: node.kind for node in (*layout.nodes, *layout.joins)}
        assert [node for node, count in entering.items() if count > 1 and kinds[node] != "join"] == [], name
        assert all(entering[join.id] > 1 for join in layout.joins), name


def test_join_kinds() -> None:
    """The branches of a fan-out meet in a parallel join; a loop back, or a decision's branches, in an exclusive one."""
    layouts = example_layouts()
    kinds = {(name, join.step_id): join.split for name, layout in layouts.items() for join in layout.joins}
    assert kinds[("evenementenvergunning", "adviezen-bundelen")] == "parallel"
    assert kinds[("uitbatingsvergunning-horeca", "adviezen-bundelen")] == "parallel"
    assert kinds[("evenementenvergunning", "collegebeslissing")] == "exclusive"
    assert kinds[("omgevingsvergunning", "volledigheid")] == "exclusive"  # the loop from ontbrekende stukken
    assert kinds[("geboorteaangifte", "geboorteakte")] == "exclusive"


def test_gateways_ask_the_decision_or_the_step_as_a_question() -> None:
    layouts = example_layouts()
    gateways = {(name, node.step_id): node.name for name, layout in layouts.items() for node in layout.nodes}
    assert gateways[("adreswijziging", "verslag-beoordelen")] == "Is de woonstcontrole positief?"
    assert gateways[("zaalhuur", "beschikbaarheid")] == "Beschikbaarheid van zaal en materiaal nagaan?"
    assert gateways[("evenementenvergunning", "screening")] == ""  # a fan-out asks nothing


def test_labels_stand_apart_each_beside_its_own_flow() -> None:
    """In every example process: no label over a shape or another label, and each branch's words beside a
    stretch of line that only its own flow draws (not stacked where branches share a line)."""
    for name, layout in example_layouts().items():
        boxes = [(node.id, node.label_box) for node in layout.nodes if node.label_box]
        boxes += [(flow.id, flow.label_box) for flow in layout.flows if flow.label_box]
        shapes = [node.box for node in (*layout.nodes, *layout.joins)]
        for (one, a), (other, b) in combinations(boxes, 2):
            assert not a.overlaps(b), (name, one, other)
        for owner, box in boxes:
            assert not any(box.overlaps(shape) for shape in shapes), (name, owner)
        paths = _paths(layout)
        for flow in layout.flows:
            if flow.when:
                assert flow.label_box is not None, (name, flow.id)
                others = [points for flow_id, points in paths if flow_id != flow.id]
                assert _beside_own_stretch(flow.label_box, flow.points, others), (name, flow.id)


def _beside_own_stretch(box: Box, points, others) -> bool:
    """The box lies within a few points of a piece of the path that no other path runs along."""
    from svcmap.render.labels import own_stretches

    for (ax, ay), (bx, by) in own_stretches(points, others):
        if ay == by:
            level = min(abs(box.bottom - ay), abs(box.y - ay)) <= 6.0
            if level and box.x < max(ax, bx) and min(ax, bx) < box.right:
                return True
        else:
            side = min(abs(box.x - ax), abs(box.right - ax)) <= 6.0
            if side and box.y < max(ay, by) and min(ay, by) < box.bottom:
                return True
    return False


def _shrunk(box: Box) -> Box:
    """A shape less a hair: a flow that ends on its outline is not one that runs through it."""
    return Box(box.x + 0.5, box.y + 0.5, box.width - 1.0, box.height - 1.0)


def test_example_catalog_is_found() -> None:
    assert len(example_layouts()) == len(list((Path(__file__).resolve().parents[2] / "processes").glob("*.yaml")))
