"""Shared test helpers: a small valid catalog to start from, and ways to run svcmap on it."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from svcmap.catalog.source import FolderSource
from svcmap.cli import main
from svcmap.config import Config
from svcmap.rules.engine import ValidationResult, validate

FIXTURES = Path(__file__).parent / "fixtures"


def write_files(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write (or, with None, delete) files under root; text is dedented so tests can indent YAML."""
    for relative, content in files.items():
        path = root / relative
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def catalog(tmp_path: Path) -> Callable[..., Path]:
    """A copy of tests/fixtures/<base> (default: minimal) with some files replaced, added or removed."""

    def make(files: dict[str, str | bytes | None] | None = None, base: str = "minimal") -> Path:
        root = tmp_path / "catalog-root"
        if not root.exists():
            shutil.copytree(FIXTURES / base, root)
        return write_files(root, files or {})

    return make


def check(root: Path, config: Config | None = None) -> ValidationResult:
    return validate(FolderSource(root), config or Config())


def codes(root: Path, config: Config | None = None) -> list[tuple[str, str, int, str]]:
    """(code, file, line, subject) of every finding: what tests assert on, not the wording."""
    return [(f.code, f.file, f.line, f.subject) for f in check(root, config).findings]


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run the svcmap CLI in-process; exceptions propagate so a traceback fails the test."""
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture(autouse=True)
def _english_again() -> object:
    """The CLI's language is process-wide (svcmap.i18n); a test that ran in Dutch must not leave it so."""
    from svcmap import i18n

    yield
    i18n.reset()
