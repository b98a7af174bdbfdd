"""`report`: a static HTML site of the catalog — products, processes with their diagrams, figures, findings.

Plain HTML and one stylesheet, no scripts, so it can be published from CI as an artefact or on an
intranet. Every piece of catalog text is escaped; diagrams are SVG files shown through <img>, which
keeps whatever they contain from running in the page. The same catalog gives byte-identical files.
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
from svcmap.network.figures import network_of
from svcmap.render.diagrams import draw_all, every_process, has_trajectory, life_event_target
from svcmap.render.network import draw_network
from svcmap.reporters.site.html import NETWORK_PAGE, STYLESHEET
from svcmap.reporters.site.index import index_page
from svcmap.reporters.site.lifeevent import diagram_name, life_event_page, page_name
from svcmap.reporters.site.network import network_page
from svcmap.reporters.site.process import findings_by_process, process_page
from svcmap.rules.engine import ValidationResult

if TYPE_CHECKING:
    from svcmap.whatif.candidates import Candidate


def build_site(
    catalog: Catalog,
    analysis: Analysis,
    result: ValidationResult,
    out_dir: Path,
    advance: Callable[[int], None] | None = None,
    candidates: Sequence[Candidate] | None = None,
) -> list[Path]:
    """Write the whole site into out_dir; returns the files written, in order.

    `candidates`: the ranked candidate reorganisations for the unit network's page (None: not computed)."""
    check_output_folder(out_dir)
    targets = every_process(catalog)
    drawable = [event for event in catalog.life_events if has_trajectory(catalog, event)]
    drawings = draw_all(catalog, targets + [life_event_target(catalog, analysis, event) for event in drawable], "svg")
    drawings, trajectories = drawings[: len(targets)], drawings[len(targets) :]
    network = network_of(catalog, analysis)
    pages: list[tuple[str, bytes]] = [("style.css", STYLESHEET.encode("utf-8"))]
    pages.append(("index.html", index_page(catalog, analysis, result).encode("utf-8")))
    pages.append((f"{NETWORK_PAGE}.svg", draw_network(network, catalog.organisation_name, "svg")))
    pages.append((f"{NETWORK_PAGE}.html", network_page(catalog, network, candidates).encode("utf-8")))
    findings_of = findings_by_process(catalog, result.findings)
    for drawing in drawings:
        process = drawing.target.process
        pages.append((f"diagrams/{process.id}.svg", drawing.data))
        findings = findings_of.get(process.id, [])
        pages.append((f"processes/{process.id}.html", process_page(catalog, analysis, drawing, findings).encode()))
    for event, drawing in zip(drawable, trajectories):
        pages.append((diagram_name(event), drawing.data))
    for event in catalog.life_events:
        page = life_event_page(trajectory_of(catalog, analysis, event), event in drawable)
        pages.append((page_name(event), page.encode("utf-8")))
    written: list[Path] = []
    try:
        for relative, data in pages:
            path = out_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data)
            written.append(path)
            if advance is not None:
                advance(1)
    except OSError as error:
        raise SvcmapError(f"{out_dir}: cannot write the report: {error.strerror}") from None
    return written


def page_count(catalog: Catalog) -> int:
    """How many files build_site writes (for a progress bar)."""
    drawable = sum(1 for event in catalog.life_events if has_trajectory(catalog, event))
    return 4 + 2 * len(catalog.processes) + len(catalog.life_events) + drawable
