"""`analyze`: the figures of a catalog folder — or, when it has errors (the figures would lie), its findings.

`--by network` goes further: the unit network (networkx) and the candidate reorganisations need the whole
model, not only the cached figures, so `analyze_network` always loads the catalog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from svcmap.analysis.figures import Analysis
from svcmap.cache.analysis import from_data, to_data
from svcmap.cache.store import content_key, files_digest
from svcmap.catalog.source import FolderSource
from svcmap.commands.checking import FolderCache, settings_of
from svcmap.config import Config
from svcmap.rules.engine import ValidationResult, check_source

if TYPE_CHECKING:
    from svcmap.network.figures import Network
    from svcmap.whatif.candidates import Candidate


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


@dataclass(frozen=True)
class NetworkOutcome:
    """What `analyze --by network` reports: the figures, the unit network, and the ranked candidates."""

    analysis: Analysis
    network: Network
    candidates: Sequence[Candidate] | None
    """Best first; None where they were not computed."""


def analyze_network(root: Path, config: Config) -> NetworkOutcome | ValidationResult:
    """The catalog's figures and its unit network; its findings when it has errors."""
    from svcmap.network.figures import network_of  # networkx: loaded by this command only
    from svcmap.whatif.candidates import rank_candidates

    checked = check_source(FolderSource(root), config, remember_files=False)
    if checked.result.errors:
        return checked.result
    catalog, analysis = checked.catalog, checked.analysis
    return NetworkOutcome(analysis, network_of(catalog, analysis), rank_candidates(catalog, analysis))
