"""The action's steps run here as a runner runs them: validate's annotations and SARIF, fmt, the diff of a
shallow pull request checkout against its base, the comment script, and the step that decides the job."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from svcmap.rules.registry import RULES
from tests.action.actionfile import run_step, step
from tests.conftest import FIXTURES, write_files
from tests.diff.gitrepo import GIT_IDENTITY, Repo

UNUSED_PROCESS = "id: zaalhuur\nname: Zaalhuur\nsteps: [{id: a, name: Aanvraag, unit: onthaal, channel: web}]\n"
UNUSED = {"processes/zaalhuur.yaml": UNUSED_PROCESS}
"""A process no product uses: one SVC105 warning at processes/zaalhuur.yaml:1:1."""
VALIDATE, FMT, DIFF, DECIDE = (
    "Validate the catalog",
    "Check the canonical layout",
    "Diff against the pull request's base",
    "Decide the job",
)


@pytest.fixture(autouse=True)
def git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def workspace(tmp_path: Path, subfolder: str = "", files: dict[str, str | None] | None = None) -> Path:
    """A checkout with the minimal catalog at its top, or in a subfolder, and some files replaced."""
    top = tmp_path / "workspace"
    shutil.copytree(FIXTURES / "minimal", top / subfolder)
    write_files(top / subfolder, files or {})
    return top


def test_validate_annotates_the_log_and_writes_sarif(tmp_path: Path) -> None:
    run = run_step(VALIDATE, {}, workspace(tmp_path, files=UNUSED))
    assert run.returncode == 0, run.stderr
    assert run.outputs == {"exit-code": "0", "sarif-file": str(tmp_path / "runner-temp" / "svcmap.sarif")}
    assert run.stdout.splitlines()[0].startswith(
        f"::warning file=processes/zaalhuur.yaml,line=1,col=1,title=SVC105 {RULES['SVC105'].name}::"
    )
    (result,) = json.loads(Path(run.outputs["sarif-file"]).read_text(encoding="utf-8"))["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "processes/zaalhuur.yaml"


def test_findings_at_the_failing_level_fail_the_job_in_its_last_step(tmp_path: Path) -> None:
    """The validate step itself passes, so that the upload runs; the last step exits with its code."""
    top = workspace(tmp_path, files=UNUSED)
    run = run_step(VALIDATE, {"inputs.args": "--strict --select SVC1"}, top)
    assert run.returncode == 0 and run.outputs["exit-code"] == "1"
    decide = run_step(DECIDE, {"steps.validate.outputs.exit-code": run.outputs["exit-code"]}, top)
    assert decide.returncode == 1 and "svcmap validate exited 1" in decide.stdout


def test_a_catalog_in_a_subfolder_gets_repository_relative_paths(tmp_path: Path) -> None:
    run = run_step(VALIDATE, {"inputs.root": "catalogs/gent"}, workspace(tmp_path, "catalogs/gent", UNUSED))
    assert run.stdout.startswith("::warning file=catalogs/gent/processes/zaalhuur.yaml,line=1,")
    (result,) = json.loads(Path(run.outputs["sarif-file"]).read_text(encoding="utf-8"))["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "catalogs/gent/processes/zaalhuur.yaml"


def test_a_custom_sarif_file_and_no_sarif(tmp_path: Path) -> None:
    top = workspace(tmp_path)
    run = run_step(VALIDATE, {"inputs.sarif-file": "out.sarif"}, top)
    assert run.outputs["sarif-file"] == "out.sarif" and json.loads((top / "out.sarif").read_text("utf-8"))["runs"]
    assert run_step(VALIDATE, {"inputs.sarif": "false"}, top).outputs == {"exit-code": "0"}


def test_unusable_input_leaves_no_sarif_to_upload(tmp_path: Path) -> None:
    run = run_step(VALIDATE, {"inputs.root": "no-such-folder"}, workspace(tmp_path))
    assert run.outputs == {"exit-code": "2", "sarif-file": ""}


def test_fmt_check_shows_the_diff_and_fails_the_job(tmp_path: Path) -> None:
    product = "catalog/products/adreswijziging.yaml"
    unformatted = "name: Adreswijziging doorgeven\nid: adreswijziging\nowner: burgerzaken\nprocess: adreswijziging\n"
    unformatted += "channels:\n- web\n"
    top = workspace(tmp_path, files={product: unformatted})
    run = run_step(FMT, {}, top)
    assert run.returncode == 0 and run.outputs == {"exit-code": "1"} and f"+++ b/{product}" in run.stdout
    decide = run_step(DECIDE, {"steps.validate.outputs.exit-code": "0", "steps.fmt.outputs.exit-code": "1"}, top)
    assert decide.returncode == 1 and "svcmap fmt --check exited 1" in decide.stdout


@pytest.mark.parametrize(
    ("version", "requirement"),
    [("", "/actions/svcmap"), ("0.2.0", "svcmap==0.2.0"), ("git+https://example.org/svcmap@v1", None)],
)
def test_install_takes_the_actions_own_copy_or_the_version_given(
    tmp_path: Path, version: str, requirement: str | None
) -> None:
    calls = tmp_path / "calls"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\n', encoding="utf-8")
    python.chmod(0o755)
    context = {"steps.python.outputs.python-path": str(python), "github.action_path": "/actions/svcmap"}
    run = run_step("Install svcmap", {**context, "inputs.version": version}, workspace(tmp_path))
    assert run.returncode == 0, run.stderr
    assert calls.read_text(encoding="utf-8").splitlines() == [
        f"-m pip install --disable-pip-version-check --quiet {requirement or version}",
        "-m svcmap --version",
    ]


def pull_request(tmp_path: Path, change: dict[str, str | None]) -> tuple[Path, str]:
    """A repository with the minimal catalog as the base commit and change on top, checked out one
    commit deep as actions/checkout does for a pull request; the checkout and the base's sha."""
    origin = Repo(tmp_path / "origin")
    shutil.copytree(FIXTURES / "minimal", origin.root, dirs_exist_ok=True)
    base = origin.commit("base")
    origin.commit("the pull request", change)
    checkout = tmp_path / "workspace"
    subprocess.run(["git", "clone", "-q", "--depth=1", origin.top.as_uri(), str(checkout)], check=True)
    return checkout, base


