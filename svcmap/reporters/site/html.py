"""The site's building blocks: the stylesheet, the page frame, tables and links, every text escaped.

Every page has the same landmarks (a <header> with the site's name and its navigation, one <main> with
one <h1>, a <footer>), its language in `<html lang>`, and tables with a caption and `<th scope>`, so a
screen reader can say where it is and what a cell is about. Nothing is wider than the content column:
text in cells wraps, diagrams are scaled to it (with a link to the full-size SVG), and the one table that
cannot wrap (the unit matrix) scrolls in a labelled, focusable container of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from svcmap import __version__
from svcmap.analysis.figures import ProcessFigures
from svcmap.catalog.model import Catalog
from svcmap.findings import Finding
from svcmap.i18n import N_, _, language
from svcmap.reporters.analysis import View
from svcmap.text import html_text

STYLESHEET = """\
*, *::before, *::after { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; line-height: 1.45; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; border-bottom: 1px solid #d9e2ec; }
header .site { font-weight: 600; font-size: 1.1rem; color: #1f2933; text-decoration: none; }
nav ul { list-style: none; margin: .5rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 1.2rem; }
nav a { display: inline-block; padding: .3rem 0; }
nav a[aria-current="page"] { font-weight: 600; color: #1f2933; text-decoration: none;
  border-bottom: 3px solid #1a5a96; }
a { color: #1a5a96; }
h1, h2, h3 { font-weight: 600; line-height: 1.2; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #d9e2ec; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #e4e7eb; vertical-align: top;
  overflow-wrap: break-word; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
th[aria-sort] { background: #e4eef8; }
td:first-child, .facts td { overflow-wrap: anywhere; }  /* a long name or URL wraps, the page does not scroll */
tr.total td { font-weight: 600; border-top: 2px solid #9aa5b1; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .8rem; }
dl.figures div { border: 1px solid #d9e2ec; padding: .6rem .8rem; }
dl.figures dt { color: #3e4c59; } dl.figures dd { margin: 0; font-size: 1.6rem; font-weight: 600; }
.warning { color: #8d2b0b; } .error { color: #ab091e; font-weight: 600; }
.diagram { margin: 1rem 0; border: 1px solid #d9e2ec; padding: .5rem; }
.diagram img { display: block; max-width: 100%; height: auto; }
.scroll { overflow-x: auto; max-width: 100%; margin: 1rem 0; position: relative; }
.scroll:focus { outline: 2px solid #1a5a96; }
.matrix { width: auto; font-size: .75rem; }
.matrix td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal;
  padding: .2rem .15rem; border: 1px solid #e4e7eb; }
.matrix thead th { vertical-align: bottom; padding: .3rem .1rem; overflow-wrap: normal; }
.matrix thead th span { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; font-weight: 600; }
.matrix th[scope="row"] { min-width: 9rem; max-width: 12rem; font-weight: normal; }
.q1 { background: #e6f0fa; } .q2 { background: #c3daf1; } .q3 { background: #8fbbe4; }
.q4 { background: #2f6aa8; color: #fff; } .q5 { background: #173f6e; color: #fff; }
.matrix td.silo { outline: 2px dashed #ab091e; outline-offset: -3px; }
.matrix .mark { font-size: .7em; margin-left: .15em; }
main:has(.matrix) { max-width: 80rem; }  /* the matrix page takes the whole width of a 1280 px screen */
.legend span { display: inline-block; padding: .1rem .5rem; margin-right: .3rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
code { background: #f0f4f8; padding: 0 .2rem; overflow-wrap: anywhere; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
figure.trajectory { margin: 1rem 0; }
figure.trajectory img { max-width: 100%; height: auto; border: 1px solid #d9e2ec; }
footer { margin-top: 3rem; padding-bottom: 2rem; color: #52606d; font-size: .85rem; }
"""

FIGURE_COLUMNS = (
    ("steps", N_("steps")),
    ("units", N_("units")),
    ("handoffs", N_("handoffs")),
    ("silo_handoffs", N_("silo handoffs")),
    ("external_handoffs", N_("external")),
    ("visibility_crossings", N_("crossings")),
    ("ping_pongs", N_("ping-pong")),
    ("contact_moments", N_("contacts")),
)


NETWORK_PAGE = "network"
"""The unit network's page, network.html, and its diagram, network.svg: beside index.html, not in diagrams/,
where a process could be called `network`."""

NAVIGATION = (
    ("index.html", N_("Overview")),
    ("products.html", N_("Products")),
    ("processes.html", N_("Processes")),
    ("life-events.html", N_("Life events")),
    ("units.html", N_("Units")),
    ("matrix.html", N_("Unit matrix")),
    (f"{NETWORK_PAGE}.html", N_("Unit network")),
    ("findings.html", N_("Findings")),
)
"""Every page's navigation: the overview and the pages it leads to, in the order a reader would go."""


def e(text: object) -> str:
    """Any catalog text (or a value from it) for HTML, quotes included (it may land in an attribute)."""
    return _escaped(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    """`html_text`, remembered: a site of 2,000 processes escapes a million texts, most of them names of
    units and processes it has escaped before (a third of a warm report's time, without this)."""
    return html_text(text)


OFFICES = {"front": N_("front office"), "back": N_("back office")}


def office_name(office: str) -> str:
    """A step's or unit's office (`front`, `back`) in words; anything else as it is written."""
    return _(OFFICES[office]) if office in OFFICES else office


def heading(level: int, text: str) -> str:
    """Plain text (translated, or from the catalog) as a heading of `level`."""
    return f"<h{level}>{e(text)}</h{level}>"


def paragraph(text: str) -> str:
    """Plain text (translated, or from the catalog) as a paragraph."""
    return f"<p>{e(text)}</p>"


def organisation_name(catalog: Catalog) -> str:
    return catalog.organisation_name or catalog.organisation_id or _("Catalog")


def page(catalog: Catalog, title: str, body: str, depth: int, current: str = "") -> str:
    """A whole page: `body` (escaped HTML, with the page's one <h1>) in the site's frame; `current` is the
    navigation entry (its file name) the page belongs to."""
    up = "../" * depth
    name = organisation_name(catalog)
    items = []
    for target, label in NAVIGATION:
        marked = ' aria-current="page"' if target == current else ""
        items.append(f'<li><a href="{up}{target}"{marked}>{e(_(label))}</a></li>')
    footer = _("Made by svcmap {version} from the catalog in git.").format(version=__version__)
    site = _("Site")
    return (
        f'<!DOCTYPE html>\n<html lang="{e(language())}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n"
        f'<link rel="stylesheet" href="{up}style.css">\n</head>\n<body>\n'
        f'<header><a class="site" href="{up}index.html">{e(name)}</a>\n'
        f'<nav aria-label="{e(site)}"><ul>{"".join(items)}</ul></nav></header>\n'
        f"<main>\n{body}\n</main>\n"
        f"<footer>{e(footer)}</footer>\n</body>\n</html>\n"
    )


@dataclass(frozen=True)
class Sorting:
    """Which page shows a table sorted by each of its columns (None: that column sorts nothing), and the
    column the page in hand is sorted by, most first (`descending`) or A to Z."""

    pages: Sequence[str | None]
    current: int
    descending: bool


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric_from: int,
    total: Sequence[str] = (),
    caption: str = "",
    sorting: Sorting | None = None,
) -> str:
    """A table: `headers` plain text (escaped here), cells escaped HTML (they may hold links)."""
    head = []
    for index, header in enumerate(headers):
        numeric = ' class="n"' if index >= numeric_from else ""
        text = e(header)
        target = sorting.pages[index] if sorting is not None and index < len(sorting.pages) else None
        sort = ""
        if sorting is not None and index == sorting.current:
            sort = f' aria-sort="{"descending" if sorting.descending else "ascending"}"'
            mark = _("sorted, most first") if sorting.descending else _("sorted, A to Z")
            arrow = "▼" if sorting.descending else "▲"
            text += f' <span aria-hidden="true">{arrow}</span><span class="sr"> ({e(mark)})</span>'
        elif target is not None:
            hint = _("sort by this column")
            text = f'<a href="{e(target)}">{text}<span class="sr"> ({e(hint)})</span></a>'
        head.append(f'<th scope="col"{numeric}{sort}>{text}</th>')
    lines = ["<table>" + (f"\n<caption>{e(caption)}</caption>" if caption else "")]
    lines.append(f"<thead><tr>{''.join(head)}</tr></thead>\n<tbody>")
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


def unit_link(catalog: Catalog, unit_id: str, depth: int = 0) -> str:
    """A unit by its name, linked to its page (a unit the catalog does not declare is its id, unlinked)."""
    unit = catalog.units.get(unit_id)
    if unit is None:
        return e(unit_id)
    return f'<a href="{"../" * depth}units/{e(unit.id)}.html">{e(unit.name)}</a>'


def figures_row(figures: ProcessFigures) -> list[str]:
    return [str(getattr(figures, name)) for name, _label in FIGURE_COLUMNS]


def figure_labels() -> list[str]:
    return [_(label) for _name, label in FIGURE_COLUMNS]


def product_link(catalog: Catalog, product_id: str, depth: int = 0) -> str:
    product = catalog.products.get(product_id)
    if product is None:
        return e(product_id)
    if product.process and product.process.id in catalog.processes:
        return process_link(product.process.id, product.name, depth)
    return e(product.name)


def diagram(source: str, full_size: str, description: str) -> str:
    """A diagram scaled to the content column, and a link to the SVG at full size (`source`, escaped)."""
    return (
        f'<figure class="diagram"><img src="{source}" alt="{e(description)}">\n'
        f'<figcaption><a href="{source}">{e(full_size)}</a></figcaption></figure>'
    )


def findings_list(findings: Sequence[Finding]) -> str:
    if not findings:
        return paragraph(_("No findings."))
    items = []
    for finding in findings:
        items.append(
            f'<li><span class="{e(finding.severity.value)}">{e(finding.code)}</span> '
            f"<code>{e(finding.file)}:{finding.line}:{finding.column}</code> {e(finding.message)}</li>"
        )
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


# --- the unit network --------------------------------------------------------------------------------


def view_table(table: View, catalog: Catalog | None = None) -> str:
    """A reporter's table as HTML: every cell escaped, numeric columns right-aligned; with `catalog`, a
    column of unit ids links each to the unit's page."""
    head = "".join(header_cell(column.label, column.numeric) for column in table.columns)
    lines = [f"<table>\n<caption>{e(table.title)}</caption>\n<thead><tr>{head}</tr></thead>\n<tbody>"]
    for row in table.rows:
        cells = []
        for value, column in zip(row, table.columns):
            text = e(plain(value))
            if catalog is not None and column.key == "unit" and isinstance(value, str) and value in catalog.units:
                text = f'<a href="units/{e(value)}.html">{text}</a>'
            cells.append(f'<td class="n">{text}</td>' if column.numeric else f"<td>{text}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</tbody>\n</table>")
    return "\n".join(lines)


def plain(value: object) -> str:
    """A cell's value as text: a list of (name, count) pairs as `name (count), …`."""
    if isinstance(value, list):
        return ", ".join(f"{item[0]} ({item[1]})" if isinstance(item, tuple) else str(item) for item in value)
    return "" if value is None else str(value)
