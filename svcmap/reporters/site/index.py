"""The site's front page: the products, the processes worst first, per-year figures, life events, units, findings."""

from __future__ import annotations

from svcmap.analysis.figures import Analysis, ranked_life_events, ranked_processes, ranked_units
from svcmap.catalog.model import Catalog
from svcmap.reporters.analysis import view, yearly_view
from svcmap.reporters.site.html import (
    FIGURE_COLUMNS,
    e,
    figures_row,
    findings_list,
    page,
    process_link,
    product_link,
    table,
)
from svcmap.reporters.site.lifeevent import page_name
from svcmap.rules.engine import ValidationResult


def index_page(catalog: Catalog, analysis: Analysis, result: ValidationResult) -> str:
    name = catalog.organisation_name or catalog.organisation_id or "Catalog"
    parts = [f"<h1>{e(name)}: product and service catalog</h1>"]
    parts.append(
        f"<p>{len(catalog.products)} products, {len(catalog.processes)} processes, {len(catalog.units)} units, "
        f"{len(catalog.life_events)} life events; {result.errors} errors and {result.warnings} warnings.</p>"
    )
    parts.append("<h2>Products</h2>")
    parts.append(_products_table(catalog, analysis))
    parts.append("<h2>Processes, worst first</h2>")
    ranked = ranked_processes(analysis.processes.values())
    rows = [[process_link(f.id, catalog.processes[f.id].name), *figures_row(f)] for f in ranked]
    totals = ["total", *[str(sum(getattr(f, column) for f in ranked)) for column, _ in FIGURE_COLUMNS]]
    totals[2] = ""  # distinct units do not add up across processes
    parts.append(table(["process", *(label for _, label in FIGURE_COLUMNS)], rows, 1, totals))
    if analysis.yearly.covered:
        parts.append(_per_year(catalog, analysis))
    if catalog.life_events:
        parts.append("<h2>Life events</h2>")
        rows = []
        for event in ranked_life_events(analysis.life_events.values()):
            products = ", ".join(product_link(catalog, ref.id) for ref in catalog.life_events[event.id].products)
            rows.append(
                [
                    f'<strong><a href="{e(page_name(event.id))}">{e(catalog.life_events[event.id].name)}</a></strong>'
                    f"<br>{products}",
                    str(event.products),
                    str(event.units),
                    str(event.handoffs),
                    str(event.silo_handoffs),
                    str(event.contact_moments),
                    e(", ".join(event.repeated_asks)),
                ]
            )
        parts.append(
            table(
                [
                    "life event",
                    "products",
                    "units",
                    "handoffs",
                    "silo handoffs",
                    "contacts",
                    "asked by several products",
                ],
                rows,
                1,
            )
        )
    parts.append("<h2>Units</h2>")
    rows = []
    for unit_figures in ranked_units(analysis.units.values()):
        unit = catalog.units[unit_figures.id]
        kind = "external partner" if unit.external else unit.domain
        hands_to = ", ".join(f"{e(other)} ({count})" for other, count in unit_figures.hands_to[:4])
        rows.append(
            [
                f"{e(unit.name)} <code>{e(unit.id)}</code>",
                e(kind),
                e(unit.office),
                str(unit_figures.steps),
                str(unit_figures.handoffs_in),
                str(unit_figures.handoffs_out),
                hands_to,
            ]
        )
    parts.append(table(["unit", "domain", "office", "steps", "handoffs in", "handoffs out", "hands most to"], rows, 3))
    parts.append("<h2>Findings</h2>")
    parts.append(findings_list(result.findings))
    return page(f"{name}: catalog", "\n".join(parts), 0)


def _per_year(catalog: Catalog, analysis: Analysis) -> str:
    """The processes by silo handoffs a year, and the channel mix: `analyze`'s own tables, as HTML."""
    parts = ["<h2>Per year</h2>"]
    for current in (yearly_view(analysis, "process"), view(analysis, "channel")):
        if current is None:
            continue
        first = current.columns[0].key == "id"  # a process table: its ids link to the process pages
        rows = [
            [process_link(str(row[0]), catalog.processes[str(row[0])].name) if first else e(row[0])]
            + [e(cell) for cell in row[1:]]
            for row in current.rows
        ]
        headers = [column.label for column in current.columns]
        parts.append(f"<h3>{e(current.title)}</h3>")
        parts.append(table(headers, rows, 1))
        parts.append(f"<p>{e(current.note)}.</p>")
    return "\n".join(parts)


def _products_table(catalog: Catalog, analysis: Analysis) -> str:
    rows = []
    for product in sorted(catalog.products.values(), key=lambda item: item.name.lower()):
        owner = catalog.units.get(product.owner.id)
        figures = analysis.products[product.id].figures
        rows.append(
            [
                product_link(catalog, product.id),
                e(owner.name if owner else product.owner.id),
                e(", ".join(product.channels)),
                e(product.status),
                str(figures.handoffs) if figures else "",
                str(figures.silo_handoffs) if figures else "",
                str(figures.contact_moments) if figures else "",
            ]
        )
    return table(["product", "owner", "channels", "status", "handoffs", "silo handoffs", "contacts"], rows, 4)
