"""Builds the one Catalog model from a source: read → parse → schema-check → model, never raising.

It yields the model it could build plus the findings of loading (SVC001 unreadable, SVC002 schema,
SVC003 duplicates and file-name mismatches, SVC004 no catalog). A broken file drops out of the model,
but its id is remembered so that references to it are not reported twice.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from svcmap.catalog import reader, schema
from svcmap.findings import Location, Problem
from svcmap.catalog.model import Catalog, DataItem, LifeEvent, Process, Product, Ref, Step, Target, Unit
from svcmap.catalog.workers import map_forked
from svcmap.catalog.source import ORGANISATION_FILE, CatalogSource, FileText, ReadFailure, listing

CHILD_TAKES_EVERY = 4
"""A second core parses the products and every fourth process (see `_Loader.parse_all`)."""

UNREADABLE = "SVC001"
SCHEMA = "SVC002"
DUPLICATE = "SVC003"
NO_CATALOG = "SVC004"


@dataclass
class LoadResult:
    """The model, the findings of loading it, and the texts read (for inline suppression and fmt)."""

    catalog: Catalog
    problems: list[Problem]
    texts: dict[str, str] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)
    """Every file the catalog lists, in reading order, the unreadable ones included (reporters list them)."""

    @property
    def files(self) -> int:
        return len(self.texts)


@dataclass(frozen=True, slots=True)
class _Parsed:
    """What one file's text gave: its data and schema errors, or the (code, message, line, column) that stopped it."""

    data: Any = None
    errors: list[schema.SchemaError] = field(default_factory=list)
    problem: tuple[str, str, int, int] | None = None


def _parse(item: tuple[str, str, bool]) -> _Parsed:
    """Parse and schema-check one file's text (a pure function: it may run in another process)."""
    text, kind, _ = item
    try:
        data = reader.load(text)
    except reader.YamlProblem as error:
        return _Parsed(problem=(UNREADABLE, error.message, error.line, error.column))
    if data is None:
        return _Parsed(problem=(SCHEMA, f"file is empty: expected the {kind} as a mapping", 1, 1))
    if not isinstance(data, reader.YMap):
        message = f"expected the {kind} as a mapping of keys to values"
        return _Parsed(problem=(SCHEMA, message, getattr(data, "line", 1), getattr(data, "column", 1)))
    return _Parsed(data, schema.check(kind, data))


@dataclass
class _Document:
    path: str
    data: Any
    errors: list[schema.SchemaError]


