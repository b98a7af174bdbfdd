"""`svcmap render` through the CLI: ids, --all with its index, stdout, files, exit codes, no Graphviz."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.render.helpers import FIXTURES

SMALL = str(FIXTURES / "small")


def test_a_text_format_goes_to_stdout(cli) -> None:
    result = cli("render", "--root", SMALL, "adreswijziging", "--format", "dot")
    assert result.exit_code == 0
    assert result.output.startswith('digraph "adreswijziging" {')
    assert result.output == (Path(__file__).parent / "golden" / "small.dot").read_text(encoding="utf-8")


def test_svg_to_stdout_is_xml(cli) -> None:
    result = cli("render", "--root", SMALL, "adreswijziging")
    assert result.exit_code == 0
    assert ET.fromstring(result.output.encode()).tag == "{http://www.w3.org/2000/svg}svg"


def test_a_process_id_is_drawn_for_the_products_that_use_it(cli, copy_fixture) -> None:
    root = copy_fixture("small")
    process = (root / "processes/adreswijziging.yaml").read_text()
    (root / "processes/adres.yaml").write_text(process.replace("id: adreswijziging", "id: adres", 1))
    for product, name in (("verhuis", "Verhuis melden"), ("inwonen", "Inwonen")):
        (root / f"catalog/products/{product}.yaml").write_text(
            f"id: {product}\nname: {name}\nowner: onthaal\nprocess: adres\nchannels: [web]\n"
        )
    as_process = cli("render", "--root", str(root), "adres", "--format", "mermaid").output
    as_product = cli("render", "--root", str(root), "verhuis", "--format", "mermaid").output
    assert as_process.splitlines()[1].startswith('title: "Inwonen / Verhuis melden — ')  # products in catalog order
    assert as_product.splitlines()[1].startswith('title: "Verhuis melden — ')


def test_out_writes_one_file_per_id(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("render", "--root", SMALL, "adreswijziging", "--format", "png", "--out", str(out))
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["adreswijziging.png"]
    assert (out / "adreswijziging.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("output_format", "files"),
    [
        ("svg", ["adreswijziging.svg", "index.html"]),
        ("pdf", ["adreswijziging.pdf", "index.html"]),
        ("dot", ["adreswijziging.dot", "index.md"]),
        ("mermaid", ["adreswijziging.mmd", "index.md"]),
        ("bpmn", ["adreswijziging.bpmn", "index.md"]),
    ],
)
def test_all_writes_every_process_and_an_index(cli, tmp_path: Path, output_format: str, files: list[str]) -> None:
    out = tmp_path / "out"
    result = cli("render", "--root", SMALL, "--all", "--format", output_format, "--out", str(out))
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == files  # no temporary file left behind


def test_the_index_links_every_diagram(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cli("render", "--root", str(FIXTURES / "large"), "--all", "--out", str(out))
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="omgevingsvergunning-groot.svg">' in index
    cli("render", "--root", str(FIXTURES / "large"), "--all", "--format", "mermaid", "--out", str(out))
    markdown = (out / "index.md").read_text(encoding="utf-8")
    assert "[Omgevingsvergunning groot project behandelen](omgevingsvergunning-groot.mmd)" in markdown
    assert "```mermaid\n---\ntitle: " in markdown


def test_files_are_byte_identical_between_runs(cli, tmp_path: Path) -> None:
    for run in ("one", "two"):
        for output_format in ("svg", "png", "pdf", "bpmn", "mermaid", "dot"):
            cli("render", "--root", SMALL, "--all", "--format", output_format, "--out", str(tmp_path / run))
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two and len(one) == 8


def test_unknown_id_names_close_matches(cli) -> None:
    result = cli("render", "--root", SMALL, "adreswijzging")
    assert result.exit_code == 2
    assert "adreswijzging" in result.stderr and "adreswijziging" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["adreswijziging", "--format", "png"],  # binary without --out
        ["adreswijziging", "--format", "pdf"],
        ["--all", "--format", "dot"],  # several diagrams without --out
        [],  # nothing to draw
        ["adreswijziging", "--all", "--out", "x"],
    ],
)
def test_usage_errors_exit_2(cli, args: list[str]) -> None:
    result = cli("render", "--root", SMALL, *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_catalog_with_errors_prints_them_and_exits_1(cli, copy_fixture) -> None:
    root = copy_fixture("small")
    path = root / "processes/adreswijziging.yaml"
    path.write_text(path.read_text().replace("unit: politie", "unit: polite"))
    result = cli("render", "--root", str(root), "adreswijziging", "--format", "dot")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "processes/adreswijziging.yaml:" in result.stderr and "SVC101" in result.stderr


def test_no_graphviz_fails_clearly_but_text_formats_work(cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = cli("render", "--root", SMALL, "adreswijziging", "--format", "png", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "graphviz" in result.stderr and "apt-get install graphviz" in result.stderr
    for output_format in ("dot", "mermaid", "bpmn"):
        assert cli("render", "--root", SMALL, "adreswijziging", "--format", output_format).exit_code == 0


def test_out_that_is_a_file_is_an_error(cli, tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    result = cli("render", "--root", SMALL, "adreswijziging", "--format", "dot", "--out", str(target))
    assert result.exit_code == 2 and "not a folder" in result.stderr


def test_every_example_process_renders_in_every_format(cli, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    if not (root / "catalog" / "organisation.yaml").exists():
        pytest.skip("no example catalog in this checkout")
    for output_format in ("svg", "mermaid", "bpmn", "dot"):
        result = cli(
            "render", "--root", str(root), "--all", "--format", output_format, "--out", str(tmp_path / output_format)
        )
        assert result.exit_code == 0, result.output
    processes = sorted(p.stem for p in (root / "processes").glob("*.yaml"))
    assert sorted(p.stem for p in (tmp_path / "svg").glob("*.svg")) == processes


def test_out_named_too_long_is_a_usage_error(cli, tmp_path: Path) -> None:
    """Path.exists raises ENAMETOOLONG for a name over 255 bytes: it must be a message, not an internal error."""
    for output_format in ("dot", "svg"):
        out = tmp_path / ("o" * 300)
        result = cli("render", "--root", SMALL, "adreswijziging", "--format", output_format, "--out", str(out))
        assert result.exit_code == 2
        assert "the name is too long" in result.stderr and "internal error" not in result.stderr
    result = cli("render", "--root", str(tmp_path / ("r" * 300)), "adreswijziging", "--format", "dot")
    assert result.exit_code == 2 and "the name is too long" in result.stderr
