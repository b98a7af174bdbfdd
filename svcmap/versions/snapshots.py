"""The two sides of a diff as snapshots: loaded in parallel when they are large, and kept in a cache.

A snapshot depends only on the files of a version and on svcmap itself, so it can be cached: a git
revision is immutable (its key is the commit and ROOT's path in the repository, no file needs reading),
a folder is keyed by the content of every catalog file, as the validate cache does. Cached snapshots are
JSON (never pickle: a cache folder must not be able to run code) under ROOT/.svcmap-cache/diff/; a broken,
missing or foreign entry is a miss, never an error.

Two large versions that both miss the cache are loaded at the same time, the old one in a forked process
(loading is CPU-bound Python, so a thread would not help); a snapshot is plain data and crosses the
process boundary cheaply. Small catalogs are loaded one after the other: a process costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from svcmap.analysis.figures import PackedSummaries, analyze, examine_summary
from svcmap.cache.index import StatIndex
from svcmap.cache.store import Store, content_key, files_digest
from svcmap.catalog.gitsource import GitRevisionSource, version_source
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.source import ORGANISATION_FILE, CatalogSource, FolderSource, listing
from svcmap.catalog.workers import can_fork
from svcmap.i18n import _
from svcmap.versions.diff import SNAPSHOT_FORMAT, CatalogDiff, Snapshot, Version, diff_snapshots, snapshot

PARALLEL_FROM_FILES = 400
"""Both sides together hold at least this many files before the old one is loaded in a second process."""


@dataclass(frozen=True)
class Loaded:
    """A snapshot with what the cache needs of the files it was made from."""

    snapshot: Snapshot
    digests: dict[str, bytes]
    stats: dict[str, bytes]


def load_snapshot(source: CatalogSource) -> Loaded:
    """Read one version and reduce it to its snapshot (each process's figures worked out where it is read)."""
    loaded = load_catalog(source, examine_summary)
    found = snapshot(loaded, analyze(loaded.catalog, PackedSummaries(loaded.examined)))
    return Loaded(found, loaded.digests, loaded.stats)


class SnapshotCache:
    """Snapshots of catalog versions in ROOT/.svcmap-cache/diff/.

    A git revision is immutable: its key is the commit and ROOT's path in the repository, no file needs
    reading. A folder is keyed by the content of its files, found through the stat index.
    """

    def __init__(self, root: Path) -> None:
        self.store = Store(root)
        self.index = StatIndex.load(self.store.index_file)

    def key(self, source: CatalogSource) -> str | None:
        """The key of everything the source's snapshot depends on; None for sources that cannot be keyed."""
        if isinstance(source, GitRevisionSource):
            return content_key("diff", b"", (SNAPSHOT_FORMAT, "git", source.commit, source.repository.prefix))
        if isinstance(source, FolderSource):
            paths = [path for path, _ in listing(source)]
            if source.root.resolve() == self.store.folder.parent.resolve():
                files = self.index.files_digest(source, paths)
            else:  # another folder than ROOT: its files are read, and ROOT's index is left as it is
                files = files_digest(StatIndex(self.store.index_file).current_digests(source, paths))
            return content_key("diff", files, (SNAPSHOT_FORMAT, "folder")) if files is not None else None
        return None

    def get(self, key: str) -> Snapshot | None:
        document = self.store.get("diff", key)
        try:
            return Snapshot.from_json(document) if document is not None else None
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, found: Snapshot) -> None:
        self.store.put("diff", key, found.to_json())


def _file_count(source: CatalogSource) -> int:
    return len(source.product_paths()) + len(source.process_paths()) + 1


def load_snapshots(old: CatalogSource, new: CatalogSource, cache_root: Path | None) -> tuple[Snapshot, Snapshot]:
    """Both sides' snapshots: from the cache under `cache_root` (None: no cache), else loaded, maybe in parallel.

    A folder's snapshot is stored under the key of the bytes its load parsed, never under the key its
    files had when they were looked up, so an edit in between cannot be cached as the old content.
    """
    cache = SnapshotCache(cache_root) if cache_root is not None else None
    sources = (old, new)
    keys = [cache.key(source) if cache else None for source in sources]
    found: list[Snapshot | None] = [cache.get(key) if cache and key else None for key in keys]
    missing = [index for index, got in enumerate(found) if got is None]
    loaded: dict[int, Loaded] = {}
    if len(missing) == 2 and can_fork() and _file_count(old) + _file_count(new) >= PARALLEL_FROM_FILES:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            old_loading = pool.submit(load_snapshot, old)
            loaded[1] = load_snapshot(new)
            loaded[0] = old_loading.result()
    else:
        for index in missing:
            loaded[index] = load_snapshot(sources[index])
    for index, got in loaded.items():
        found[index] = got.snapshot
        if cache is None:
            continue
        source = sources[index]
        key = keys[index]
        if isinstance(source, FolderSource):
            key = content_key("diff", files_digest(got.digests), (SNAPSHOT_FORMAT, "folder"))
            if source.root.resolve() == cache.store.folder.parent.resolve():
                cache.index.update(got.stats, got.digests)
        if key is not None:
            cache.put(key, got.snapshot)
    if cache is not None and cache.index.changed:
        cache.index.save()
    old_snapshot, new_snapshot = found
    assert old_snapshot is not None and new_snapshot is not None
    return old_snapshot, new_snapshot


def diff_versions(root: Path, old: str, new: str | None, use_cache: bool) -> CatalogDiff:
    """`svcmap diff` without the command line: OLD and NEW (a folder or a revision; None: the working tree)."""
    old_source = version_source(root, old)
    new_source = FolderSource(root) if new is None else version_source(root, new)
    old_version = Version(old_source.label, getattr(old_source, "commit", None))
    new_version = (
        Version(_("working tree ({root})").format(root=root))
        if new is None
        else Version(new_source.label, getattr(new_source, "commit", None))
    )
    cache_root = root if use_cache and (root / ORGANISATION_FILE).is_file() else None
    old_snapshot, new_snapshot = load_snapshots(old_source, new_source, cache_root)
    return diff_snapshots(old_snapshot, new_snapshot, old_version, new_version)
