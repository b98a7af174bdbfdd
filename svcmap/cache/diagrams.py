"""Drawn diagrams as cache entries, keyed by exactly what the drawing reads, so that `report` draws again only
the diagrams whose process (or what they show of the catalog, or the tool) changed.

A process diagram reads its process (the file's content digest, as the loader parsed it), the names of the
products it is drawn for, and of each unit its steps name the unit's name, office, domain, whether it is
external and its place among the catalog's units (lanes follow the declared order); and the words of the
language in use, the tool (`tool_digest`) and Graphviz's version. The key digests those and nothing else:
renaming a unit draws again the processes that have a step of it, and only those; a product's new volume
or a new unit elsewhere draws nothing. Any other drawing (the unit network) is keyed by the DOT text
Graphviz reads, which is all it reads.

Entries are the drawn bytes behind a digest of them (`Store.get_blob`): a damaged entry is a miss. A
catalog's worth of diagrams is kept: the entries of the last two reports, the ones a report reuses made
new again (`Store.touch`), so pruning drops the diagrams no report has drawn lately.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from svcmap.cache.store import Store, content_key
from svcmap.catalog.model import Catalog, Process, Product

KIND = "diagram"
KEPT_REPORTS = 2
"""How many reports' worth of diagrams are kept (a branch and main, or before and after an edit)."""


class DiagramCache:
    """The drawn diagrams of one ROOT, with how many were found (`hits`) and drawn anew (`stored`)."""

    def __init__(self, root: Path, file_digests: Mapping[str, bytes], graphviz_version: str) -> None:
        self.store = Store(root)
        self.file_digests = file_digests
        """Path → content digest of every catalog file the loader read."""
        self.graphviz_version = graphviz_version
        self.hits = 0
        self.stored = 0

    def process_key(self, catalog: Catalog, process: Process, products: Sequence[Product], output_format: str) -> str:
        """The key of a process's diagram in `output_format`; "" (never cached) when its file's digest is
        not known."""
        file_digest = self.file_digests.get(process.file)
        if file_digest is None:
            return ""
        declared = {unit_id: index for index, unit_id in enumerate(catalog.units)}
        drawn = sorted(
            {step.unit.id for step in process.steps}, key=lambda unit: (declared.get(unit, len(declared)), unit)
        )
        units = []
        for unit_id in drawn:
            unit = catalog.units.get(unit_id)
            units.append((unit_id,) if unit is None else (unit_id, unit.name, unit.office, unit.domain, unit.external))
        what = repr((process.file, [product.name for product in products], units)).encode("utf-8", "surrogatepass")
        return self._key(b"process\0" + output_format.encode() + b"\0" + file_digest + b"\0" + what)

    def text_key(self, name: str, text: str) -> str:
        """The key of a drawing of this DOT (or other) text, all that Graphviz reads."""
        return self._key(b"text\0" + name.encode() + b"\0" + text.encode("utf-8", "surrogatepass"))

    def _key(self, content: bytes) -> str:
        """The store's own content key (the tool, the language), with the Graphviz that draws."""
        return content_key(KIND, content, f"graphviz {self.graphviz_version}")

    def get_many(self, keys: Sequence[str], kind: str = KIND) -> list[bytes | None]:
        """The stored drawing of each key (None: a miss); the ones found count as used now."""
        found = [self.store.get_blob(kind, key) if key else None for key in keys]
        used = [key for key, data in zip(keys, found) if data is not None]
        self.hits += len(used)
        self.store.touch(kind, used)
        return found

    def put_many(self, drawings: Mapping[str, bytes], drawn_in_all: int, kind: str = KIND) -> None:
        """Keep new drawings of `kind`; `drawn_in_all` is how many of the kind the whole report has, so that
        pruning keeps `KEPT_REPORTS` reports' worth."""
        kept = {key: data for key, data in drawings.items() if key}
        if not kept:
            return
        self.stored += len(kept)
        self.store.put_blobs(kind, kept, keep=KEPT_REPORTS * max(drawn_in_all, 1))
