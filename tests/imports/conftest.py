"""Fixtures of the import tests: BPMN files written to a folder and imported into a fresh minimal catalog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from svcmap.imports.importer import Imported, import_bpmn
from tests.imports.bpmnfiles import catalog_root


@pytest.fixture
def import_files(tmp_path: Path) -> Callable[..., tuple[Imported, Path]]:
    """Write {name: bytes} into a folder, import them into a new copy of the minimal catalog: (result, ROOT)."""
    count = 0

    def run(files: dict[str, bytes], into: str | None = None) -> tuple[Imported, Path]:
        nonlocal count
        count += 1
        folder = tmp_path / f"run-{count}"
        folder.mkdir()
        root = catalog_root(folder)
        paths = []
        for name, data in files.items():
            path = folder / name
            path.write_bytes(data)
            paths.append(path)
        return import_bpmn(root, paths, into), root

    return run
