"""`render --network`: the unit network in every format — DOT that Graphviz reads, SVG that is XML, Mermaid that
Mermaid parses — with hostile unit names as literal text, domains as clusters and silo edges in the silo colour."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from svcmap.analysis.figures import analyze
from svcmap.network.figures import Network, network_of
from svcmap.render import network as drawing
from svcmap.render.style import EXTERNAL_FILL, HANDOFF_COLOR, SILO_COLOR
from svcmap.text import one_line
from tests import jstools
from tests.analysis.builder import catalog, process, step, unit
from tests.render import mermaidjs
from tests.render.helpers import LONG_NAME, NASTY_NAMES, load, write_catalog

REPO = Path(__file__).resolve().parents[2]
SMALL = REPO / "tests" / "network" / "fixtures" / "small"
SVG = "{http://www.w3.org/2000/svg}"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")

HOSTILE_UNITS = [
    {"id": f"u{index}", "name": name, "office": "back", "domain": "een" if index % 2 else "twee"}
    for index, name in enumerate((*NASTY_NAMES, LONG_NAME))
] + [{"id": "partner", "name": '<script>"partner"</script> & ]]>', "office": "back", "external": True}]


def network_at(root: Path) -> tuple[Network, str | None]:
    model = load(root)
    return network_of(model, analyze(model)), model.organisation_name


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Network:
    units = [unit["id"] for unit in HOSTILE_UNITS]
    steps = [
        {
            "id": f"s{index}",
            "name": f"Stap {index}",
            "unit": unit,
            **({"next": f"s{index + 1}"} if index + 1 < len(units) else {}),
        }
        for index, unit in enumerate(units)
    ]
    root = write_catalog(tmp_path_factory.mktemp("hostile"), HOSTILE_UNITS, steps)
    return network_at(root)[0]


def graphviz_json(dot: str) -> dict:
    """Graphviz's own reading of a DOT text (it fails on a syntax error)."""
    completed = subprocess.run(["dot", "-Tjson"], input=dot.encode(), capture_output=True, check=True)
    return json.loads(completed.stdout)


@needs_dot
def test_dot_has_a_cluster_per_domain_and_edges_by_kind() -> None:
    network, organisation = network_at(SMALL)
    graph = graphviz_json(drawing.to_dot(network, organisation))
    clusters = {obj["name"]: obj for obj in graph["objects"] if obj["name"].startswith("cluster_")}
    labels = sorted(re.sub(r"<[^>]+>", "", obj["label"]) for obj in clusters.values())
    assert labels == ["domain: dienstverlening", "domain: ruimte"]  # politie (external) stands apart
    names = {obj["_gvid"]: obj["name"] for obj in graph["objects"]}
    edges = {(names[edge["tail"]], names[edge["head"]]): edge for edge in graph["edges"]}
    assert len(edges) == len(network.edges) == 7
    assert edges["loket", "omgeving"]["color"] == SILO_COLOR  # between domains
    assert edges["omgeving", "milieu"]["color"] == HANDOFF_COLOR  # within ruimte
    assert edges["burgerzaken", "politie"]["style"] == "dashed"  # with an external partner
    assert float(edges["loket", "omgeving"]["penwidth"]) > float(edges["omgeving", "milieu"]["penwidth"])
    politie = next(obj for obj in graph["objects"] if obj["name"] == "politie")
    assert "dashed" in politie["style"] and politie["fillcolor"] == EXTERNAL_FILL


