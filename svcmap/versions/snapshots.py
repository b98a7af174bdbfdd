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

import hashlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from svcmap.cache.store import JsonStore, files_digest, tool_digest
from svcmap.versions.diff import SNAPSHOT_FORMAT, CatalogDiff, Snapshot, Version, diff_snapshots, snapshot
from svcmap.catalog.gitsource import GitRevisionSource, version_source
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.workers import can_fork
from svcmap.catalog.source import ORGANISATION_FILE, CatalogSource, FolderSource

PARALLEL_FROM_FILES = 400
"""Both sides together hold at least this many files before the old one is loaded in a second process."""

def load_snapshot(source: CatalogSource) -> Snapshot:
    """Read one version and reduce it to its snapshot."""
    return snapshot(load_catalog(source))


class SnapshotCache:
    """Snapshots of catalog versions, by key, in ROOT/.svcmap-cache/diff/."""

    def __init__(self, root: Path) -> None:
        self.store = JsonStore(root, "diff")

    @staticmethod
    def key(source: CatalogSource) -> str | None:
        """The digest of everything the source's snapshot depends on; None for sources that cannot be keyed."""
        digest = hashlib.blake2b(tool_digest(), digest_size=20)
        digest.update(f"snapshot {SNAPSHOT_FORMAT}\n".encode())
        if isinstance(source, GitRevisionSource):
            digest.update(f"git\0{source.commit}\0{source.repository.prefix}\n".encode())
        elif isinstance(source, FolderSource):
            digest.update(b"folder\n" + files_digest(source))
        else:
            return None
        return digest.hexdigest()

    def get(self, key: str) -> Snapshot | None:
        document = self.store.get(key)
        try:
            return Snapshot.from_json(document) if document is not None else None
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, found: Snapshot) -> None:
        self.store.put(key, found.to_json())


def _file_count(source: CatalogSource) -> int:
    return len(source.product_paths()) + len(source.process_paths()) + 1


def load_snapshots(old: CatalogSource, new: CatalogSource, cache_root: Path | None) -> tuple[Snapshot, Snapshot]:
    """Both sides' snapshots: from the cache under `cache_root` (None: no cache), else loaded, maybe in parallel."""
    cache = SnapshotCache(cache_root) if cache_root is not None else None
    keys = [cache.key(source) if cache else None for source in (old, new)]
    found = [cache.get(key) if cache and key else None for key in keys]
    missing = [index for index, got in enumerate(found) if got is None]
    if len(missing) == 2 and can_fork() and _file_count(old) + _file_count(new) >= PARALLEL_FROM_FILES:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
            old_loading = pool.submit(load_snapshot, old)
            found[1] = load_snapshot(new)
            found[0] = old_loading.result()
    else:
        for index in missing:
            found[index] = load_snapshot((old, new)[index])
    if cache is not None:
        for index in missing:
            key, got = keys[index], found[index]
            if key is not None and got is not None:
                cache.put(key, got)
    old_snapshot, new_snapshot = found
    assert old_snapshot is not None and new_snapshot is not None
    return old_snapshot, new_snapshot


def diff_versions(root: Path, old: str, new: str | None, use_cache: bool) -> CatalogDiff:
    """`svcmap diff` without the command line: OLD and NEW (a folder or a revision; None: the working tree)."""
    old_source = version_source(root, old)
    new_source = FolderSource(root) if new is None else version_source(root, new)
    old_version = Version(old_source.label, getattr(old_source, "commit", None))
    new_version = (
        Version(f"working tree ({root})")
        if new is None
        else Version(new_source.label, getattr(new_source, "commit", None))
    )
    cache_root = root if use_cache and (root / ORGANISATION_FILE).is_file() else None
    old_snapshot, new_snapshot = load_snapshots(old_source, new_source, cache_root)
    return diff_snapshots(old_snapshot, new_snapshot, old_version, new_version)
