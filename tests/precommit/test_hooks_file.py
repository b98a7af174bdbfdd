"""`.pre-commit-hooks.yaml`: validate checks the whole catalog, fmt the changed files; both call real commands."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from svcmap.cli import main

HOOKS = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}


def test_there_are_validate_and_fmt_hooks() -> None:
    assert sorted(hooks()) == ["svcmap-fmt", "svcmap-validate"]


@pytest.mark.parametrize("hook_id, gets_file_names", [("svcmap-validate", False), ("svcmap-fmt", True)])
def test_only_fmt_gets_the_changed_files_and_both_run_an_svcmap_command(hook_id: str, gets_file_names: bool) -> None:
    hook = hooks()[hook_id]
    assert hook["language"] == "python" and hook["pass_filenames"] is gets_file_names
    program, command = shlex.split(hook["entry"])
    assert program == "svcmap" and main.get_command(None, command) is not None  # type: ignore[arg-type]


@pytest.mark.parametrize("hook_id", ["svcmap-validate", "svcmap-fmt"])
@pytest.mark.parametrize(
    "path, runs",
    [
        ("catalog/organisation.yaml", True),
        ("catalog/products/eid.yaml", True),
        ("processes/eid.yaml", True),
        ("gemeente/catalog/products/eid.yaml", True),
        ("README.md", False),
        ("catalog/products/notes.txt", False),
        ("docs/processes/x/eid.yaml", False),
    ],
)
def test_hooks_run_when_a_catalog_file_changes(hook_id: str, path: str, runs: bool) -> None:
    assert bool(re.search(hooks()[hook_id]["files"], path)) is runs
