"""Tests of the benchmark runner (python -m bench) on a tiny catalog, floor row only (fast)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench.__main__ import COMMANDS, BenchError, Invocation, _validate_note, main, run_once


def test_floor_row_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "figures.json"
    code = main(["--products", "5", "--runs", "2", "--only", "c", "--workdir", str(tmp_path / "w"),
                 "--json", str(out), "--quiet"])
    assert code == 0
    text = capsys.readouterr().out
    assert "PyYAML compose" in text and "a/c wall time" in text and "not run" in text
    data = json.loads(out.read_text())
    (row,) = data["rows"]
    assert row["key"] == "c" and len(row["times_s"]) == 2 and row["peak_rss_mb"] > 1
    assert data["catalog"]["files"] == 11
    assert (tmp_path / "w" / "catalog-n5-s1" / "catalog" / "organisation.yaml").is_file()


def test_unknown_row() -> None:
    assert main(["--only", "nope", "--quiet"]) == 2


def test_failing_command_is_reported(tmp_path: Path) -> None:
    inv = Invocation((sys.executable, "-c", "import sys; sys.stderr.write('bad'); sys.exit(2)"), "x", tmp_path)
    with pytest.raises(BenchError, match="exit code 2"):
        run_once(inv, frozenset({0, 1}))
    elapsed, rss, code, head, size = run_once(
        Invocation((sys.executable, "-c", "print('hi'); raise SystemExit(1)"), "y", tmp_path), frozenset({0, 1}))
    assert code == 1 and head.strip() == b"hi" and size == 3 and elapsed > 0 and rss > 1


def test_validate_note_reads_only_the_head() -> None:
    head = b'{\n  "summary": {"errors": 0, "warnings": 2, "files": 3},\n  "findings": [{"code": "SVC3'
    assert _validate_note(head, 5_000_000) == "summary: errors=0, warnings=2, files=3; stdout 5.0 MB"
    assert _validate_note(b"Traceback", 9).startswith("warning:")


def test_rows_are_one_list() -> None:
    keys = [c.key for c in COMMANDS]
    assert keys[:3] == ["a", "b", "c"] and len(set(keys)) == len(keys)
    assert dict(COMMANDS[0].compare_to) == {"b": 0.5, "c": 2.5} and COMMANDS[0].max_rss_mb == 400
