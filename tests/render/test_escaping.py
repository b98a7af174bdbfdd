"""Catalog text is untrusted: hostile names come out as literal text in DOT, SVG, Mermaid, BPMN and the index."""

from __future__ import annotations

import html
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from svcmap.render import bpmn, graphviz, mermaid
from svcmap.render.layout import layout_process, products_of
from svcmap.text import markdown_text, one_line
from tests.render.helpers import LONG_NAME, NASTY_NAMES, UNITS, load, nasty_steps, write_catalog

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
MODEL = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
PRODUCT_NAME = 'Product "<&>" \\ 😀 ]; x [URL="http://evil"]'


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory):
    root = write_catalog(
        tmp_path_factory.mktemp("nasty"), UNITS, nasty_steps(NASTY_NAMES + (LONG_NAME,)), product_name=PRODUCT_NAME
    )
    catalog = load(root)
    process = catalog.processes["proces"]
    return layout_process(catalog, process, products_of(catalog, process.id))


def _squeezed(text: str) -> str:
    """Text without white space: wrapping into lines may move spaces, never other characters."""
    return "".join(text.split())


def _graphviz_json(dot: str) -> dict:
    completed = subprocess.run(["neato", "-n2", "-Tjson"], input=dot.encode(), capture_output=True, check=True)
    return json.loads(completed.stdout)


def test_dot_reads_back_as_the_literal_names(layout) -> None:
    """Graphviz's own reading of our DOT: the same nodes, labels and tooltips holding the text, no new attribute."""
    graph = _graphviz_json(graphviz.to_dot(layout))
    objects = {obj["name"]: obj for obj in graph["objects"]}
    expected_nodes = {node.id for node in layout.nodes}
    assert expected_nodes <= set(objects)
    for index, name in enumerate(NASTY_NAMES):
        step = objects[f"step:s{index}"]
        # Graphviz reads a tooltip as escString twice, then SVG as XML: so do we
        tooltip = step.get("tooltip", "").replace("\\\\", "\\").replace("\\\\", "\\").replace("&amp;", "&")
        assert tooltip == one_line(name)
        label = html.unescape(re.sub(r"<[^>]+>", " ", step["label"])).replace("\\\\", "\\")  # and escString
        assert _squeezed(label).startswith(_squeezed(one_line(name)))
    for obj in graph["objects"]:
        assert not {"image", "shapefile", "URL", "href"} & set(obj), obj["name"]
    for edge in graph.get("edges", []):
        assert not {"image", "URL", "href"} & set(edge)


def test_svg_holds_the_literal_texts(layout) -> None:
    root = ET.fromstring(graphviz.render(layout, "svg"))
    assert not list(root.iter(f"{SVG}image"))
    groups = {group.findtext(f"{SVG}title"): group for group in root.iter(f"{SVG}g") if group.get("class") == "node"}
    for index, name in enumerate(NASTY_NAMES + (LONG_NAME,)):
        group = groups[f"step:s{index}"]
        shown = "".join(text.text or "" for text in group.iter(f"{SVG}text")).removesuffix("channel: web")
        if name is LONG_NAME:
            assert shown.endswith("…") and _squeezed(name).startswith(_squeezed(shown)[:-1])
        else:
            assert _squeezed(shown) == _squeezed(one_line(name))
        anchors = [a.get(f"{XLINK}title") for a in group.iter(f"{SVG}a")]
        assert anchors == ([one_line(name)] if one_line(name) else [])  # the full name, however long
    texts = "".join(text.text or "" for text in root.iter(f"{SVG}text"))
    assert _squeezed(one_line(PRODUCT_NAME)) in _squeezed(texts)


def test_mermaid_labels_hold_no_raw_markup(layout) -> None:
    text = mermaid.to_mermaid(layout)
    node_line = re.compile(r'^\s+(n_[a-z0-9_]+)(\["([^"]*)"\]|\(\("start"\)\)|\(\(\("end"\)\)\)|\{"×"\})$')
    labels = {}
    for line in text.splitlines():
        if line.strip().startswith("n_") and not re.search(r" (-->|-\.->|==>|~~~)", line):
            match = node_line.match(line)
            assert match, line
            if match.group(3) is not None:
                labels[match.group(1)] = match.group(3)
    for index, name in enumerate(NASTY_NAMES + (LONG_NAME,)):
        label = labels[f"n_step_s{index}"].split("<br/>")[0]
        assert not set(re.sub(r"#\d+;", "", label)) & set('"[]{}|<>`;\\#&%')
        assert re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label) == (one_line(name) or " ")  # never [""]
    edge_line = re.compile(r'^\s+n_[a-z0-9_]+ (-->|==>|-\.->)(\|"([^"]*)"\|)? n_[a-z0-9_]+$')
    whens = []
    for line in text.splitlines():
        if "-->" in line or "==>" in line or "-.->" in line:
            match = edge_line.match(line)
            assert match, line
            if match.group(3):
                whens.append(re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), match.group(3)))
    assert one_line(NASTY_NAMES[0]) in whens and one_line(NASTY_NAMES[5]) in whens
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    assert json.loads(title.removeprefix("title: ")).startswith(one_line(PRODUCT_NAME))


def test_bpmn_holds_the_literal_names(layout) -> None:
    root = ET.fromstring(bpmn.to_bpmn(layout).encode())
    names = {
        task.get("id"): task.get("name") for task in root.iter() if task.tag in (f"{MODEL}task", f"{MODEL}userTask")
    }
    for index, name in enumerate(NASTY_NAMES + (LONG_NAME,)):
        assert names[f"Task_s{index}"] == (one_line(name) or f"s{index}")  # a blank name: the step's id
    flows = [flow.get("name") for flow in root.iter(f"{MODEL}sequenceFlow") if flow.get("name")]
    assert one_line(NASTY_NAMES[5]) in flows
    assert root.find(f"{MODEL}collaboration/{MODEL}participant").get("name") == one_line(PRODUCT_NAME)


def test_markdown_text_escapes_markup() -> None:
    assert markdown_text("[a](b) *c* <d> & `e` | f\ng") == r"\[a\](b) \*c\* &lt;d&gt; &amp; \`e\` \| f g"


def test_names_reach_no_file_path(tmp_path: Path, layout) -> None:
    """Even rendered to a file, nothing is read from /etc/passwd: SVG holds no reference to it outside text."""
    svg = graphviz.render(layout, "svg").decode()
    outside_text = re.sub(r"<text[^>]*>.*?</text>|xlink:title=\"[^\"]*\"", "", svg, flags=re.DOTALL)
    assert "/etc/passwd" not in outside_text
