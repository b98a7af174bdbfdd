"""Builds the one Catalog model from a source: list → read → parse → schema-check → facts → model, never raising.

It yields the model it could build plus the findings of loading (SVC001 unreadable, SVC002 schema,
SVC003 duplicates and file-name mismatches, SVC004 no catalog). A broken file drops out of the model,
but its id is remembered so that references to it are not reported twice.

The organisation is read first, here: every process's figures depend on its units. Then the product and
process files are shared between this process and a forked worker (`svcmap.catalog.workers`); each file
becomes a record of compact facts (`svcmap.catalog.facts`), and a caller's `examine` hook — the rules
engine's per-process work — runs on each process right where it was read, so only its small result
travels back. Each file is read once: the digest of the bytes parsed is kept for the cache's key.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from svcmap.catalog import packing, reader, schema
from svcmap.catalog.directives import Directives, ignore_directives
from svcmap.catalog.facts import (
    DUPLICATE,
    NO_CATALOG,
    SCHEMA,
    UNREADABLE,
    Record,
    build_process,
    build_product,
    duplicate_id,
    parse_mapping,
    read_record,
)
from svcmap.catalog.model import Catalog, DataItem, LifeEvent, Process, Product, Publication, Ref, Unit, positions
from svcmap.catalog.source import ORGANISATION_FILE, STAT, CatalogSource, FileText, digest_of, listing
from svcmap.catalog.workers import map_files
from svcmap.findings import Finding, Location, Severity
from svcmap.i18n import _

COST = {"product": 1, "process": 4}
"""How much work a file of each kind is, for sharing files fairly between workers (measured: a process
file with its figures and rules costs about four products)."""

Examine = Callable[[Catalog, Process, bool], Any]
"""Per-process work done where the process is read: given the organisation, the process and whether the
load keeps its data deflated (`LoadResult.deflate`), it returns plain data (`marshal` must be able to
send it back from a worker)."""


@dataclass
class LoadResult:
    """The model, the findings of loading it, and what the cache and suppression need of the files read."""

    catalog: Catalog
    findings: list[Finding]
    paths: list[str] = field(default_factory=list)
    """Every file the catalog lists, in reading order, the unreadable ones included (reporters list them)."""
    digests: dict[str, bytes] = field(default_factory=dict)
    """Per file, the digest of the bytes parsed (or of why it could not be read): the cache's key."""
    stats: dict[str, bytes] = field(default_factory=dict)
    """Per file read from a folder, its (size, mtime_ns, ctime_ns, inode) when it was opened, packed with
    `STAT` (a third of the memory of a tuple: a region's catalog has 200,000 files)."""
    directives: dict[str, Directives] = field(default_factory=dict)
    """Per file, its `# svcmap: ignore` comments: all that is kept of its text."""
    examined: dict[str, Any] = field(default_factory=dict)
    """Per process id (of the process in the model), what the `examine` hook returned."""
    readable: int = 0
    """Files that could be read as text."""
    deflate: bool = False
    """Whether what is kept packed per file (step facts, findings) is deflated: a large catalog's is
    (see `svcmap.catalog.packing`)."""

    @property
    def files(self) -> int:
        return self.readable


def _finding(code: str, message: str, path: str, line: int, column: int, subject: str) -> Finding:
    return Finding(code, Severity.ERROR, message, path, line, column, subject)


