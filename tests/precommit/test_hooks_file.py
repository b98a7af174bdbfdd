"""`.pre-commit-hooks.yaml`: both hooks check the whole catalog, run on catalog files, and call real commands."""

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


@pytest.mark.parametrize("hook_id", ["svcmap-validate", "svcmap-fmt"])
def test_a_hook_gets_no_file_list_and_runs_an_svcmap_command(hook_id: str) -> None:
    hook = hooks()[hook_id]
    assert hook["language"] == "python" and hook["pass_filenames"] is False
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
