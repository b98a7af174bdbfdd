"""A page per process: its products' facts, figures, diagram, steps and findings."""

from __future__ import annotations

from collections.abc import Sequence

from svcmap.analysis.figures import Analysis
from svcmap.catalog.model import Catalog, Product
from svcmap.findings import Finding
from svcmap.render.diagrams import Drawing, Target
from svcmap.reporters.site.html import FIGURE_COLUMNS, e, figures_row, findings_list, page, table


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


def process_page(catalog: Catalog, analysis: Analysis, drawing: Drawing, findings: list[Finding]) -> str:
    target: Target = drawing.target
    process = target.process
    parts = [
        f"<h1>{e(process.name)}</h1>",
        f"<p>Process <code>{e(process.id)}</code> in <code>{e(process.file)}</code>.</p>",
    ]
    for product in target.products:
        parts.append(_product_facts(catalog, product))
    figures = analysis.processes[process.id]
    parts.append("<h2>Figures</h2>")
    parts.append(table([label for _, label in FIGURE_COLUMNS], [figures_row(figures)], 0))
    if figures.repeated_asks:
        parts.append(f"<p>Asked more than once: {e(', '.join(figures.repeated_asks))}.</p>")
    parts.append("<h2>Diagram</h2>")
    parts.append(
        f'<div class="diagram"><img src="../diagrams/{e(process.id)}.svg" '
        f'alt="Process diagram of {e(process.name)}"></div>'
    )
    parts.append("<h2>Steps</h2>")
    rows = []
    for step in process.steps:
        unit = catalog.units.get(step.unit.id)
        office = catalog.office_of(step) or ""
        targets = "<br>".join(
            e(target.to) + (f" <em>({e(target.when)})</em>" if target.when else "") for target in step.targets
        )
        rows.append(
            [
                f"{e(step.name)} <code>{e(step.id)}</code>",
                e(unit.name if unit else step.unit.id),
                e(office),
                e(step.channel or ""),
                e(", ".join(ref.id for ref in step.asks)),
                targets or "<em>end</em>",
            ]
        )
    parts.append(table(["step", "unit", "office", "channel", "asks", "next"], rows, 6))
    parts.append("<h2>Findings</h2>")
    parts.append(findings_list(findings))
    return page(process.name, "\n".join(parts), 1)


def _product_facts(catalog: Catalog, product: Product) -> str:
    owner = catalog.units.get(product.owner.id)
    facts = [
        ("product", f"{e(product.name)} <code>{e(product.id)}</code>"),
        ("owner", e(owner.name if owner else product.owner.id)),
        ("channels", e(", ".join(product.channels))),
    ]
    fields = product.fields
    if fields.get("summary"):
        facts.append(("summary", e(fields["summary"])))
    cost = fields.get("cost")
    if isinstance(cost, dict):
        facts.append(("cost", f"{e(cost.get('amount'))} {e(cost.get('currency'))}"))
    if "lead_time_days" in fields:
        facts.append(("lead time", f"{e(fields['lead_time_days'])} days"))
    if product.volume_per_year is not None:
        facts.append(("requests a year", e(product.volume_per_year)))
    if product.channel_share:
        facts.append(
            ("channel share", e(", ".join(f"{channel} {share:.0%}" for channel, share in product.channel_share)))
        )
    for basis in fields.get("legal_basis") or ():
        facts.append(("legal basis", e(basis)))
    rows = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in facts)
    return f'<table class="facts">{rows}</table>'
