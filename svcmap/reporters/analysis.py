"""Reporters for `analyze`: the figures of one catalog as text tables, JSON, Markdown or CSV.

JSON always holds every section (SPEC §5, plus the unit matrix as `unit_handoffs`); the other formats
show one view, chosen with `--by`. Every view is sorted worst first; text and Markdown end with totals,
CSV has no totals row (it is data for a spreadsheet, which sums by itself).

Language: titles, headers, legends and notes of text and Markdown are in the language in use
(svcmap.i18n); CSV headers are the figures' keys and JSON keys are data, in English in every language,
so that a spreadsheet or a script reads a Dutch run as it reads an English one.

Where products state `volume_per_year`, the figures a year (`svcmap.analysis.yearly`) join in: JSON adds
per-year keys to each entry that has them and a `per_year` section; text and Markdown follow the
view's table with a second one, ranked by silo handoffs a year (where an improvement helps the most
people); CSV adds the per-year columns to each row; `--by channel` is the channel mix, requests a year
per channel.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from svcmap.analysis.figures import (
    Analysis,
    ranked_life_events,
    ranked_processes,
    ranked_products,
    ranked_units,
)
from svcmap.analysis.yearly import IN_PERSON, UNSPECIFIED, YearlyFigures, YearlyRow
from svcmap.i18n import N_, _, ngettext
from svcmap.reporters.words import figure_label
from svcmap.text import markdown_text, terminal_text

WIDTH = 100
"""Text tables fit this many columns: the widest text column is cut (with …) until they do."""

UNIT_PAIRS_IN_TEXT = 10
"""`--by unit` as text or Markdown lists this many unit pairs after the units; `--by matrix` lists all."""

VIEWS = ("process", "product", "unit", "life-event", "matrix", "channel")


@dataclass(frozen=True)
class Column:
    header: str
    """Short header for text, marked with `N_()` (shown through `_()`); `key` is the full name used in CSV, and
    its name (svcmap.reporters.words) heads the column in Markdown."""
    key: str
    numeric: bool = True
    total: bool = True
    blank_when_id: bool = False
    """Text only: leave the cell blank where it repeats the row's id (a product's process, mostly)."""

    @property
    def shown(self) -> str:
        """The short header in the language in use."""
        return _(self.header)

    @property
    def label(self) -> str:
        """The header in Markdown, which has room for the full name."""
        return self.shown if self.key == "id" else figure_label(self.key)


@dataclass(frozen=True)
class View:
    """One table: a title, its columns, its rows (worst first) and a legend of the short headers."""

    title: str
    columns: tuple[Column, ...]
    rows: list[list[object]]
    legend: str = ""
    totals: bool = True
    note: str = ""


_LEGEND = N_(
    "hand: handoffs; silo: silo handoffs; ext: external handoffs; cross: visibility crossings; "
    "ping: ping-pongs; cont: contact moments; asks: data items asked more than once"
)


def _process_columns(with_process: bool) -> tuple[Column, ...]:
    head = (
        (
            Column(N_("product"), "id", numeric=False),
            Column(N_("process"), "process", numeric=False, blank_when_id=True),
        )
        if with_process
        else (Column(N_("process"), "id", numeric=False),)
    )
    return (
        *head,
        Column(N_("steps"), "steps"),
        Column(N_("units"), "units", total=False),
        Column(N_("hand"), "handoffs"),
        Column(N_("silo"), "silo_handoffs"),
        Column(N_("ext"), "external_handoffs"),
        Column(N_("cross"), "visibility_crossings"),
        Column(N_("ping"), "ping_pongs"),
        Column(N_("cont"), "contact_moments"),
        Column(N_("asks"), "repeated_asks"),
        Column(N_("front"), "front_steps"),
        Column(N_("back"), "back_steps"),
    )


def _figures_row(data: dict[str, object]) -> list[object]:
    return [
        data["steps"],
        data["units"],
        data["handoffs"],
        data["silo_handoffs"],
        data["external_handoffs"],
        data["visibility_crossings"],
        data["ping_pongs"],
        data["contact_moments"],
        data["repeated_asks"],
        data["front_steps"],
        data["back_steps"],
    ]


def view(analysis: Analysis, by: str) -> View:
    """The table `--by` asks for."""
    if by == "process":
        processes = ranked_processes(analysis.processes.values())
        return View(
            _("Processes ({count}), worst first: silo handoffs, then handoffs, then contact moments").format(
                count=len(processes)
            ),
            _process_columns(with_process=False),
            [[figures.id, *_figures_row(figures.to_dict())] for figures in processes],
            _(_LEGEND),
            note=_capped_note(analysis),
        )
    if by == "product":
        rows: list[list[object]] = []
        products = ranked_products(analysis.products.values())
        for product in products:
            process = product.process
            figures = _figures_row(product.figures.to_dict())[:9] if product.figures else [None] * 9
            rows.append([product.id, process, *figures])
        return View(
            _("Products ({count}), worst first: silo handoffs, then handoffs, then contact moments").format(
                count=len(products)
            ),
            _process_columns(with_process=True)[:11],
            rows,
            _(_LEGEND) + "; " + _("process: blank when it has the product's id; products without a process come last"),
            note=_capped_note(analysis),
        )
    if by == "unit":
        units = ranked_units(analysis.units.values())
        return View(
            _("Units ({count}), most handoffs (in + out) first, over every process").format(count=len(units)),
            (
                Column(N_("unit"), "id", numeric=False),
                Column(N_("steps"), "steps"),
                Column(N_("in"), "handoffs_in"),
                Column(N_("out"), "handoffs_out"),
                Column(N_("hands most to"), "hands_to", numeric=False, total=False),
            ),
            [[unit.id, unit.steps, unit.handoffs_in, unit.handoffs_out, list(unit.hands_to)] for unit in units],
            _("in/out: handoff edges entering/leaving the unit's steps; hands most to: unit (handoff edges)"),
        )
    if by == "life-event":
        events = ranked_life_events(analysis.life_events.values())
        return View(
            _("Life events ({count}), worst first: silo handoffs, then handoffs, then contact moments").format(
                count=len(events)
            ),
            (
                Column(N_("life event"), "id", numeric=False),
                Column(N_("products"), "products"),
                Column(N_("units"), "units", total=False),
                Column(N_("hand"), "handoffs"),
                Column(N_("silo"), "silo_handoffs"),
                Column(N_("cont"), "contact_moments"),
                Column(N_("asked by several products"), "repeated_asks", numeric=False, total=False),
            ),
            [
                [e.id, e.products, e.units, e.handoffs, e.silo_handoffs, e.contact_moments, list(e.repeated_asks)]
                for e in events
            ],
            _("figures summed over the life event's products that have a process; units: distinct units"),
            totals=False,
        )
    if by == "matrix":
        return View(
            ngettext(
                "Handoffs between units ({count} pair), most first",
                "Handoffs between units ({count} pairs), most first",
                len(analysis.unit_handoffs),
            ).format(count=len(analysis.unit_handoffs)),
            (
                Column(N_("from"), "from", numeric=False),
                Column(N_("to"), "to", numeric=False),
                Column(N_("handoffs"), "handoffs"),
                Column(N_("products"), "products", total=False),
            ),
            [[cell.source, cell.target, cell.handoffs, cell.products] for cell in analysis.unit_handoffs],
            _(
                "handoffs: edges from a step of one unit to a step of the other, over every process; "
                "products: products whose process has such an edge"
            ),
        )
    if by == "channel":
        return _channel_view(analysis.yearly)
    raise ValueError(f"unknown view {by!r}")


# --- per year ------------------------------------------------------------------------------------

_YEAR_LEGEND = N_(
    "req: requests a year (volume_per_year); hand, silo, cont, asks: handoffs, silo handoffs, contact "
    "moments and repeated asks a year (each figure times the requests)"
)


def _coverage(yearly: YearlyFigures) -> str:
    covered = ngettext(
        "per-year figures cover {count} of {total} product",
        "per-year figures cover {count} of {total} products",
        yearly.products_total,
    ).format(count=yearly.products_with_volume, total=yearly.products_total)
    return (
        covered
        if yearly.products_with_volume == yearly.products_total
        else covered + "; " + _("the others state no volume_per_year")
    )


def _year_columns(subject: str) -> tuple[Column, ...]:
    """`subject` is the first column's header, marked with `N_()`."""
    return (
        Column(subject, "id", numeric=False),
        Column(N_("req/yr"), "requests_per_year"),
        Column(N_("hand/yr"), "handoffs_per_year"),
        Column(N_("silo/yr"), "silo_handoffs_per_year"),
        Column(N_("cont/yr"), "contact_moments_per_year"),
        Column(N_("asks/yr"), "repeated_asks_per_year"),
    )


