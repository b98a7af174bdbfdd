"""`report` ranks the candidate reorganisations once per catalog content: a second report takes them from
.svcmap-cache/, with the same scenarios, and a changed catalog is ranked again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from svcmap.commands import report as report_command
from svcmap.whatif.candidates import rank_candidates

SMALL = Path(__file__).resolve().parents[1] / "network" / "fixtures" / "small"
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


@needs_dot
def test_a_second_report_takes_the_ranking_from_the_cache(tmp_path: Path, cli, monkeypatch) -> None:
    root = tmp_path / "small"
    shutil.copytree(SMALL, root)
    ranked: list[int] = []

    def counting(catalog, analysis):  # type: ignore[no-untyped-def]
        found = rank_candidates(catalog, analysis)
        ranked.append(len(found))
        return found

    monkeypatch.setattr(report_command, "rank_candidates", counting)
    pages = []
    for name in ("one", "two"):
        assert cli("report", str(root), "--out", str(tmp_path / name), "-q").exit_code == 0
        pages.append((tmp_path / name / "network.html").read_bytes())
    assert len(ranked) == 1 and ranked[0] > 0
    assert pages[0] == pages[1] and b"merge:" in pages[0]  # the scenarios made again, as YAML
    (root / ".svcmap-cache" / "candidates").mkdir(exist_ok=True)
    for entry in (root / ".svcmap-cache" / "candidates").glob("*.json"):
        entry.write_text('[["merge", ["a"]]]', encoding="utf-8")  # another shape: ranked again
    assert cli("report", str(root), "--out", str(tmp_path / "three"), "-q").exit_code == 0
    assert len(ranked) == 2 and (tmp_path / "three" / "network.html").read_bytes() == pages[0]
