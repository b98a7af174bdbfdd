"""`render`: which diagrams to draw, in which format, and writing them (and an index) atomically.

Every format draws the same `svcmap.render.layout` grid: Graphviz (svg, png, pdf, and the DOT it reads), Mermaid
and BPMN 2.0. An id names a product (its process is drawn, with the product's name in the title) or a
process (drawn with the names of the products that use it); a product wins where both share an id. A life
event draws its trajectory: every product's process one after the other (`svcmap.render.trajectory`), in a
file named `<id>.life-event.<ext>`, which no product or process id can take (ids hold no dot).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from svcmap.analysis.figures import Analysis
from svcmap.analysis.trajectory import trajectory_of
from svcmap.catalog.model import Catalog, Process, Product
from svcmap.errors import SvcmapError
from svcmap.files import check_output_folder, write_atomically
from svcmap.i18n import _
from svcmap.render import bpmn, graphviz, mermaid
from svcmap.render.layout import Chain, Layout, layout_chain, layout_process, products_of
from svcmap.render.trajectory import chain_of
from svcmap.text import did_you_mean

LIFE_EVENT_SUFFIX = ".life-event"
"""After a life event's id in its diagram's file name."""

if TYPE_CHECKING:
    from svcmap.cache.diagrams import DiagramCache


@dataclass(frozen=True)
class Format:
    """An output format: its file extension, and how a layout becomes its bytes."""

    name: str
    extension: str
    binary: bool
    """Not text: never written to a terminal."""
    uses_graphviz: bool
    draw: Callable[[Layout], bytes]


def _text(to_text: Callable[[Layout], str]) -> Callable[[Layout], bytes]:
    return lambda layout: to_text(layout).encode("utf-8")


def _graphviz(output_format: str) -> Callable[[Layout], bytes]:
    return lambda layout: graphviz.render(layout, output_format)


FORMATS: dict[str, Format] = {
    "svg": Format("svg", "svg", False, True, _graphviz("svg")),
    "png": Format("png", "png", True, True, _graphviz("png")),
    "pdf": Format("pdf", "pdf", True, True, _graphviz("pdf")),
    "dot": Format("dot", "dot", False, False, _text(graphviz.to_dot)),
    "mermaid": Format("mermaid", "mmd", False, False, _text(mermaid.to_mermaid)),
    "bpmn": Format("bpmn", "bpmn", False, False, _text(bpmn.to_bpmn)),
}


@dataclass(frozen=True)
class Target:
    """One diagram to draw: the file name it gets, the process, and the products it is drawn for."""

    name: str
    process: Process
    products: tuple[Product, ...]
    chain: Chain | None = None
    """For a life event: its products' processes joined (`process` is the joined one)."""


def resolve(catalog: Catalog, ids: Sequence[str]) -> list[Target]:
    """The diagrams for ids given on the command line; an unknown id is an error naming close matches."""
    targets: list[Target] = []
    for wanted in dict.fromkeys(ids):
        product = catalog.products.get(wanted)
        if product is not None:
            process = catalog.processes.get(product.process.id) if product.process else None
            if process is None:
                raise SvcmapError(_("product {id} has no process to draw").format(id=repr(wanted)))
            targets.append(Target(wanted, process, (product,)))
            continue
        process = catalog.processes.get(wanted)
        if process is None:
            raise SvcmapError(_unknown(catalog, wanted))
        targets.append(Target(wanted, process, tuple(products_of(catalog, process.id))))
    return targets


def life_events(catalog: Catalog, analysis: Analysis, ids: Sequence[str]) -> list[Target]:
    """The trajectory diagram of each life event id; an unknown id, or a life event with nothing to draw (no
    product of it has a process), is an error."""
    targets = []
    for wanted in dict.fromkeys(ids):
        if wanted not in catalog.life_events:
            hint = did_you_mean(wanted, catalog.life_events, limit=3, quote=False)
            hint = f"; {hint}" if hint else "; " + _("`svcmap analyze --by life-event` lists them")
            raise SvcmapError(_("no life event with id {id!r}{hint}").format(id=wanted, hint=hint))
        targets.append(life_event_target(catalog, analysis, wanted))
    return targets


def has_trajectory(catalog: Catalog, event_id: str) -> bool:
    """Whether a life event has a diagram to draw: some product of it has a process."""
    products = (catalog.products.get(ref.id) for ref in catalog.life_events[event_id].products)
    return any(product and product.process_id in catalog.processes for product in products)


def life_event_target(catalog: Catalog, analysis: Analysis, event_id: str) -> Target:
    """The trajectory diagram of one life event of the catalog."""
    trajectory = trajectory_of(catalog, analysis, event_id)
    if not trajectory.drawn:
        raise SvcmapError(
            _("life event {id!r} has nothing to draw: none of its products has a process").format(id=event_id)
        )
    chain = chain_of(trajectory)
    products = tuple(catalog.products[leg.product_id] for leg in trajectory.drawn)
    return Target(event_id + LIFE_EVENT_SUFFIX, chain.process, products, chain)


