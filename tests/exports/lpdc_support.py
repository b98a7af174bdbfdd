"""What the LPDC tests share: the example catalog, git without the user's config, and offline SHACL validation
of LPDC JSON-LD, as the vendored README prescribes: the official contexts replace
the page's context URLs, the codelists and the ontology go into the *data* graph (the shape's `sh:class` checks
need a closed world), and the bestuurseenheid svcmap publishes as is typed there, as LPDC's own store does."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import pyshacl
import pytest
from rdflib import Graph

from svcmap.catalog.lpdc import CONTEXT_FILES, CONTEXTS_DIR
from svcmap.catalog.model import Catalog
from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.rules.engine import check_source
from tests.diff.gitrepo import GIT_IDENTITY

EXAMPLE = Path(__file__).resolve().parents[2]
"""The example catalog at the repository root ("Gemeente Voorbeeld", with organisation.lpdc)."""
DATA = Path(__file__).parent / "data" / "lpdc"
BESLUIT = "http://data.vlaanderen.be/ns/besluit#Bestuurseenheid"


@cache
def contexts() -> list[Any]:
    return [json.loads((CONTEXTS_DIR / name).read_text(encoding="utf-8"))["@context"] for name in CONTEXT_FILES]


@cache
def _shapes() -> Graph:
    return Graph().parse(DATA / "instance-shape.ttl", format="turtle")


@cache
def _closed_world() -> str:
    graph = Graph()
    for ttl in sorted((DATA / "codelists").glob("*.ttl")) + sorted((DATA / "support").glob("*.ttl")):
        graph.parse(ttl, format="turtle")
    return graph.serialize(format="nt")


def parse(document: Mapping[str, Any]) -> Graph:
    """The triples of one JSON-LD document (a page, or one member) read with the vendored contexts."""
    offline = {**document, "@context": contexts()}
    return Graph().parse(data=json.dumps(offline), format="json-ld", base=str(document.get("@id", "")))


def violations(documents: Iterable[Mapping[str, Any]], units: Iterable[str]) -> str:
    """'' when every document conforms to LPDC's instance shape, else pyshacl's report."""
    data = Graph().parse(data=_closed_world(), format="nt")
    for document in documents:
        data += parse(document)
    data.parse(data="".join(f"<{unit}> a <{BESLUIT}> .\n" for unit in units), format="turtle")
    conforms, _, report = pyshacl.validate(data, shacl_graph=_shapes(), inference="none")
    return "" if conforms else str(report)


@cache
def example_catalog() -> Catalog:
    """The example catalog, loaded once, without errors."""
    checked = check_source(FolderSource(EXAMPLE), Config())
    assert not checked.result.errors, checked.result.findings
    return checked.catalog


def isolated_git(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """Commits work on a machine without git config, and nothing reads the user's own config."""
    for name, value in GIT_IDENTITY.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