class _Loader:
    def __init__(self, source: CatalogSource) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.texts: dict[str, str] = {}
        self.paths: list[str] = []
        self.broken: dict[str, set[str]] = {}
        self.unreadable: dict[str, ReadFailure] = {}
        self.parsed: dict[str, _Parsed] = {}

    def problem(self, code: str, message: str, location: Location, subject: str) -> None:
        self.problems.append(Problem(message, location, subject, code))

    def mark_broken(self, kind: str, *ids: Any) -> None:
        self.broken.setdefault(kind, set()).update(i for i in ids if isinstance(i, str))

    def parse_all(self, files: list[tuple[str, str]]) -> None:
        """Read every file here, then parse and schema-check their texts, part of them on a second core.

        What a child parses must be pickled back, which costs it half as much again as parsing: so it
        gets the products, small and cheap to send, and every fourth process: measured on the bench
        catalog, that balances the two cores best (0.80 s, against 0.87 s with products alone and
        1.04 s with every second process).
        """
        readable: list[tuple[str, str, bool]] = []
        processes = 0
        for path, kind in files:
            got = self.source.read(path)
            if isinstance(got, FileText):
                self.texts[path] = got.text
                processes += kind == "process"
                to_child = kind == "product" or (kind == "process" and processes % CHILD_TAKES_EVERY == 0)
                readable.append((got.text, kind, to_child))
            else:
                self.unreadable[path] = got
        parsed = map_forked(_parse, readable, in_child=lambda item: item[2])
        self.parsed = dict(zip((path for path, _ in files if path in self.texts), parsed))

    def read(self, path: str, kind: str) -> _Document | None:
        """One parsed file as a document; None (with findings) when it is unusable as a whole."""
        subject = f"file:{path}"
        self.paths.append(path)
        failure = self.unreadable.get(path)
        if failure is not None:
            self.problem(UNREADABLE, failure.message, Location(path, failure.line, failure.column), subject)
            return None
        parsed = self.parsed[path]
        if parsed.problem is not None:
            code, message, line, column = parsed.problem
            self.problem(code, message, Location(path, line, column), subject)
            return None
        return _Document(path, parsed.data, parsed.errors)

    def report_schema_errors(self, document: _Document, subject: str) -> None:
        for error in document.errors:
            self.problem(SCHEMA, error.message, Location(document.path, error.line, error.column), subject)

    def load(self) -> LoadResult:
        files = listing(self.source)  # listed once: a file appearing meanwhile must not break the load
        self.parse_all(files)
        organisation_path = next((path for path, kind in files if kind == "organisation"), None)
        units: dict[str, Unit] = {}
        life_events: dict[str, LifeEvent] = {}
        data_items: dict[str, DataItem] | None = None
        organisation_id = organisation_name = None
        organisation_loaded = False
        if organisation_path is None:
            self.problem(
                NO_CATALOG,
                f"no {ORGANISATION_FILE}: this folder holds no svcmap catalog "
                f"(run svcmap in a catalog folder, or give its ROOT)",
                Location(ORGANISATION_FILE),
                "organisation",
            )
        else:
            document = self.read(organisation_path, "organisation")
            if document is not None:
                self.report_schema_errors(document, "organisation")
                # With `units` itself broken (missing, null, not a list) no unit is known: checking every
                # step against an empty list would bury the one real error under a finding per step.
                organisation_loaded = not _broken_at(document, ("units",), ())
                organisation_id, organisation_name = self.organisation(document)
                units = self.units(document)
                data_items = None if _broken_at(document, ("data_items",)) else self.data_items(document)
                life_events = self.life_events(document)
        products = self.products([path for path, kind in files if kind == "product"])
        processes = self.processes([path for path, kind in files if kind == "process"])
        catalog = Catalog(
            organisation_id=organisation_id,
            organisation_name=organisation_name,
            units=units,
            products=products,
            processes=processes,
            life_events=life_events,
            data_items=data_items,
            broken_ids={kind: frozenset(ids) for kind, ids in self.broken.items()},
            organisation_loaded=organisation_loaded,
        )
        return LoadResult(catalog, self.problems, self.texts, self.paths)

    # --- organisation.yaml -------------------------------------------------------------------------

    @staticmethod
    def organisation(document: _Document) -> tuple[str | None, str | None]:
        organisation = document.data.get("organisation")
        if not isinstance(organisation, dict):
            return None, None
        ident, name = organisation.get("id"), organisation.get("name")
        return (ident if isinstance(ident, str) else None, name if isinstance(name, str) else None)

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
                f"duplicate {kind} id {ident!r} (first declared at {first.file}:{first.line}); give each a unique id",
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
                        f"product {ref.id!r} is listed twice in life event {ident!r} "
                        f"(first on line {listed[ref.id].location.line}); list it once",
                        ref.location,
                        subject,
                    )
                listed.setdefault(ref.id, ref)
            if self.unique(events, ident, location, "life event", subject):
                events[ident] = LifeEvent(ident, item["name"], refs, location)
        return events

    # --- products and processes ------------------------------------------------------------------

    def documents(self, paths: list[str], kind: str) -> Iterable[_Document]:
        """The schema-valid documents of one kind; the others are reported and their ids marked broken."""
        for path in paths:
            document = self.read(path, kind)
            stem = PurePosixPath(path).stem
            if document is None:
                self.mark_broken(kind, stem)
                continue
            if document.errors:
                self.report_schema_errors(document, f"{kind}:{document.data.get('id', stem)}")
                self.mark_broken(kind, stem, document.data.get("id"))
                continue
            ident = document.data["id"]
            if ident != stem:
                line, column = document.data.value_pos["id"]
                self.problem(
                    DUPLICATE,
                    f"id {ident!r} differs from the file name {PurePosixPath(path).name!r}; "
                    f"rename the file to {ident}.yaml or change the id",
                    Location(path, line, column),
                    f"{kind}:{ident}",
                )
            yield document

    def products(self, paths: list[str]) -> dict[str, Product]:
        products: dict[str, Product] = {}
        for document in self.documents(paths, "product"):
            data, path = document.data, document.path
            location = Location(path, data.line, data.column)
            product = Product(
                id=data["id"],
                name=data["name"],
                owner=_ref(path, data, "owner"),
                process=_ref(path, data, "process") if "process" in data else None,
                channels=tuple(data["channels"]),
                status=data.get("status", "active"),
                location=location,
                fields=data,
            )
            if self.unique(products, product.id, location, "product", f"product:{product.id}"):
                products[product.id] = product
        return products

    def processes(self, paths: list[str]) -> dict[str, Process]:
        processes: dict[str, Process] = {}
        for document in self.documents(paths, "process"):
            data, path = document.data, document.path
            ident = data["id"]
            steps = tuple(_step(path, item) for item in data["steps"])
            seen: dict[str, Step] = {}
            for step in steps:
                if self.unique(seen, step.id, step.location, "step", f"process:{ident}/step:{step.id}"):
                    seen[step.id] = step
            location = Location(path, data.line, data.column)
            process = Process(ident, data["name"], _ref(path, data, "start") if "start" in data else None, steps, location)
            if self.unique(processes, ident, location, "process", f"process:{ident}"):
                processes[ident] = process
        return processes


