"""Noncharacters (U+FFFE, U+FFFF …) pass validate, arriving through escapes in double-quoted YAML: every
diagram format must still draw, and write files its readers accept (they made Graphviz fail, and BPMN
and SVG not well-formed XML)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from svcmap.text import REPLACEMENT

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")

ESCAPED = {
    "catalog/products/adreswijziging.yaml": ("name: Adreswijziging doorgeven", r'name: "Aanvraag \uFFFE"'),
    "processes/adreswijziging.yaml": ("name: Woonstcontrole", r'name: "Woonst\uFFFFcontrole \U0001FFFE \uFDD0"'),
    "catalog/organisation.yaml": ("name: Burgerzaken", r'name: "Burger\uFFFEzaken"'),
}
"""A product, a step and a unit named with noncharacters, written as a catalog must write them: escaped."""


@pytest.fixture
def noncharacters(copy_fixture: Callable[[str], Path]) -> Path:
    root = copy_fixture("small")
    for relative, (plain, escaped) in ESCAPED.items():
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert plain in text
        path.write_text(text.replace(plain, escaped, 1), encoding="utf-8")
    return root


def _render(cli, root: Path, output_format: str, out: Path) -> bytes:  # type: ignore[no-untyped-def]
    result = cli("render", "--root", str(root), "adreswijziging", "--format", output_format, "--out", str(out))
    assert result.exit_code == 0, result.output
    [written] = out.iterdir()
    return written.read_bytes()


def test_the_catalog_is_valid(cli, noncharacters: Path) -> None:
    assert cli("validate", str(noncharacters)).exit_code == 0


@needs_dot
def test_svg_draws_and_is_well_formed(cli, noncharacters: Path, tmp_path: Path) -> None:
    svg = ET.fromstring(_render(cli, noncharacters, "svg", tmp_path / "svg"))
    texts = "".join(text.text or "" for text in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert f"Aanvraag {REPLACEMENT}" in texts and f"Woonst{REPLACEMENT}controle" in texts


@needs_dot
@pytest.mark.parametrize(("output_format", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_png_and_pdf_draw(cli, noncharacters: Path, tmp_path: Path, output_format: str, magic: bytes) -> None:
    assert _render(cli, noncharacters, output_format, tmp_path / output_format).startswith(magic)


def test_bpmn_is_well_formed_xml(cli, noncharacters: Path, tmp_path: Path) -> None:
    root = ET.fromstring(_render(cli, noncharacters, "bpmn", tmp_path / "bpmn"))
    names = {element.get("name") for element in root.iter() if element.get("name")}
    assert f"Aanvraag {REPLACEMENT}" in names and f"Woonst{REPLACEMENT}controle {REPLACEMENT} {REPLACEMENT}" in names
    assert any(name.startswith(f"Burger{REPLACEMENT}zaken") for name in names)


def test_mermaid_front_matter_is_yaml_and_labels_hold_no_noncharacter(cli, noncharacters: Path, tmp_path: Path) -> None:
    text = _render(cli, noncharacters, "mermaid", tmp_path / "mermaid").decode("utf-8")
    front_matter = text.split("---\n")[1]
    assert yaml.safe_load(front_matter)["title"].startswith(f"Aanvraag {REPLACEMENT} — ")
    assert not {"\ufffe", "\uffff", "\U0001fffe", "\ufdd0"} & set(text)


def test_dot_holds_no_noncharacter(cli, noncharacters: Path, tmp_path: Path) -> None:
    text = _render(cli, noncharacters, "dot", tmp_path / "dot").decode("utf-8")
    assert not {"\ufffe", "\uffff", "\U0001fffe", "\ufdd0"} & set(text)