def _year_rows(rows: Iterable[YearlyRow]) -> list[list[object]]:
    ranked = sorted(
        rows, key=lambda r: (-r.silo_handoffs_per_year, -r.handoffs_per_year, -r.contact_moments_per_year, r.id)
    )
    return [
        [
            r.id,
            r.requests_per_year,
            r.handoffs_per_year,
            r.silo_handoffs_per_year,
            r.contact_moments_per_year,
            r.repeated_asks_per_year,
        ]
        for r in ranked
    ]


_YEARLY_SUBJECTS = {
    "process": (
        N_("process"),
        N_("Per year: processes by silo handoffs a year, where an improvement helps the most people"),
    ),
    "product": (
        N_("product"),
        N_("Per year: products by silo handoffs a year, where an improvement helps the most people"),
    ),
    "life-event": (
        N_("life event"),
        N_("Per year: life events by silo handoffs a year, where an improvement helps the most people"),
    ),
}
"""Per `--by`: the per-year table's first header and its title."""


def yearly_view(analysis: Analysis, by: str) -> View | None:
    """The per-year table that follows `--by`'s, ranked by silo handoffs a year; None without volumes."""
    yearly = analysis.yearly
    if not yearly.covered:
        return None
    if by in ("process", "product", "life-event"):
        rows = {"process": yearly.processes, "product": yearly.products, "life-event": yearly.life_events}[by]
        subject, title = _YEARLY_SUBJECTS[by]
        return View(
            _(title),
            _year_columns(subject),
            _year_rows(rows.values()),
            _(_YEAR_LEGEND),
            note=_coverage(yearly),
        )
    if by == "unit":
        units = sorted(
            yearly.units.values(),
            key=lambda u: (-(u.handoffs_in_per_year + u.handoffs_out_per_year), -u.steps_per_year, u.id),
        )
        return View(
            _("Per year: units by handoffs a year (in + out)"),
            (
                Column(N_("unit"), "id", numeric=False),
                Column(N_("steps/yr"), "steps_per_year"),
                Column(N_("in/yr"), "handoffs_in_per_year"),
                Column(N_("out/yr"), "handoffs_out_per_year"),
            ),
            [[u.id, u.steps_per_year, u.handoffs_in_per_year, u.handoffs_out_per_year] for u in units],
            _("steps/yr: the unit's steps done a year; in/out: handoffs entering/leaving its steps a year"),
            note=_coverage(yearly),
        )
    return None


