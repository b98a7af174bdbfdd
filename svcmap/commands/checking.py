"""What several commands share: a catalog's settings as a cache key, and the cache's view of a folder."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from svcmap.cache.index import StatIndex
from svcmap.cache.store import Store, content_key
from svcmap.catalog.source import FolderSource, listing
from svcmap.config import Config


def settings_of(config: Config) -> tuple[object, ...]:
    """What of a config a result depends on: the rules in force, their severities and thresholds."""
    return (
        config.select,
        config.ignore,
        sorted((code, level.value) for code, level in config.severity.items()),
        sorted(config.thresholds.items()),
    )


class FolderCache:
    """The cache of one catalog folder: its store, and its stat index to know the content without reading it."""

    def __init__(self, root: Path) -> None:
        self.source = FolderSource(root)
        self.store = Store(root)
        self.index = StatIndex.load(self.store.index_file)

    def current_key(self, kind: str, settings: object) -> str | None:
        """The key the catalog's files have now: stat-checked, and read only where they changed; None when
        it cannot be known without reading every file (no index yet)."""
        listed = self.source.fresh_fingerprint()
        if listed and listed == self.index.listed:  # the folders hold what they held: the index's paths
            paths = self.index.paths  # (sorting and filtering 200,000 names cost a warm run 0.3 s)
        else:
            paths = [path for path, _ in listing(self.source)]
        files = self.index.files_digest(self.source, paths)
        return content_key(kind, files, settings) if files is not None else None

    def remember(self, stats: Mapping[str, bytes], digests: Mapping[str, bytes], listed: bytes) -> None:
        """Record what a load saw of every file, and the fingerprint of its listing, for the next run."""
        self.index.update(stats, digests, listed)
        self.save()

    def save(self) -> None:
        if self.index.changed:
            self.index.save()
