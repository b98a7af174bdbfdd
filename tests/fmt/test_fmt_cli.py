"""`svcmap fmt` through the CLI: exit codes, what it prints, ROOT and PATHS."""

from __future__ import annotations

import os
from pathlib import Path

PRODUCT = "catalog/products/adreswijziging.yaml"
UNFORMATTED = (
    "name: Adreswijziging doorgeven\nid: adreswijziging\nowner: burgerzaken\nprocess: adreswijziging\n"
    "channels:\n- web\n"
)


def test_check_on_a_formatted_catalog_exits_0(catalog, cli) -> None:
    result = cli("fmt", str(catalog()), "--check")
    assert result.exit_code == 0
    assert result.output == "0 files would be reformatted, 3 already formatted\n"


def test_check_lists_the_files_that_would_change_and_exits_1(catalog, cli) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    result = cli("fmt", "--check", str(root))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"would reformat {PRODUCT}",
        "1 file would be reformatted, 2 already formatted",
    ]
    assert (root / PRODUCT).read_text(encoding="utf-8") == UNFORMATTED


def test_diff_shows_the_change_and_writes_nothing(catalog, cli) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    result = cli("fmt", "--diff", "--root", str(root))
    assert result.exit_code == 1
    assert "+id: adreswijziging\n name: Adreswijziging doorgeven\n-id: adreswijziging\n" in result.output
    assert "-channels:\n-- web\n+channels: [web]\n" in result.output
    assert (root / PRODUCT).read_text(encoding="utf-8") == UNFORMATTED


def test_fmt_rewrites_then_check_passes(catalog, cli) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    result = cli("fmt", str(root))
    assert result.exit_code == 0
    assert result.output.splitlines() == [f"reformatted {PRODUCT}", "1 file reformatted, 2 unchanged"]
    assert cli("fmt", "--check", str(root)).exit_code == 0


def test_a_broken_file_is_reported_as_file_line_col_and_exits_1(catalog, cli) -> None:
    root = catalog({PRODUCT: "id: adreswijziging\nname: [x\n"})
    result = cli("fmt", str(root))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(f"{PRODUCT}:3:1: SVC001 ")


def test_paths_after_root_limit_fmt_to_those_files(catalog, cli) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    result = cli("fmt", str(root), str(root / "processes/adreswijziging.yaml"))
    assert result.exit_code == 0 and result.output == "0 files reformatted, 1 unchanged\n"
    assert (root / PRODUCT).read_text(encoding="utf-8") == UNFORMATTED


def test_paths_alone_find_root_from_the_current_folder(catalog, cli, monkeypatch) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    monkeypatch.chdir(root)
    result = cli("fmt", "--check", PRODUCT)
    assert result.exit_code == 1 and result.output.splitlines()[0] == f"would reformat {PRODUCT}"


def test_paths_alone_find_the_catalog_they_belong_to(catalog, cli, tmp_path: Path, monkeypatch) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    monkeypatch.chdir(tmp_path)
    result = cli("fmt", "--check", str(root / PRODUCT))
    assert result.exit_code == 1 and result.output.splitlines()[0] == f"would reformat {PRODUCT}"


def test_a_path_that_is_no_catalog_file_is_a_usage_error(catalog, cli, tmp_path: Path) -> None:
    stray = tmp_path / "stray.yaml"
    stray.write_text("a: b\n", encoding="utf-8")
    result = cli("fmt", str(catalog()), str(stray))
    assert result.exit_code == 2 and "not a catalog file" in result.output


def test_a_missing_root_is_a_usage_error(cli, tmp_path: Path) -> None:
    assert cli("fmt", str(tmp_path / "nowhere")).exit_code == 2


def test_a_read_only_file_is_reported_and_exits_1(catalog, cli) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    os.chmod(root / PRODUCT, 0o444)
    try:
        result = cli("fmt", str(root))
    finally:
        os.chmod(root / PRODUCT, 0o644)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == f"{PRODUCT}:1:1: file is read-only; not formatted (not formatted)"
