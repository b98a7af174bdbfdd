"""The products and the processes as tables a reader can sort by each figure, without a script.

Sorting is done here, not in the browser: each sortable column's header links to a page of its own,
pre-sorted by that column (`processes-by-steps.html`, …), and the page in hand marks its column with
`aria-sort` and an arrow. A script would save those pages (a few hundred kB at 2,000 products), but the
site is meant to work where scripts do not run (an intranet's policy, a reader with scripts off, a
screen reader in a plain table); the pages are plain HTML, the same bytes for the same catalog, and a
link to a sorted variant can be shared or bookmarked. Figures sort most first, names A to Z; ties keep
the default order (worst first for processes, by name for products), so every order is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from svcmap.analysis.figures import Analysis, ProcessFigures, ranked_processes
from svcmap.catalog.model import Catalog, Product
from svcmap.i18n import N_, _
from svcmap.reporters.analysis import view, yearly_view
from svcmap.reporters.site.html import (
    FIGURE_COLUMNS,
    Sorting,
    e,
    figure_labels,
    figures_row,
    heading,
    organisation_name,
    page,
    paragraph,
    process_link,
    product_link,
    table,
    unit_link,
)

PRODUCTS_PAGE = "products.html"
PROCESSES_PAGE = "processes.html"


@dataclass(frozen=True)
class SortKey:
    """One way to sort a table: the page it gives (its name after `<list>-by-`), and the key of a row."""

    name: str
    key: Callable[[Any], Any]
    descending: bool


def sorted_pages(base: str, keys: Sequence[SortKey | None], default: int) -> list[str | None]:
    """Per column, the file of the page sorted by it: the default column's is the list's own page."""
    stem = base.removesuffix(".html")
    return [
        None if key is None else base if index == default else f"{stem}-by-{key.name}.html"
        for index, key in enumerate(keys)
    ]


def _variants(
    base: str, keys: Sequence[SortKey | None], default: int, rows: Sequence[Any]
) -> list[tuple[str, Sorting, list[Any]]]:
    """Every sorted page of a list: (file, its Sorting, the rows in its order); `rows` in the default order."""
    pages = sorted_pages(base, keys, default)
    found = []
    for index, key in enumerate(keys):
        target = pages[index]
        if key is None or target is None:
            continue
        ordered = rows if index == default else sorted(rows, key=key.key, reverse=key.descending)
        found.append((target, Sorting(pages, index, key.descending), list(ordered)))
    return found


# --- processes ----------------------------------------------------------------------------------------


def _figure_key(name: str) -> SortKey:
    # most first; Python's sort is stable, so ties keep the worst-first order they arrive in
    return SortKey(name.replace("_", "-"), lambda figures: getattr(figures, name), True)


def processes_pages(catalog: Catalog, analysis: Analysis) -> list[tuple[str, str]]:
    """processes.html, worst first (by silo handoffs), and a page sorted by each other column."""
    ranked = ranked_processes(analysis.processes.values())
    by_name = SortKey("name", lambda figures: catalog.processes[figures.id].name.lower(), False)
    keys: list[SortKey | None] = [by_name, *(_figure_key(name) for name, _label in FIGURE_COLUMNS)]
    default = 1 + [name for name, _label in FIGURE_COLUMNS].index("silo_handoffs")
    name = organisation_name(catalog)
    headers = [_("process"), *figure_labels()]
    totals = [_("total"), *[str(sum(getattr(f, column) for f in ranked)) for column, _label in FIGURE_COLUMNS]]
    totals[2] = ""  # distinct units do not add up across processes
    per_year = _per_year(catalog, analysis)
    row_of = {f.id: [process_link(f.id, catalog.processes[f.id].name), *figures_row(f)] for f in ranked}
    pages = []
    for target, sorting, ordered in _variants(PROCESSES_PAGE, keys, default, ranked):
        rows = [row_of[f.id] for f in ordered]  # each row made once, in every page's order
        caption = _("{count} processes, sorted by {column}").format(count=len(rows), column=headers[sorting.current])
        body = [
            heading(1, _("Processes")),
            paragraph(_("Every process with its figures. Choose a column header to sort by it.")),
            table(headers, rows, 1, totals, caption, sorting),
            per_year,
        ]
        title = _("{organisation}: processes").format(organisation=name)
        pages.append((target, page(catalog, title, "\n".join(body), 0, PROCESSES_PAGE)))
    return pages


def _per_year(catalog: Catalog, analysis: Analysis) -> str:
    """The processes by silo handoffs a year, and the channel mix: `analyze`'s own tables, as HTML."""
    if not analysis.yearly.covered:
        return ""
    parts = [heading(2, _("Per year"))]
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
        parts.append(table(headers, rows, 1, (), current.title))
        parts.append(f"<p>{e(current.note)}.</p>")
    return "\n".join(parts)


