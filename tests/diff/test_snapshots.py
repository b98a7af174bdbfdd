"""Snapshots: plain data that survives JSON, a cache that is never wrong, parallel loading, and diff properties."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import svcmap.versions.snapshots as snapshots
from svcmap.analysis.figures import ProcessFigures
from svcmap.catalog.gitsource import GitRevisionSource
from svcmap.catalog.source import FolderSource
from svcmap.versions.diff import Snapshot, diff_snapshots
from svcmap.versions.snapshots import SnapshotCache, load_snapshot, load_snapshots
from tests.diff.catalog_texts import PROCESS, PROCESS_TEXT
from tests.diff.gitrepo import Repo


def test_a_snapshot_survives_json(folder) -> None:
    loaded = load_snapshot(FolderSource(folder("x", {"processes/broken.yaml": "id: [\n"}))).snapshot
    assert loaded.problems and loaded.process_figures
    assert Snapshot.from_json(json.loads(json.dumps(loaded.to_json()))) == loaded


def test_a_snapshot_of_another_format_is_refused() -> None:
    with pytest.raises(ValueError):
        Snapshot.from_json({"format": -1})


def test_cache_hit_miss_and_a_corrupt_entry(folder, tmp_path: Path) -> None:
    old, new = folder("old"), folder("new", {PROCESS: PROCESS_TEXT.replace("unit: politie", "unit: burgerzaken")})
    cache_root = tmp_path / "cache-root"
    fresh = load_snapshots(FolderSource(old), FolderSource(new), cache_root)
    entries = sorted((cache_root / ".svcmap-cache" / "diff").glob("*.json"))
    assert len(entries) == 2
    assert load_snapshots(FolderSource(old), FolderSource(new), cache_root) == fresh
    for entry in entries:
        entry.write_text("{not json", encoding="utf-8")
    assert load_snapshots(FolderSource(old), FolderSource(new), cache_root) == fresh


def test_a_changed_file_changes_the_key(folder, tmp_path: Path) -> None:
    root = folder("x")
    cache = SnapshotCache(tmp_path)
    before = cache.key(FolderSource(root))
    (root / PROCESS).write_text(PROCESS_TEXT.replace("Woonstcontrole", "Controle"), encoding="utf-8")
    assert cache.key(FolderSource(root)) != before


def test_keying_another_folder_leaves_the_roots_stat_index_as_it_is(folder) -> None:
    # ROOT's index knows ROOT's files; the other side of a diff has the same paths but other inodes,
    # and writing its stats into ROOT's index would make the next run re-read every file of ROOT.
    root, other = folder("root"), folder("other")
    load_snapshots(FolderSource(root), FolderSource(root), root)
    index = root / ".svcmap-cache" / "stat-index"
    before = index.read_bytes()
    cache = SnapshotCache(root)
    assert cache.key(FolderSource(other)) is not None
    load_snapshots(FolderSource(root), FolderSource(other), root)
    assert index.read_bytes() == before
    assert SnapshotCache(root).key(FolderSource(root)) == cache.key(FolderSource(root))


def test_a_revision_is_keyed_by_its_commit(repo) -> None:
    made: Repo = repo()
    cache = SnapshotCache(made.root)
    first = cache.key(GitRevisionSource.at(made.root, "HEAD"))
    assert cache.key(GitRevisionSource.at(made.root, "main")) == first
    made.commit("again", {PROCESS: PROCESS_TEXT.replace("Woonstcontrole", "Controle")})
    assert cache.key(GitRevisionSource.at(made.root, "HEAD")) != first


def test_parallel_loading_gives_what_serial_loading_gives(folder, repo, monkeypatch: pytest.MonkeyPatch) -> None:
    made: Repo = repo()
    made.write({PROCESS: PROCESS_TEXT.replace("unit: politie", "unit: burgerzaken")})
    sources = (GitRevisionSource.at(made.root, "HEAD"), FolderSource(made.root))
    serial = load_snapshots(*sources, None)
    monkeypatch.setattr(snapshots, "PARALLEL_FROM_FILES", 0)
    assert load_snapshots(*sources, None) == serial


# --- properties of the diff, over generated snapshots ---------------------------------------------

IDS = st.sampled_from(["a", "b", "c", "d"])
FIGURES_OF_A_PROCESS = [f.name for f in dataclasses.fields(ProcessFigures) if f.name != "id"]
NAMES = st.sampled_from(["Eén", "Twee"])


def _steps() -> st.SearchStrategy[dict]:
    step = st.fixed_dictionaries(
        {
            "name": NAMES,
            "unit": IDS,
            "office": st.sampled_from([None, "front", "back"]),
            "channel": st.sampled_from([None, "web"]),
            "asks": st.lists(IDS, max_size=2),
            "next": st.lists(st.one_of(IDS, st.fixed_dictionaries({"to": IDS, "when": NAMES})), max_size=2),
        }
    )
    return st.dictionaries(IDS, step, min_size=1, max_size=3)


def _figures() -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(
        {
            name: st.lists(IDS, max_size=2, unique=True) if name == "repeated_asks" else st.integers(0, 3)
            for name in FIGURES_OF_A_PROCESS
        }
    )


@st.composite
def snapshots_(draw: st.DrawFn) -> Snapshot:
    processes = draw(
        st.dictionaries(IDS, st.fixed_dictionaries({"name": NAMES, "start": IDS, "steps": _steps()}), max_size=3)
    )
    return Snapshot(
        units=draw(
            st.dictionaries(
                IDS,
                st.fixed_dictionaries(
                    {
                        "name": NAMES,
                        "office": st.sampled_from(["front", "back"]),
                        "domain": IDS,
                        "external": st.booleans(),
                    }
                ),
                max_size=3,
            )
        ),
        products=draw(
            st.dictionaries(
                IDS,
                st.fixed_dictionaries(
                    {"name": NAMES, "owner": IDS, "process": IDS, "channels": st.lists(IDS, min_size=1, max_size=2)}
                ),
                max_size=3,
            )
        ),
        processes=processes,
        life_events=draw(
            st.dictionaries(
                IDS, st.fixed_dictionaries({"name": NAMES, "products": st.lists(IDS, max_size=2)}), max_size=2
            )
        ),
        data_items=draw(
            st.dictionaries(
                IDS, st.fixed_dictionaries({"name": NAMES, "held_by": st.sampled_from([None, "kbo"])}), max_size=2
            )
        ),
        process_figures={ident: draw(_figures()) for ident in processes},
        life_event_figures={},
        broken={},
    )


@settings(max_examples=75, deadline=None)
@given(snapshots_())
def test_a_snapshot_against_itself_is_empty(side: Snapshot) -> None:
    result = diff_snapshots(side, side)
    assert result.empty and result.merged == ()
    assert result.tripped(["removed", "handoffs-up", "contacts-up"]) == []


@settings(max_examples=100, deadline=None)
@given(snapshots_(), snapshots_())
def test_the_diff_reversed_is_the_reverse(old: Snapshot, new: Snapshot) -> None:
    forward, backward = diff_snapshots(old, new), diff_snapshots(new, old)
    for kind in ("units", "products", "processes", "life_events", "data_items"):
        ahead, back = forward.kind(kind), backward.kind(kind)
        assert ahead.added == back.removed and ahead.removed == back.added
        assert sorted((p.old_id, p.new_id) for p in ahead.renamed) == sorted((p.new_id, p.old_id) for p in back.renamed)
        assert [c.id for c in ahead.changed] == [c.id for c in back.changed]
        for there, here in zip(ahead.changed, back.changed, strict=True):
            # fields are listed in the order the old side writes them, so compare them as sets
            assert sorted(repr((f.field, f.old, f.new)) for f in there.changes) == sorted(
                repr((f.field, f.new, f.old)) for f in here.changes
            )
            assert {name: (a, b) for name, (b, a) in there.metrics.items()} == dict(here.metrics)
            if kind == "processes":
                assert (there.steps_added, there.steps_removed) == (here.steps_removed, here.steps_added)
                assert set(there.edges_added) == set(here.edges_removed)
                assert [c.id for c in there.steps_changed] != [] or here.steps_changed == ()
    assert forward.totals is not None and backward.totals is not None
    assert {name: (b, a) for name, (a, b) in forward.totals.items()} == dict(backward.totals)
    # a renamed process is named by its new id, which differs between the two directions: compare the figures
    up = sorted(reason.rsplit(" handoffs ", 1)[1] for reason in forward.tripped(["handoffs-up"]))
    down = sorted(
        f"{metrics['handoffs'][1]} → {metrics['handoffs'][0]}"
        for _ident, metrics in backward.process_metrics()
        if "handoffs" in metrics and metrics["handoffs"][1] < metrics["handoffs"][0]
    )
    assert up == down
