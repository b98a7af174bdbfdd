"""Reading a file from a folder: every byte of it, even when it grew after it was looked at, within bounds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from svcmap.catalog import source
from svcmap.catalog.source import FileText, FolderSource, ReadFailure


def _read(path: Path, size: int) -> bytes:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        return source._read_all(descriptor, size)
    finally:
        os.close(descriptor)


def test_a_file_that_grew_since_its_stat_is_read_to_its_end(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(b"x" * 200_000)
    assert _read(path, 10) == b"x" * 200_000  # as if fstat had said 10 bytes


def test_reading_stops_past_the_limit_so_that_decode_refuses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "MAX_FILE_BYTES", 100)
    path = tmp_path / "p.yaml"
    path.write_bytes(b"x" * 300_000)
    got = _read(path, 10)
    assert 100 < len(got) < 300_000
    assert isinstance(source.decode("p.yaml", got), ReadFailure)


def test_a_folder_source_reads_text_and_says_why_not(tmp_path: Path) -> None:
    (tmp_path / "processes").mkdir()
    (tmp_path / "processes" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    (tmp_path / "processes" / "d.yaml").mkdir()
    folder = FolderSource(tmp_path)
    got = folder.read("processes/a.yaml")
    assert isinstance(got, FileText) and got.text == "id: a\n" and got.stat is not None
    assert folder.read("processes/d.yaml") == ReadFailure("processes/d.yaml", "is a folder, not a file")
    missing = folder.read("processes/none.yaml")
    assert isinstance(missing, ReadFailure) and "No such file" in missing.message
