"""BPMN 2.0: valid against the OMG schemas, one lane per layout lane, gateways, and DI from the layout."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from svcmap.render import bpmn
from tests.render.helpers import XSD, fixture_layout

MODEL = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"
DC = "{http://www.omg.org/spec/DD/20100524/DC}"
DI = "{http://www.omg.org/spec/DD/20100524/DI}"
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD / "BPMN20.xsd"))


def _bounds(shape: ET.Element) -> tuple[float, float, float, float]:
    box = shape.find(f"{DC}Bounds")
    return tuple(float(box.get(key)) for key in ("x", "y", "width", "height"))  # type: ignore[return-value]


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.parametrize("name", ["small", "large"])
def test_export_is_valid_bpmn(schema: xmlschema.XMLSchema, name: str) -> None:
    schema.validate(bpmn.to_bpmn(fixture_layout(name)))


def test_every_example_process_exports_valid_bpmn(schema: xmlschema.XMLSchema) -> None:
    """Every process of the repository's example catalog (Gemeente Voorbeeld), where it is present."""
    from svcmap.render.layout import layout_process, products_of
    from tests.render.helpers import load

    root = Path(__file__).resolve().parents[2]
    if not (root / "catalog" / "organisation.yaml").exists():
        pytest.skip("no example catalog in this checkout")
    catalog = load(root)
    assert catalog.processes
    for process in catalog.processes.values():
        schema.validate(bpmn.to_bpmn(layout_process(catalog, process, products_of(catalog, process.id))))


def test_bpmn_matches_the_golden_file() -> None:
    text = bpmn.to_bpmn(fixture_layout("small"))
    golden = GOLDEN / "small.bpmn"
    if os.environ.get("SVCMAP_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_lanes_and_their_members() -> None:
    """A lane per band (the line of visibility runs between them), a lane per unit inside; each lists its nodes."""
    root = ET.fromstring(bpmn.to_bpmn(fixture_layout("small")))
    process = root.find(f"{MODEL}process")
    bands = process.findall(f"{MODEL}laneSet/{MODEL}lane")
    assert [(band.get("id"), band.get("name")) for band in bands] == [
        ("Lane_front", "Front office"),
        ("Lane_back", "Back office"),
    ]
    lanes = {
        lane.get("id"): [ref.text for ref in lane.findall(f"{MODEL}flowNodeRef")]
        for band in bands
        for lane in band.findall(f"{MODEL}childLaneSet/{MODEL}lane")
    }
    assert lanes == {
        "Lane_front_onthaal": ["StartEvent_1", "Task_aangifte", "Task_bevestiging", "EndEvent_bevestiging"],
        "Lane_front_burgerzaken": ["Task_aanvulling"],
        "Lane_back_burgerzaken": ["Task_registratie"],
        "Lane_back_politie": ["Task_controle", "Gateway_controle", "Join_controle"],
    }
    members = [ref for refs in lanes.values() for ref in refs]
    nodes = [
        child.get("id")
        for child in process
        if child.tag not in (f"{MODEL}laneSet", f"{MODEL}sequenceFlow", f"{MODEL}documentation")
    ]
    assert sorted(members) == sorted(nodes)  # every flow node in exactly one unit's lane
    for band in bands:  # and in its band's, as bpmn.io lists the nodes of nested lanes
        inner = [ref for lane in band.iter(f"{MODEL}lane") if lane is not band for ref in lanes[lane.get("id")]]
        assert sorted(ref.text for ref in band.findall(f"{MODEL}flowNodeRef")) == sorted(inner)
    documentation = {lane.get("id"): lane.findtext(f"{MODEL}documentation") for lane in process.iter(f"{MODEL}lane")}
    assert documentation["Lane_back_politie"] == "Lokale politie (back office, external partner)"


def test_tasks_gateways_events_and_conditions() -> None:
    root = ET.fromstring(bpmn.to_bpmn(fixture_layout("small")))
    process = root.find(f"{MODEL}process")
    tags = {child.get("id"): child.tag.removeprefix(MODEL) for child in process}
    assert tags["Task_aangifte"] == "userTask"  # front office
    assert tags["Task_controle"] == "task"  # back office
    assert tags["Gateway_controle"] == "exclusiveGateway"
    assert tags["StartEvent_1"] == "startEvent" and tags["EndEvent_bevestiging"] == "endEvent"
    flows = {flow.get("id"): flow for flow in process.iter(f"{MODEL}sequenceFlow")}
    decided = flows["Flow_Gateway_controle_Task_registratie"]
    assert decided.get("name") == "bewoond"
    assert decided.findtext(f"{MODEL}conditionExpression") == "bewoond"
    assert flows["Flow_Task_controle_Gateway_controle"].get("name") is None


def test_a_fan_out_without_conditions_is_a_parallel_gateway() -> None:
    root = ET.fromstring(bpmn.to_bpmn(fixture_layout("large")))
    process = root.find(f"{MODEL}process")
    tags = {child.get("id"): child.tag.removeprefix(MODEL) for child in process}
    assert tags["Gateway_adviesronde"] == "parallelGateway"
    assert tags["Gateway_beslissing"] == "exclusiveGateway"


def test_di_shapes_inside_their_lanes_and_edges_with_waypoints() -> None:
    root = ET.fromstring(bpmn.to_bpmn(fixture_layout("large")))
    plane = root.find(f"{BPMNDI}BPMNDiagram/{BPMNDI}BPMNPlane")
    shapes = {shape.get("bpmnElement"): _bounds(shape) for shape in plane.iter(f"{BPMNDI}BPMNShape")}
    process = root.find(f"{MODEL}process")
    pool = shapes[root.find(f"{MODEL}collaboration/{MODEL}participant").get("id")]
    for lane in process.iter(f"{MODEL}lane"):
        assert _inside(shapes[lane.get("id")], pool)
        for ref in lane.findall(f"{MODEL}flowNodeRef"):
            assert _inside(shapes[ref.text], shapes[lane.get("id")]), ref.text
    flows = [flow.get("id") for flow in process.iter(f"{MODEL}sequenceFlow")]
    edges = {edge.get("bpmnElement"): edge.findall(f"{DI}waypoint") for edge in plane.iter(f"{BPMNDI}BPMNEdge")}
    assert sorted(edges) == sorted(flows)
    assert all(len(points) >= 2 for points in edges.values())


def test_spiffworkflow_parses_the_export(tmp_path: Path) -> None:
    """A real BPMN engine's parser reads the export: tasks, lanes, gateways with their branches.

    Our process says isExecutable="false" (it describes work done by people; conditions are prose), and
    SpiffWorkflow builds only executable processes, so the test flips that one flag before parsing.
    """
    parser_module = pytest.importorskip("SpiffWorkflow.bpmn.parser.BpmnParser")
    from lxml import etree

    text = bpmn.to_bpmn(fixture_layout("large")).replace('isExecutable="false"', 'isExecutable="true"')
    parser = parser_module.BpmnParser(validator=parser_module.BpmnValidator())
    parser.add_bpmn_xml(etree.fromstring(text.encode()), filename="large.bpmn")
    spec = parser.get_spec("Process_omgevingsvergunning-groot")
    tasks = spec.task_specs
    assert tasks["Task_advies-brandweer"].lane == bpmn.fitted_name("Hulpverleningszone (brandweer)", 104)
    assert sorted(o.name for o in tasks["Gateway_beslissing"].outputs) == ["Task_heffing", "Task_weigering"]
    assert type(tasks["Gateway_adviesronde"]).__name__ == "ParallelGateway"