@needs_dot
def test_hostile_names_read_back_literally_from_dot_and_svg(hostile: Network) -> None:
    graph = graphviz_json(drawing.to_dot(hostile, 'Gemeente "<x>" & \\N'))
    for obj in graph["objects"]:
        assert not {"image", "shapefile", "URL", "href"} & set(obj), obj["name"]
    tooltips = {obj["name"]: obj.get("tooltip") for obj in graph["objects"] if "tooltip" in obj}
    for hostile_unit in HOSTILE_UNITS:
        read = tooltips.get(hostile_unit["id"], "")
        assert read.replace("\\\\", "\\").replace("\\\\", "\\").replace("&amp;", "&") == one_line(hostile_unit["name"])
    root = ET.fromstring(drawing.render(hostile, 'Gemeente "<x>" & \\N', "svg"))  # well-formed XML, or this fails
    assert not list(root.iter(f"{SVG}image")) and not list(root.iter(f"{SVG}script"))
    texts = "".join(text.text or "" for text in root.iter(f"{SVG}text"))
    assert "".join(one_line('<script>"partner"</script> & ]]>').split()) in "".join(texts.split())


@needs_dot
@pytest.mark.parametrize("output_format", ["svg", "png", "dot", "mermaid"])
def test_render_network_writes_each_format(tmp_path: Path, cli, output_format: str) -> None:
    out = tmp_path / "out"
    result = cli("render", "--root", str(REPO), "--network", "--format", output_format, "--out", str(out))
    assert result.exit_code == 0, result.output
    written = out / f"network.{drawing.EXTENSIONS[output_format]}"
    data = written.read_bytes()
    assert data.startswith(
        {"svg": b"<?xml", "png": b"\x89PNG", "dot": b"digraph", "mermaid": b"flowchart"}[output_format]
    )
    if output_format in ("dot", "mermaid"):
        shown = cli("render", "--root", str(REPO), "--network", "--format", output_format)
        assert shown.stdout.encode() == data  # without --out, a text format goes to stdout, the same


def test_render_network_refuses_what_it_cannot_draw(cli) -> None:
    for args in (["--format", "bpmn"], ["--format", "png"], ["adreswijziging"], ["--all"]):
        result = cli("render", "--root", str(REPO), "--network", *args)
        assert result.exit_code == 2, args


def test_mermaid_keeps_names_inside_their_labels(hostile: Network) -> None:
    text = drawing.to_mermaid(hostile, "Gemeente")
    for line in text.splitlines():
        if line.strip().startswith("u"):
            assert re.fullmatch(r'\s*u_[a-z0-9_]+\["[^"\[\]]*"\]', line) or "-->" in line or "-.->" in line, line
    assert "<script>" not in text


def test_mermaid_parses_and_renders(hostile: Network) -> None:
    if not (jstools.NODE_MODULES / "mermaid").is_dir():
        pytest.skip("tools/js/node_modules is missing: `make js` installs Mermaid")
    network, organisation = network_at(REPO)
    texts = {"example": drawing.to_mermaid(network, organisation), "hostile": drawing.to_mermaid(hostile, "G")}
    rendered = mermaidjs.render_all(texts)
    for name, result in rendered.items():
        assert result.error is None, (name, result.error)
        assert result.svg and len(result.subgraphs) >= 2


def test_a_dense_network_draws_its_busiest_pairs_and_says_so() -> None:
    names = [f"u{index:02}" for index in range(12)]  # 132 ordered pairs, each handing work once, u00 → u01 thrice
    processes = [
        process(f"p-{a}-{b}", [step("s1", a, ["s2"]), step("s2", b)]) for a in names for b in names if a != b
    ] + [process(f"q{n}", [step("s1", "u00", ["s2"]), step("s2", "u01")]) for n in range(2)]
    model = catalog([unit(name) for name in names], processes)
    network = network_of(model, analyze(model))
    drawn = drawing.drawn_edges(network)
    assert len(network.edges) == 132 and len(drawn) == drawing.MOST_EDGES
    assert drawn[0].handoffs == 3 and (drawn[0].source, drawn[0].target) == ("u00", "u01")
    assert f"the {drawing.MOST_EDGES} busiest of 132 handoff pairs drawn" in drawing.title(network, None)
    assert drawing.to_mermaid(network, None).count("linkStyle") == drawing.MOST_EDGES
