"""`report`'s work beside the pages: what a second report of an unchanged catalog can take from the cache.

Drawing 2,000 diagrams and ranking the candidate reorganisations are most of a report's time; neither
depends on anything but the catalog's content (and the tool), so both are kept in ROOT/.svcmap-cache/:
each diagram under the digest of what it draws (`svcmap.cache.diagrams`), the ranking under the digest of
every catalog file, like `analyze`'s figures. The ranking is kept as plain data (kind, units, totals,
processes) and its scenarios made again from the catalog (`scenario_of`), never pickled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from svcmap.cache.diagrams import DiagramCache
from svcmap.cache.store import Store, content_key, files_digest
from svcmap.render.graphviz import version as graphviz_version
from svcmap.rules.engine import Checked
from svcmap.whatif.candidates import Candidate, rank_candidates, scenario_of

CANDIDATES = "candidates"
CANDIDATES_FORMAT = 1


def diagram_cache(root: Path, checked: Checked, use_cache: bool) -> DiagramCache | None:
    """The diagrams' cache of ROOT (None without the cache, or where the loader kept no file digests)."""
    digests = checked.loaded.digests
    if not use_cache or not digests:
        return None
    return DiagramCache(root, digests, graphviz_version())


def ranked_candidates(root: Path, checked: Checked, use_cache: bool) -> list[Candidate]:
    """`rank_candidates` of the catalog, from the cache where its files are those of a ranking kept."""
    digests = checked.loaded.digests
    if not use_cache or not digests:
        return rank_candidates(checked.catalog, checked.analysis)
    store = Store(root)
    key = content_key(CANDIDATES, files_digest(digests), CANDIDATES_FORMAT)
    document = store.get(CANDIDATES, key)
    if document is not None:
        try:
            return [_candidate(checked, item) for item in document]
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # not what this version keeps: ranked again
    found = rank_candidates(checked.catalog, checked.analysis)
    store.put(CANDIDATES, key, [_data(candidate) for candidate in found])
    return found


def _data(candidate: Candidate) -> list[Any]:
    return [
        candidate.kind,
        list(candidate.units),
        dict(candidate.before),
        dict(candidate.after),
        list(candidate.processes),
    ]


def _candidate(checked: Checked, item: list[Any]) -> Candidate:
    kind, units, before, after, processes = item
    if kind not in ("merge", "domain") or len(units) != 2:
        raise ValueError("not a candidate")
    pair = (str(units[0]), str(units[1]))
    return Candidate(kind, pair, scenario_of(checked.catalog, kind, pair), before, after, tuple(processes))
