"""The unit network's page: the diagram, communities, misplaced units, brokers and ranked candidates."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from svcmap.catalog.model import Catalog
from svcmap.i18n import _
from svcmap.network.brokers import BROKERS_SHOWN
from svcmap.network.figures import Network
from svcmap.reporters.analysis import View
from svcmap.reporters.network import brokers_view, candidates_view, communities_view, headline, misplaced_view
from svcmap.reporters.site.html import (
    NETWORK_PAGE,
    diagram,
    e,
    heading,
    organisation_name,
    page,
    paragraph,
    process_link,
    view_table,
)

if TYPE_CHECKING:
    from svcmap.whatif.candidates import Candidate


def network_page(catalog: Catalog, network: Network, candidates: Sequence[Candidate] | None) -> str:
    name = organisation_name(catalog)
    explained = _(
        "Units are grouped by their declared domain; an arrow is work one unit hands another, wider for more "
        "handoffs, red where it crosses domains (a silo handoff)."
    )
    parts = [
        heading(1, _("Unit network")),
        f"<p>{e(headline(network))}. {e(explained)}</p>",
        diagram(
            f"{NETWORK_PAGE}.svg",
            _("The network at full size (SVG)"),
            _("The unit network of {organisation}").format(organisation=name),
        ),
    ]
    sections: list[View] = [communities_view(network), misplaced_view(network), brokers_view(network, BROKERS_SHOWN)]
    if candidates is not None:
        sections.append(candidates_view(candidates, None))
    for table in sections:
        parts.append(f"<h2>{e(table.title)}</h2>")
        parts.append(view_table(table, catalog) if table.rows else paragraph(_("None.")))
        if table.legend:
            parts.append(f"<p><small>{e(table.legend)}</small></p>")
    if candidates:
        known = set(catalog.processes)
        parts.append(heading(2, _("Try a candidate")))
        parts.append(
            "<p>"
            + e(_("Save its scenario as {file} and run {command}.")).format(
                file="<code>scenario.yaml</code>", command="<code>svcmap whatif scenario.yaml</code>"
            )
            + "</p>"
        )
        items = []
        for rank, candidate in enumerate(candidates, start=1):
            links = ", ".join(
                process_link(process_id, process_id) if process_id in known else e(process_id)
                for process_id in candidate.processes
            )
            changes = e(_("Changes: {processes}")).format(processes=links) if links else ""
            items.append(
                f"<li>#{rank} {e(candidate.describe())}<pre><code>{e(candidate.scenario.to_yaml())}</code></pre>"
                + changes
                + "</li>"
            )
        parts.append("<ol>\n" + "\n".join(items) + "\n</ol>")
    title = _("{organisation}: unit network").format(organisation=name)
    return page(catalog, title, "\n".join(parts), 0, f"{NETWORK_PAGE}.html")
