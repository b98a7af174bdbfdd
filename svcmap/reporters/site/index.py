"""The site's front page, an overview (the organisation, its headline figures, what to read where), and the
two short list pages it leads to beside the tables: the life events and the findings."""

from __future__ import annotations

from svcmap.analysis.figures import Analysis, ranked_life_events, ranked_processes
from svcmap.catalog.model import Catalog
from svcmap.i18n import _, ngettext
from svcmap.reporters.site.html import (
    NETWORK_PAGE,
    e,
    findings_list,
    heading,
    organisation_name,
    page,
    paragraph,
    process_link,
    product_link,
    table,
)
from svcmap.reporters.site.lifeevent import LIST_PAGE as LIFE_EVENTS_PAGE
from svcmap.reporters.site.lifeevent import page_name
from svcmap.reporters.site.lists import PROCESSES_PAGE, PRODUCTS_PAGE
from svcmap.reporters.site.matrix import MATRIX_PAGE
from svcmap.reporters.site.units import UNITS_PAGE
from svcmap.rules.engine import ValidationResult

FINDINGS_PAGE = "findings.html"


def index_page(catalog: Catalog, analysis: Analysis, result: ValidationResult) -> str:
    name = organisation_name(catalog)
    processes = analysis.processes.values()
    figures = [
        (_("products"), len(catalog.products)),
        (_("processes"), len(catalog.processes)),
        (_("units"), len(catalog.units)),
        (_("life events"), len(catalog.life_events)),
        (_("handoffs"), sum(f.handoffs for f in processes)),
        (_("silo handoffs"), sum(f.silo_handoffs for f in processes)),
        (_("contact moments"), sum(f.contact_moments for f in processes)),
        (_("errors and warnings"), result.errors + result.warnings),
    ]
    yearly = analysis.yearly
    if yearly.covered:
        figures += [
            (_("requests a year"), yearly.totals["requests_per_year"]),
            (_("silo handoffs a year"), yearly.totals["silo_handoffs_per_year"]),
            (_("contact moments a year"), yearly.totals["contact_moments_per_year"]),
        ]
    parts = [
        heading(1, _("{organisation}: product and service catalog").format(organisation=name)),
        "<p>"
        + e(
            _(
                "What citizens and businesses can ask of {organisation}, the process behind each product, and "
                "where that process sends them from unit to unit."
            ).format(organisation=name)
        )
        + "</p>",
        heading(2, _("In figures")),
        '<dl class="figures">'
        + "".join(f"<div><dt>{e(label)}</dt><dd>{value}</dd></div>" for label, value in figures)
        + "</dl>",
    ]
    if yearly.covered:
        parts.append(
            "<p>"
            + e(
                _("The figures a year cover the {count} of {total} products that state how many citizens ask for them.")
            ).format(count=yearly.products_with_volume, total=yearly.products_total)
            + "</p>"
        )
    worst = [f for f in ranked_processes(processes) if f.silo_handoffs][:5]
    if worst:
        parts.append(heading(2, _("Where to start")))
        parts.append(paragraph(_("The processes with the most silo handoffs:")))
        items = [
            f"<li>{process_link(f.id, catalog.processes[f.id].name)}: "
            + e(
                ngettext("{count} silo handoff", "{count} silo handoffs", f.silo_handoffs).format(count=f.silo_handoffs)
            )
            + "</li>"
            for f in worst
        ]
        parts.append("<ol>\n" + "\n".join(items) + "\n</ol>")
    reading = [
        (LIFE_EVENTS_PAGE, _("Life events"), _("the products a citizen needs in one situation of life, together")),
        (PRODUCTS_PAGE, _("Products"), _("every product, its owner, its channels and its figures")),
        (PROCESSES_PAGE, _("Processes"), _("every process by its figures, worst first, and each with its diagram")),
        (UNITS_PAGE, _("Units"), _("every unit, its steps and the work it receives and hands on")),
        (MATRIX_PAGE, _("Unit matrix"), _("who hands work to whom, as a heat map")),
        (f"{NETWORK_PAGE}.html", _("Unit network"), _("the units as a network, and reorganisations worth trying")),
        (FINDINGS_PAGE, _("Findings"), _("what the rules found in the catalog")),
    ]
    parts.append(heading(2, _("What to read")))
    parts.append(
        "<ul>\n"
        + "\n".join(f'<li><a href="{target}">{e(label)}</a>: {e(what)}</li>' for target, label, what in reading)
        + "\n</ul>"
    )
    return page(catalog, _("{organisation}: catalog").format(organisation=name), "\n".join(parts), 0, "index.html")


def life_event_name(catalog: Catalog, event_id: str) -> str:
    """The life event's name in its table's first column, linked to its menukaart (escaped HTML)."""
    return f'<strong><a href="{e(page_name(event_id))}">{e(catalog.life_events[event_id].name)}</a></strong>'


def life_events_page(catalog: Catalog, analysis: Analysis) -> str:
    parts = [
        heading(1, _("Life events")),
        "<p>"
        + e(_("A life event is a situation in which a citizen needs several products, one after the other."))
        + "</p>",
    ]
    if not catalog.life_events:
        parts.append(paragraph(_("The catalog describes no life events.")))
    rows = []
    for event in ranked_life_events(analysis.life_events.values()):
        products = ", ".join(product_link(catalog, ref.id) for ref in catalog.life_events[event.id].products)
        rows.append(
            [
                f"{life_event_name(catalog, event.id)}<br>{products}",
                str(event.products),
                str(event.units),
                str(event.handoffs),
                str(event.silo_handoffs),
                str(event.contact_moments),
                e(", ".join(event.repeated_asks)),
            ]
        )
    if rows:
        headers = [
            _("life event"),
            _("products"),
            _("units"),
            _("handoffs"),
            _("silo handoffs"),
            _("contacts"),
            _("asked by several products"),
        ]
        caption = _("{count} life events, most silo handoffs first").format(count=len(rows))
        parts.append(table(headers, rows, 1, (), caption))
    title = _("{organisation}: life events").format(organisation=organisation_name(catalog))
    return page(catalog, title, "\n".join(parts), 0, LIFE_EVENTS_PAGE)


def findings_page(catalog: Catalog, result: ValidationResult) -> str:
    summary = _("{errors} errors and {warnings} warnings.").format(errors=result.errors, warnings=result.warnings)
    parts = [heading(1, _("Findings")), f"<p>{e(summary)}</p>", findings_list(result.findings)]
    title = _("{organisation}: findings").format(organisation=organisation_name(catalog))
    return page(catalog, title, "\n".join(parts), 0, FINDINGS_PAGE)