class _Loader:
    def __init__(self, source: CatalogSource, examine: Examine | None, remember_files: bool) -> None:
        self.source = source
        self.examine = examine
        self.remember_files = remember_files
        self.result = LoadResult(Catalog(None, None, {}, {}, {}, {}, None, {}, False), [])
        self.broken: dict[str, set[str]] = {}

    def problem(self, code: str, message: str, location: Location, subject: str) -> None:
        self.result.findings.append(_finding(code, message, location.file, location.line, location.column, subject))

    def remember(self, path: str, digest: bytes, stat: tuple[int, int, int, int] | None) -> None:
        """What the cache needs of a file read: the digest of its bytes, and its stat when it was opened."""
        if self.remember_files:
            self.result.digests[path] = digest
            if stat is not None:
                self.result.stats[path] = STAT.pack(*stat)

    def mark_broken(self, kind: str, *ids: Any) -> None:
        self.broken.setdefault(kind, set()).update(i for i in ids if isinstance(i, str))

    def load(self) -> LoadResult:
        files = listing(self.source)  # listed once: a file appearing meanwhile must not break the load
        self.result.paths = [path for path, _ in files]
        self.source.prefetch()  # a git revision is fetched in one go, before the work is shared out
        organisation = self.organisation(next((path for path, kind in files if kind == "organisation"), None))
        others = [(path, kind) for path, kind in files if kind != "organisation"]
        deflate = self.result.deflate = len(files) >= packing.DEFLATE_FROM_FILES
        examine = self.examine
        hook = (lambda process: examine(organisation, process, deflate)) if examine is not None else None
        records = map_files(
            lambda item: read_record(self.source, item[0], item[1], hook, self.remember_files, deflate),
            others,
            [COST[kind] for _, kind in others],
        )
        products: dict[str, Product] = {}
        processes: dict[str, Process] = {}
        first_at: dict[tuple[str, str], Location] = {}
        paths = [path for path, _ in others]  # the listing's own strings, not copies from a child
        records.reverse()
        paths.reverse()
        while records:  # each record let go once taken: its facts live on in the model alone
            self.take(paths.pop(), records.pop(), products, processes, first_at)
        self.result.catalog = Catalog(
            organisation_id=organisation.organisation_id,
            organisation_name=organisation.organisation_name,
            units=organisation.units,
            products=products,
            processes=processes,
            life_events=organisation.life_events,
            data_items=organisation.data_items,
            broken_ids={kind: frozenset(ids) for kind, ids in self.broken.items()},
            organisation_loaded=organisation.organisation_loaded,
            publication=organisation.publication,
        )
        return self.result

    def take(
        self,
        path: str,
        record: Record,
        products: dict[str, Product],
        processes: dict[str, Process],
        first_at: dict[tuple[str, str], Location],
    ) -> None:
        """One file's record into the model and the findings."""
        _path, kind, readable, digest, stat, facts, findings, directives, examined, broken = record
        result = self.result
        result.readable += readable
        if self.remember_files:
            result.digests[path] = digest
            if stat is not None:
                result.stats[path] = stat  # packed where it was read
        if directives:
            result.directives[path] = directives
        for code, message, line, column, subject in findings:
            result.findings.append(_finding(code, message, path, line, column, subject))
        if facts is None:
            self.mark_broken(kind, *broken)
            return
        ident = facts[0]
        location = Location(path, *_head(facts, kind))
        earlier = first_at.get((kind, ident))
        if earlier is not None:
            self.problem(
                DUPLICATE,
                duplicate_id(kind, ident, earlier.file, earlier.line),
                location,
                f"{kind}:{ident}",
            )
            return
        first_at[(kind, ident)] = location
        if kind == "product":
            products[ident] = build_product(path, facts)
        else:
            processes[ident] = build_process(path, facts)
            if examined is not None:
                result.examined[ident] = examined

    # --- organisation.yaml -------------------------------------------------------------------------

    def organisation(self, path: str | None) -> Catalog:
        """The organisation part of the catalog (units, life events, data items), with its findings."""
        empty = Catalog(None, None, {}, {}, {}, {}, None, {}, False)
        if path is None:
            self.problem(
                NO_CATALOG,
                _(
                    "no {file}: this folder holds no svcmap catalog (run svcmap in a catalog folder, or give its ROOT)"
                ).format(file=ORGANISATION_FILE),
                Location(ORGANISATION_FILE),
                "organisation",
            )
            return empty
        subject = "organisation"
        got = self.source.read(path)
        if not isinstance(got, FileText):
            self.remember(path, digest_of(got), got.stat)
            self.problem(UNREADABLE, got.message, Location(path, got.line, got.column), f"file:{path}")
            return empty
        self.result.readable += 1
        self.remember(path, got.digest, got.stat)
        directives = ignore_directives(got.text)
        if directives:
            self.result.directives[path] = directives
        data = parse_mapping(got.text, "organisation", f"file:{path}")
        if not isinstance(data, reader.YMap):
            code, message, line, column, file_subject = data
            self.problem(code, message, Location(path, line, column), file_subject)
            return empty
        errors = schema.check("organisation", data)
        for error in errors:
            self.problem(
                SCHEMA,
                error.message,
                Location(path, error.line, error.column),
                getattr(error, "subject", None) or subject,
            )
        document = _Document(path, data, errors)
        # With `units` itself broken (missing, null, not a list) no unit is known: checking every step
        # against an empty list would bury the one real error under a finding per step.
        organisation_loaded = not _broken_at(document, ("units",), ())
        organisation_id, organisation_name = _organisation(document)
        return Catalog(
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            units=self.units(document),
            products={},
            processes={},
            life_events=self.life_events(document),
            data_items=None if _broken_at(document, ("data_items",)) else self.data_items(document),
            broken_ids={kind: frozenset(ids) for kind, ids in self.broken.items()},
            organisation_loaded=organisation_loaded,
            publication=_publication(document),
        )

    def valid_items(self, document: _Document, key: str, kind: str) -> Iterable[tuple[Location, Any]]:
        """The items of one list of organisation.yaml that passed the schema; the others are marked broken."""
        items = document.data.get(key)
        if not isinstance(items, reader.YList):
            return
        failed = {error.path[1] for error in document.errors if len(error.path) > 1 and error.path[0] == key}
        for index, item in enumerate(items):
            if index in failed or not isinstance(item, reader.YMap):
                if isinstance(item, dict):
                    self.mark_broken(kind, item.get("id"))
                continue
            yield Location(document.path, item.line, item.column), item

    def unique(self, seen: dict[str, Any], ident: str, location: Location, kind: str, subject: str) -> bool:
        if ident in seen:
            first = seen[ident].location
            self.problem(
                DUPLICATE,
                duplicate_id(kind, ident, first.file, first.line),
                location,
                subject,
            )
            return False
        return True

    def units(self, document: _Document) -> dict[str, Unit]:
        units: dict[str, Unit] = {}
        for location, item in self.valid_items(document, "units", "unit"):
            ident = item["id"]
            unit = Unit(
                ident, item["name"], item["office"], item.get("domain") or ident, bool(item.get("external")), location
            )
            if self.unique(units, ident, location, "unit", f"unit:{ident}"):
                units[ident] = unit
        return units

    def data_items(self, document: _Document) -> dict[str, DataItem] | None:
        if "data_items" not in document.data:
            return None
        items: dict[str, DataItem] = {}
        for location, item in self.valid_items(document, "data_items", "data-item"):
            ident = item["id"]
            if self.unique(items, ident, location, "data item", f"data-item:{ident}"):
                items[ident] = DataItem(ident, item["name"], item.get("held_by"), location)
        return items

    def life_events(self, document: _Document) -> dict[str, LifeEvent]:
        events: dict[str, LifeEvent] = {}
        for location, item in self.valid_items(document, "life_events", "life-event"):
            ident = item["id"]
            subject = f"life-event:{ident}"
            refs = _refs(document.path, item["products"])
            listed: dict[str, Ref] = {}
            for ref in refs:
                if ref.id in listed:
                    self.problem(
                        DUPLICATE,
                        _(
                            "product {product!r} is listed twice in life event {event!r} (first on line {line}); "
                            "list it once"
                        ).format(product=ref.id, event=ident, line=listed[ref.id].location.line),
                        ref.location,
                        subject,
                    )
                listed.setdefault(ref.id, ref)
            if self.unique(events, ident, location, "life event", subject):
                events[ident] = LifeEvent(ident, item["name"], refs, location)
        return events