def _broken_at(document: _Document, *paths: tuple[str, ...]) -> bool:
    """Whether a schema error concerns one of these paths itself (not something inside them)."""
    return any(tuple(error.path) in paths for error in document.errors)


def _ref(path: str, mapping: reader.YMap, key: str) -> Ref:
    line, column = mapping.value_pos[key]
    return Ref(mapping[key], Location(path, line, column))


def _refs(path: str, items: reader.YList) -> tuple[Ref, ...]:
    return tuple(Ref(item, Location(path, line, column)) for item, (line, column) in zip(items, items.item_pos))


def _step(path: str, item: reader.YMap) -> Step:
    raw_next = item.get("next")
    targets: list[Target] = []
    if isinstance(raw_next, str):
        line, column = item.value_pos["next"]
        targets.append(Target(raw_next, None, Location(path, line, column)))
    elif isinstance(raw_next, reader.YList):
        for target, (line, column) in zip(raw_next, raw_next.item_pos):
            if isinstance(target, reader.YMap):
                line, column = target.value_pos["to"]
                targets.append(Target(target["to"], target.get("when"), Location(path, line, column)))
            else:
                targets.append(Target(target, None, Location(path, line, column)))
    return Step(
        id=item["id"],
        name=item["name"],
        unit=_ref(path, item, "unit"),
        office=item.get("office"),
        channel=item.get("channel"),
        asks=_refs(path, item["asks"]) if "asks" in item else (),
        targets=tuple(targets),
        location=Location(path, item.line, item.column),
        key_positions=item.key_pos,
    )


def load_catalog(source: CatalogSource) -> LoadResult:
    """Read a whole catalog version into the model, with every finding of loading it.

    The cyclic garbage collector is paused while loading, and what was loaded is frozen out of its
    sight afterwards: the model only grows and holds no cycles, yet every collection would walk all of
    it. On a 4,001-file catalog the collector made composing 4× slower (2.3 s against 0.52 s) and the
    flow rules 10× slower.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _Loader(source).load()
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
