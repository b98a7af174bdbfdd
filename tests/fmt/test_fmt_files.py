"""fmt over a catalog folder: which files it writes, which it leaves alone, and how it writes them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from svcmap.errors import SvcmapError
from svcmap.fmt import canonical
from svcmap.fmt.formatter import Status, format_catalog, write_atomically

PRODUCT = "catalog/products/adreswijziging.yaml"
PROCESS = "processes/adreswijziging.yaml"
UNFORMATTED = (
    "name: Adreswijziging doorgeven\nid: adreswijziging\nowner: burgerzaken\nprocess: adreswijziging\n"
    "channels:\n- web\n"
)
FORMATTED = (
    "id: adreswijziging\nname: Adreswijziging doorgeven\nowner: burgerzaken\nprocess: adreswijziging\nchannels: [web]\n"
)


def outcomes(result) -> list[tuple[str, str, int, int, str]]:
    return [
        (r.path, r.status.value, r.finding.line, r.finding.column, r.finding.code)
        if r.finding
        else (r.path, r.status.value, 1, 1, "")
        for r in result.files
    ]


def test_the_fixture_catalog_is_already_formatted(catalog) -> None:
    result = format_catalog(catalog(), check=True)
    assert [r.status for r in result.files] == [Status.UNCHANGED] * 3
    assert not result.failed()


def test_check_reports_without_writing_and_fails(catalog) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    result = format_catalog(root, check=True)
    assert [r.path for r in result.changed] == [PRODUCT]
    assert result.failed()
    assert (root / PRODUCT).read_text(encoding="utf-8") == UNFORMATTED
    assert result.changed[0].diff().startswith(f"--- a/{PRODUCT}\n+++ b/{PRODUCT}\n")


def test_fmt_writes_the_canonical_layout_and_a_second_run_changes_nothing(catalog) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    first = format_catalog(root)
    assert [r.path for r in first.changed] == [PRODUCT] and not first.failed()
    assert (root / PRODUCT).read_text(encoding="utf-8") == FORMATTED
    assert format_catalog(root, check=True).changed == []


def test_a_file_with_a_syntax_error_is_left_byte_for_byte_and_reported(catalog) -> None:
    broken = b"id: adreswijziging\r\nname: [Adreswijziging\r\n  # \xc3\xa9\r\nchannels:\n- web\n"
    root = catalog({PROCESS: broken, PRODUCT: UNFORMATTED})
    result = format_catalog(root)
    assert (root / PROCESS).read_bytes() == broken
    assert (PROCESS, "problem", 4, 1, "SVC001") in outcomes(result)
    assert (root / PRODUCT).read_text(encoding="utf-8") == FORMATTED  # the other files are still formatted
    assert result.failed()


def test_a_file_that_fails_its_schema_is_left_alone(catalog) -> None:
    invalid = (
        "name: Adreswijziging\nid: adreswijziging\nowner: burgerzaken\nprocess: adreswijziging\nchannels: [loket]\n"
    )
    root = catalog({PRODUCT: invalid})
    result = format_catalog(root)
    assert (root / PRODUCT).read_text(encoding="utf-8") == invalid
    assert (PRODUCT, "problem", 5, 12, "SVC002") in outcomes(result)


@pytest.mark.parametrize("text, line", [("", 1), ("- a\n- b\n", 1)])
def test_an_empty_file_or_a_list_is_a_schema_problem(catalog, text: str, line: int) -> None:
    result = format_catalog(catalog({PRODUCT: text}))
    assert (PRODUCT, "problem", line, 1, "SVC002") in outcomes(result)


def test_an_unreadable_file_is_reported(catalog) -> None:
    root = catalog({PRODUCT: b"id: caf\xe9\n"})
    assert (PRODUCT, "problem", 1, 8, "SVC001") in outcomes(format_catalog(root))


def test_a_read_only_file_is_reported_not_written(catalog) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    os.chmod(root / PRODUCT, 0o444)
    try:
        result = format_catalog(root)
        assert [(r.path, r.status) for r in result.problems] == [(PRODUCT, Status.PROBLEM)]
        assert "read-only" in result.problems[0].finding.message
        assert (root / PRODUCT).read_text(encoding="utf-8") == UNFORMATTED
        assert format_catalog(root, check=True).changed[0].path == PRODUCT  # --check still says it would change
    finally:
        os.chmod(root / PRODUCT, 0o644)


def test_the_file_mode_is_kept_and_no_temporary_file_is_left(catalog) -> None:
    root = catalog({PRODUCT: UNFORMATTED})
    os.chmod(root / PRODUCT, 0o640)
    format_catalog(root)
    assert stat.S_IMODE((root / PRODUCT).stat().st_mode) == 0o640
    assert sorted(p.name for p in (root / "catalog/products").iterdir()) == ["adreswijziging.yaml"]


def test_a_symbolic_link_stays_a_link_and_its_target_is_formatted(catalog, tmp_path: Path) -> None:
    root = catalog()
    target = tmp_path / "elsewhere.yaml"
    target.write_text(UNFORMATTED, encoding="utf-8")
    (root / PRODUCT).unlink()
    (root / PRODUCT).symlink_to(target)
    format_catalog(root)
    assert (root / PRODUCT).is_symlink() and target.read_text(encoding="utf-8") == FORMATTED


def test_write_atomically_replaces_the_content_in_one_step(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("old\n", encoding="utf-8")
    write_atomically(path, b"new\n")
    assert path.read_bytes() == b"new\n" and [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


def test_paths_restrict_fmt_to_those_files(catalog) -> None:
    root = catalog(
        {
            PRODUCT: UNFORMATTED,
            PROCESS: "name: Adreswijziging behandelen\n"
            + ("id: adreswijziging\nsteps: [{id: a, name: A, unit: onthaal}]\n"),
        }
    )
    result = format_catalog(root, [root / PROCESS])
    assert [r.path for r in result.files] == [PROCESS]
    assert (root / PRODUCT).read_text(encoding="utf-8") == UNFORMATTED


def test_a_path_outside_the_catalog_is_a_usage_error(catalog, tmp_path: Path) -> None:
    stray = tmp_path / "stray.yaml"
    stray.write_text("a: b\n", encoding="utf-8")
    with pytest.raises(SvcmapError, match="not a catalog file"):
        format_catalog(catalog(), [stray])


def test_a_folder_without_a_catalog_is_svc004(tmp_path: Path) -> None:
    result = format_catalog(tmp_path)
    assert outcomes(result) == [("catalog/organisation.yaml", "problem", 1, 1, "SVC004")]
    assert result.failed()


def test_a_file_that_cannot_be_laid_out_safely_is_reported_and_left_alone(catalog, monkeypatch) -> None:
    def refuse(text: str, kind: str, data: object = None, styles: object = None) -> str:
        raise canonical.LayoutError("the canonical layout would lose a comment; left unchanged (please report this)")

    monkeypatch.setattr(canonical, "format_text", refuse)
    root = catalog({PRODUCT: UNFORMATTED})
    result = format_catalog(root, [root / PRODUCT])
    assert [(r.path, r.status) for r in result.files] == [(PRODUCT, Status.PROBLEM)]
    assert (root / PRODUCT).read_text(encoding="utf-8") == UNFORMATTED


def test_inline_suppressions_still_apply_after_fmt(catalog) -> None:
    from tests.conftest import codes

    process = (
        "name: Adreswijziging behandelen\nid: adreswijziging\nsteps:\n"
        "  - {name: Aangifte, id: aangifte, unit: onthaal, next: b}  # svcmap: ignore[SVC402]\n"
        "  - {id: b, name: B, unit: burgerzaken}\n"
    )
    root = catalog({PROCESS: process})
    before = codes(root)
    assert "SVC402" not in [code for code, *_ in before]
    assert [r.path for r in format_catalog(root).changed] == [PROCESS]
    step_line = (root / PROCESS).read_text(encoding="utf-8").splitlines()[3]
    assert step_line.split() == ["-", "id:", "aangifte", "#", "svcmap:", "ignore[SVC402]"]
    assert [code for code, *_ in codes(root)] == [code for code, *_ in before]
