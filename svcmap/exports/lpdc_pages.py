"""The LDES pages LPDC harvests (shared/LPDC.md §1): instance snapshots in JSON-LD pages, linked both ways,
with the two official contexts beside them, so a municipality can serve the feed as static files.

Why this layout: LPDC's consumer is given the first page's URL and follows `GreaterThanOrEqualToRelation`s
forward (and may go back through `LessThanOrEqualToRelation`s); it reads every member once and never again, so
pages are filled in order of `generatedAtTime` with a fixed number of members each. A run over a longer history
then only adds members to the last page or adds pages after it: every earlier page stays byte-identical
(append-only), as long as every new snapshot is later than the ones already published (the history walk ensures
that). Every IRI is absolute (`<base>page-<n>.json`): the page `@id`, `view.@id` and the relations, and the
paths are the predicates' full IRIs, not the stub's short names that expand to page-relative IRIs (§1).

The text of a page is `json.dumps(sort_keys=True)` of plain data: the same members give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from svcmap.catalog.lpdc import CONTEXT_FILES, CONTEXTS_DIR
from svcmap.exports.cpsv import iri_base
from svcmap.files import write_atomically

PAGE_SIZE = 50
"""Members per page: small enough for LPDC's consumer to read one page per poll, large enough that a catalog of
400 products is 8 pages."""
GENERATED_AT = "http://www.w3.org/ns/prov#generatedAtTime"
IS_VERSION_OF = "http://purl.org/dc/terms/isVersionOf"


def page_name(number: int) -> str:
    return f"page-{number}.json"


def ordered(members: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Members in the order LPDC processes them (ADR 0022): by `generatedAtTime`, then by IRI for a stable order."""
    return sorted(members, key=lambda member: (str(member["generatedAtTime"]), str(member["@id"])))


def build_pages(
    members: Sequence[Mapping[str, Any]], base_url: str, page_size: int = PAGE_SIZE
) -> dict[str, dict[str, Any]]:
    """Every page by file name, as JSON-LD: `page-0.json` is the first (the URL LPDC is given); a feed without
    members is one empty page, so the URL exists from the first run on."""
    base = iri_base(base_url)
    chunks = [list(ordered(members)[start : start + page_size]) for start in range(0, len(members), page_size)] or [[]]
    pages: dict[str, dict[str, Any]] = {}
    for number, chunk in enumerate(chunks):
        relations = []
        if number > 0:
            relations.append(_relation("LessThanOrEqualToRelation", f"{base}{page_name(number - 1)}"))
        if number + 1 < len(chunks):
            relations.append(_relation("GreaterThanOrEqualToRelation", f"{base}{page_name(number + 1)}"))
        iri = f"{base}{page_name(number)}"
        pages[page_name(number)] = {
            "@context": [f"{base}{name}" for name in CONTEXT_FILES],
            "@id": iri,
            "@type": "EventStream",
            "timestampPath": GENERATED_AT,
            "versionOfPath": IS_VERSION_OF,
            "view": {"@id": iri, "@type": "Node", "relation": relations},
            "member": chunk,
        }
    return pages


def _relation(kind: str, node: str) -> dict[str, str]:
    return {"@type": kind, "node": node, "path": GENERATED_AT}


def render(page: Mapping[str, Any]) -> bytes:
    """One page as UTF-8 JSON, keys sorted, text not escaped to ASCII: the same page gives the same bytes."""
    return (json.dumps(page, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_feed(
    out: Path, members: Sequence[Mapping[str, Any]], base_url: str, page_size: int = PAGE_SIZE
) -> list[Path]:
    """The pages and the two official contexts (unchanged) into `out`, each file written atomically; returns the
    files written, pages first."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, page in build_pages(members, base_url, page_size).items():
        write_atomically(out / name, render(page))
        written.append(out / name)
    for name in CONTEXT_FILES:
        write_atomically(out / name, (CONTEXTS_DIR / name).read_bytes())
        written.append(out / name)
    return written
