"""`analyze` end to end, with a cache: a catalog whose files, tool, schemas and config are unchanged gets its
figures back without being parsed again.

It shares `svcmap.cache.store`'s key (every file's content, the tool version, the schemas, the rules in force)
and its folder: figures are kept under ROOT/.svcmap-cache/analyze/, as JSON, and only for a catalog without
errors — so a cached entry also says "no errors". A miss validates the catalog once, stores that result in
the validate cache too (a `validate` after an `analyze` is answered from it), and computes the figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from svcmap.analysis.figures import (
    Analysis,
    LifeEventFigures,
    ProcessFigures,
    ProductFigures,
    UnitFigures,
    UnitHandoffs,
    analyze,
)
from svcmap.cache.store import JsonStore, ResultCache, cache_key
from svcmap.config import Config
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.source import FolderSource
from svcmap.rules.engine import ValidationResult, check

_FORMAT = 1


def analyze_folder(source: FolderSource, config: Config, use_cache: bool) -> Analysis | ValidationResult:
    """The figures of the catalog at a folder — or, when it has errors (the figures would lie), its validation.

    Answered from the cache when nothing the result depends on changed.
    """
    key = cache_key(source, config) if use_cache else None
    figures_cache = AnalysisCache(source.root)
    if key is not None:
        cached = figures_cache.get_analysis(key)
        if cached is not None:
            return cached
    loaded = load_catalog(source)
    result = check(loaded, config)
    if key is not None:
        ResultCache(source.root).put(key, result)
    if result.errors:
        return result
    analysis = analyze(loaded.catalog)
    if key is not None:
        figures_cache.put_analysis(key, analysis)
    return analysis


class AnalysisCache:
    """Figures of one ROOT, by cache key."""

    def __init__(self, root: Path) -> None:
        self.store = JsonStore(root, "analyze")

    def get_analysis(self, key: str) -> Analysis | None:
        document = self.store.get(key)
        try:
            return from_data(document) if document is not None else None
        except (KeyError, TypeError, ValueError):
            return None

    def put_analysis(self, key: str, analysis: Analysis) -> None:
        self.store.put(key, to_data(analysis))


def to_data(analysis: Analysis) -> dict[str, Any]:
    """Plain data that `from_data` turns back into the same Analysis (the catalog's order kept)."""
    return {
        "format": _FORMAT,
        "processes": [figures.to_dict() for figures in analysis.processes.values()],
        "products": [
            [product.id, product.process, product.figures is not None] for product in analysis.products.values()
        ],
        "units": [unit.to_dict() for unit in analysis.units.values()],
        "life_events": [event.to_dict() for event in analysis.life_events.values()],
        "unit_handoffs": [cell.to_dict() for cell in analysis.unit_handoffs],
        "capped": list(analysis.capped),
    }


def from_data(data: dict[str, Any]) -> Analysis:
    if data["format"] != _FORMAT:
        raise ValueError("another cache format")
    processes = {
        item["id"]: ProcessFigures(**{**item, "repeated_asks": tuple(item["repeated_asks"])})
        for item in data["processes"]
    }
    products = {
        product_id: ProductFigures(product_id, process, processes[process] if has_figures else None)
        for product_id, process, has_figures in data["products"]
    }
    units = {
        item["id"]: UnitFigures(
            item["id"],
            item["steps"],
            item["handoffs_in"],
            item["handoffs_out"],
            tuple((entry["unit"], entry["handoffs"]) for entry in item["hands_to"]),
        )
        for item in data["units"]
    }
    life_events = {
        item["id"]: LifeEventFigures(**{**item, "repeated_asks": tuple(item["repeated_asks"])})
        for item in data["life_events"]
    }
    matrix = tuple(
        UnitHandoffs(item["from"], item["to"], item["handoffs"], item["products"]) for item in data["unit_handoffs"]
    )
    return Analysis(processes, products, units, life_events, matrix, tuple(data["capped"]))