class Share(float):
    """A part of a whole: a percentage in text and Markdown, a fraction a spreadsheet can sum in CSV."""

    def __str__(self) -> str:
        return f"{100 * self:.0f}%"


def _channel_view(yearly: YearlyFigures) -> View:
    total = yearly.totals["requests_per_year"]

    def share(requests: int) -> Share | None:
        return Share(requests / total) if total else None

    in_person = yearly.in_person_requests
    notes = [_coverage(yearly)] if yearly.covered else [_("no product states a volume_per_year")]
    if total:
        notes.append(
            _("in person ({channels}): {count} of {total} requests a year ({share})").format(
                channels=", ".join(IN_PERSON), count=in_person, total=total, share=share(in_person)
            )
        )
    if UNSPECIFIED in yearly.channels:
        notes.append(_("{channel}: products with several channels and no channel_share").format(channel=UNSPECIFIED))
    return View(
        _("Channel mix: requests a year per channel, most first"),
        (
            Column(N_("channel"), "channel", numeric=False),
            Column(N_("requests/yr"), "requests_per_year"),
            Column(N_("share"), "share", total=False),
            Column(N_("products"), "products", total=False),
        ),
        [
            [entry.channel, entry.requests_per_year, share(entry.requests_per_year), entry.products]
            for entry in yearly.channels.values()
        ],
        _(
            "requests/yr: volume_per_year split by channel_share; a product with one channel puts all its "
            "requests there"
        ),
        note="; ".join(notes),
    )