# --- products -----------------------------------------------------------------------------------------

PRODUCT_FIGURES = (
    ("handoffs", N_("handoffs")),
    ("silo_handoffs", N_("silo handoffs")),
    ("contact_moments", N_("contacts")),
)


def products_pages(catalog: Catalog, analysis: Analysis) -> list[tuple[str, str]]:
    """products.html, by name, and a page sorted by each other column that sorts."""
    yearly = analysis.yearly.products if analysis.yearly.covered else {}

    def owner(product: Product) -> str:
        unit = catalog.units.get(product.owner.id)
        return unit.name if unit else product.owner.id

    def figure(name: str) -> Callable[[Product], int]:
        def value(product: Product) -> int:
            figures = analysis.products[product.id].figures
            return getattr(figures, name) if figures is not None else -1  # no process: last

        return value

    keys: list[SortKey | None] = [
        SortKey("name", lambda product: (product.name.lower(), product.id), False),
        SortKey("owner", lambda product: owner(product).lower(), False),
        None,
        SortKey("status", lambda product: product.status, False),
        *(SortKey(name.replace("_", "-"), figure(name), True) for name, _label in PRODUCT_FIGURES),
    ]
    headers = [_("product"), _("owner"), _("channels"), _("status"), *(_(label) for _name, label in PRODUCT_FIGURES)]
    if yearly:
        keys.append(
            SortKey("requests-a-year", lambda p: yearly[p.id].requests_per_year if p.id in yearly else -1, True)
        )
        headers.append(_("requests a year"))
    products = sorted(catalog.products.values(), key=lambda item: (item.name.lower(), item.id))
    name = organisation_name(catalog)
    row_of = {product.id: _product_row(catalog, analysis, product, yearly) for product in products}
    pages = []
    for target, sorting, ordered in _variants(PRODUCTS_PAGE, keys, 0, products):
        rows = [row_of[product.id] for product in ordered]  # each row made once, in every page's order
        caption = _("{count} products, sorted by {column}").format(count=len(rows), column=headers[sorting.current])
        body = [
            heading(1, _("Products")),
            paragraph(
                _(
                    "Every product, its owner, its channels and the figures of its process. "
                    "Choose a column header to sort by it."
                )
            ),
            table(headers, rows, 4, (), caption, sorting),
        ]
        title = _("{organisation}: products").format(organisation=name)
        pages.append((target, page(catalog, title, "\n".join(body), 0, PRODUCTS_PAGE)))
    return pages


def _product_row(catalog: Catalog, analysis: Analysis, product: Product, yearly: dict[str, Any] | Any) -> list[str]:
    figures: ProcessFigures | None = analysis.products[product.id].figures
    row = [
        product_link(catalog, product.id),
        unit_link(catalog, product.owner.id),
        e(", ".join(product.channels)),
        e(product.status),
        *(str(getattr(figures, name)) if figures else "" for name, _label in PRODUCT_FIGURES),
    ]
    if yearly:
        row.append(str(yearly[product.id].requests_per_year) if product.id in yearly else "")
    return row
