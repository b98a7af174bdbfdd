"""`report`: a static HTML site of the catalog — an overview, products, processes with their diagrams, life
events, units, the unit matrix, the unit network and the findings.

Plain HTML and one stylesheet, no scripts, so it can be published from CI as an artefact or on an
intranet (sorting is pre-sorted pages: see `svcmap.reporters.site.lists`). Every piece of catalog text is
escaped; diagrams are SVG files shown through <img>, which keeps whatever they contain from running in the
page. The same catalog gives byte-identical files, in the language in use (`svcmap.i18n`); a file that
already holds those bytes is left as it is, so a second report writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from svcmap.analysis.figures import Analysis
from svcmap.analysis.trajectory import trajectory_of
from svcmap.catalog.model import Catalog
from svcmap.errors import SvcmapError
from svcmap.files import check_output_folder, write_atomically
from svcmap.network.figures import Network, network_of
from svcmap.render.diagrams import draw_cached, every_process, has_trajectory, life_event_target
from svcmap.render.network import render as draw_network
from svcmap.render.network import to_dot as network_dot
from svcmap.reporters.site.html import NETWORK_PAGE, STYLESHEET
from svcmap.reporters.site.index import FINDINGS_PAGE, LIFE_EVENTS_PAGE, findings_page, index_page, life_events_page
from svcmap.reporters.site.lifeevent import diagram_name, life_event_page, page_name
from svcmap.reporters.site.lists import processes_pages, products_pages
from svcmap.reporters.site.matrix import MATRIX_PAGE, matrix_page
from svcmap.reporters.site.network import network_page
from svcmap.reporters.site.process import findings_by_process, process_page
from svcmap.reporters.site.units import UNITS_PAGE, unit_pages, units_page
from svcmap.rules.engine import ValidationResult

if TYPE_CHECKING:
    from svcmap.cache.diagrams import DiagramCache
    from svcmap.whatif.candidates import Candidate

NETWORK_KIND = "network-diagram"
"""The cache's kind for the unit network's drawing (a few entries, pruned apart from the process diagrams)."""


def build_site(
    catalog: Catalog,
    analysis: Analysis,
    result: ValidationResult,
    out_dir: Path,
    advance: Callable[[int], None] | None = None,
    candidates: Sequence[Candidate] | None = None,
    cache: DiagramCache | None = None,
) -> list[Path]:
    """Write the whole site into out_dir; returns the files it holds, in order.

    `candidates`: the ranked candidate reorganisations for the unit network's page (None: not computed);
    `cache`: where drawn diagrams are kept between reports (None: every diagram is drawn)."""
    check_output_folder(out_dir)
    pages = site_pages(catalog, analysis, result, candidates, cache)
    written: list[Path] = []
    try:
        for relative, data in pages:
            path = out_dir / relative
            if not _holds(path, data):
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(path, data)
            written.append(path)
            if advance is not None:
                advance(1)
    except OSError as error:
        raise SvcmapError(f"{out_dir}: cannot write the report: {error.strerror}") from None
    return written


def site_pages(
    catalog: Catalog,
    analysis: Analysis,
    result: ValidationResult,
    candidates: Sequence[Candidate] | None,
    cache: DiagramCache | None,
) -> list[tuple[str, bytes]]:
    """Every file of the site: (path inside the site, bytes), in the order written."""
    targets = every_process(catalog)
    drawable = [event for event in catalog.life_events if has_trajectory(catalog, event)]
    trajectories = [life_event_target(catalog, analysis, event) for event in drawable]
    drawings = draw_cached(catalog, targets + trajectories, "svg", cache)
    drawings, trajectory_drawings = drawings[: len(targets)], drawings[len(targets) :]
    network = network_of(catalog, analysis)
    pages: list[tuple[str, str | bytes]] = [
        ("style.css", STYLESHEET),
        ("index.html", index_page(catalog, analysis, result)),
    ]
    pages += products_pages(catalog, analysis)
    pages += processes_pages(catalog, analysis)
    pages.append((LIFE_EVENTS_PAGE, life_events_page(catalog, analysis)))
    pages.append((UNITS_PAGE, units_page(catalog, analysis)))
    pages += unit_pages(catalog, analysis)
    pages.append((MATRIX_PAGE, matrix_page(catalog, analysis)))
    pages.append((f"{NETWORK_PAGE}.svg", _network_drawing(catalog, network, cache)))
    pages.append((f"{NETWORK_PAGE}.html", network_page(catalog, network, candidates)))
    pages.append((FINDINGS_PAGE, findings_page(catalog, result)))
    findings_of = findings_by_process(catalog, result.findings)
    for target, drawing in zip(targets, drawings):
        process = target.process
        pages.append((f"diagrams/{process.id}.svg", drawing))
        pages.append(
            (f"processes/{process.id}.html", process_page(catalog, analysis, target, findings_of.get(process.id, [])))
        )
    for event, drawing in zip(drawable, trajectory_drawings):
        pages.append((diagram_name(event), drawing))
    for event in catalog.life_events:
        pages.append(
            (page_name(event), life_event_page(catalog, trajectory_of(catalog, analysis, event), event in drawable))
        )
    return [(relative, data.encode("utf-8") if isinstance(data, str) else data) for relative, data in pages]


def _network_drawing(catalog: Catalog, network: Network, cache: DiagramCache | None) -> bytes:
    """network.svg, from the cache when Graphviz would read the same DOT text as last time."""
    organisation = catalog.organisation_name
    if cache is None:
        return draw_network(network, organisation, "svg")
    key = cache.text_key("network.svg", network_dot(network, organisation))
    found = cache.get_many([key], NETWORK_KIND)[0]
    if found is None:
        found = draw_network(network, organisation, "svg")
        cache.put_many({key: found}, 1, NETWORK_KIND)
    return found


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at path holds exactly `data` already (then it is not written again)."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def page_count(catalog: Catalog, analysis: Analysis) -> int:
    """How many files build_site writes (for a progress bar)."""
    products = 7 if analysis.yearly.covered else 6  # products.html and a page per other sortable column
    processes = 9
    trajectories = sum(1 for event in catalog.life_events if has_trajectory(catalog, event))
    pages = 8 + products + processes + len(catalog.units) + 2 * len(catalog.processes)
    return pages + len(catalog.life_events) + trajectories
