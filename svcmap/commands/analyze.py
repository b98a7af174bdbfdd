"""`analyze`: the figures of a catalog folder — or, when it has errors (the figures would lie), its findings."""

from __future__ import annotations

from pathlib import Path

from svcmap.analysis.figures import Analysis
from svcmap.cache.analysis import from_data, to_data
from svcmap.cache.store import content_key, files_digest
from svcmap.catalog.source import FolderSource
from svcmap.commands.checking import FolderCache, settings_of
from svcmap.config import Config
from svcmap.rules.engine import ValidationResult, check_source


def analyze(root: Path, config: Config, use_cache: bool) -> Analysis | ValidationResult:
    """The figures of the catalog at ROOT, from the cache when no file changed; its findings when it has errors."""
    cache = FolderCache(root) if use_cache else None
    if cache is not None:
        key = cache.current_key("analyze", settings_of(config))
        document = cache.store.get("analyze", key) if key is not None else None
        cache.save()
        if document is not None:
            try:
                return from_data(document)
            except (KeyError, TypeError, ValueError):
                pass
    source = FolderSource(root)
    checked = check_source(source, config, remember_files=cache is not None)
    if checked.result.errors:
        return checked.result
    if cache is not None:
        loaded = checked.loaded
        key = content_key("analyze", files_digest(loaded.digests), settings_of(config))
        cache.store.put("analyze", key, to_data(checked.analysis))
        cache.remember(loaded.stats, loaded.digests, source.seen_fingerprint())
    return checked.analysis
