"""The units: a list of them all (units.html) and a page per unit (units/<id>.html) with its steps in every
process, the work it receives and hands on (from and to which unit, how often), and who it hands most to.

Everything comes from the figures (`UnitFigures`, the unit matrix `UnitHandoffs`) and from one pass over
the steps of every process, grouped by unit, so that 2,000 processes cost one walk, not one per unit.
"""

from __future__ import annotations

from collections.abc import Sequence

from svcmap.analysis.figures import Analysis, UnitHandoffs, ranked_units
from svcmap.catalog.model import Catalog, Process, Step, Unit
from svcmap.i18n import _, ngettext
from svcmap.reporters.site.html import (
    e,
    heading,
    office_name,
    organisation_name,
    page,
    paragraph,
    process_link,
    table,
    unit_link,
)

UNITS_PAGE = "units.html"


def unit_kind(unit: Unit) -> str:
    """What a unit is, for a reader: an external partner, or its domain."""
    return _("external partner") if unit.external else unit.domain


def units_page(catalog: Catalog, analysis: Analysis) -> str:
    rows = []
    for figures in ranked_units(analysis.units.values()):
        unit = catalog.units.get(figures.id)
        if unit is None:
            continue
        hands_to = ", ".join(f"{unit_link(catalog, other)} ({count})" for other, count in figures.hands_to[:4])
        rows.append(
            [
                f"{unit_link(catalog, unit.id)} <code>{e(unit.id)}</code>",
                e(unit_kind(unit)),
                e(office_name(unit.office)),
                str(figures.steps),
                str(figures.handoffs_in),
                str(figures.handoffs_out),
                hands_to,
            ]
        )
    headers = [_("unit"), _("domain"), _("office"), _("steps"), _("handoffs in"), _("handoffs out"), _("hands most to")]
    caption = _("{count} units, most handoffs first").format(count=len(rows))
    body = [
        heading(1, _("Units")),
        paragraph(
            _("Every unit with the steps it does and the work it receives and hands on; each has a page of its own.")
        ),
        table(headers, rows, 3, (), caption),
    ]
    title = _("{organisation}: units").format(organisation=organisation_name(catalog))
    return page(catalog, title, "\n".join(body), 0, UNITS_PAGE)


def steps_by_unit(catalog: Catalog) -> dict[str, list[tuple[Process, Step]]]:
    """Per unit, every (process, step) it does, processes by id and steps in the order written."""
    found: dict[str, list[tuple[Process, Step]]] = {}
    for process_id in sorted(catalog.processes):
        process = catalog.processes[process_id]
        for step in process.steps:
            found.setdefault(step.unit.id, []).append((process, step))
    return found


def unit_pages(catalog: Catalog, analysis: Analysis) -> list[tuple[str, str]]:
    """(file, page) of every declared unit, in declared order."""
    steps = steps_by_unit(catalog)
    outgoing: dict[str, list[UnitHandoffs]] = {}
    incoming: dict[str, list[UnitHandoffs]] = {}
    for cell in analysis.unit_handoffs:  # most handoffs first
        outgoing.setdefault(cell.source, []).append(cell)
        incoming.setdefault(cell.target, []).append(cell)
    return [
        (
            f"units/{unit.id}.html",
            unit_page(
                catalog, analysis, unit, steps.get(unit.id, []), outgoing.get(unit.id, []), incoming.get(unit.id, [])
            ),
        )
        for unit in catalog.units.values()
    ]


def unit_page(
    catalog: Catalog,
    analysis: Analysis,
    unit: Unit,
    steps: Sequence[tuple[Process, Step]],
    outgoing: Sequence[UnitHandoffs],
    incoming: Sequence[UnitHandoffs],
) -> str:
    figures = analysis.units.get(unit.id)
    parts = [
        f"<h1>{e(unit.name)}</h1>",
        "<p>"
        + e(
            _("Unit {id}: {kind}, in the {office}.").format(
                id=unit.id, kind=unit_kind(unit), office=office_name(unit.office)
            )
        )
        + "</p>",
    ]
    if figures is not None:
        parts.append(
            table(
                [_("steps"), _("handoffs in"), _("handoffs out")],
                [[str(figures.steps), str(figures.handoffs_in), str(figures.handoffs_out)]],
                0,
                caption=_("Figures over every process"),
            )
        )
        yearly = analysis.yearly.units.get(unit.id) if analysis.yearly.covered else None
        if yearly is not None:
            parts.append(
                table(
                    [_("steps a year"), _("handoffs in a year"), _("handoffs out a year")],
                    [[str(yearly.steps_per_year), str(yearly.handoffs_in_per_year), str(yearly.handoffs_out_per_year)]],
                    0,
                    caption=_("Per year, where products state how many citizens ask for them"),
                )
            )
    if outgoing:
        most = outgoing[0]
        parts.append(
            "<p>"
            + e(
                ngettext(
                    "Hands the most work to {unit}: {count} handoff.",
                    "Hands the most work to {unit}: {count} handoffs.",
                    most.handoffs,
                )
            ).format(unit=unit_link(catalog, most.target, 1), count=most.handoffs)
            + "</p>"
        )
    parts.append(heading(2, _("Work handed on")))
    parts.append(_handoffs_table(catalog, unit, outgoing, outgoing=True))
    parts.append(heading(2, _("Work received")))
    parts.append(_handoffs_table(catalog, unit, incoming, outgoing=False))
    parts.append(heading(2, _("Its steps in every process")))
    if steps:
        rows = [
            [
                process_link(process.id, process.name, 1),
                f"{e(step.name)} <code>{e(step.id)}</code>",
                e(office_name(catalog.office_of(step) or "")),
                e(step.channel or ""),
            ]
            for process, step in steps
        ]
        caption = _("{count} steps of {unit}").format(count=len(rows), unit=unit.name)
        parts.append(table([_("process"), _("step"), _("office"), _("channel")], rows, 4, (), caption))
    else:
        parts.append(paragraph(_("No process has a step of this unit.")))
    title = _("{unit}: unit of {organisation}").format(unit=unit.name, organisation=organisation_name(catalog))
    return page(catalog, title, "\n".join(parts), 1, UNITS_PAGE)


def _handoffs_table(catalog: Catalog, unit: Unit, cells: Sequence[UnitHandoffs], outgoing: bool) -> str:
    if not cells:
        return paragraph(_("None."))
    rows = []
    for cell in cells:
        other_id = cell.target if outgoing else cell.source
        other = catalog.units.get(other_id)
        silo = (other.domain if other is not None else other_id) != unit.domain  # as SPEC §3 counts silos
        rows.append(
            [unit_link(catalog, other_id, 1), e(_("yes") if silo else ""), str(cell.handoffs), str(cell.products)]
        )
    if outgoing:
        headers = [_("to unit"), _("silo handoff"), _("handoffs"), _("products")]
        caption = _("Work {unit} hands to other units, most first").format(unit=unit.name)
    else:
        headers = [_("from unit"), _("silo handoff"), _("handoffs"), _("products")]
        caption = _("Work {unit} receives from other units, most first").format(unit=unit.name)
    return table(headers, rows, 2, (), caption)
