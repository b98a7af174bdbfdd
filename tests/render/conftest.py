"""Fixtures for the render tests."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.render.helpers import FIXTURES


@pytest.fixture
def copy_fixture(tmp_path: Path) -> Callable[[str], Path]:
    """A writable copy of tests/render/fixtures/<name>."""

    def make(name: str) -> Path:
        root = tmp_path / name
        shutil.copytree(FIXTURES / name, root)
        return root

    return make
