"""Tests of the benchmark runner (python -m bench) on tiny catalogs: what it runs, keeps and judges.

Nothing here checks a measured time: targets are judged on made-up figures, and the children that do
run are there to show the runner drives them, not how fast they are.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import bench.__main__ as runner
from bench.__main__ import (
    COMMANDS,
    ROWS,
    SUITES,
    BenchError,
    ChildRun,
    Invocation,
    Result,
    _fmt_note,
    _validate_note,
    catalog_stats,
    code_digest,
    main,
    measure,
    peak_rss,
    prepare,
    ratio,
    run_once,
    seconds,
    svcmap_package,
    targets,
)


def result(key: str, times: list[float], rss: list[float] | None = None) -> Result:
    """A row's result with made-up figures (no child is run)."""
    return Result(ROWS[key], [], times=times, rss_mb=rss or [50.0] * len(times))


def child(head: bytes = b"", tail: bytes = b"", size: int = 0) -> ChildRun:
    return ChildRun(elapsed=1.0, rss_mb=10.0, code=0, head=head, tail=tail, size=size)


def test_floor_row_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "figures.json"
    code = main(
        [
            "--products",
            "5",
            "--runs",
            "2",
            "--only",
            "c",
            "--workdir",
            str(tmp_path / "w"),
            "--json",
            str(out),
            "--quiet",
        ]
    )
    assert code == 0
    text = capsys.readouterr().out
    assert "suite standard" in text and "PyYAML compose" in text
    assert "a/c wall time" in text and "not run" in text
    data = json.loads(out.read_text())
    (row,) = data["rows"]
    assert row["key"] == "c" and len(row["times_s"]) == 2 and row["peak_rss_mb"] > 1
    assert data["suite"] == "standard" and data["measured_at"].endswith("Z")
    assert data["catalog"]["files"] == 11 and data["catalog"]["products"] == 5
    assert data["catalog"]["disk_bytes"] >= data["catalog"]["bytes"] > 0
    assert (tmp_path / "w" / "catalog-n5-s1" / "catalog" / "organisation.yaml").is_file()
    assert {t["name"] for t in data["targets"]} >= {"a/c wall time", "fmt/a wall time", "a peak RSS (MB)"}
    assert "render/a wall time" not in {t["name"] for t in data["targets"]}, "render is no row of the suite"


def test_unknown_row() -> None:
    assert main(["--only", "nope", "--quiet"]) == 2


def test_failing_command_is_reported(tmp_path: Path) -> None:
    inv = Invocation((sys.executable, "-c", "import sys; sys.stderr.write('bad'); sys.exit(2)"), "x", tmp_path)
    with pytest.raises(BenchError, match="exit code 2"):
        run_once(inv, frozenset({0, 1}))
    run = run_once(
        Invocation((sys.executable, "-c", "print('hi'); raise SystemExit(1)"), "y", tmp_path), frozenset({0, 1})
    )
    assert run.code == 1 and run.head.strip() == b"hi" and run.tail == run.head and run.size == 3
    assert run.elapsed > 0 and run.rss_mb > 1


def test_only_the_ends_of_stdout_are_read(tmp_path: Path) -> None:
    code = "import sys; sys.stdout.write('h' * 70000 + 'x' * 5000 + 'end')"
    run = run_once(Invocation((sys.executable, "-c", code), "z", tmp_path), frozenset({0}))
    assert run.size == 75003 and len(run.head) == 65536 and set(run.head) == {ord("h")}
    assert len(run.tail) == 4096 and run.tail.endswith(b"xend")


def test_validate_note_reads_only_the_head() -> None:
    head = b'{\n  "summary": {"errors": 0, "warnings": 2, "files": 3},\n  "findings": [{"code": "SVC3'
    assert _validate_note(child(head, size=5_000_000)) == "summary: errors=0, warnings=2, files=3; stdout 5.0 MB"
    assert _validate_note(child(b"Traceback", size=9)).startswith("warning:")


def test_fmt_note_is_the_closing_line() -> None:
    tail = b"would reformat processes/b.yaml\n3 files would be reformatted, 8 already formatted\n"
    assert _fmt_note(child(tail=tail)) == "3 files would be reformatted, 8 already formatted"
    assert _fmt_note(child()) == "nothing on stdout"


def test_rows_are_one_list() -> None:
    keys = [c.key for c in COMMANDS]
    assert keys[:3] == ["a", "b", "c"] and len(set(keys)) == len(keys)
    assert ROWS["fmt"].ok_codes == frozenset({0, 1}), "fmt --check exits 1 when a file would change"
    assert ROWS["c"].ok_codes == frozenset({0})
    for suite in SUITES.values():
        assert set(suite.rows) <= set(ROWS)
        assert all(set(t.rows) <= set(ROWS) for t in suite.targets)


def test_suites_hold_the_targets_of_the_issue() -> None:
    standard, large = SUITES["standard"], SUITES["large"]
    assert standard.products == 2000 and standard.kept_workdir is None
    assert standard.rows == ("a", "b", "c", "a-warm", "analyze", "diff", "diff-warm", "fmt")
    assert set(standard.targets) >= {
        ratio("a", "c", 1.3),
        ratio("a-warm", "a", 0.15),
        peak_rss("a", 100),
        ratio("analyze", "a", 1.1),
        ratio("diff", "a", 1.5),
        ratio("fmt", "a", 2),
        ratio("a", "b", None),
    }
    assert large.products == 100_000 and large.runs == 3 and large.rows == ("a", "a-warm", "c")
    assert set(large.targets) >= {ratio("a", "c", 1.3), seconds("a-warm", 1.5), peak_rss("a", 600)}
    assert large.kept_workdir is not None


