"""`svcmap new product|process ID`: a new file in an existing catalog, from a template, its ids checked against it.

A new file is valid at once: every id it names exists, or is written with it. A product needs a process
(SPEC §2, unless planned), so `new product` links one: `--process ID`, or else the process of the
product's own id; one that does not exist yet is written too, from the process template, done by the
product's owner. A `--process` id close to an existing process's (`adreswijzging`) is taken for a typo
and refused with a did-you-mean, rather than creating a second process by mistake. A new process that
no product names yet gives exactly one warning, SVC105, which says what to do next.
"""

from __future__ import annotations

from pathlib import Path

from svcmap.catalog.loader import load_catalog
from svcmap.catalog.model import Catalog
from svcmap.catalog.source import ORGANISATION_FILE, PROCESSES_DIR, PRODUCTS_DIR, FolderSource
from svcmap.errors import EXIT_FINDINGS, SvcmapError
from svcmap.i18n import N_, _
from svcmap.scaffold.newfiles import NewFile, Scaffolded, existing, write_new
from svcmap.scaffold.templates import catalog_text, id_from, id_pattern, scalar
from svcmap.text import did_you_mean

DEFAULT_CHANNEL = "web"
"""The channel of a new product and of its process's first step, where nothing says otherwise."""


class NoCatalog(SvcmapError):
    """ROOT holds no usable organisation.yaml: that is a finding (SVC004, or the file's own), so exit 1 (SPEC §5)."""

    exit_code = EXIT_FINDINGS


def new_product(root: Path, product_id: str, owner: str | None = None, process: str | None = None) -> Scaffolded:
    """Write `catalog/products/<id>.yaml` owned by `owner` (default: the first unit), with its process."""
    catalog = catalog_at(root)
    _check_new(root, catalog, "product", product_id)
    owner_unit = _unit(catalog, owner, "--owner")
    process_id = product_id if process is None else process
    _check_id("process", process_id, "--process")
    files: list[NewFile] = []
    if exists(root, catalog, "process", process_id):
        channel = _start_channel(catalog, process_id)
        about = _("a new product of {unit}, done by the process {process}").format(unit=owner_unit, process=process_id)
    else:
        if process is not None:
            hint = did_you_mean(process_id, catalog.processes, quote=False)
            if hint:
                raise SvcmapError(
                    _(
                        "--process: no process '{id}'; {hint} (for a new process of that id, run "
                        "`svcmap new process {id}` first)"
                    ).format(id=process_id, hint=hint)
                )
        channel = DEFAULT_CHANNEL
        about = _("a new product of {unit}").format(unit=owner_unit)
        done_by = _("its process, done by {unit}").format(unit=owner_unit)
        files.append(_process_file(process_id, owner_unit, channel, done_by))
    values = {
        "product_id": scalar(product_id),
        "product_name": scalar(_name(product_id)),
        "owner": scalar(owner_unit),
        "process_id": scalar(process_id),
        "process_file": process_id,
        "channel": scalar(channel),
    }
    product = NewFile(_path("product", product_id), catalog_text("product", "new-product.yaml", values), about)
    files.insert(0, product)
    write_new(root, files)
    steps = [_("fill in {path}: the name citizens know, a summary, the channels").format(path=product.path)]
    if len(files) > 1:
        steps.append(_describe_steps(files[1].path, process_id))
    steps.append("svcmap validate")
    return Scaffolded(root, tuple(files), tuple(steps))


def new_process(root: Path, process_id: str, unit: str | None = None) -> Scaffolded:
    """Write `processes/<id>.yaml`, its steps done by `unit` (default: the first unit)."""
    catalog = catalog_at(root)
    _check_new(root, catalog, "process", process_id)
    step_unit = _unit(catalog, unit, "--unit")
    about = _("a new process, done by {unit}").format(unit=step_unit)
    new = _process_file(process_id, step_unit, DEFAULT_CHANNEL, about)
    write_new(root, [new])
    steps = (
        _describe_steps(new.path, process_id),
        _(
            "name it in a product (`process: {id}`), or run `svcmap new product ID --process {id}`;"
            " until then `svcmap validate` warns SVC105 (a process no product uses)"
        ).format(id=process_id),
    )
    return Scaffolded(root, (new,), steps)


def _describe_steps(path: str, process_id: str) -> str:
    return _("describe the real steps in {path} (`svcmap render {id}` draws them)").format(path=path, id=process_id)