def test_the_diff_fetches_the_base_of_a_shallow_checkout_and_writes_markdown(tmp_path: Path) -> None:
    checkout, base = pull_request(tmp_path, UNUSED)
    run = run_step(DIFF, {"github.event.pull_request.base.sha": base}, checkout)
    assert run.returncode == 0, run.stderr
    assert run.outputs == {"file": str(tmp_path / "runner-temp" / "svcmap-diff.md"), "exit-code": "0"}
    markdown = Path(run.outputs["file"]).read_text(encoding="utf-8")
    assert markdown.startswith("### svcmap diff: ") and "zaalhuur" in markdown
    assert run.summary == markdown


def test_a_tripped_fail_on_fails_the_job(tmp_path: Path) -> None:
    checkout, base = pull_request(tmp_path, {"processes/adreswijziging.yaml": None})
    context = {"github.event.pull_request.base.sha": base, "inputs.diff-fail-on": "handoffs-up removed"}
    run = run_step(DIFF, context, checkout)
    assert run.outputs["exit-code"] == "1" and "--fail-on removed" in run.stderr
    assert run.outputs["file"]  # the comment still shows what changed
    decide = run_step(DECIDE, {"steps.validate.outputs.exit-code": "0", "steps.diff.outputs.exit-code": "1"}, checkout)
    assert decide.returncode == 1


def test_an_unknown_base_gives_no_comment(tmp_path: Path) -> None:
    checkout, _ = pull_request(tmp_path, UNUSED)
    run = run_step(DIFF, {"github.event.pull_request.base.sha": "0" * 40}, checkout)
    assert run.returncode != 0 and "file" not in run.outputs


@pytest.mark.parametrize(
    ("validate", "fmt", "diff", "status"),
    [("0", "", "", 0), ("1", "", "", 1), ("0", "0", "0", 0), ("2", "1", "1", 2), ("0", "", "1", 1)],
)
def test_the_last_step_exits_with_the_first_failure(
    tmp_path: Path, validate: str, fmt: str, diff: str, status: int
) -> None:
    context = {
        "steps.validate.outputs.exit-code": validate,
        "steps.fmt.outputs.exit-code": fmt,
        "steps.diff.outputs.exit-code": diff,
    }
    assert run_step(DECIDE, context, tmp_path).returncode == status


COMMENT_HARNESS = """
const script = require("fs").readFileSync(process.argv[2], "utf8");
const [existing, diffFile] = [JSON.parse(process.argv[3]), process.argv[4]];
const calls = [];
const github = {
  paginate: async (method, args) => { calls.push(["list", args]); return existing; },
  rest: { issues: {
    listComments: "listComments",
    createComment: async (args) => calls.push(["create", args]),
    updateComment: async (args) => calls.push(["update", args]),
  } },
};
const context = { repo: { owner: "gemeente", repo: "catalogus" }, payload: { pull_request: { number: 7 } } };
process.env.SVCMAP_DIFF_FILE = diffFile;
const run = new (Object.getPrototypeOf(async () => {}).constructor)("require", "github", "context", script);
run(require, github, context).then(() => console.log(JSON.stringify(calls)));
"""


def comment_calls(tmp_path: Path, existing: list[dict], diff: str) -> list:
    """What the comment script asks of GitHub's API, with github-script's `github` and `context` stubbed."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the comment script runs in actions/github-script (JavaScript)")
    (tmp_path / "harness.js").write_text(textwrap.dedent(COMMENT_HARNESS), encoding="utf-8")
    (tmp_path / "script.js").write_text(step("Comment on the pull request")["with"]["script"], encoding="utf-8")
    (tmp_path / "diff.md").write_text(diff, encoding="utf-8")
    command = [node, "harness.js", "script.js", json.dumps(existing), str(tmp_path / "diff.md")]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout)


def test_the_comment_is_created_once_then_updated(tmp_path: Path) -> None:
    where = {"owner": "gemeente", "repo": "catalogus", "issue_number": 7}
    first = comment_calls(tmp_path, [{"id": 1, "body": "LGTM"}], "### svcmap diff\n")
    assert first == [["list", where], ["create", {**where, "body": "<!-- svcmap diff -->\n### svcmap diff\n"}]]
    earlier = [{"id": 1, "body": "LGTM"}, {"id": 2, "body": "<!-- svcmap diff -->\nold"}]
    again = comment_calls(tmp_path, earlier, "### svcmap diff\nnew\n")
    body = "<!-- svcmap diff -->\n### svcmap diff\nnew\n"
    updated = {"owner": "gemeente", "repo": "catalogus", "comment_id": 2, "body": body}
    assert again == [["list", where], ["update", updated]]


def test_a_long_diff_is_cut_to_fit_a_comment(tmp_path: Path) -> None:
    (_, (_, created)) = comment_calls(tmp_path, [], "x" * 70_000)
    assert len(created["body"]) < 65_536 and created["body"].endswith("the whole diff is in the job's summary.\n")
