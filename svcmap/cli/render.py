"""`svcmap render`: process diagrams — swimlanes, the line of visibility, handoffs — in six formats."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.cli.common import load_checked, resolve_root, root_option
from svcmap.errors import EXIT_OK
from svcmap.files import check_output_folder
from svcmap.render.diagrams import FORMATS, draw, every_process, resolve, write_diagrams
from svcmap.text import plural


@click.command("render")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@root_option
@click.option("--all", "every", is_flag=True, help="Every process, plus an index (index.html or index.md).")
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="svg", show_default=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Write <id>.<ext> files here. Without it, one diagram in a text format goes to stdout.",
)
def command(
    ids: tuple[str, ...], root_option: Path | None, every: bool, output_format: str, out_dir: Path | None
) -> None:
    """Draw the process of each ID (a product or a process id), or of every process with --all.

    Lanes per unit, the front office above the line of visibility and the back office below it, handoffs
    between units marked and silo handoffs (between domains) most strongly; the title holds the product
    name and the process's handoffs, silo handoffs and contact moments. svg, png and pdf need Graphviz.
    """
    if every and ids:
        raise click.UsageError("give ids or --all, not both")
    if not every and not ids:
        raise click.UsageError("give one or more product or process ids, or --all")
    chosen = FORMATS[output_format]
    if out_dir is None and chosen.binary:
        raise click.UsageError(f"{output_format} is binary: give --out DIR to write it to files")
    if out_dir is None and (every or len(ids) > 1):
        raise click.UsageError("several diagrams need --out DIR (without it, one diagram goes to stdout)")

    if out_dir is not None:
        check_output_folder(out_dir)
    checked = load_checked(resolve_root(None, root_option))

    catalog = checked.catalog
    targets = every_process(catalog) if every else resolve(catalog, ids)
    if out_dir is None:
        click.echo(draw(catalog, targets[0], output_format).data.decode("utf-8"), nl=False)
        raise SystemExit(EXIT_OK)
    written = write_diagrams(catalog, targets, output_format, out_dir, with_index=every)
    diagrams = len(targets)
    extra = f" and {written[-1].name}" if every else ""
    click.echo(f"wrote {plural(diagrams, 'diagram')} ({output_format}){extra} to {out_dir}")
    raise SystemExit(EXIT_OK)