def catalog_at(root: Path) -> Catalog:
    """The catalog at ROOT, whose units and ids a new file is checked against."""
    loaded = load_catalog(FolderSource(root), remember_files=False)
    if not loaded.catalog.organisation_loaded:
        problem = next(finding for finding in loaded.findings if finding.file == ORGANISATION_FILE)
        where = f"{root / problem.file}:{problem.line}:{problem.column}"
        raise NoCatalog(
            f"{where}: {problem.code} {problem.message}"
            + (_("; `svcmap init` starts a new catalog") if problem.code == "SVC004" else _("; fix it first"))
        )
    return loaded.catalog


def _path(kind: str, ident: str) -> str:
    return f"{PRODUCTS_DIR if kind == 'product' else PROCESSES_DIR}/{ident}.yaml"


_INVALID_ID = {
    "product": N_("{id} is not a valid product id: lowercase letters and digits, words joined by single hyphens"),
    "process": N_("{id} is not a valid process id: lowercase letters and digits, words joined by single hyphens"),
}
_EXISTS = {
    "product": N_("product '{id}' already exists ({path}); svcmap never overwrites a file"),
    "process": N_("process '{id}' already exists ({path}); svcmap never overwrites a file"),
}


def _check_id(kind: str, ident: str, option: str | None = None) -> None:
    """A usage error unless `ident` matches the id pattern; it suggests an id made from it."""
    if not id_pattern().match(ident):
        suggestion = id_from(ident)
        hint = _(", e.g. {id}").format(id=suggestion) if suggestion else ""
        words = _INVALID_ID[kind]
        message = _(words).format(id=repr(ident)) + hint
        raise SvcmapError(f"{option}: {message}" if option else message)


def exists(root: Path, catalog: Catalog, kind: str, ident: str) -> bool:
    """Whether the catalog has an object of that id, valid or broken, or its file is there."""
    objects = catalog.products if kind == "product" else catalog.processes
    return ident in objects or catalog.is_broken(kind, ident) or bool(existing(root, [_path(kind, ident)]))


def _check_new(root: Path, catalog: Catalog, kind: str, ident: str) -> None:
    """A usage error unless `ident` is a valid id that no object of its kind has yet."""
    _check_id(kind, ident)
    if exists(root, catalog, kind, ident):
        objects = catalog.products if kind == "product" else catalog.processes
        where = objects[ident].location.file if ident in objects else _path(kind, ident)
        words = _EXISTS[kind]
        raise SvcmapError(_(words).format(id=ident, path=where))


def _unit(catalog: Catalog, unit: str | None, option: str) -> str:
    """The unit named, which must exist; or, when none is named, the catalog's first unit."""
    if unit is None:
        if not catalog.units:
            raise SvcmapError(
                _("{file} declares no unit; add one, or name it with {option}").format(
                    file=ORGANISATION_FILE, option=option
                )
            )
        return next(iter(catalog.units))
    if unit not in catalog.units:
        hint = did_you_mean(unit, catalog.units, quote=False)
        known = ", ".join(catalog.units)
        hint = hint or _("the units: {ids}").format(ids=known)
        raise SvcmapError(
            _("{option}: no unit '{unit}' in {file}; {hint}").format(
                option=option, unit=unit, file=ORGANISATION_FILE, hint=hint
            )
        )
    return unit


def _start_channel(catalog: Catalog, process_id: str) -> str:
    """The channel of the process's start step, so that the product offers it (else SVC403); else the default."""
    process = catalog.processes.get(process_id)
    start = process.step_by_id.get(process.start_id) if process is not None and process.steps else None
    return start.channel if start is not None and start.channel else DEFAULT_CHANNEL


def _process_file(process_id: str, unit: str, channel: str, about: str) -> NewFile:
    values = {
        "process_id": scalar(process_id),
        "process_name": scalar(f"{_name(process_id)} behandelen"),
        "process_file": process_id,
        "unit": scalar(unit),
        "channel": scalar(channel),
    }
    return NewFile(_path("process", process_id), catalog_text("process", "new-process.yaml", values), about)


def _name(ident: str) -> str:
    """A first name for an object, made from its id (`parkeerkaart-bewoner` → `Parkeerkaart bewoner`)."""
    return ident.replace("-", " ").capitalize()
