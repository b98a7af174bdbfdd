"""The unit network's page: the diagram, communities, misplaced units, brokers and ranked candidates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from svcmap.catalog.model import Catalog
from svcmap.network.brokers import BROKERS_SHOWN
from svcmap.network.figures import Network
from svcmap.reporters.analysis import View
from svcmap.reporters.network import (
    brokers_view,
    candidates_view,
    communities_view,
    headline,
    misplaced_view,
)
from svcmap.reporters.site.html import NETWORK_PAGE, e, page, process_link, view_table

if TYPE_CHECKING:
    from svcmap.whatif.candidates import Candidate


def network_page(catalog: Catalog, network: Network, candidates: Sequence[Candidate] | None) -> str:
    name = catalog.organisation_name or catalog.organisation_id or "Catalog"
    parts = [
        f"<h1>{e(name)}: the unit network</h1>",
        f"<p>{e(headline(network))}. Units are grouped by their declared domain; an arrow is work one unit "
        "hands another, wider for more handoffs, red where it crosses domains (a silo handoff).</p>",
        f'<div class="diagram"><img src="{NETWORK_PAGE}.svg" alt="The unit network of {e(name)}"></div>',
    ]
    sections: list[View] = [communities_view(network), misplaced_view(network), brokers_view(network, BROKERS_SHOWN)]
    if candidates is not None:
        sections.append(candidates_view(candidates, None))
    for table in sections:
        parts.append(f"<h2>{e(table.title)}</h2>")
        parts.append(view_table(table) if table.rows else "<p>None.</p>")
        if table.legend:
            parts.append(f"<p><small>{e(table.legend)}</small></p>")
    if candidates:
        known = set(catalog.processes)
        parts.append("<h2>Try a candidate</h2>")
        parts.append(
            "<p>Save its scenario as <code>scenario.yaml</code> and run <code>svcmap whatif scenario.yaml</code>.</p>"
        )
        items = []
        for rank, candidate in enumerate(candidates, start=1):
            links = ", ".join(
                process_link(process_id, process_id) if process_id in known else e(process_id)
                for process_id in candidate.processes
            )
            items.append(
                f"<li>#{rank} {e(candidate.describe())}<pre><code>{e(candidate.scenario.to_yaml())}</code></pre>"
                + (f"Changes: {links}" if links else "")
                + "</li>"
            )
        parts.append("<ol>\n" + "\n".join(items) + "\n</ol>")
    return page(f"{name}: unit network", "\n".join(parts), 0)
