"""A page per process: its products' facts, figures, diagram, steps and findings."""

from __future__ import annotations

from collections.abc import Sequence

from svcmap.analysis.figures import Analysis
from svcmap.catalog.model import Catalog, Product
from svcmap.findings import Finding
from svcmap.i18n import _, ngettext
from svcmap.render.diagrams import Target
from svcmap.reporters.site.html import (
    diagram,
    e,
    figure_labels,
    figures_row,
    findings_list,
    heading,
    office_name,
    organisation_name,
    page,
    paragraph,
    table,
    unit_link,
)
from svcmap.reporters.site.lists import PROCESSES_PAGE


def findings_by_process(catalog: Catalog, findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Per process, in one pass, the findings in its file or about one of its steps (`process:<id>/step:…`)."""
    process_in_file = {process.file: process.id for process in catalog.processes.values()}
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        concerned = {process_in_file.get(finding.file)}
        if finding.subject.startswith("process:") and "/" in finding.subject:
            concerned.add(finding.subject[len("process:") :].split("/", 1)[0])
        for process_id in concerned - {None}:
            grouped.setdefault(process_id, []).append(finding)
    return grouped


def process_page(catalog: Catalog, analysis: Analysis, target: Target, findings: list[Finding]) -> str:
    process = target.process
    parts = [
        f"<h1>{e(process.name)}</h1>",
        "<p>"
        + e(_("Process {id} in {file}.")).format(
            id=f"<code>{e(process.id)}</code>", file=f"<code>{e(process.file)}</code>"
        )
        + "</p>",
    ]
    for product in target.products:
        parts.append(_product_facts(catalog, product))
    figures = analysis.processes[process.id]
    parts.append(heading(2, _("Figures")))
    parts.append(table(figure_labels(), [figures_row(figures)], 0, caption=_("The figures of this process")))
    if figures.repeated_asks:
        parts.append(paragraph(_("Asked more than once: {items}.").format(items=", ".join(figures.repeated_asks))))
    parts.append(heading(2, _("Diagram")))
    parts.append(
        diagram(
            f"../diagrams/{e(process.id)}.svg",
            _("The diagram at full size (SVG)"),
            _("Process diagram of {process}").format(process=process.name),
        )
    )
    parts.append(heading(2, _("Steps")))
    rows = []
    for step in process.steps:
        office = catalog.office_of(step) or ""
        targets = "<br>".join(
            e(target.to) + (f" <em>({e(target.when)})</em>" if target.when else "") for target in step.targets
        )
        rows.append(
            [
                f"{e(step.name)} <code>{e(step.id)}</code>",
                unit_link(catalog, step.unit.id, 1),
                e(office_name(office)),
                e(step.channel or ""),
                e(", ".join(ref.id for ref in step.asks)),
                targets or "<em>" + e(_("end")) + "</em>",
            ]
        )
    headers = [_("step"), _("unit"), _("office"), _("channel"), _("asks"), _("next")]
    parts.append(table(headers, rows, 6, (), _("The steps in the order written")))
    parts.append(heading(2, _("Findings")))
    parts.append(findings_list(findings))
    title = _("{process}: process of {organisation}").format(
        process=process.name, organisation=organisation_name(catalog)
    )
    return page(catalog, title, "\n".join(parts), 1, PROCESSES_PAGE)


def _product_facts(catalog: Catalog, product: Product) -> str:
    facts = [
        (_("product"), f"{e(product.name)} <code>{e(product.id)}</code>"),
        (_("owner"), unit_link(catalog, product.owner.id, 1)),
        (_("channels"), e(", ".join(product.channels))),
    ]
    fields = product.fields
    if fields.get("summary"):
        facts.append((_("summary"), e(fields["summary"])))
    cost = fields.get("cost")
    if isinstance(cost, dict):
        facts.append((_("cost"), f"{e(cost.get('amount'))} {e(cost.get('currency'))}"))
    if "lead_time_days" in fields:
        days = fields["lead_time_days"]
        count = days if isinstance(days, int) else 2
        facts.append((_("lead time"), e(ngettext("{days} day", "{days} days", count).format(days=days))))
    if product.volume_per_year is not None:
        facts.append((_("requests a year"), e(product.volume_per_year)))
    if product.channel_share:
        facts.append(
            (_("channel share"), e(", ".join(f"{channel} {share:.0%}" for channel, share in product.channel_share)))
        )
    for basis in fields.get("legal_basis") or ():
        facts.append((_("legal basis"), e(basis)))
    rows = "".join(f'<tr><th scope="row">{e(label)}</th><td>{value}</td></tr>' for label, value in facts)
    caption = _("Product {name}").format(name=product.name)
    return f'<table class="facts"><caption>{e(caption)}</caption>{rows}</table>'
