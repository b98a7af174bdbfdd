"""`validate --format gitlab`: a GitLab Code Quality report, valid against GitLab's documented format, whose
fingerprints survive reruns and lines moving."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

import jsonschema

from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.findings import Finding, Severity
from svcmap.reporters.findings import ReportOptions, gitlab
from svcmap.rules.engine import ValidationResult, validate
from tests.reporters.catalogs import BROKEN_PRODUCT, UNUSED_PROCESS, with_findings

SCHEMA = Path(__file__).parent / "data" / "gitlab-code-quality.schema.json"
EXAMPLE = Path(__file__).parents[2]
"""The repository's own example catalog (catalog/, processes/), with warnings of many rules."""


@cache
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def issues_of(report: str) -> list[dict]:
    """The report's issues, once it is checked against the schema and for what a schema cannot say."""
    assert not report.startswith("\ufeff")  # GitLab's parser refuses a byte-order mark
    issues = json.loads(report)
    errors = sorted(validator().iter_errors(issues), key=lambda error: list(error.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []
    fingerprints = [issue["fingerprint"] for issue in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # GitLab keeps one issue per fingerprint
    return issues


def example_copy(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    for folder in ("catalog", "processes"):
        shutil.copytree(EXAMPLE / folder, root / folder)
    return root


def report_of(root: Path) -> str:
    return gitlab(validate(FolderSource(root), Config()))


def test_issues_are_valid_and_say_what_the_findings_say(catalog) -> None:
    issues = issues_of(gitlab(with_findings(catalog)))
    assert [
        (issue["check_name"], issue["severity"], issue["location"]["path"], issue["location"]["lines"]["begin"])
        for issue in issues
    ] == [
        ("SVC001", "major", BROKEN_PRODUCT, 3),
        ("SVC105", "minor", UNUSED_PROCESS, 1),
        ("SVC101", "major", UNUSED_PROCESS, 4),
    ]
    assert all(issue["description"].startswith(issue["check_name"] + " ") for issue in issues)


def test_a_clean_catalog_is_an_empty_array(catalog) -> None:
    assert issues_of(report_of(catalog())) == []


def test_the_example_catalog_is_a_valid_report(tmp_path: Path) -> None:
    result = validate(FolderSource(example_copy(tmp_path)), Config())
    issues = issues_of(gitlab(result))
    assert len(issues) == len(result.findings) > 40
    assert [issue["severity"] for issue in issues].count("minor") == result.warnings


def test_fingerprints_are_the_same_on_a_rerun_and_after_a_blank_line_above(tmp_path: Path) -> None:
    root = example_copy(tmp_path)
    before = issues_of(report_of(root))
    assert issues_of(report_of(root)) == before
    edited = "processes/adreswijziging.yaml"
    path = root / edited
    path.write_text("\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = issues_of(report_of(root))
    moved = [issue for issue in before if issue["location"]["path"] == edited]
    assert moved  # the edit moved some findings, and kept every fingerprint
    assert {issue["fingerprint"] for issue in after} == {issue["fingerprint"] for issue in before}
    lines_after = {issue["fingerprint"]: issue["location"]["lines"]["begin"] for issue in after}
    for issue in before:
        shift = 1 if issue["location"]["path"] == edited else 0
        assert lines_after[issue["fingerprint"]] == issue["location"]["lines"]["begin"] + shift


def test_identical_findings_get_their_own_fingerprints_and_keep_them_when_others_come() -> None:
    twin = Finding("SVC302", Severity.WARNING, "ping-pong", "processes/p.yaml", 4, 5, "process:p/step:c")
    other = Finding("SVC105", Severity.WARNING, "unused", "processes/p.yaml", 1, 1, "process:p")
    alone = issues_of(gitlab(ValidationResult([twin, twin], 1, 0, 1)))
    with_other = issues_of(gitlab(ValidationResult([other, twin, twin], 1, 0, 1)))
    assert [issue["fingerprint"] for issue in with_other[1:]] == [issue["fingerprint"] for issue in alone]


def test_paths_start_at_the_repository_top() -> None:
    finding = Finding("SVC105", Severity.WARNING, "unused", "processes/p.yaml", 1, 1, "process:p")
    result = ValidationResult([finding], 1, 0, 1)
    (issue,) = issues_of(gitlab(result, ReportOptions(base="gemeenten/voorbeeld")))
    assert issue["location"]["path"] == "gemeenten/voorbeeld/processes/p.yaml"
    (at_top,) = issues_of(gitlab(result))
    assert at_top["fingerprint"] == issue["fingerprint"]  # moving the catalog in the repository is no new issue


def test_the_cli_writes_paths_from_the_git_top_of_a_catalog_below_it(catalog, cli, tmp_path: Path) -> None:
    root = catalog(
        {UNUSED_PROCESS: "id: zaalhuur\nname: Z\nsteps:\n  - {id: a, name: A, unit: onthaal, channel: web}\n"}
    )
    repository = tmp_path / "repository"
    shutil.move(root, repository / "gemeente")
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    result = cli("validate", str(repository / "gemeente"), "--format", "gitlab")
    assert result.exit_code == 0
    assert [issue["location"]["path"] for issue in issues_of(result.stdout)] == [f"gemeente/{UNUSED_PROCESS}"]


def test_catalog_text_stays_json_text() -> None:
    message = 'unknown unit "x\u001b[31m" </script> \u202e'
    finding = Finding("SVC101", Severity.ERROR, message, "processes/a.yaml", 2, 3, "process:a")
    (issue,) = issues_of(gitlab(ValidationResult([finding], 1, 0, 1)))
    assert issue["description"] == f"SVC101 {message}"