def every_process(catalog: Catalog) -> list[Target]:
    """A diagram per process, by id, each drawn for the products that use it (found in one pass)."""
    users: dict[str, list[Product]] = {}
    for product in catalog.products.values():
        if product.process is not None:
            users.setdefault(product.process.id, []).append(product)
    return [
        Target(process_id, catalog.processes[process_id], tuple(users.get(process_id, ())))
        for process_id in sorted(catalog.processes)
    ]


def _unknown(catalog: Catalog, wanted: str) -> str:
    hint = did_you_mean(wanted, [*catalog.products, *catalog.processes], limit=3, quote=False)
    hint = f"; {hint}" if hint else _("; `svcmap analyze` lists them")
    return _("no product or process with id {id}").format(id=repr(wanted)) + hint


def layout_of(catalog: Catalog, target: Target) -> Layout:
    if target.chain is not None:
        return layout_chain(catalog, target.chain)
    return layout_process(catalog, target.process, target.products)


@dataclass(frozen=True)
class Drawing:
    """A drawn diagram: its target, the layout it was drawn from, and the bytes of the file."""

    target: Target
    layout: Layout
    data: bytes


def draw(catalog: Catalog, target: Target, output_format: str) -> Drawing:
    """One diagram."""
    layout = layout_of(catalog, target)
    return Drawing(target, layout, FORMATS[output_format].draw(layout))


def draw_all(catalog: Catalog, targets: Sequence[Target], output_format: str, jobs: int | None = None) -> list[Drawing]:
    """Every diagram, in order; Graphviz draws in batches, as many at once as there are cores."""
    chosen = FORMATS[output_format]
    if not chosen.uses_graphviz or len(targets) < 2:
        return [draw(catalog, target, output_format) for target in targets]
    layouts = [layout_of(catalog, target) for target in targets]
    drawn = graphviz.render_many(layouts, output_format, jobs or os.cpu_count() or 1)
    return [Drawing(target, layout, data) for target, layout, data in zip(targets, layouts, drawn)]


def draw_cached(
    catalog: Catalog, targets: Sequence[Target], output_format: str, cache: DiagramCache | None
) -> list[bytes]:
    """The bytes of every target's diagram, in order: from `cache` where it has them (see
    `svcmap.cache.diagrams` for what a key holds), the others drawn as `draw_all` draws them and kept."""
    if cache is None:
        return [drawing.data for drawing in draw_all(catalog, targets, output_format)]
    keys = [_cache_key(cache, catalog, target, output_format) for target in targets]
    found = cache.get_many(keys)
    missing = [index for index, data in enumerate(found) if data is None]
    drawn = draw_all(catalog, [targets[index] for index in missing], output_format) if missing else []
    for index, drawing in zip(missing, drawn):
        found[index] = drawing.data
    cache.put_many({keys[index]: drawing.data for index, drawing in zip(missing, drawn)}, len(targets))
    return [data or b"" for data in found]


def _cache_key(cache: DiagramCache, catalog: Catalog, target: Target, output_format: str) -> str:
    """A process's diagram is keyed by what it reads (`DiagramCache.process_key`). A life event's draws
    its products in order — each one's name, lead time and channels in its band, its process as that
    process's own diagram reads it — so its key is theirs together ("" when one of them cannot be keyed:
    then it is drawn)."""
    if target.chain is None:
        return cache.process_key(catalog, target.process, target.products, output_format)
    event = catalog.life_events[target.chain.process.id]  # a chain's joined process bears its life event's id
    parts: list[object] = [event.id, event.name]
    for ref in event.products:
        product = catalog.products.get(ref.id)
        if product is None:
            parts.append((ref.id,))
            continue
        process = catalog.processes.get(product.process_id or "")
        drawn = cache.process_key(catalog, process, (product,), output_format) if process is not None else None
        if drawn == "":
            return ""
        parts.append((ref.id, product.name, product.fields.get("lead_time_days"), product.channels, drawn))
    return cache.text_key(f"{target.name}.{output_format}", repr(parts))


def make_folder(out_dir: Path) -> None:
    """The folder diagrams are written into, made where it is missing; one that cannot be is an error."""
    check_output_folder(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SvcmapError(
            _("{path}: cannot create the folder: {error}").format(path=out_dir, error=error.strerror)
        ) from None


def write_diagrams(
    catalog: Catalog, targets: Sequence[Target], output_format: str, out_dir: Path, with_index: bool
) -> list[Path]:
    """Draw and write every target into out_dir (and the index with --all); returns the files written."""
    from svcmap.render.index import index_file

    make_folder(out_dir)
    extension = FORMATS[output_format].extension
    written: list[Path] = []
    drawings = draw_all(catalog, targets, output_format)
    try:
        for drawing in drawings:
            path = out_dir / f"{drawing.target.name}.{extension}"
            write_atomically(path, drawing.data)
            written.append(path)
        if with_index:
            organisation = catalog.organisation_name
            heading = (
                _("Process diagrams: {organisation}").format(organisation=organisation)
                if organisation
                else _("Process diagrams")
            )
            name, text = index_file(drawings, output_format, heading)
            path = out_dir / name
            write_atomically(path, text)
            written.append(path)
    except OSError as error:
        raise SvcmapError(_("{path}: cannot write: {error}").format(path=out_dir, error=error.strerror)) from None
    return written
