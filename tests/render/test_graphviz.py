"""Graphviz: DOT with pinned positions, lanes and nodes; SVG, PNG and PDF drawn from it, deterministically."""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from svcmap.errors import SvcmapError
from svcmap.render import graphviz
from tests.render.helpers import fixture_layout

GOLDEN = Path(__file__).parent / "golden"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def test_dot_matches_the_golden_file() -> None:
    """The whole DOT of a small process; regenerate with SVCMAP_UPDATE_GOLDEN=1 after a deliberate change."""
    dot = graphviz.to_dot(fixture_layout("small"))
    golden = GOLDEN / "small.dot"
    if os.environ.get("SVCMAP_UPDATE_GOLDEN"):
        golden.write_text(dot, encoding="utf-8")
    assert dot == golden.read_text(encoding="utf-8")


def _json(dot: str) -> dict:
    """What Graphviz itself reads from our DOT: objects and their attributes."""
    completed = subprocess.run(["neato", "-n2", "-Tjson"], input=dot.encode(), capture_output=True, check=True)
    return json.loads(completed.stdout)


def test_dot_has_a_pinned_node_per_step_and_event() -> None:
    layout = fixture_layout("small")
    graph = _json(graphviz.to_dot(layout))
    names = {obj["name"] for obj in graph["objects"]}
    assert {f"step:{s}" for s in ("aangifte", "controle", "aanvulling", "registratie", "bevestiging")} <= names
    assert {"start", "gateway:controle", "end:bevestiging"} <= names
    positions = {obj["name"]: obj["pos"] for obj in graph["objects"]}
    for node in layout.nodes:
        x, y = node.box.center
        px, py = (float(v) for v in positions[node.id].split(","))
        assert (round(px, 1), round(py, 1)) == (round(x, 1), round(layout.height - y, 1))


def test_lane_headers_name_the_lanes_in_order_top_to_bottom() -> None:
    layout = fixture_layout("large")
    graph = _json(graphviz.to_dot(layout))
    headers = next(obj for obj in graph["objects"] if obj["name"] == "lanes")
    assert re.findall(r'ID="lane:([^"]+)"', headers["label"]) == [
        "front:onthaal",
        "front:omgeving",
        "front:financien",
        "back:omgeving",
        "back:milieudienst",
        "back:juridische-dienst",
        "back:cbs",
        "back:financien",
        "back:brandweer",
        "back:provincie",
    ]
    _, y = (float(v) for v in headers["pos"].split(","))
    top, bottom = layout.lanes[0].box.y, layout.lanes[-1].box.bottom
    assert round(y, 1) == round(layout.height - (top + bottom) / 2, 1)


def test_lane_bands_are_drawn_behind_in_order() -> None:
    layout = fixture_layout("large")
    background = _json(graphviz.to_dot(layout))["_background"]
    polygons = re.findall(r"P 4 ((?:-?[0-9.]+ ){7}-?[0-9.]+)", background)
    bands = [[float(v) for v in polygon.split()] for polygon in polygons[: len(layout.lanes)]]
    tops = [layout.height - max(points[1::2]) for points in bands]
    assert [round(top, 1) for top in tops] == [round(lane.box.y, 1) for lane in layout.lanes]
    widths = {round(max(points[0::2]) - min(points[0::2]), 1) for points in bands}
    assert widths == {round(layout.lanes_box.width, 1)}  # full-length bands


def test_handoffs_are_marked_and_silo_handoffs_strongest() -> None:
    graph = _json(graphviz.to_dot(fixture_layout("small")))
    names = {obj["_gvid"]: obj["name"] for obj in graph["objects"]}
    edges = {(names[e["tail"]], names[e["head"]]): e for e in graph["edges"]}
    within = edges[("step:registratie", "step:bevestiging")]  # handoff inside one domain
    silo = edges[("gateway:controle", "step:registratie")]  # politie (external) → burgerzaken
    plain = edges[("step:controle", "gateway:controle")]
    assert float(silo["penwidth"]) > float(within["penwidth"]) > float(plain["penwidth"])
    assert silo["style"] == "dashed"  # an external partner
    assert "bewoond" in silo["label"]


def test_svg_is_xml_with_the_texts() -> None:
    layout = fixture_layout("small")
    root = ET.fromstring(graphviz.render(layout, "svg"))
    texts = [text.text for text in root.iter(f"{SVG}text")]
    for expected in (
        "Adreswijziging doorgeven",
        "Woonstcontrole",
        "Bevestiging",
        "bewoond",
        "niet bewoond",
        "Onthaal",
        "Lokale politie",
        "line of visibility",
        "start",
        "end",
    ):
        assert expected in texts
    assert "5 handoffs · 4 silo handoffs · 2 contact moments · 5 steps over 3 units" in texts
    assert not list(root.iter(f"{SVG}image"))


def test_svg_draws_the_lanes_behind_and_the_line_of_visibility() -> None:
    layout = fixture_layout("small")
    root = ET.fromstring(graphviz.render(layout, "svg"))
    fills = [polygon.get("fill") for polygon in root.iter(f"{SVG}polygon")]
    tints = (*graphviz.FRONT_TINTS, graphviz.BACK_TINTS[0], graphviz.EXTERNAL_TINT)
    assert fills[1:5] == list(tints)  # after the page, one band per lane in order: the last an external partner
    dashed = [line for line in root.iter(f"{SVG}polyline") if line.get("stroke-dasharray")]
    assert any(line.get("stroke") == graphviz.VISIBILITY_COLOR for line in dashed)


def test_png_and_pdf_signatures() -> None:
    layout = fixture_layout("small")
    assert graphviz.render(layout, "png").startswith(b"\x89PNG\r\n\x1a\n")
    assert graphviz.render(layout, "pdf").startswith(b"%PDF-")


@pytest.mark.parametrize("output_format", ["svg", "png", "pdf"])
def test_drawings_are_byte_identical(output_format: str) -> None:
    layout = fixture_layout("small")
    assert graphviz.render(layout, output_format) == graphviz.render(fixture_layout("small"), output_format)


@pytest.mark.parametrize("output_format", ["svg", "png", "pdf"])
def test_a_drawing_does_not_depend_on_the_diagrams_drawn_with_it(output_format: str) -> None:
    """neato names a later graph of a batch file's group `page0,1_graph0`: a cached diagram drawn in
    one batch and the same diagram drawn anew in another must still be the same bytes."""
    small, large = fixture_layout("small"), fixture_layout("large")
    alone = graphviz.render_many([small], output_format)[0]
    assert graphviz.render_many([large, small], output_format)[1] == alone


def test_pdf_creation_date_is_fixed() -> None:
    data = graphviz.render(fixture_layout("small"), "pdf")
    assert re.findall(rb"/CreationDate \(([^)]*)\)", data) == [b"D:19700101000000Z"]


def test_missing_graphviz_names_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SvcmapError, match="graphviz"):
        graphviz.render(fixture_layout("small"), "svg")


def test_a_large_process_draws_with_routed_edges() -> None:
    """No 'nodes touch' fallback: every shape keeps its distance, so neato routes splines around them."""
    dot = graphviz.to_dot(fixture_layout("large"))
    completed = subprocess.run(["neato", "-n2", "-Tsvg"], input=dot.encode(), capture_output=True, check=True)
    assert completed.stderr == b""
