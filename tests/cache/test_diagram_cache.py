"""`report`'s diagrams come from .svcmap-cache/ unless what they draw changed: Graphviz calls counted."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from svcmap.render import graphviz

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")

SECOND = """\
id: tweede
name: Tweede proces
steps:
  - id: vraag
    name: Vraag
    unit: onthaal
    channel: web
    next: behandeling
  - id: behandeling
    name: Behandeling
    unit: onthaal
"""
SECOND_PRODUCT = "id: tweede\nname: Tweede product\nowner: onthaal\nprocess: tweede\nchannels: [web]\n"


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The process ids of every diagram Graphviz is asked to draw (the network's own drawing apart)."""
    calls: list[str] = []
    original = graphviz.render_many

    def counting(layouts, output_format, jobs=1):  # type: ignore[no-untyped-def]
        calls.extend(layout.process_id for layout in layouts)
        return original(layouts, output_format, jobs)

    monkeypatch.setattr(graphviz, "render_many", counting)
    return calls


@pytest.fixture
def two_processes(catalog: Callable[..., Path]) -> Path:
    return catalog({"processes/tweede.yaml": SECOND, "catalog/products/tweede.yaml": SECOND_PRODUCT})


def _site(root: Path, cli, out: Path) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    result = cli("report", str(root), "--out", str(out), "-q")
    assert result.exit_code == 0, result.output
    return {str(path.relative_to(out)): path.read_bytes() for path in out.rglob("*") if path.is_file()}


@needs_dot
def test_a_second_report_draws_nothing_and_writes_the_same_site(two_processes: Path, cli, drawn, tmp_path) -> None:
    first = _site(two_processes, cli, tmp_path / "one")
    assert sorted(drawn) == ["adreswijziging", "tweede", "verhuizen"]  # verhuizen: the life event's trajectory
    drawn.clear()
    assert _site(two_processes, cli, tmp_path / "two") == first
    assert drawn == []


@needs_dot
def test_a_changed_process_is_drawn_again_and_only_it(two_processes: Path, cli, drawn, tmp_path) -> None:
    _site(two_processes, cli, tmp_path / "site")
    drawn.clear()
    process = two_processes / "processes" / "tweede.yaml"
    process.write_text(SECOND.replace("name: Behandeling", "name: Afhandeling"), encoding="utf-8")
    _site(two_processes, cli, tmp_path / "site")
    assert drawn == ["tweede"]


@needs_dot
def test_a_renamed_unit_redraws_the_processes_that_draw_it(two_processes: Path, cli, drawn, tmp_path) -> None:
    _site(two_processes, cli, tmp_path / "site")
    drawn.clear()
    organisation = two_processes / "catalog" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("name: Burgerzaken", "name: Dienst Burgerzaken"), encoding="utf-8")
    _site(two_processes, cli, tmp_path / "site")
    assert sorted(drawn) == ["adreswijziging", "verhuizen"]  # tweede has no step of burgerzaken; verhuizen has
    assert "Dienst Burgerzaken" in (tmp_path / "site" / "diagrams" / "adreswijziging.svg").read_text(encoding="utf-8")


@needs_dot
def test_a_changed_lead_time_redraws_the_trajectory_only(two_processes: Path, cli, drawn, tmp_path) -> None:
    """The trajectory's band shows each product's promised lead time; the process diagram does not."""
    _site(two_processes, cli, tmp_path / "site")
    drawn.clear()
    product = two_processes / "catalog" / "products" / "adreswijziging.yaml"
    text = product.read_text(encoding="utf-8")
    assert "lead_time_days" not in text
    product.write_text(text + "lead_time_days: 12\n", encoding="utf-8")
    _site(two_processes, cli, tmp_path / "site")
    assert drawn == ["verhuizen"]


@needs_dot
def test_a_change_the_diagrams_do_not_show_draws_nothing(two_processes: Path, cli, drawn, tmp_path) -> None:
    _site(two_processes, cli, tmp_path / "site")
    drawn.clear()
    product = two_processes / "catalog" / "products" / "tweede.yaml"
    product.write_text(SECOND_PRODUCT + "volume_per_year: 40\n", encoding="utf-8")
    _site(two_processes, cli, tmp_path / "site")
    assert drawn == []


@needs_dot
def test_a_damaged_entry_is_a_miss_and_drawn_again(two_processes: Path, cli, drawn, tmp_path) -> None:
    first = _site(two_processes, cli, tmp_path / "one")
    entries = sorted((two_processes / ".svcmap-cache" / "diagram").glob("*.blob"))
    assert len(entries) == 3  # two processes and the life event's trajectory
    entries[0].write_bytes(entries[0].read_bytes()[:-40])  # cut short, as by a full disk
    entries[1].write_bytes(b"")
    drawn.clear()
    assert _site(two_processes, cli, tmp_path / "two") == first
    assert len(drawn) == 2 and set(drawn) <= {"adreswijziging", "tweede", "verhuizen"}


@needs_dot
def test_no_cache_draws_everything_and_keeps_nothing(two_processes: Path, cli, drawn, tmp_path) -> None:
    for name in ("one", "two"):
        assert cli("report", str(two_processes), "--out", str(tmp_path / name), "--no-cache", "-q").exit_code == 0
    assert sorted(drawn) == ["adreswijziging", "adreswijziging", "tweede", "tweede", "verhuizen", "verhuizen"]
    assert not (two_processes / ".svcmap-cache" / "diagram").exists()


@needs_dot
def test_another_language_is_another_drawing(two_processes: Path, cli, drawn, tmp_path) -> None:
    _site(two_processes, cli, tmp_path / "en")
    drawn.clear()
    assert cli("--lang", "nl", "report", str(two_processes), "--out", str(tmp_path / "nl"), "-q").exit_code == 0
    assert sorted(drawn) == ["adreswijziging", "tweede", "verhuizen"]


def test_blobs_are_pruned_to_the_newest_and_the_ones_used_are_kept(tmp_path: Path) -> None:
    import os

    from svcmap.cache.store import KEPT_ENTRIES, Store

    store = Store(tmp_path)
    store.put_blobs("drawn", {f"old{index}": b"%d" % index for index in range(12)}, keep=12)
    for index in range(12):  # written long ago, old0 first
        path = store.folder / "drawn" / f"old{index}.blob"
        os.utime(path, ns=(1_000_000_000 * (index + 1), 1_000_000_000 * (index + 1)))
    store.touch("drawn", ["old0"])
    store.put_blobs("drawn", {"new": b"new"}, keep=1)  # never fewer than KEPT_ENTRIES
    kept = sorted(path.stem for path in (store.folder / "drawn").glob("*.blob"))
    assert len(kept) == KEPT_ENTRIES
    assert {"new", "old0", "old11"} <= set(kept) and "old1" not in kept
    assert store.get_blob("drawn", "old0") == b"0" and store.get_blob("drawn", "missing") is None
