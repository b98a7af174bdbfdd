"""`svcmap export cpsv-ap` as a user runs it: stdout or an atomic --out, a bad --out refused before any work,
and a catalog with errors printed as validate prints them, exit 1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import RDF, Graph

from svcmap.exports.cpsv import CPSV

EXAMPLE = Path(__file__).resolve().parents[2]


def test_turtle_goes_to_stdout_by_default(cli) -> None:
    result = cli("export", "cpsv-ap", "--root", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(set(graph.subjects(RDF.type, CPSV.PublicService))) == 25


def test_out_replaces_a_file_whole_and_says_what_it_wrote(cli, tmp_path: Path) -> None:
    out = tmp_path / "catalogus.ttl"
    out.write_text("old", encoding="utf-8")
    result = cli(
        "export",
        "cpsv-ap",
        "--lang",
        "en",
        "--root",
        str(EXAMPLE),
        "--out",
        str(out),
        "--base-url",
        "https://www.x.be/",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out} (turtle, ")
    assert "<https://www.x.be/public-service/eid>" in out.read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["catalogus.ttl"]  # no temporary file left


def test_a_folder_or_a_missing_folder_as_out_is_a_usage_error(cli, tmp_path: Path) -> None:
    for out in (tmp_path, tmp_path / "missing" / "x.ttl"):
        result = cli("export", "cpsv-ap", "--root", str(EXAMPLE), "--out", str(out))
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("svcmap: ")
        assert not (tmp_path / "missing").exists()


def test_a_catalog_with_errors_prints_them_as_validate_does_and_exits_1(
    cli, catalog: Callable[..., Path], tmp_path: Path
) -> None:
    root = catalog({"catalog/products/adreswijziging.yaml": "id: adreswijziging\nname: [unclosed\n"})
    out = tmp_path / "out.ttl"
    result = cli("export", "cpsv-ap", "--root", str(root), "--format", "jsonld", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr.startswith("catalog/products/adreswijziging.yaml:3:1: SVC001 ")
    assert not out.exists()


def test_a_base_url_that_is_not_an_absolute_iri_is_a_usage_error(cli) -> None:
    for base in ("www.gemeente.be/", "https://x.be/a b/", "urn:"):
        result = cli("export", "cpsv-ap", "--root", str(EXAMPLE), "--base-url", base)
        assert result.exit_code == 2, (base, result.output)
        assert result.stdout == ""
