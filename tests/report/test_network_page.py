"""The report's unit network page: there, linked from every page, its tables and diagram, everything escaped."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.report.test_report import parse

REPO = Path(__file__).resolve().parents[2]
SMALL = REPO / "tests" / "network" / "fixtures" / "small"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
HOSTILE = '<script>alert("x")</script> & "]; node [image="/etc/passwd"] ]]> \\N'


@pytest.fixture
def small(tmp_path: Path) -> Path:
    root = tmp_path / "small"
    shutil.copytree(SMALL, root)
    return root


@needs_dot
def test_the_network_page_is_linked_from_every_page_and_holds_its_sections(small: Path, cli, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert cli("report", str(small), "--out", str(out)).exit_code == 0
    page = out / "network.html"
    for other in [out / "index.html", *(out / "processes").glob("*.html")]:
        links = [(other.parent / link).resolve() for link in parse(other).links]
        assert page.resolve() in links, other.name
    collected = parse(page)
    assert collected.images == ["network.svg"] and (out / "network.svg").is_file()
    for target in collected.links:
        assert (page.parent / target).resolve().is_file(), target
    text = " ".join(collected.text)
    for heading in ("Communities", "Units that exchange more work", "Brokers", "Candidate reorganisations"):
        assert heading in text
    assert "loket, milieu, omgeving" in text and "merge:" in text
    assert any(link.startswith("processes/") for link in collected.links)  # a candidate names its processes


@needs_dot
def test_catalog_text_on_the_network_page_and_in_its_diagram_is_escaped(small: Path, cli, tmp_path: Path) -> None:
    organisation = small / "catalog" / "organisation.yaml"
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    text = organisation.read_text(encoding="utf-8").replace("name: Gemeente Klein", f'name: "{quoted}"')
    text = text.replace("name: Milieu", f'name: "{quoted}"')
    organisation.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    assert cli("report", str(small), "--out", str(out)).exit_code == 0
    page = out / "network.html"
    assert "<script>" not in page.read_text(encoding="utf-8") and "script" not in parse(page).tags
    assert HOSTILE in "".join(parse(page).text)
    svg = ET.fromstring((out / "network.svg").read_bytes())  # well-formed, or this fails
    assert not [element for element in svg.iter() if element.tag.endswith(("script", "image"))]
