"""Helpers for diff tests: real git repositories in tmp_path, and small catalogs built from the minimal fixture."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, write_files
from tests.diff.gitrepo import GIT_IDENTITY, Repo


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Commits work on a machine without git config; nothing reads the user's own config."""
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> Callable[..., Repo]:
    """A repository whose first commit holds the minimal fixture catalog at ROOT (optionally a subfolder)."""

    def make(subfolder: str = "") -> Repo:
        made = Repo(tmp_path / "repo", subfolder)
        shutil.copytree(FIXTURES / "minimal", made.root, dirs_exist_ok=True)
        made.commit("minimal catalog")
        return made

    return make


@pytest.fixture
def folder(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the minimal fixture under a name, with some files replaced, added or removed."""

    def make(name: str, files: dict[str, str | bytes | None] | None = None) -> Path:
        root = tmp_path / name
        if not root.exists():
            shutil.copytree(FIXTURES / "minimal", root)
        return write_files(root, files or {})

    return make
