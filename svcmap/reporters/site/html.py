"""The site's building blocks: the stylesheet, the page frame, tables and links, every text escaped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from svcmap import __version__
from svcmap.analysis.figures import ProcessFigures
from svcmap.catalog.model import Catalog
from svcmap.findings import Finding
from svcmap.i18n import language
from svcmap.reporters.analysis import View
from svcmap.text import html_text

STYLESHEET = """\
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2933; }
h1, h2 { font-weight: 600; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d9e2ec; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
td:first-child, .facts td { overflow-wrap: anywhere; }  /* a long name or URL wraps, the page does not scroll */
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid #9aa5b1; }
.warning { color: #8d2b0b; } .error { color: #ab091e; font-weight: 600; }
.diagram { border: 1px solid #d9e2ec; padding: .5rem; }
.diagram img { max-width: 100%; height: auto; }
figure.trajectory { margin: 1rem 0; }
figure.trajectory img { max-width: 100%; height: auto; border: 1px solid #d9e2ec; }
nav a { margin-right: 1rem; } code { background: #f0f4f8; padding: 0 .2rem; }
footer { margin-top: 3rem; color: #52606d; font-size: .85rem; }
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


def page(title: str, body: str, depth: int) -> str:
    """A whole page: in the language the site is written in, its parts in landmarks (nav, main, footer) so
    that a screen reader can jump between them."""
    up = "../" * depth
    return (
        f'<!DOCTYPE html>\n<html lang="{e(language())}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{e(title)}</title>\n<link rel="stylesheet" href="{up}style.css">\n</head>\n<body>\n'
        f'<nav><a href="{up}index.html">Catalog</a><a href="{up}{NETWORK_PAGE}.html">Unit network</a></nav>\n'
        f"<main>\n{body}\n</main>\n"
        f"<footer>Made by svcmap {e(__version__)} from the catalog in git.</footer>\n</body>\n</html>\n"
    )


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric_from: int, total: Sequence[str] = ()) -> str:
    head = "".join(header_cell(header, index >= numeric_from) for index, header in enumerate(headers))
    lines = [f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>"]
    for row in rows:
        lines.append(
            "<tr>" + "".join(table_cell(index, value, numeric_from) for index, value in enumerate(row)) + "</tr>"
        )
    if total:
        lines.append(
            '<tr class="total">'
            + "".join(table_cell(index, value, numeric_from) for index, value in enumerate(total))
            + "</tr>"
        )
    lines.append("</tbody>\n</table>")
    return "\n".join(lines)


def header_cell(header: str, numeric: bool) -> str:
    """A column's heading: scope="col" tells a screen reader which cells it heads."""
    return f'<th scope="col" class="n">{e(header)}</th>' if numeric else f'<th scope="col">{e(header)}</th>'


def table_cell(index: int, cell: str, numeric_from: int) -> str:
    """Cells arrive escaped (they may hold links)."""
    return f'<td class="n">{cell}</td>' if index >= numeric_from else f"<td>{cell}</td>"


def process_link(process_id: str, text: str, depth: int = 0) -> str:
    return f'<a href="{"../" * depth}processes/{e(process_id)}.html">{e(text)}</a>'


def figures_row(figures: ProcessFigures) -> list[str]:
    return [str(getattr(figures, name)) for name, _ in FIGURE_COLUMNS]


def product_link(catalog: Catalog, product_id: str) -> str:
    product = catalog.products.get(product_id)
    if product is None:
        return e(product_id)
    if product.process and product.process.id in catalog.processes:
        return process_link(product.process.id, product.name)
    return e(product.name)


def findings_list(findings: Sequence[Finding]) -> str:
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


def view_table(table: View) -> str:
    """A reporter's table as HTML: every cell escaped, numeric columns right-aligned."""
    head = "".join(header_cell(column.header, column.numeric) for column in table.columns)
    lines = [f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>"]
    for row in table.rows:
        cells = []
        for value, column in zip(row, table.columns):
            text = e(plain(value))
            cells.append(f'<td class="n">{text}</td>' if column.numeric else f"<td>{text}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</tbody>\n</table>")
    return "\n".join(lines)


def plain(value: object) -> str:
    """A cell's value as text: a list of (name, count) pairs as `name (count), …`."""
    if isinstance(value, list):
        return ", ".join(f"{item[0]} ({item[1]})" if isinstance(item, tuple) else str(item) for item in value)
    return "" if value is None else str(value)