def _head(facts: tuple[Any, ...], kind: str) -> tuple[int, int]:
    """Line and column of the object itself, from the first pair of its packed positions."""
    at = positions(facts[7] if kind == "product" else facts[4])
    return at[0], at[1]


@dataclass
class _Document:
    path: str
    data: Any
    errors: list[schema.SchemaError]


def _organisation(document: _Document) -> tuple[str | None, str | None]:
    organisation = document.data.get("organisation")
    if not isinstance(organisation, dict):
        return None, None
    ident, name = organisation.get("id"), organisation.get("name")
    return (ident if isinstance(ident, str) else None, name if isinstance(name, str) else None)


def _publication(document: _Document) -> Publication | None:
    """`organisation.lpdc` with the positions of its keys, unless it is absent or failed its schema."""
    organisation = document.data.get("organisation")
    if not isinstance(organisation, reader.YMap) or not isinstance(organisation.get("lpdc"), reader.YMap):
        return None
    if any(tuple(error.path[:2]) in {("organisation", "lpdc"), ("organisation",)} for error in document.errors):
        return None
    written = {path: (line, column) for path, line, column in reader.key_positions(organisation["lpdc"], "lpdc")}
    written["lpdc"] = organisation.key_pos["lpdc"]
    return Publication(json.loads(json.dumps(organisation["lpdc"])), document.path, written)


def _broken_at(document: _Document, *paths: tuple[str, ...]) -> bool:
    """Whether a schema error concerns one of these paths itself (not something inside them)."""
    return any(tuple(error.path) in paths for error in document.errors)


def _refs(path: str, items: reader.YList) -> tuple[Ref, ...]:
    return tuple(Ref(item, Location(path, line, column)) for item, (line, column) in zip(items, items.item_pos))


def load_catalog(source: CatalogSource, examine: Examine | None = None, remember_files: bool = True) -> LoadResult:
    """Read a whole catalog version into the model, with every finding of loading it.

    `examine(organisation, process)` runs once per loaded process, in the worker that read it; its
    results are in `LoadResult.examined`. Without `remember_files` the files' digests and stats are not
    kept (a run without the cache has no use for them: 60 MB at 200,000 files).
    """
    return _Loader(source, examine, remember_files).load()
