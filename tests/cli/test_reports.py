"""`--output FILE` and `--report FORMAT:FILE` on validate, analyze and diff: several reports in one run, each
file whole or not at all, a summary line on stderr, the validate cache still answering, exit codes unchanged."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from svcmap.catalog.source import FolderSource
from svcmap.reporters import findings
from tests.reporters.catalogs import FILES

CI_FORMATS = ("json", "sarif", "junit", "github", "gitlab")
UNUSED = {
    "processes/zaalhuur.yaml": "id: zaalhuur\nname: Z\nsteps:\n  - {id: a, name: A, unit: onthaal, channel: web}\n"
}


def leftovers(folder: Path) -> list[str]:
    """Temporary files an interrupted write would leave beside its target."""
    return sorted(path.name for path in folder.rglob("*.svcmap-tmp"))


def age(root: Path) -> None:
    """Make the catalog's files older than the cache's racy window, as files are that were not just written."""
    past = root.stat().st_mtime - 10
    for path in root.rglob("*.yaml"):
        os.utime(path, (past, past))


# --- validate ---------------------------------------------------------------------------------------


def test_one_run_writes_every_report_as_each_format_alone_would(catalog, cli, tmp_path: Path) -> None:
    root = str(catalog(FILES))
    out = tmp_path / "reports"
    alone = {name: cli("validate", root, "--no-cache", "--format", name) for name in ("text", *CI_FORMATS)}
    reports = [arg for name in CI_FORMATS for arg in ("--report", f"{name}:{out / ('svcmap.' + name)}")]
    result = cli("validate", root, "--no-cache", *reports)
    assert result.exit_code == alone["text"].exit_code == 1  # the exit code does not depend on where reports go
    assert result.stdout == alone["text"].stdout  # the text still goes to the log
    for name in CI_FORMATS:
        assert (out / f"svcmap.{name}").read_text(encoding="utf-8") == alone[name].stdout, name
    written = ", ".join(str(out / f"svcmap.{name}") for name in CI_FORMATS)
    assert result.stderr == f"svcmap: 2 errors, 1 warning in 5 files; reports written to {written}\n"


def test_output_sends_the_format_report_to_a_file_and_says_so_on_stderr(catalog, cli, tmp_path: Path) -> None:
    target = tmp_path / "svcmap.sarif"
    result = cli("validate", str(catalog(UNUSED)), "--format", "sarif", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "SVC105"
    assert result.stderr == f"svcmap: 0 errors, 1 warning in 4 files; report written to {target}\n"
    assert cli("validate", str(catalog(UNUSED)), "--strict", "-o", str(target)).exit_code == 1


def test_no_summary_line_when_nothing_goes_to_a_file(catalog, cli) -> None:
    result = cli("validate", str(catalog()), "--output", "-")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == "0 errors, 0 warnings in 3 files (1 product, 1 process)\n"


def test_a_missing_folder_of_a_report_is_made(catalog, cli, tmp_path: Path) -> None:
    target = tmp_path / "ci" / "reports" / "gl-code-quality.json"
    assert cli("validate", str(catalog()), "--report", f"gitlab:{target}").exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == []


def test_a_warm_run_copies_every_report_from_the_cache(catalog, cli, tmp_path: Path, monkeypatch) -> None:
    root = catalog(UNUSED)
    age(root)
    reports = ["--report", f"sarif:{tmp_path / 'a.sarif'}", "--report", f"gitlab:{tmp_path / 'a.json'}"]
    args = ("validate", str(root), "--format", "junit", "-o", str(tmp_path / "a.xml"), *reports)
    cold = cli(*args)
    files = {name: (tmp_path / name).read_bytes() for name in ("a.sarif", "a.json", "a.xml")}
    for name in files:
        (tmp_path / name).unlink()

    read: list[str] = []
    original = FolderSource.read
    monkeypatch.setattr(FolderSource, "read", lambda self, path: read.append(path) or original(self, path))
    monkeypatch.setattr("svcmap.rules.engine.check_source", lambda *args, **kwargs: pytest.fail("checked again"))
    warm = cli(*args)
    assert read == []  # every report came from the cache, no catalog file was read
    assert (warm.exit_code, warm.stdout, warm.stderr) == (cold.exit_code, cold.stdout, cold.stderr)
    assert {name: (tmp_path / name).read_bytes() for name in files} == files


def test_a_format_not_yet_cached_makes_every_report_afresh_and_right(catalog, cli, tmp_path: Path) -> None:
    root = str(catalog(UNUSED))
    cli("validate", root, "--report", f"json:{tmp_path / 'a.json'}")
    both = cli("validate", root, "--report", f"json:{tmp_path / 'b.json'}", "--report", f"sarif:{tmp_path / 'b.sarif'}")
    assert both.exit_code == 0
    assert (tmp_path / "b.json").read_bytes() == (tmp_path / "a.json").read_bytes()
    assert json.loads((tmp_path / "b.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


@pytest.fixture
def breaking_sarif(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SARIF reporter fails after half its report, as a bug or a full disk would."""

    def half_then_fail(result, options) -> Iterator[str]:  # type: ignore[no-untyped-def]
        yield '{"version": "2.1.0", "runs": ['
        raise RuntimeError("the reporter broke")

    monkeypatch.setitem(findings.REPORTERS, "sarif", half_then_fail)


