"""The unit-to-unit matrix as a heat map table: a row per unit that hands work on, a column per unit that
receives it, each cell the handoffs between them over every process (and, where every process has
requests a year, a second matrix of handoffs a year).

The shading is a reading aid, never the only carrier: every cell prints its number, a silo cell (the two
units in different domains) carries a dashed outline and a marker with a text for screen readers, and the
legend says which numbers each shade stands for. The shades are quantile classes of the non-empty cells
(five, each about a fifth of them), so a few very busy pairs do not wash the rest out; their colours keep
the printed number at a contrast of 4.5:1 or more. Units are grouped by domain (externals last), so the
silo cells are the ones off the blocks along the diagonal. The table is wider than the page on a large
catalog: it scrolls sideways in a labelled container of its own, and the page around it does not.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from svcmap.analysis.figures import Analysis
from svcmap.catalog.model import Catalog
from svcmap.i18n import _
from svcmap.reporters.site.html import e, heading, organisation_name, page, paragraph, unit_link

MATRIX_PAGE = "matrix.html"
CLASSES = 5


def matrix_order(catalog: Catalog, units: set[str]) -> list[str]:
    """The units of the matrix grouped by domain (domains in the order their first unit is declared),
    external partners last, then in declared order; undeclared ones at the end by id."""
    declared = {unit_id: index for index, unit_id in enumerate(catalog.units)}
    first_of_domain: dict[str, int] = {}
    for index, unit in enumerate(catalog.units.values()):
        first_of_domain.setdefault(unit.domain, index)

    def key(unit_id: str) -> tuple[int, int, int, str]:
        unit = catalog.units.get(unit_id)
        if unit is None:
            return (2, 0, 0, unit_id)
        return (int(unit.external), first_of_domain[unit.domain], declared[unit_id], unit_id)

    return sorted(units, key=key)


def quantile_classes(values: Sequence[int]) -> tuple[list[int], list[tuple[int, int]]]:
    """The sorted non-empty values, and per class (1…CLASSES) the (lowest, highest) value in it (0, 0
    where a class is empty): a value's class is 1 + CLASSES × (the share of values below it)."""
    ordered = sorted(value for value in values if value > 0)
    bounds: list[tuple[int, int]] = [(0, 0)] * CLASSES
    for value in ordered:
        index = shade(ordered, value) - 1
        bounds[index] = (bounds[index][0] or value, value)
    return ordered, bounds


def shade(ordered: Sequence[int], value: int) -> int:
    """The quantile class (1…CLASSES) of a value among the sorted non-empty values."""
    return min(CLASSES, 1 + CLASSES * bisect_left(ordered, value) // len(ordered))


def matrix_table(catalog: Catalog, cells: Mapping[tuple[str, str], int], caption: str) -> str:
    """The heat map of `cells` ((from, to) → count), with its legend."""
    units = matrix_order(catalog, {unit for pair in cells for unit in pair})
    ordered, bounds = quantile_classes(list(cells.values()))
    silo_text = _("silo handoff: the units are in different domains")
    head = "".join(f'<th scope="col"><span>{e(unit)}</span></th>' for unit in units)
    lines = [
        '<div class="scroll" role="region" tabindex="0" aria-label="'
        + e(_("{caption}; scrolls sideways").format(caption=caption))
        + '">',
        f'<table class="matrix">\n<caption>{e(caption)}</caption>',
        f"<thead><tr><td></td>{head}</tr></thead>\n<tbody>",
    ]
    domain = {unit_id: unit.domain for unit_id, unit in catalog.units.items()}
    for source in units:
        row = [f'<th scope="row">{unit_link(catalog, source)} ({e(source)})</th>']
        for target in units:
            count = cells.get((source, target), 0)
            if not count:
                row.append("<td></td>")
                continue
            classes = f"q{shade(ordered, count)}"
            marker = ""
            if domain.get(source, source) != domain.get(target, target):
                classes += " silo"
                marker = f'<span class="mark" aria-hidden="true">◆</span><span class="sr"> ({e(silo_text)})</span>'
            row.append(f'<td class="{classes}">{count}{marker}</td>')
        lines.append("<tr>" + "".join(row) + "</tr>")
    lines.append("</tbody>\n</table>\n</div>")
    legend = []
    for index, (low, high) in enumerate(bounds, start=1):
        if not high:
            continue
        text = str(low) if low == high else f"{low}–{high}"
        legend.append(f'<span class="q{index}">{e(text)}</span>')
    shades = _("Shades, from the fewest to the most:")
    marked = _("◆ and a dashed outline: a silo handoff, between units of different domains.")
    lines.append(f'<p class="legend">{e(shades)} {"".join(legend)} {e(marked)}</p>')
    return "\n".join(lines)


def matrix_page(catalog: Catalog, analysis: Analysis) -> str:
    name = organisation_name(catalog)
    parts = [
        heading(1, _("Unit matrix")),
        "<p>"
        + e(
            _(
                "Who hands work to whom: a row per unit that hands work on, a column per unit that receives it "
                "(by id; the row headers name them), each number the handoffs between them over every process. "
                "Units are grouped by domain, so silo handoffs lie off the blocks along the diagonal."
            )
        )
        + "</p>",
    ]
    cells = {(cell.source, cell.target): cell.handoffs for cell in analysis.unit_handoffs}
    if not cells:
        parts.append(paragraph(_("No unit hands work to another.")))
    else:
        parts.append(matrix_table(catalog, cells, _("Handoffs from unit (rows) to unit (columns)")))
    yearly = analysis.yearly
    if yearly.covered and yearly.every_process and yearly.unit_pairs:
        parts.append(heading(2, _("Per year")))
        parts.append(
            paragraph(
                _(
                    "Every process has requests a year: the same matrix, each handoff counted as often as "
                    "citizens go through it."
                )
            )
        )
        parts.append(matrix_table(catalog, yearly.unit_pairs, _("Handoffs a year from unit (rows) to unit (columns)")))
    title = _("{organisation}: unit matrix").format(organisation=name)
    return page(catalog, title, "\n".join(parts), 0, MATRIX_PAGE)
