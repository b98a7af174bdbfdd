"""The repository's action.yml, read once for the action tests, and ways to run one of its steps here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

ACTION_FILE = Path(__file__).resolve().parents[2] / "action.yml"
ACTION: dict = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))
STEPS: list[dict] = ACTION["runs"]["steps"]

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}", re.DOTALL)
WHOLE_EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")
BASH = ["bash", "--noprofile", "--norc", "-eo", "pipefail"]
"""How a GitHub runner runs a `shell: bash` step."""


def step(name: str) -> dict:
    (found,) = [candidate for candidate in STEPS if candidate["name"] == name]
    return found


@dataclass(frozen=True)
class StepRun:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str


def run_step(name: str, context: Mapping[str, str], workspace: Path) -> StepRun:
    """Run one `run:` step as a runner would: its `env:` resolved from context ("inputs.root" → value,
    a missing input as its default), in the workspace, with GITHUB_OUTPUT and the job summary as files."""
    chosen = step(name)
    temp = workspace.parent / "runner-temp"
    temp.mkdir(exist_ok=True)
    output_file, summary_file = temp / f"output-{chosen.get('id', 'step')}", temp / "summary.md"
    output_file.write_text("", encoding="utf-8")
    env = {
        **os.environ,
        "GITHUB_WORKSPACE": str(workspace),
        "RUNNER_TEMP": str(temp),
        "GITHUB_OUTPUT": str(output_file),
        "GITHUB_STEP_SUMMARY": str(summary_file),
        **{key: resolve(value, context) for key, value in chosen.get("env", {}).items()},
    }
    script = temp / ("step.py" if chosen["shell"] == "python" else "step.sh")
    script.write_text(chosen["run"], encoding="utf-8")
    command = [sys.executable, str(script)] if chosen["shell"] == "python" else [*BASH, str(script)]
    done = subprocess.run(command, cwd=workspace, env=env, capture_output=True, text=True, timeout=120)
    outputs = dict(line.split("=", 1) for line in output_file.read_text(encoding="utf-8").splitlines())
    summary = summary_file.read_text(encoding="utf-8") if summary_file.exists() else ""
    return StepRun(done.returncode, done.stdout, done.stderr, outputs, summary)


def resolve(value: str, context: Mapping[str, str]) -> str:
    """An `env:` value, which the action keeps to one whole `${{ name }}`, looked up in context."""
    match = WHOLE_EXPRESSION.fullmatch(value)
    if match is None:
        return value
    name = match.group(1)
    if name in context:
        return context[name]
    if name.startswith("inputs."):
        return str(ACTION["inputs"][name.removeprefix("inputs.")].get("default", ""))
    if name == "steps.python.outputs.python-path":
        return sys.executable
    return ""  # another step's output that did not run: GitHub gives an empty string
