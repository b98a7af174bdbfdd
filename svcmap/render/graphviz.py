"""Graphviz: the layout as DOT with every position pinned, drawn by `neato -n2` to SVG, PNG or PDF.

Lanes, their header fills, the line of visibility and the legend are drawn in the graph's `_background`
(behind everything, holding no catalog text); nodes are pinned at the layout's positions, and neato
only routes the edges around them. The fewer shapes neato sees, the faster it routes: lane names are
one node, the legend none. Catalog text reaches the DOT in exactly two ways: inside HTML-like labels,
escaped by `svcmap.text.dot_label`, and as the quoted `tooltip` string (`svcmap.text.dot_tooltip`); both
start from `one_line`, which leaves no character that Graphviz's XML parser (or the SVG it writes)
refuses, such as U+FFFE. No attribute name and no `image`, `shapefile`, `URL` or `href` value ever comes
from the catalog.
"""

from __future__ import annotations

import functools
import math
import re
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from svcmap.errors import SvcmapError
from svcmap.i18n import _
from svcmap.render.captions import channel_note, event_name, figures_line, subtitle
from svcmap.render.layout import Box, Flow, Layout, Node, Part
from svcmap.render.style import (
    EXTERNAL_FILL,
    FLOW_COLOR,
    HANDOFF_COLOR,
    PART_FILL,
    PASSAGE_COLOR,
    SILO_COLOR,
    number,
)
from svcmap.text import dot_label, dot_string, dot_tooltip, one_line

FONT = "Helvetica"
ARROW_LENGTH = 8.0
"""An arrowhead's length in points at arrowsize 0.8 (Graphviz draws 10 at 1)."""
FONT_BOLD = "Helvetica-Bold"
LEGEND_FONT_SIZE = 9
ENGINE = "neato"
GRAPHVIZ_PACKAGE = "graphviz"
PNG_DPI = 110
BATCH_SIZE = 50
"""Diagrams per neato run in `render_many`."""

FRONT_TINTS = ("#e3effb", "#d5e6f8")
BACK_TINTS = ("#f6f5ef", "#ecebe2")
EXTERNAL_TINT = EXTERNAL_FILL
HATCH_COLOR = "#c4c4c4"
SEPARATOR_COLOR = "#9e9e9e"
VISIBILITY_COLOR = "#212121"
HEADER_INSET = 4.0
HATCH_STEP = 14.0
MARK_CHAR_WIDTH = 4.0
"""About the width of a character of 7-point italic Helvetica: how long a lane's repeated name may be."""

_PDF_DATE = re.compile(rb"/CreationDate \((D:[0-9]{14})(Z|[+-][0-9]{2}'[0-9]{2}'?)\)")


def to_dot(layout: Layout, dpi: int | None = None) -> str:
    """The DOT text of a diagram: deterministic, pinned positions, for `neato -n2`."""
    return "\n".join(_DotWriter(layout, dpi).lines()) + "\n"


def render(layout: Layout, output_format: str) -> bytes:
    """SVG, PNG or PDF bytes of a diagram, drawn by Graphviz's neato with the layout's positions pinned."""
    return render_many([layout], output_format)[0]


