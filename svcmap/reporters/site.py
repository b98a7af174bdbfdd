"""`report`: a static HTML site of the catalog — products, processes with their diagrams, figures, findings.

Plain HTML and one stylesheet, no scripts, so it can be published from CI as an artefact or on an
intranet. Every piece of catalog text is escaped; diagrams are SVG files shown through <img>, which
keeps whatever they contain from running in the page. The same catalog gives byte-identical files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from svcmap import __version__
from svcmap.analysis.figures import Analysis, ProcessFigures, ranked_life_events, ranked_processes, ranked_units
from svcmap.catalog.model import Catalog, Product
from svcmap.errors import SvcmapError
from svcmap.files import check_output_folder, write_atomically
from svcmap.findings import Finding
from svcmap.network.brokers import BROKERS_SHOWN
from svcmap.network.figures import Network, network_of
from svcmap.render.diagrams import Drawing, Target, draw_all, every_process
from svcmap.render.network import draw_network
from svcmap.reporters.analysis import View, view, yearly_view
from svcmap.reporters.network import (
    brokers_view,
    candidates_view,
    communities_view,
    headline,
    misplaced_view,
)
from svcmap.rules.engine import ValidationResult
from svcmap.text import html_text

if TYPE_CHECKING:
    from svcmap.whatif.candidates import Candidate

STYLESHEET = """\
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2933; }
h1, h2 { font-weight: 600; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d9e2ec; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid #9aa5b1; }
.warning { color: #8d2b0b; } .error { color: #ab091e; font-weight: 600; }
.diagram { overflow-x: auto; border: 1px solid #d9e2ec; padding: .5rem; }
.diagram img { max-width: none; }
nav a { margin-right: 1rem; } code { background: #f0f4f8; padding: 0 .2rem; }
footer { margin-top: 3rem; color: #7b8794; font-size: .85rem; }
"""

FIGURE_COLUMNS = (
    ("steps", "steps"),
    ("units", "units"),
    ("handoffs", "handoffs"),
    ("silo_handoffs", "silo handoffs"),
    ("external_handoffs", "external"),
    ("visibility_crossings", "crossings"),
    ("ping_pongs", "ping-pong"),
    ("contact_moments", "contacts"),
)


NETWORK_PAGE = "network"
"""The unit network's page, network.html, and its diagram, network.svg: beside index.html, not in diagrams/,
where a process could be called `network`."""


def e(text: object) -> str:
    """Any catalog text (or a value from it) for HTML, quotes included (it may land in an attribute)."""
    return html_text(str(text))


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
    drawings = draw_all(catalog, targets, "svg")
    network = network_of(catalog, analysis)
    pages: list[tuple[str, bytes]] = [("style.css", STYLESHEET.encode("utf-8"))]
    pages.append(("index.html", _index(catalog, analysis, result).encode("utf-8")))
    pages.append((f"{NETWORK_PAGE}.svg", draw_network(network, catalog.organisation_name, "svg")))
    pages.append((f"{NETWORK_PAGE}.html", _network_page(catalog, network, candidates).encode("utf-8")))
    findings_of = _findings_by_process(catalog, result.findings)
    for drawing in drawings:
        process = drawing.target.process
        pages.append((f"diagrams/{process.id}.svg", drawing.data))
        findings = findings_of.get(process.id, [])
        pages.append((f"processes/{process.id}.html", _process_page(catalog, analysis, drawing, findings).encode()))
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
    return 4 + 2 * len(catalog.processes)


def _findings_by_process(catalog: Catalog, findings: Sequence[Finding]) -> dict[str, list[Finding]]:
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


def _page(title: str, body: str, depth: int) -> str:
    up = "../" * depth
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        f'<title>{e(title)}</title>\n<link rel="stylesheet" href="{up}style.css">\n</head>\n<body>\n'
        f'<nav><a href="{up}index.html">Catalog</a><a href="{up}{NETWORK_PAGE}.html">Unit network</a></nav>\n{body}\n'
        f"<footer>Made by svcmap {e(__version__)} from the catalog in git.</footer>\n</body>\n</html>\n"
    )


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric_from: int, total: Sequence[str] = ()) -> str:
    head = "".join(
        f'<th class="n">{e(header)}</th>' if index >= numeric_from else f"<th>{e(header)}</th>"
        for index, header in enumerate(headers)
    )
    lines = [f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>"]
    for row in rows:
        lines.append("<tr>" + "".join(_cell(index, cell, numeric_from) for index, cell in enumerate(row)) + "</tr>")
    if total:
        lines.append(
            '<tr class="total">'
            + "".join(_cell(index, cell, numeric_from) for index, cell in enumerate(total))
            + "</tr>"
        )
    lines.append("</tbody>\n</table>")
    return "\n".join(lines)


def _cell(index: int, cell: str, numeric_from: int) -> str:
    """Cells arrive escaped (they may hold links)."""
    return f'<td class="n">{cell}</td>' if index >= numeric_from else f"<td>{cell}</td>"


def _process_link(process_id: str, text: str, depth: int = 0) -> str:
    return f'<a href="{"../" * depth}processes/{e(process_id)}.html">{e(text)}</a>'


def _figures_row(figures: ProcessFigures) -> list[str]:
    return [str(getattr(figures, name)) for name, _ in FIGURE_COLUMNS]


def _index(catalog: Catalog, analysis: Analysis, result: ValidationResult) -> str:
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
    rows = [[_process_link(f.id, catalog.processes[f.id].name), *_figures_row(f)] for f in ranked]
    totals = ["total", *[str(sum(getattr(f, column) for f in ranked)) for column, _ in FIGURE_COLUMNS]]
    totals[2] = ""  # distinct units do not add up across processes
    parts.append(_table(["process", *(label for _, label in FIGURE_COLUMNS)], rows, 1, totals))
    if analysis.yearly.covered:
        parts.append(_per_year(catalog, analysis))
    if catalog.life_events:
        parts.append("<h2>Life events</h2>")
        rows = []
        for event in ranked_life_events(analysis.life_events.values()):
            products = ", ".join(_product_link(catalog, ref.id) for ref in catalog.life_events[event.id].products)
            rows.append(
                [
                    f"<strong>{e(catalog.life_events[event.id].name)}</strong><br>{products}",
                    str(event.products),
                    str(event.units),
                    str(event.handoffs),
                    str(event.silo_handoffs),
                    str(event.contact_moments),
                    e(", ".join(event.repeated_asks)),
                ]
            )
        parts.append(
            _table(
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
    parts.append(_table(["unit", "domain", "office", "steps", "handoffs in", "handoffs out", "hands most to"], rows, 3))
    parts.append("<h2>Findings</h2>")
    parts.append(_findings(result.findings))
    return _page(f"{name}: catalog", "\n".join(parts), 0)


def _per_year(catalog: Catalog, analysis: Analysis) -> str:
    """The processes by silo handoffs a year, and the channel mix: `analyze`'s own tables, as HTML."""
    parts = ["<h2>Per year</h2>"]
    for current in (yearly_view(analysis, "process"), view(analysis, "channel")):
        if current is None:
            continue
        first = current.columns[0].key == "id"  # a process table: its ids link to the process pages
        rows = [
            [_process_link(str(row[0]), catalog.processes[str(row[0])].name) if first else e(row[0])]
            + [e(cell) for cell in row[1:]]
            for row in current.rows
        ]
        headers = [column.label for column in current.columns]
        parts.append(f"<h3>{e(current.title)}</h3>")
        parts.append(_table(headers, rows, 1))
        parts.append(f"<p>{e(current.note)}.</p>")
    return "\n".join(parts)


def _product_link(catalog: Catalog, product_id: str) -> str:
    product = catalog.products.get(product_id)
    if product is None:
        return e(product_id)
    if product.process and product.process.id in catalog.processes:
        return _process_link(product.process.id, product.name)
    return e(product.name)


def _products_table(catalog: Catalog, analysis: Analysis) -> str:
    rows = []
    for product in sorted(catalog.products.values(), key=lambda item: item.name.lower()):
        owner = catalog.units.get(product.owner.id)
        figures = analysis.products[product.id].figures
        rows.append(
            [
                _product_link(catalog, product.id),
                e(owner.name if owner else product.owner.id),
                e(", ".join(product.channels)),
                e(product.status),
                str(figures.handoffs) if figures else "",
                str(figures.silo_handoffs) if figures else "",
                str(figures.contact_moments) if figures else "",
            ]
        )
    return _table(["product", "owner", "channels", "status", "handoffs", "silo handoffs", "contacts"], rows, 4)


def _process_page(catalog: Catalog, analysis: Analysis, drawing: Drawing, findings: list[Finding]) -> str:
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
    parts.append(_table([label for _, label in FIGURE_COLUMNS], [_figures_row(figures)], 0))
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
    parts.append(_table(["step", "unit", "office", "channel", "asks", "next"], rows, 6))
    parts.append("<h2>Findings</h2>")
    parts.append(_findings(findings))
    return _page(process.name, "\n".join(parts), 1)


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


def _findings(findings: Sequence[Finding]) -> str:
    if not findings:
        return "<p>No findings.</p>"
    items = []
    for finding in findings:
        items.append(
            f'<li><span class="{e(finding.severity.value)}">{e(finding.code)}</span> '
            f"<code>{e(finding.file)}:{finding.line}:{finding.column}</code> {e(finding.message)}</li>"
        )
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


# --- the unit network --------------------------------------------------------------------------------


def _network_page(catalog: Catalog, network: Network, candidates: Sequence[Candidate] | None) -> str:
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
        parts.append(_view_table(table) if table.rows else "<p>None.</p>")
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
                _process_link(process_id, process_id) if process_id in known else e(process_id)
                for process_id in candidate.processes
            )
            items.append(
                f"<li>#{rank} {e(candidate.describe())}<pre><code>{e(candidate.scenario.to_yaml())}</code></pre>"
                + (f"Changes: {links}" if links else "")
                + "</li>"
            )
        parts.append("<ol>\n" + "\n".join(items) + "\n</ol>")
    return _page(f"{name}: unit network", "\n".join(parts), 0)


def _view_table(table: View) -> str:
    """A reporter's table as HTML: every cell escaped, numeric columns right-aligned."""
    head = "".join(
        f'<th class="n">{e(c.header)}</th>' if c.numeric else f"<th>{e(c.header)}</th>" for c in table.columns
    )
    lines = [f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>"]
    for row in table.rows:
        cells = []
        for value, column in zip(row, table.columns):
            text = e(_plain(value))
            cells.append(f'<td class="n">{text}</td>' if column.numeric else f"<td>{text}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</tbody>\n</table>")
    return "\n".join(lines)


def _plain(value: object) -> str:
    """A cell's value as text: a list of (name, count) pairs as `name (count), …`."""
    if isinstance(value, list):
        return ", ".join(f"{item[0]} ({item[1]})" if isinstance(item, tuple) else str(item) for item in value)
    return "" if value is None else str(value)