def _with_year_columns(current: View, yearly: View | None) -> View:
    """`current` with the per-year columns of `yearly` added to each row (joined on the id), for CSV."""
    if yearly is None:
        return current
    extra = {row[0]: row[1:] for row in yearly.rows}
    blank = [None] * (len(yearly.columns) - 1)
    rows = [[*row, *extra.get(row[0], blank)] for row in current.rows]
    return replace(current, columns=(*current.columns, *yearly.columns[1:]), rows=rows)


def _capped_note(analysis: Analysis) -> str:
    if not analysis.capped:
        return ""
    return _("contact moments are a lower bound for {processes} (too many loops to explore every route)").format(
        processes=", ".join(analysis.capped)
    )


# --- cells ---------------------------------------------------------------------------------------


def _cell(value: object, numeric: bool) -> str:
    """A value as text: lists count in numeric columns and are spelled out in text ones."""
    if value is None:
        return "-" if numeric else ""
    if isinstance(value, list):
        return str(len(value)) if numeric else ", ".join(_item(item) for item in value)
    return terminal_text(str(value))


def _item(item: object) -> str:
    """A list item: a data item id, or a (unit, handoffs) pair."""
    if isinstance(item, tuple):
        return f"{terminal_text(str(item[0]))} ({item[1]})"
    return terminal_text(str(item))


def _totals(current: View) -> list[str]:
    cells = []
    for index, column in enumerate(current.columns):
        if index == 0:
            cells.append(_("total"))
        elif column.numeric and column.total:
            values = [row[index] for row in current.rows if row[index] is not None]
            cells.append(str(sum(len(v) if isinstance(v, list) else int(v) for v in values)))  # type: ignore[arg-type]
        else:
            cells.append("")
    return cells


# --- text ----------------------------------------------------------------------------------------


def _text_cell(value: object, column: Column, row_id: object) -> str:
    if column.blank_when_id:
        return "" if value == row_id else _("(none)") if value is None else _cell(value, column.numeric)
    return _cell(value, column.numeric)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _aligned(current: View) -> list[str]:
    """The table as lines no wider than WIDTH: text columns are cut, widest first, until it fits."""
    body = [[_text_cell(value, column, row[0]) for value, column in zip(row, current.columns)] for row in current.rows]
    totals = _totals(current) if current.totals and current.rows else None
    every = [[column.shown for column in current.columns], *body, *([totals] if totals else [])]
    widths = [max(len(line[i]) for line in every) for i in range(len(current.columns))]
    gap = 2
    while sum(widths) + gap * (len(widths) - 1) > WIDTH:
        text_columns = [i for i, column in enumerate(current.columns) if not column.numeric]
        widest = max(text_columns, key=lambda i: widths[i], default=None)
        if widest is None or widths[widest] <= max(len(current.columns[widest].shown), 6):
            break
        widths[widest] -= 1

    def line(cells: Sequence[str]) -> str:
        parts = []
        for cell, width, column in zip(cells, widths, current.columns):
            cell = _cut(cell, width)
            parts.append(cell.rjust(width) if column.numeric else cell.ljust(width))
        return (" " * gap).join(parts).rstrip()

    rule = "-" * (sum(widths) + gap * (len(widths) - 1))
    lines = [line(every[0]), rule, *(line(cells) for cells in body)]
    if totals:
        lines += [rule, line(totals)]
    return lines


