"""`svcmap import lpdc`: LPDC/IPDC files → new product files under `catalog/products/`, never over a file.

Every file is read offline (rdfread) and its products drafted (lpdc); across all files the latest snapshot
of each instance wins and an archived one is skipped. A product is skipped, with the reason, when the
catalog already has its instance (`identifiers.lpdc`) or a product of its id. Ids come from the Dutch name
(the SPEC id pattern, unique). LPDC knows no owner unit: `--owner UNIT` names one of the catalog's, else
every product gets OWNER_UNIT, which the import adds to organisation.yaml under a name that says what to
do. LPDC knows no process either: an imported product is active without one, which `svcmap validate`
reports as SVC107 (SPEC §6), so the warnings are the municipality's to-do list; its header says so too.
A file that cannot be read is reported with its position and the others are still imported (SPEC §6:
exit 1 only for such a file).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from svcmap.catalog.source import ORGANISATION_FILE
from svcmap.errors import SvcmapError
from svcmap.files import write_atomically
from svcmap.i18n import _, ngettext
from svcmap.imports.lpdc import DraftProduct, latest, products
from svcmap.imports.rdfread import read_graph
from svcmap.imports.summary import added_units, skipped_lines
from svcmap.imports.units import NewUnit, short_id, unique
from svcmap.imports.writing import organisation_text, product_text
from svcmap.imports.xmlsafe import MAX_BYTES, UnreadableInput
from svcmap.scaffold.new import catalog_at, exists
from svcmap.scaffold.newfiles import NewFile, write_new
from svcmap.text import one_line, terminal_text

PRODUCTS_DIR = "catalog/products"
MAX_PRODUCT_ID = 48
OWNER_UNIT = NewUnit(
    id="eigenaar-onbekend",
    name="Eigenaar onbekend (geïmporteerd uit LPDC): geef elk product een echte eigenaar",
    office="back",
    external=False,
)


@dataclass(frozen=True)
class WrittenProduct:
    path: str
    name: str
    instance: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class LpdcFile:
    """What became of one input file."""

    name: str
    error: str = ""
    written: tuple[WrittenProduct, ...] = ()
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class LpdcImported:
    files: tuple[LpdcFile, ...]
    new_units: tuple[NewUnit, ...]

    @property
    def unreadable(self) -> tuple[LpdcFile, ...]:
        return tuple(file for file in self.files if file.error)


@dataclass(frozen=True)
class _Found:
    source: int
    """Index of its file."""
    draft: DraftProduct


def import_lpdc(
    root: Path, paths: Sequence[Path], owner: str | None = None, max_bytes: int = MAX_BYTES
) -> LpdcImported:
    """Import the LPDC/IPDC files into the catalog at ROOT."""
    catalog = catalog_at(root)
    if owner is not None and owner not in catalog.units:
        raise SvcmapError(
            _("--owner: the catalog has no unit {unit} (its units are in {file})").format(
                unit=repr(owner), file=ORGANISATION_FILE
            )
        )
    names = [path.as_posix() for path in paths]
    errors: dict[int, str] = {}
    skipped: dict[int, list[str]] = {}
    found: list[_Found] = []
    for index, (path, name) in enumerate(zip(paths, names)):
        try:
            graph = read_graph(path, name, max_bytes)
        except UnreadableInput as error:
            errors[index] = error.message
            continue
        drafts = list(products(graph))
        if not drafts:
            skipped.setdefault(index, []).append(_("nothing: no LPDC instance snapshot, instance or concept in it"))
        for draft in drafts:
            if isinstance(draft, str):
                skipped.setdefault(index, []).append(draft)
                continue
            found.append(_Found(index, draft))
    winners = {id(item.draft) for item in _latest(found)}
    imported = {
        str(product.fields.get("identifiers", {}).get("lpdc")): product.id
        for product in catalog.products.values()
        if isinstance(product.fields.get("identifiers"), dict)
    }
    owner_unit = owner or OWNER_UNIT.id
    taken = set(catalog.products)
    files: list[NewFile] = []
    written: dict[int, list[WrittenProduct]] = {}
    for item in found:
        draft, reasons = item.draft, skipped.setdefault(item.source, [])
        if id(draft) not in winners:
            reasons.append(
                _("{kind} of {time} of '{name}': a later snapshot of {instance} wins").format(
                    kind=draft.kind, time=draft.time, name=draft.name, instance=draft.instance
                )
            )
            continue
        if draft.archived:
            reasons.append(
                _("'{name}' ({instance}): archived in LPDC").format(name=draft.name, instance=draft.instance)
            )
            continue
        if draft.uuid in imported:
            reasons.append(
                _("'{name}': already in the catalog as product '{id}' (identifiers.lpdc)").format(
                    name=draft.name, id=imported[draft.uuid]
                )
            )
            continue
        ident = short_id(draft.name, MAX_PRODUCT_ID, "product")
        if exists(root, catalog, "product", ident):
            reasons.append(
                _("'{name}': product '{id}' already exists ({path}): not overwritten").format(
                    name=draft.name, id=ident, path=f"{PRODUCTS_DIR}/{ident}.yaml"
                )
            )
            continue
        ident = unique(ident, taken)
        path = f"{PRODUCTS_DIR}/{ident}.yaml"
        notes = list(draft.notes)
        if draft.guessed_channels:
            notes.append("channels: LPDC names no contact point or website; `counter` is a guess")
        files.append(
            NewFile(path, product_text(_data(ident, owner_unit, item), _header(names[item.source], draft, notes)), "")
        )
        written.setdefault(item.source, []).append(WrittenProduct(path, draft.name, draft.instance, tuple(notes)))
    new_units = (OWNER_UNIT,) if files and owner is None and OWNER_UNIT.id not in catalog.units else ()
    organisation = None
    if new_units:
        original = (root / ORGANISATION_FILE).read_text(encoding="utf-8")
        organisation = organisation_text(original, new_units, "unit made by svcmap import lpdc: LPDC names no owner")
    write_new(root, files)
    if organisation is not None:
        target = root / ORGANISATION_FILE
        write_atomically(target, organisation, mode=target.stat().st_mode & 0o7777)
    results = tuple(
        LpdcFile(name, errors.get(index, ""), tuple(written.get(index, ())), tuple(skipped.get(index, ())))
        for index, name in enumerate(names)
    )
    return LpdcImported(results, new_units)


def _latest(found: list[_Found]) -> list[_Found]:
    by_draft = {id(item.draft): item for item in found}
    return [by_draft[id(draft)] for draft in latest([item.draft for item in found])]


def _data(ident: str, owner: str, item: _Found) -> dict[str, Any]:
    fields = dict(item.draft.fields)
    data: dict[str, Any] = {"id": ident, "name": item.draft.name}
    if "description" in fields:
        data["description"] = fields.pop("description")
    data["owner"] = owner
    data["channels"] = item.draft.channels
    for key in ("audience", "cost", "legal_basis", "identifiers", "lpdc"):
        if key in fields:
            data[key] = fields[key]
    return data  # active (the default) without a process: SVC107 says what to do


def _header(name: str, draft: DraftProduct, notes: list[str]) -> list[str]:
    when = f" of {draft.time}" if draft.time else ""
    lines = [
        f"Imported by `svcmap import lpdc` from {name}: {draft.kind}{when} of {draft.instance}.",
        "To do: give it its owner, describe its process and set `process: <id>` (SVC107 until then).",
    ]
    if notes:
        lines.append("Not mapped or guessed:")
        lines += [f"  {note}" for note in notes]
    return [one_line(line) if not line.startswith("  ") else "  " + one_line(line) for line in lines]


def report(result: LpdcImported) -> str:
    """The text of a run, for standard output (unreadable files go to standard error, by the CLI)."""
    lines: list[str] = []
    for file in result.files:
        if file.error:
            continue
        lines.append(f"{file.name}:")
        wrote = _("wrote {path}  '{name}'")
        lines += ["  " + wrote.format(path=product.path, name=product.name) for product in file.written]
        lines += skipped_lines(file.skipped)
    if result.new_units:
        lines.append(added_units(len(result.new_units), ", ".join(unit.id for unit in result.new_units)))
    count = sum(len(file.written) for file in result.files)
    if count:
        lines += [
            "",
            ngettext(
                "next: {count} product without a process:", "next: {count} products without a process:", count
            ).format(count=count),
            "  svcmap validate    "
            + _("SVC107 lists them; SVC5xx what LPDC would refuse, once organisation.lpdc is set"),
            "  " + _("give each product its owner, describe its process, then set `process: <id>`"),
        ]
    return "".join(terminal_text(line) + "\n" for line in lines)