def test_targets_are_judged_from_medians_and_peaks() -> None:
    results = [
        result("a", [2.0, 1.0, 3.0], rss=[90.0, 120.0, 80.0]),
        result("c", [1.0, 1.0, 1.0]),
        result("a-warm", [1.2, 1.6, 1.4]),
    ]
    judged = {t["name"]: t for t in targets(results, SUITES["large"])}
    assert judged["a/c wall time"]["value"] == 2.0 and judged["a/c wall time"]["met"] is False
    assert judged["a peak RSS (MB)"]["value"] == 120.0 and judged["a peak RSS (MB)"]["met"] is True
    warm = judged["a-warm wall time (s)"]
    assert (warm["kind"], warm["value"], warm["limit"], warm["met"]) == ("time", 1.4, 1.5, True)
    assert judged["a-warm/a wall time"]["met"] is None, "shown without a target"


def test_a_target_of_a_row_left_out_is_not_run() -> None:
    judged = {t["name"]: t for t in targets([result("a", [1.0])], SUITES["standard"])}
    assert judged["a/c wall time"]["value"] is None and judged["a/c wall time"]["met"] is None
    assert judged["a peak RSS (MB)"]["value"] == 50.0
    assert "render/a wall time" not in judged
    with_render = {t["name"] for t in targets([result("a", [1.0]), result("render", [9.0])], SUITES["standard"])}
    assert "render/a wall time" in with_render


def test_prepare_keeps_a_folder_while_the_stamp_holds(tmp_path: Path) -> None:
    made: list[Path] = []

    def make(folder: Path) -> None:
        made.append(folder)
        folder.mkdir()
        (folder / "file").write_text(str(len(made)))

    target = tmp_path / "catalog-n5-s1"
    assert prepare(target, "v1", make) == target and len(made) == 1
    assert made[0] != target, "built under another name, then renamed"
    prepare(target, "v1", make)
    assert len(made) == 1, "reused"
    prepare(target, "v2", make)
    assert len(made) == 2 and (target / "file").read_text() == "2", "another generator: made anew"
    prepare(target, "v2", make, regenerate=True)
    assert len(made) == 3
    (tmp_path / "catalog-n5-s1.stamp").unlink()  # as if a run stopped between rename and stamp
    prepare(target, "v2", make)
    assert len(made) == 4 and sorted(p.name for p in tmp_path.iterdir()) == ["catalog-n5-s1", "catalog-n5-s1.stamp"]


def test_large_suite_keeps_its_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--suite", "large", "--products", "4", "--runs", "1", "--only", "c", "--workdir", str(tmp_path), "--quiet"]
    assert main(argv) == 0
    organisation = tmp_path / "catalog-n4-s1" / "catalog" / "organisation.yaml"
    first = organisation.stat().st_mtime_ns
    assert main(argv) == 0
    assert organisation.stat().st_mtime_ns == first, "generated once"
    text = capsys.readouterr().out
    assert "suite large" in text and "a-warm wall time (s)" in text and "<= 1.5 s" in text


def test_catalog_stats(tmp_path: Path) -> None:
    assert main(["--products", "3", "--runs", "1", "--only", "c", "--workdir", str(tmp_path), "--quiet"]) == 0
    stats = catalog_stats(tmp_path / "catalog-n3-s1")
    assert (stats["files"], stats["products"], stats["processes"]) == (7, 3, 3)
    assert stats["bytes"] == sum(p.stat().st_size for p in (tmp_path / "catalog-n3-s1").rglob("*.yaml"))


def test_help_describes_rows_and_targets(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    for key in ROWS:
        assert f"  {key} " in text
    for expected in (
        "a/c <= 1.3",
        "a-warm/a <= 0.15",
        "a peak RSS <= 100 MB",
        "fmt/a <= 2",
        "a/b (shown)",
        "N=100,000",
        "a-warm time <= 1.5 s",
        "a peak RSS <= 600 MB",
    ):
        assert expected in text


def test_svcmap_rows_on_a_tiny_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--products", "3", "--runs", "1", "--only", "a,a-warm,fmt", "--workdir", str(tmp_path), "--quiet"])
    assert code == 0
    text = capsys.readouterr().out
    assert "a: exit code" in text or "a: summary:" in text
    assert "a-warm: " in text and "summary:" in text
    assert "fmt: " in text and ("would be reformatted" in text or "already formatted" in text)
    assert "fmt/a wall time" in text


def test_the_svcmap_the_children_import_is_found() -> None:
    package = svcmap_package(Path(__file__).parent)
    assert package is not None and package.name == "svcmap" and (package / "__init__.py").is_file()


def test_an_edit_of_svcmap_during_the_run_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "cli.py").write_text("x = 1\n")
    before = code_digest(package)
    assert code_digest(package) == before

    def measure_while_someone_edits(*args: object, **kwargs: object) -> list[Result]:
        (package / "cli.py").write_text("x = 2\n")
        return measure(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner, "svcmap_package", lambda root: package)
    monkeypatch.setattr(runner, "measure", measure_while_someone_edits)
    out = tmp_path / "figures.json"
    assert (
        main(
            [
                "--products",
                "3",
                "--runs",
                "1",
                "--only",
                "c",
                "--workdir",
                str(tmp_path / "w"),
                "--json",
                str(out),
                "--quiet",
            ]
        )
        == 0
    )
    assert "WARNING: svcmap's code in" in capsys.readouterr().out
    assert json.loads(out.read_text())["warnings"][0].startswith("svcmap's code in")
    assert code_digest(package) != before