def _views(analysis: Analysis, by: str) -> list[View]:
    """The tables of text and Markdown: `--by`'s, its per-year table, and for units the busiest pairs."""
    views = [view(analysis, by)]
    yearly = yearly_view(analysis, by)
    if yearly is not None:
        views.append(yearly)
    if by == "unit" and analysis.unit_handoffs:
        views.append(_top_pairs(analysis))
    return views


def text(analysis: Analysis, by: str) -> str:
    """Aligned tables that fit 100 columns; `--by unit` adds the busiest unit pairs."""
    return "\n\n".join(text_section(current) for current in _views(analysis, by)) + "\n"


def text_section(current: View) -> str:
    """One table as text: its title, the aligned rows (totals when the view has them), the legend, the note."""
    lines = [current.title, "", *_aligned(current)]
    if current.legend:
        lines += ["", textwrap.fill(terminal_text(current.legend), WIDTH, break_on_hyphens=False)]
    if current.note:
        lines.append(textwrap.fill(terminal_text(current.note), WIDTH, break_on_hyphens=False))
    return "\n".join(lines)


def _top_pairs(analysis: Analysis) -> View:
    matrix = view(analysis, "matrix")
    shown = matrix.rows[:UNIT_PAIRS_IN_TEXT]
    rest = len(matrix.rows) - len(shown)
    return View(
        _("Busiest handoffs between units (top {count} of {total})").format(count=len(shown), total=len(matrix.rows)),
        matrix.columns,
        shown,
        matrix.legend + ("; " + _("{count} more with --by matrix").format(count=rest) if rest else ""),
        totals=False,
    )


# --- markdown ------------------------------------------------------------------------------------


def markdown(analysis: Analysis, by: str) -> str:
    """GitHub-flavoured Markdown tables, e.g. for a pull-request comment or a wiki page."""
    return "\n\n".join(markdown_section(current) for current in _views(analysis, by)) + "\n"


def markdown_section(current: View) -> str:
    """One table as a Markdown section: a heading, the table (with totals when the view has them), the note."""
    headers = [column.label for column in current.columns]
    lines = [
        f"### {current.title}",
        "",
        "| " + " | ".join(markdown_text(header) for header in headers) + " |",
        "| " + " | ".join("---:" if column.numeric else "---" for column in current.columns) + " |",
    ]
    for row in current.rows:
        cells = []
        for value, column in zip(row, current.columns):
            if isinstance(value, list) and column.numeric:
                cells.append(markdown_text(", ".join(_item(item) for item in value)))
            else:
                cells.append(markdown_text(_cell(value, column.numeric)))
        lines.append("| " + " | ".join(cells) + " |")
    if current.totals and current.rows:
        totals = (f"**{markdown_text(cell)}**" if cell else "" for cell in _totals(current))
        lines.append("| " + " | ".join(totals) + " |")
    if current.note:
        lines += ["", markdown_text(current.note)]
    return "\n".join(lines)


# --- csv -----------------------------------------------------------------------------------------


def csv_report(analysis: Analysis, by: str) -> str:
    """One row per subject, full column names, lists joined with `;`, no totals row; per-year columns
    at the end of each row where products have volumes."""
    current = _with_year_columns(view(analysis, by), yearly_view(analysis, by))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(column.key for column in current.columns)
    for row in current.rows:
        writer.writerow(csv_cell(value) for value in row)
    return out.getvalue()


def csv_cell(value: object) -> object:
    """A value for a CSV cell: lists joined with `;`, and text a spreadsheet would run as a formula quoted."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(f"{item[0]}:{item[1]}" if isinstance(item, tuple) else str(item) for item in value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value  # a spreadsheet would run it as a formula
    if isinstance(value, Share):
        return round(float(value), 4)
    return value


# --- json ----------------------------------------------------------------------------------------


def json_report(analysis: Analysis, by: str) -> str:
    """SPEC §5: every section, whatever `--by` says, each worst first; plus `unit_handoffs`."""
    return json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Callable[[Analysis, str], str]] = {
    "text": text,
    "json": json_report,
    "markdown": markdown,
    "csv": csv_report,
}
