"""The index `render --all` writes beside the diagrams: index.html for pictures, index.md for text formats.

Catalog text is escaped for HTML or Markdown by `svcmap.text` (`html_text`, `markdown_text`); links are built
from ids, which are plain `[a-z0-9-]` words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from svcmap.i18n import N_, _, language, ngettext
from svcmap.render.captions import figures_line, subtitle
from svcmap.render.diagrams import FORMATS, Drawing
from svcmap.text import html_text, markdown_text, one_line

HTML_FORMATS = ("svg", "png", "pdf")
_BACKTICKS = re.compile(r"`+")
"""A fence longer than any run of backticks in the block cannot be closed early (CommonMark)."""
_COLUMNS = (N_("Steps"), N_("Units"), N_("Handoffs"), N_("Silo handoffs"), N_("Contact moments"))
"""The figures' column headers, passed through `_()` where the index is written."""


def _headers() -> list[str]:
    return [_(name) for name in (N_("Process"), N_("Products"), *_COLUMNS)]


def index_file(drawings: Sequence[Drawing], output_format: str, heading: str) -> tuple[str, str]:
    """(file name, text) of the index for these diagrams."""
    if output_format in HTML_FORMATS:
        return "index.html", index_html(drawings, output_format, heading)
    return "index.md", index_markdown(drawings, output_format, heading)


def _figures(drawing: Drawing) -> tuple[int, ...]:
    f = drawing.layout.figures
    return (f.steps, f.units, f.handoffs, f.silo_handoffs, f.contact_moments)


def index_html(drawings: Sequence[Drawing], output_format: str, heading: str) -> str:
    extension = FORMATS[output_format].extension
    rows = []
    for drawing in drawings:
        layout = drawing.layout
        link = f"{drawing.target.name}.{extension}"
        products = ", ".join(html_text(one_line(p.name)) for p in drawing.target.products)
        numbers = "".join(f'<td class="n">{value}</td>' for value in _figures(drawing))
        rows.append(
            f'<tr><td><a href="{link}">{html_text(one_line(layout.process_name))}</a>'
            f' <span class="id">{html_text(layout.process_id)}</span></td><td>{products}</td>{numbers}</tr>'
        )
    header = "".join(f"<th>{html_text(name)}</th>" for name in _headers())
    about = ngettext(
        "{count} diagram ({format}): lanes per unit, the front office above the line of visibility, handoffs between"
        " units marked, silo handoffs most strongly.",
        "{count} diagrams ({format}): lanes per unit, the front office above the line of visibility, handoffs between"
        " units marked, silo handoffs most strongly.",
        len(drawings),
    ).format(count=len(drawings), format=output_format)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language()}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html_text(heading)}</title>\n"
        "<style>body{font-family:Helvetica,Arial,sans-serif;margin:2em}table{border-collapse:collapse}"
        "th,td{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left}td.n{text-align:right}"
        ".id{color:#777;font-size:.85em}</style>\n</head>\n<body>\n"
        f"<h1>{html_text(heading)}</h1>\n"
        f"<p>{html_text(about)}</p>\n"
        f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
        "</body>\n</html>\n"
    )


def index_markdown(drawings: Sequence[Drawing], output_format: str, heading: str) -> str:
    extension = FORMATS[output_format].extension
    lines = [f"# {markdown_text(heading)}", ""]
    lines.append("| " + " | ".join(markdown_text(name) for name in _headers()) + " |")
    lines.append("| --- | --- | " + " | ".join("---:" for _ in _COLUMNS) + " |")
    for drawing in drawings:
        layout = drawing.layout
        products = ", ".join(markdown_text(p.name) for p in drawing.target.products)
        numbers = " | ".join(str(value) for value in _figures(drawing))
        link = f"[{markdown_text(layout.process_name)}]({drawing.target.name}.{extension})"
        lines.append(f"| {link} | {products} | {numbers} |")
    if output_format == "mermaid":
        for drawing in drawings:
            layout = drawing.layout
            text = drawing.data.decode("utf-8").rstrip("\n")
            fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICKS.findall(text)), default=0))
            lines += [
                "",
                f"## {markdown_text(layout.title)}",
                "",
                f"{markdown_text(subtitle(layout))}: {markdown_text(figures_line(layout.figures))}",
                "",
                f"{fence}mermaid",
                text,
                fence,
            ]
    return "\n".join(lines) + "\n"