@pytest.mark.usefixtures("breaking_sarif")
def test_a_failure_half_way_leaves_no_partial_report_and_the_old_ones_as_they_were(
    catalog, cli, tmp_path: Path
) -> None:
    old_json, old_sarif = tmp_path / "old.json", tmp_path / "old.sarif"
    old_json.write_text("the previous run's report")
    new_json = tmp_path / "new.json"
    reports = ("--report", f"json:{old_json}", "--report", f"json:{new_json}", "--report", f"sarif:{old_sarif}")
    result = cli("validate", str(catalog(FILES)), "--no-cache", *reports)
    assert result.exit_code == 2 and "internal error: RuntimeError: the reporter broke" in result.stderr
    assert old_json.read_text() == "the previous run's report"  # written completely, yet not put in place
    assert not new_json.exists() and not old_sarif.exists()
    assert leftovers(tmp_path) == []
    assert "written to" not in result.stderr


@pytest.mark.usefixtures("breaking_sarif")
def test_a_failure_half_way_fills_no_cache_entry(catalog, cli, tmp_path: Path) -> None:
    root = catalog(FILES)
    assert cli("validate", str(root), "--report", f"sarif:{tmp_path / 'x.sarif'}").exit_code == 2
    assert not list((root / ".svcmap-cache").glob("validate-*/*.txt")) and leftovers(root) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("--report", "sarif"), "expected FORMAT:FILE"),
        (("--report", "sarf:x.sarif"), "unknown format 'sarf'"),
        (("--report", "text:-"), "--report writes a file"),
        (("--report", "json:same.json", "--output", "same.json"), "named for two reports"),
        (("--report", "json:."), "a folder"),
        (("--report", "json:taken/x.json"), "cannot write the report"),
    ],
)
def test_bad_reports_are_usage_errors_before_any_work(catalog, cli, tmp_path, monkeypatch, argv, message) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").write_text("a file, not a folder")
    result = cli("validate", str(catalog()), *argv)
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "same.json").exists()


# --- analyze and diff -------------------------------------------------------------------------------


def test_analyze_writes_several_reports(catalog, cli, tmp_path: Path) -> None:
    root = str(catalog())
    alone = {
        name: cli("analyze", root, "--format", name, "--by", "unit").stdout for name in ("json", "markdown", "csv")
    }
    result = cli(
        "analyze", root, "--by", "unit", "--format", "csv", "-o", str(tmp_path / "a.csv"),
        *("--report", f"json:{tmp_path / 'a.json'}", "--report", f"markdown:{tmp_path / 'a.md'}"),
    )  # fmt: skip
    assert result.exit_code == 0 and result.stdout == ""
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == alone["csv"]
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == alone["json"]
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == alone["markdown"]
    assert result.stderr.startswith(
        "svcmap: figures of 1 process, 1 product, 3 units and 1 life event; reports written"
    )


def test_analyze_of_a_catalog_with_errors_writes_no_report(catalog, cli, tmp_path: Path) -> None:
    target = tmp_path / "figures.json"
    result = cli("analyze", str(catalog(FILES)), "--format", "json", "-o", str(target))
    assert result.exit_code == 1 and "SVC101" in result.stderr
    assert not target.exists() and leftovers(tmp_path) == []


def test_diff_writes_several_reports_and_keeps_its_gates(catalog, cli, tmp_path: Path) -> None:
    new = catalog({"processes/adreswijziging.yaml": None, "catalog/products/adreswijziging.yaml": None})
    old = tmp_path / "old"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "minimal", old)
    args = ("diff", "--root", str(new), str(old), str(new), "--fail-on", "removed")
    alone = {name: cli(*args, "--format", name).stdout for name in ("text", "json", "markdown")}
    result = cli(*args, "--report", f"json:{tmp_path / 'd.json'}", "--report", f"markdown:{tmp_path / 'd.md'}")
    assert result.exit_code == 1  # --fail-on removed tripped, as without the reports
    assert result.stdout == alone["text"]
    assert (tmp_path / "d.json").read_text(encoding="utf-8") == alone["json"]
    assert (tmp_path / "d.md").read_text(encoding="utf-8") == alone["markdown"]
    assert "--fail-on removed: product adreswijziging" in result.stderr
    assert result.stderr.splitlines()[-1].endswith(
        f"2 removed, 1 changed; reports written to {tmp_path / 'd.json'}, {tmp_path / 'd.md'}"
    )


def test_diff_of_an_unknown_revision_writes_nothing(catalog, cli, tmp_path: Path) -> None:
    target = tmp_path / "diff.md"
    result = cli("diff", "--root", str(catalog()), "no-such-revision", "--format", "markdown", "-o", str(target))
    assert result.exit_code == 2 and not target.exists() and leftovers(tmp_path) == []
