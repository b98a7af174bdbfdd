"""Shared by the what-if tests: a catalog loaded and analysed, and the totals a scenario is judged by."""

from __future__ import annotations

from pathlib import Path

from svcmap.analysis.figures import Analysis, analyze
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.model import Catalog
from svcmap.catalog.source import FolderSource

SMALL = Path(__file__).parent / "fixtures" / "small"
EXAMPLE = Path(__file__).resolve().parents[2]
"""The repository's own example catalog (catalog/ and processes/ at its root)."""


def loaded(root: Path) -> tuple[Catalog, Analysis]:
    catalog = load_catalog(FolderSource(root)).catalog
    return catalog, analyze(catalog)


def totals(analysis: Analysis, figures: tuple[str, ...]) -> dict[str, int]:
    """The catalog's totals of `figures` (process figures summed), with its figures a year where products
    state volumes (`PER_YEAR` of the candidates: what a merge or a domain change can alter)."""
    from svcmap.whatif.candidates import PER_YEAR

    found = {figure: sum(getattr(process, figure) for process in analysis.processes.values()) for figure in figures}
    if analysis.yearly.covered:
        found.update((figure, analysis.yearly.totals[figure]) for figure in PER_YEAR)
    return found