def render_many(layouts: Sequence[Layout], output_format: str, jobs: int = 1) -> list[bytes]:
    """Many diagrams, drawn in batches: one neato run reads a file of many graphs and writes a file for each.

    Starting neato costs about as much as drawing one diagram, so batches halve the time of `--all`;
    `jobs` batches run at once (each in its own process). A single diagram takes the same path, so that
    it comes out byte for byte as it does within `--all`.
    """
    import graphviz

    dpi = PNG_DPI if output_format == "png" else None
    dots = [to_dot(layout, dpi) for layout in layouts]
    size = max(1, min(BATCH_SIZE, -(-len(dots) // max(jobs, 1))))
    batches = [dots[start : start + size] for start in range(0, len(dots), size)]

    def draw(batch: list[str]) -> list[bytes]:
        with tempfile.TemporaryDirectory(prefix="svcmap-render-") as folder:
            source = Path(folder) / "batch.gv"
            source.write_text("".join(batch), encoding="utf-8")
            with _graphviz_errors(output_format):
                graphviz.render(ENGINE, output_format, source, neato_no_op=2, quiet=True)
            # neato -O names the outputs batch.gv.svg, batch.gv.2.svg, batch.gv.3.svg, ...
            names = [f"batch.gv.{output_format}"] + [f"batch.gv.{n}.{output_format}" for n in range(2, len(batch) + 1)]
            drawn = [(Path(folder) / name).read_bytes() for name in names]
        if output_format == "svg":
            return [_first_page_id(data) for data in drawn]
        return [_fixed_pdf_date(data) for data in drawn] if output_format == "pdf" else drawn

    if jobs > 1 and len(batches) > 1:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            done = list(pool.map(draw, batches))
    else:
        done = [draw(batch) for batch in batches]
    return [data for batch in done for data in batch]


@functools.cache
def version() -> str:
    """Graphviz's version (part of a drawn diagram's cache key: another Graphviz may draw it otherwise)."""
    import graphviz

    try:
        return ".".join(str(part) for part in graphviz.version())
    except (graphviz.ExecutableNotFound, RuntimeError, OSError):
        return "unknown"


def render_dot(dot: str, output_format: str, engine: str) -> bytes:
    """Any DOT text drawn by one of Graphviz's layout programs (`dot` for the unit network, which has no
    pinned positions), with the same errors as `render`."""
    import graphviz

    with _graphviz_errors(output_format, engine):
        data: bytes = graphviz.pipe(engine, output_format, dot.encode("utf-8"), quiet=True)
    return _fixed_pdf_date(data) if output_format == "pdf" else data


@contextmanager
def _graphviz_errors(output_format: str, engine: str = ENGINE) -> Iterator[None]:
    """Graphviz's failures as SvcmapError: a missing program names the package that provides it."""
    import graphviz

    try:
        yield
    except graphviz.ExecutableNotFound:
        raise SvcmapError(
            _(
                "Graphviz's `{program}` program was not found, so {format} cannot be drawn: install Debian's "
                "`{package}` package (apt-get install {package}), or use --format dot, mermaid or bpmn"
            ).format(program=engine, format=output_format, package=GRAPHVIZ_PACKAGE)
        ) from None
    except graphviz.CalledProcessError as error:
        lines = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        detail = next((line for line in lines if line.startswith("Error")), lines[0] if lines else str(error))
        raise SvcmapError(_("Graphviz failed to draw a diagram: {error}").format(error=detail)) from None


PAGED_GRAPH_ID = re.compile(rb'<g id="page\d+,\d+_(graph\d+)"')


def _first_page_id(data: bytes) -> bytes:
    """An SVG's graph group as neato names it for the first graph of a file (`graph0`): a later graph of
    the same batch comes out as `page0,1_graph0`, so without this a diagram's bytes would depend on
    which diagrams it was drawn with, and a cached diagram would differ from one drawn anew."""
    return PAGED_GRAPH_ID.sub(rb'<g id="\1"', data, count=1)


def _fixed_pdf_date(data: bytes) -> bytes:
    """Cairo stamps PDFs with the time of drawing; a fixed date of the same length keeps files identical."""

    def fixed(match: re.Match[bytes]) -> bytes:
        zone = match.group(2)
        fixed_zone = b"Z" if zone == b"Z" else zone[:1] + b"00'00" + (b"'" if zone.endswith(b"'") else b"")
        return b"/CreationDate (D:19700101000000" + fixed_zone + b")"

    return _PDF_DATE.sub(fixed, data)


# --- units ------------------------------------------------------------------------------------------


def _inches(points: float) -> str:
    return number(points / 72.0)


# --- the DOT ----------------------------------------------------------------------------------------


class _DotWriter:
    def __init__(self, layout: Layout, dpi: int | None) -> None:
        self.layout = layout
        self.height = layout.height
        self.dpi = dpi

    def point(self, x: float, y: float) -> str:
        """Layout coordinates (y down) to Graphviz's (y up)."""
        return f"{number(x)},{number(self.height - y)}"

    def lines(self) -> Iterator[str]:
        layout = self.layout
        yield f"digraph {dot_string(layout.process_id)} {{"
        yield (
            f'  graph [splines=true, outputorder=edgesfirst, bgcolor="white", pad="0.1", fontname="{FONT}", '
            + (f"dpi={self.dpi}, " if self.dpi else "")
            + f"_background={_long_string(self.background())}]"
        )
        yield f'  node [fontname="{FONT}", fontsize=10, fixedsize=true, margin=0, penwidth=1.2]'
        yield f'  edge [fontname="{FONT}", fontsize=9, arrowsize=0.8, fontcolor="#333333"]'
        yield (f'  corner0 [shape=point, style=invis, width=0.01, pos="{self.point(0, 0)}"]')
        yield (f'  corner1 [shape=point, style=invis, width=0.01, pos="{self.point(layout.width, layout.height)}"]')
        yield from self.title()
        yield from self.headers()
        yield from self.visibility_label()
        for part in layout.parts:
            yield "  " + self.part(part)
            yield from self.marks(part)
        for node in layout.nodes:
            yield "  " + self.node(node)
        for flow in layout.flows:
            yield "  " + self.flow(flow)
        yield "}"

    # decoration, behind everything: only fixed colours and numbers, never catalog text
    def background(self) -> str:
        layout = self.layout
        ops: list[str] = []
        index = {"front": 0, "back": 0}
        for lane in layout.lanes:
            if lane.external:
                tint = EXTERNAL_TINT
            else:
                tints = FRONT_TINTS if lane.office == "front" else BACK_TINTS
                tint = tints[index[lane.office] % 2]
            index[lane.office] += 1
            ops += [_color("C", tint), _color("c", tint), self.polygon("P", lane.box)]
            if lane.external:
                ops += ["S 15 -setlinewidth(1)", _color("c", HATCH_COLOR)]
                ops.append(self.line(_hatch(lane.box, HEADER_INSET)))
        ops += ["S 15 -setlinewidth(1)", _color("c", SEPARATOR_COLOR)]
        for lane in layout.lanes[1:]:
            ops.append(self.line(((lane.box.x, lane.box.y), (lane.box.right, lane.box.y))))
        if layout.lanes:
            ops.append(self.polygon("p", layout.lanes_box))
        ops += self.header_fills()
        ops += ["S 15 -setlinewidth(3)", "S 6 -dashed", _color("c", VISIBILITY_COLOR)]
        box = layout.lanes_box
        ops.append(self.line(((box.x, layout.visibility_y), (box.right, layout.visibility_y))))
        if len(layout.parts) > 1:  # where one product ends and the next begins, across every lane
            ops += ["S 15 -setlinewidth(2)", "S 6 -dashed", _color("c", PASSAGE_COLOR)]
            ops += [
                self.line(((part.box.x, part.header.y), (part.box.x, part.box.bottom))) for part in layout.parts[1:]
            ]
            ops += ["S 5 -solid"]
        ops += self.legend()
        return " ".join(ops)

    def polygon(self, op: str, box: Box) -> str:
        corners = ((box.x, box.y), (box.right, box.y), (box.right, box.bottom), (box.x, box.bottom))
        return f"{op} 4 " + " ".join(self.point(x, y).replace(",", " ") for x, y in corners)

    def line(self, points: tuple[tuple[float, float], ...]) -> str:
        return f"L {len(points)} " + " ".join(self.point(x, y).replace(",", " ") for x, y in points)

    def pinned(self, box: Box) -> str:
        x, y = box.center
        return f'pos="{self.point(x, y)}", width={_inches(box.width)}, height={_inches(box.height)}'

    def title(self) -> Iterator[str]:
        layout = self.layout
        box = layout.title_box
        rows = [
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="17"><B>{dot_label(_cut(layout.title, 110))}</B></FONT></TD></TR>',
            (
                f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="10" COLOR="#444444">{dot_label(_cut(subtitle(layout), 160))}'
                "</FONT></TD></TR>"
            ),
            f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="11">{dot_label(figures_line(layout.figures))}</FONT></TD></TR>',
        ]
        table = (
            f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="0" WIDTH="{int(box.width)}">'
            + "".join(rows)
            + "</TABLE>"
        )
        yield f"  title [shape=plain, fixedsize=false, {self.pinned(box)}, label=<{table}>]"

    def headers(self) -> Iterator[str]:
        """The units' names, one table cell per lane in order, as one node over the header column.

        The header fills are in the background; one node rather than one per lane keeps neato's edge
        router fast (its cost grows quickly with the number of shapes).
        """
        lanes = self.layout.lanes
        if not lanes:
            return
        rows = []
        for lane in lanes:
            caption = _("front office") if lane.office == "front" else _("back office")
            if lane.external:
                caption += " · " + _("external partner")
            name = "<BR/>".join(dot_label(line) for line in lane.header_lines)
            label = (
                f'<B>{name}</B><BR/><FONT POINT-SIZE="3"> </FONT><BR/>'
                f'<FONT POINT-SIZE="8" COLOR="#555555"><I>{caption}</I></FONT>'
            )
            rows.append(
                f'<TR><TD ID="lane:{lane.id}" VALIGN="MIDDLE" ALIGN="CENTER" FIXEDSIZE="TRUE" '
                f'WIDTH="{number(lane.header.width - 2 * HEADER_INSET)}" '
                f'HEIGHT="{number(lane.header.height)}">{label}</TD></TR>'
            )
        first, last = lanes[0].header, lanes[-1].header
        box = Box(first.x + HEADER_INSET, first.y, first.width - 2 * HEADER_INSET, last.bottom - first.y)
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">' + "".join(rows) + "</TABLE>"
        yield f"  lanes [shape=plain, fixedsize=false, fontsize=9, {self.pinned(box)}, label=<{table}>]"

    def header_fills(self) -> list[str]:
        ops: list[str] = []
        for lane in self.layout.lanes:
            box = lane.header
            inset = Box(
                box.x + HEADER_INSET, box.y + HEADER_INSET, box.width - 2 * HEADER_INSET, box.height - 2 * HEADER_INSET
            )
            fill = "#d0d0d0" if lane.external else ("#c3dbf3" if lane.office == "front" else "#dedcce")
            ops += [_color("C", fill), _color("c", SEPARATOR_COLOR), "S 15 -setlinewidth(1)"]
            ops += ["S 6 -dashed"] if lane.external else []
            ops += [self.polygon("P", inset), "S 5 -solid"]
        return ops

    def visibility_label(self) -> Iterator[str]:
        box = self.layout.visibility_label
        words = dot_label(_("line of visibility"))
        yield (
            f"  visibility [shape=plain, fixedsize=false, {self.pinned(box)}, "
            f'label=<<FONT POINT-SIZE="8" COLOR="{VISIBILITY_COLOR}"><I>{words}</I></FONT>>]'
        )

    def part(self, part: Part) -> str:
        """A product's caption above its columns: its place in the trajectory, its name, lead time and channels."""
        caption = f"{part.position} · {part.lines[0] if part.lines else ''}"
        label = f'<FONT POINT-SIZE="11"><B>{dot_label(caption)}</B></FONT>'
        if part.detail:
            label += f'<BR/><FONT POINT-SIZE="9" COLOR="#333333">{dot_label(_cut(part.detail, 60))}</FONT>'
        return (
            f'{dot_string("part:" + part.key)} [shape=box, style="rounded,filled", fillcolor="{PART_FILL}", '
            f'color="{PASSAGE_COLOR}", {self.pinned(part.header)}, tooltip={dot_tooltip(part.caption)}, '
            f"label=<{label}>]"
        )

    def marks(self, part: Part) -> Iterator[str]:
        """Each lane's unit named again at the part's left edge, small and grey, for a reader far from the headers.

        Plain text sized by Graphviz, its middle where the text of that length starts at the box's left edge:
        a fixed-size node smaller than its text can make neato's edge router fail."""
        lanes = self.layout.lane_by_id
        for lane_id, box in part.marks:
            name = _cut(lanes[lane_id].unit_name, int(box.width / MARK_CHAR_WIDTH))
            width = min(box.width, len(name) * MARK_CHAR_WIDTH)
            text = Box(box.x, box.y, width, box.height)
            yield (
                f"  {dot_string(f'mark:{part.key}:{lane_id}')} [shape=plain, fixedsize=false, "
                f'pos="{self.point(*text.center)}", label=<<FONT POINT-SIZE="7" COLOR="#555555"><I>'
                f"{dot_label(name)}</I></FONT>>]"
            )

    def node(self, node: Node) -> str:
        name = dot_string(node.id)
        if node.kind == "start":
            return (
                f'{name} [shape=circle, style=filled, fillcolor="#e6f4e6", color="#2e7d32", penwidth=1.6, '
                f'{self.pinned(node.box)}, label=<<FONT POINT-SIZE="7">{dot_label(event_name("start"))}</FONT>>]'
            )
        if node.kind == "end":
            return (
                f'{name} [shape=circle, style=filled, fillcolor="#fbe4e4", color="#b71c1c", penwidth=3.5, '
                f'{self.pinned(node.box)}, label=<<FONT POINT-SIZE="7">{dot_label(event_name("end"))}</FONT>>]'
            )
        if node.kind == "gateway":
            return (
                f'{name} [shape=diamond, style=filled, fillcolor="#fff5cc", color="#8d6e00", penwidth=1.4, '
                f"{self.pinned(node.box)}, fontsize=14, label=<{'×' if node.split == 'exclusive' else '+'}>]"
            )
        lines = "<BR/>".join(dot_label(line) for line in node.lines) or " "  # Graphviz refuses an empty `<>`
        if node.channel:
            lines = _stacked(
                lines, f'<FONT POINT-SIZE="8" COLOR="#555555">{dot_label(channel_note(node.channel))}</FONT>'
            )
        style = "rounded,filled,dashed" if node.external else "rounded,filled"
        fill = "#f3f3f3" if node.external else "white"
        return (
            f'{name} [shape=box, style="{style}", fillcolor="{fill}", color="#333333", '
            f"{self.pinned(node.box)}, tooltip={dot_tooltip(node.name)}, label=<{lines}>]"
        )

    def flow(self, flow: Flow) -> str:
        color, width = FLOW_COLOR, 1.3
        if flow.passage:
            color, width = PASSAGE_COLOR, 3.2
        elif flow.silo:
            color, width = SILO_COLOR, 4.0
        elif flow.handoff:
            color, width = HANDOFF_COLOR, 2.4
        attributes = [f'color="{color}"', f"penwidth={number(width)}"]
        if flow.external:
            attributes.append('style="dashed"')
        if flow.backward:  # a loop leaves and enters where the layout says, apart from the forward flows
            attributes += [f'tailport="{flow.sides[0]}"', f'headport="{flow.sides[1]}"']
        if self.layout.parts:
            attributes += self.routed(flow)
        if flow.when_lines:
            # a table with a backdrop keeps the words legible where they lie on a line
            text = "<BR/>".join(dot_label(line) for line in flow.when_lines)
            attributes.append(
                f'label=<<TABLE BORDER="0" CELLBORDER="0" CELLPADDING="1" BGCOLOR="#ffffffd9">'
                f"<TR><TD>{text}</TD></TR></TABLE>>"
            )
        return f"{dot_string(flow.source)} -> {dot_string(flow.target)} [{', '.join(attributes)}]"

    def routed(self, flow: Flow) -> list[str]:
        """A trajectory's flow along the orthogonal route the layout found for it (the BPMN waypoints), so
        that neato -n2 draws it as it is instead of routing it: neato's router takes seconds for a
        trajectory of a hundred shapes (its cost grows fast with them), the layout's a few milliseconds.

        Each straight stretch is a cubic Bézier with its control points at its ends; the last stops an
        arrowhead short of the target, where the arrow's tip (`e,`) is."""
        points = list(flow.points)
        if flow.join is not None:  # on through the join, which only BPMN draws as a shape of its own
            onward = next(join.points for join in self.layout.join_flows if join.source == flow.join)
            points += onward[1:]
        if len(points) < 2:
            return []
        (x0, y0), (x1, y1) = points[-2], points[-1]
        length = math.hypot(x1 - x0, y1 - y0)
        cut = min(ARROW_LENGTH, length / 2)
        if length:
            points[-1] = (x1 - (x1 - x0) * cut / length, y1 - (y1 - y0) * cut / length)
        spline = [points[0]]
        for point in points[1:]:
            spline += [spline[-1], point, point]
        controls = " ".join(self.point(x, y) for x, y in spline)
        attributes = [f'pos="e,{self.point(x1, y1)} {controls}"']
        if flow.label_box is not None and flow.when_lines:
            attributes.append(f'lp="{self.point(*flow.label_box.center)}"')
        return attributes

    def legend(self) -> list[str]:
        """Samples of the diagram's own styles, with their words, in two rows: drawn in the background.

        Part of the background rather than nodes and edges, so that neato's edge router (whose cost grows
        fast with the number of shapes) never sees it; its words are ours, never catalog text.
        """
        box = self.layout.legend_box
        top, bottom = box.y + box.height / 4, box.y + box.height * 3 / 4
        ops = [_op("F", f"{LEGEND_FONT_SIZE} ", FONT_BOLD), _op("c", "", "#000000"), self.text(box.x, top, _("Legend"))]
        ops.append(_op("F", f"{LEGEND_FONT_SIZE} ", FONT))
        x = box.x + 56
        arrows = [
            (FLOW_COLOR, 1.3, False, _("flow within a unit")),
            (HANDOFF_COLOR, 2.4, False, _("handoff to another unit")),
            (SILO_COLOR, 4.0, False, _("silo handoff (to another domain)")),
            (SILO_COLOR, 4.0, True, _("handoff with an external partner (dashed)")),
        ]
        if self.layout.parts:
            arrows.append((PASSAGE_COLOR, 3.2, False, _("on to the next product")))
        for color, width, dashed, words in arrows:
            ops += self.arrow(x, top, color, width, dashed)
            ops += [_op("c", "", "#000000"), self.text(x + 48, top, words)]
            x += 48 + _text_width(words) + 28
        x = box.x + 56
        ops += ["S 15 -setlinewidth(1)", "S 5 -solid"]
        for shape, words in (
            ("start", event_name("start")),
            ("end", event_name("end")),
            ("decision", _("× decision: one branch · + fan-out: every branch")),
            ("external", _("external partner")),
        ):
            ops += self.sample(shape, x + 7, bottom)
            ops += [_op("c", "", "#000000"), self.text(x + 24, bottom, words)]
            x += 24 + _text_width(words) + 28
        ops += ["S 15 -setlinewidth(3)", "S 6 -dashed", _op("c", "", VISIBILITY_COLOR)]
        ops.append(self.line(((x, bottom), (x + 40, bottom))))
        ops += ["S 5 -solid", _op("c", "", "#000000")]
        ops.append(self.text(x + 48, bottom, _("line of visibility: front office above, back office below")))
        return ops

    def text(self, x: float, y: float, words: str) -> str:
        """Left-aligned words whose middle is at y (x, y in layout coordinates)."""
        gx, gy = self.point(x, y + LEGEND_FONT_SIZE / 3).split(",")
        return f"T {gx} {gy} -1 {number(_text_width(words))} " + _op("", "", words).lstrip()

    def arrow(self, x: float, y: float, color: str, width: float, dashed: bool) -> list[str]:
        head = 9.0 + width
        return [
            _op("S", "", f"setlinewidth({number(width)})"),
            _op("S", "", "dashed" if dashed else "solid"),
            _op("c", "", color),
            _op("C", "", color),
            self.line(((x, y), (x + 40 - head, y))),
            "S 5 -solid",
            self.shape("P", ((x + 40 - head, y - head / 2.4), (x + 40, y), (x + 40 - head, y + head / 2.4))),
        ]

    def sample(self, shape: str, x: float, y: float) -> list[str]:
        """A small copy of a start or end event, a gateway or an external partner's step."""
        r = 7.0
        gx, gy = self.point(x, y).split(",")
        if shape in ("start", "end"):  # a circle: a thin green rim starts, a thick red one ends
            fill, line, width = ("#e6f4e6", "#2e7d32", "1.6") if shape == "start" else ("#fbe4e4", "#b71c1c", "3.5")
            return [
                _op("C", "", fill),
                _op("c", "", line),
                _op("S", "", f"setlinewidth({width})"),
                f"E {gx} {gy} {number(r)} {number(r)}",
                "S 15 -setlinewidth(1)",
            ]
        if shape == "decision":
            corners = ((x - r, y), (x, y - r), (x + r, y), (x, y + r))
            return [_op("C", "", "#fff5cc"), _op("c", "", "#8d6e00"), self.shape("P", corners)]
        corners = ((x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r))
        return [
            _op("C", "", EXTERNAL_TINT),
            _op("c", "", "#333333"),
            "S 6 -dashed",
            self.shape("P", corners),
            "S 5 -solid",
        ]

    def shape(self, op: str, corners: tuple[tuple[float, float], ...]) -> str:
        return f"{op} {len(corners)} " + " ".join(self.point(x, y).replace(",", " ") for x, y in corners)


def _text_width(words: str) -> float:
    """A generous estimate of the width of 9-point Helvetica text, so that legend items never touch."""
    return len(words) * 5.2 + 4.0


def _stacked(upper: str, lower: str) -> str:
    """Two blocks of label markup, one above the other with a little room between them."""
    return (
        '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0">'
        f'<TR><TD>{upper}</TD></TR><TR><TD HEIGHT="3"></TD></TR><TR><TD>{lower}</TD></TR></TABLE>'
    )


def _long_string(text: str, limit: int = 8000) -> str:
    """A DOT string of any length: Graphviz scans at most 16384 characters of one quoted string, so longer
    text is written as quoted pieces joined with `+` (DOT's concatenation), split at spaces."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rindex(" ", 0, limit) + 1
        pieces.append(text[:cut])
        text = text[cut:]
    pieces.append(text)
    return " + ".join(f'"{piece}"' for piece in pieces)


def _cut(text: str, limit: int) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _color(op: str, color: str) -> str:
    return f"{op} {len(color)} -{color}"


def _op(op: str, arguments: str, text: str) -> str:
    """An xdot operation with a text operand: its length in bytes, a dash, the text."""
    return f"{op} {arguments}{len(text.encode('utf-8'))} -{text}".strip()


def _hatch(box: Box, inset: float) -> tuple[tuple[float, float], ...]:
    """45° hatching over a box (layout coordinates), for an external partner's lane, as one zigzag line.

    Neighbouring strokes are joined along the box's edge, so a lane takes one line to draw instead of
    hundreds: that keeps the files small and Graphviz quick.
    """
    x0, x1 = box.x + inset, box.right - inset
    y0, y1 = box.y + inset, box.bottom - inset
    strokes: list[tuple[tuple[float, float], tuple[float, float]]] = []
    offset = x0 - y1
    while offset < x1 - y0:  # the line y = x - offset, clipped to the box: from its upper end to its lower
        upper = (x0, x0 - offset) if x0 >= y0 + offset else (y0 + offset, y0)
        lower = (x1, x1 - offset) if x1 <= y1 + offset else (y1 + offset, y1)
        if upper[0] < lower[0]:
            strokes.append((upper, lower))
        offset += HATCH_STEP
    points: list[tuple[float, float]] = []
    for index, (upper, lower) in enumerate(strokes):
        first, last = (upper, lower) if index % 2 == 0 else (lower, upper)
        if points:
            (px, py), (fx, fy) = points[-1], first
            if px != fx and py != fy:  # the two ends lie on different edges: go round the corner between
                points.append((x1, y1) if index % 2 == 1 else (x0, y0))
        points += [first, last]
    return tuple(points)
