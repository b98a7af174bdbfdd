"""The shared grid: lanes in band and declared order, columns by layer, every shape inside its lane."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcmap.analysis.graph import layers
from svcmap.render.layout import Box, layout_process, wrap
from tests.render.helpers import FIXTURES, fixture_layout, load, write_catalog


def test_lanes_front_band_first_then_declared_order() -> None:
    layout = fixture_layout("small")
    assert [lane.id for lane in layout.lanes] == [
        "front:onthaal",
        "front:burgerzaken",
        "back:burgerzaken",
        "back:politie",
    ]
    assert [lane.office for lane in layout.lanes] == ["front", "front", "back", "back"]


def test_a_unit_with_both_offices_has_a_lane_in_each_band() -> None:
    layout = fixture_layout("small")
    burgerzaken = [lane for lane in layout.lanes if lane.unit_id == "burgerzaken"]
    assert [lane.office for lane in burgerzaken] == ["front", "back"]
    assert burgerzaken[0].box.bottom <= layout.visibility_y <= burgerzaken[1].box.y


def test_the_line_of_visibility_separates_the_bands() -> None:
    layout = fixture_layout("small")
    for lane in layout.lanes:
        if lane.office == "front":
            assert lane.box.bottom <= layout.visibility_y
        else:
            assert lane.box.y >= layout.visibility_y


def test_lanes_are_full_length_bands() -> None:
    layout = fixture_layout("large")
    assert len({(lane.box.x, lane.box.width) for lane in layout.lanes}) == 1
    for upper, lower in zip(layout.lanes, layout.lanes[1:]):
        assert upper.box.bottom == lower.box.y


def test_columns_are_layers_with_loops_ignored() -> None:
    catalog = load(FIXTURES / "small")
    assert layers(catalog.processes["adreswijziging"]) == {
        "aangifte": 0,
        "controle": 1,
        "aanvulling": 2,  # its edge back to controle is a loop, ignored
        "registratie": 2,
        "bevestiging": 3,
    }


def test_decisions_get_a_gateway_and_ends_an_end_event() -> None:
    layout = fixture_layout("small")
    kinds = {node.id: node.kind for node in layout.nodes}
    assert kinds["start"] == "start"
    assert kinds["gateway:controle"] == "gateway"
    assert kinds["end:bevestiging"] == "end"
    assert [n.id for n in layout.nodes if n.kind == "gateway"] == ["gateway:controle"]
    flows = {(flow.source, flow.target): flow for flow in layout.flows}
    assert ("step:controle", "gateway:controle") in flows
    assert flows[("gateway:controle", "step:registratie")].when == "bewoond"
    assert flows[("gateway:controle", "step:aanvulling")].when == "niet bewoond"
    assert flows[("step:aanvulling", "step:controle")].backward


def test_flows_carry_the_analysis_facts() -> None:
    layout = fixture_layout("small")
    facts = {(f.source, f.target): (f.handoff, f.silo, f.external) for f in layout.flows if f.facts}
    assert facts[("step:aangifte", "step:controle")] == (True, True, True)
    assert facts[("step:registratie", "step:bevestiging")] == (True, False, False)
    assert ("start", "step:aangifte") not in facts


def test_title_and_figures() -> None:
    layout = fixture_layout("small")
    assert layout.title == "Adreswijziging doorgeven"
    assert (layout.figures.handoffs, layout.figures.silo_handoffs) == (5, 4)


def test_every_shape_inside_its_lane_and_none_overlap_large() -> None:
    _assert_well_formed(fixture_layout("large"))


def test_layout_is_deterministic() -> None:
    assert fixture_layout("large") == fixture_layout("large")


def test_wrap_cuts_with_an_ellipsis_and_flattens_white_space() -> None:
    assert wrap("a\nb\tc", 20, 2) == ("a b c",)
    lines = wrap("word " * 40, 10, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")


def _assert_well_formed(layout) -> None:
    lanes = layout.lane_by_id
    for node in layout.nodes:
        assert lanes[node.lane].box.contains(node.box), node.id
        assert not lanes[node.lane].header.contains(node.box)
    for a, b in combinations(layout.nodes, 2):
        assert not _overlap(a.box, b.box), (a.id, b.id)
    node_ids = {node.id for node in layout.nodes}
    for flow in layout.flows:
        assert {flow.source, flow.target} <= node_ids
        assert len(flow.points) >= 2
    for lane in layout.lanes:
        assert layout.lanes_box.contains(lane.box)
    assert layout.lanes_box.bottom <= layout.legend_box.y and layout.legend_box.bottom <= layout.height


def _overlap(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


UNIT_POOL = [
    {
        "id": f"u{index}",
        "name": f"Unit {index}",
        "office": "front" if index % 3 == 0 else "back",
        "external": index == 5,
    }
    for index in range(8)
]


@st.composite
def processes(draw: st.DrawFn) -> list[dict]:
    size = draw(st.integers(min_value=1, max_value=30))
    steps = []
    for index in range(size):
        step = {"id": f"s{index}", "name": f"Step {index}", "unit": f"u{draw(st.integers(0, 7))}"}
        if draw(st.booleans()):
            step["office"] = draw(st.sampled_from(["front", "back"]))
        if index + 1 < size:
            targets = {index + 1} | set(draw(st.lists(st.integers(0, size - 1), max_size=3)))
            step["next"] = [{"to": f"s{t}", "when": f"case {t}"} for t in sorted(targets)]
        steps.append(step)
    return steps


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=processes())
def test_any_process_lays_out_well(tmp_path_factory, steps) -> None:
    root = write_catalog(tmp_path_factory.mktemp("catalog"), UNIT_POOL, steps)
    catalog = load(root)
    process = catalog.processes["proces"]
    layout = layout_process(catalog, process)
    _assert_well_formed(layout)
    layer = layers(process)
    nodes = layout.node_by_id
    for flow in layout.flows:
        if flow.facts and not flow.backward:
            assert layer[flow.facts.target] > layer[flow.facts.source]
    for step in process.steps:
        node = nodes[f"step:{step.id}"]
        assert node.column == layer[step.id]
        assert node.lane == f"{catalog.office_of(step)}:{step.unit.id}"
    declared = [f"u{index}" for index in range(8)]
    for office in ("front", "back"):
        order = [declared.index(lane.unit_id) for lane in layout.lanes_in(office)]
        assert order == sorted(order)


def test_layers_with_a_path_to_nowhere(tmp_path: Path) -> None:
    """A step nothing leads to (SVC201, an error elsewhere) still gets a column."""
    steps = [
        {"id": "a", "name": "A", "unit": "u0", "next": "b"},
        {"id": "b", "name": "B", "unit": "u1"},
        {"id": "c", "name": "C", "unit": "u1", "next": "b"},
    ]
    catalog = load(write_catalog(tmp_path, UNIT_POOL, steps))
    assert layers(catalog.processes["proces"]) == {"a": 0, "b": 1, "c": 0}
