"""`svcmap render`: process diagrams — swimlanes, the line of visibility, handoffs — in six formats."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.cli.common import load_checked, resolve_root, root_option
from svcmap.errors import EXIT_OK
from svcmap.files import check_output_folder
from svcmap.i18n import _, ngettext
from svcmap.render.diagrams import FORMATS, draw, every_process, life_events, resolve, write_diagrams


@click.command("render")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@root_option
@click.option("--all", "every", is_flag=True, help="Every process, plus an index (index.html or index.md).")
@click.option(
    "--life-event",
    "events",
    multiple=True,
    metavar="ID",
    help="A life event's trajectory: every product's process one after the other, in shared lanes (repeatable).",
)
@click.option(
    "--network",
    is_flag=True,
    help="The unit network instead of processes: units by domain, an arrow per handoff pair (no bpmn).",
)
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="svg", show_default=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Write <id>.<ext> files here. Without it, one diagram in a text format goes to stdout.",
)
def command(
    ids: tuple[str, ...],
    root_option: Path | None,
    every: bool,
    events: tuple[str, ...],
    network: bool,
    output_format: str,
    out_dir: Path | None,
) -> None:
    """Draw the process of each ID (a product or a process id), or of every process with --all.

    Lanes per unit, the front office above the line of visibility and the back office below it, handoffs
    between units marked and silo handoffs (between domains) most strongly; the title holds the product
    name and the process's handoffs, silo handoffs and contact moments. svg, png and pdf need Graphviz.

    --network draws the unit network instead (to OUT/network.<ext>, or a text format to stdout): a box
    per unit inside its domain, external partners grey and dashed, an arrow per pair of units that hand
    each other work, wider for more handoffs, in the silo colour between domains.

    --life-event ID draws a life event's trajectory (to OUT/ID.life-event.<ext>): its products' processes
    one after the other, a band per product, in lanes shared by all of them, the passage from one product
    to the next in green.
    """
    if network:
        _network(ids + events, every, root_option, output_format, out_dir)
    if every and (ids or events):
        raise click.UsageError(_("give ids or --life-event, or --all, not both"))
    if not every and not ids and not events:
        raise click.UsageError(_("give one or more product or process ids, --life-event ID, or --all"))
    chosen = FORMATS[output_format]
    if out_dir is None and chosen.binary:
        raise click.UsageError(
            _("{format} is binary: give --out DIR to write it to files").format(format=output_format)
        )
    if out_dir is None and (every or len(ids) + len(events) > 1):
        raise click.UsageError(_("several diagrams need --out DIR (without it, one diagram goes to stdout)"))

    if out_dir is not None:
        check_output_folder(out_dir)
    checked = load_checked(resolve_root(None, root_option))

    catalog = checked.catalog
    targets = (
        every_process(catalog) if every else resolve(catalog, ids) + life_events(catalog, checked.analysis, events)
    )
    if out_dir is None:
        click.echo(draw(catalog, targets[0], output_format).data.decode("utf-8"), nl=False)
        raise SystemExit(EXIT_OK)
    written = write_diagrams(catalog, targets, output_format, out_dir, with_index=every)
    diagrams = len(targets)
    if every:
        message = ngettext(
            "wrote {count} diagram ({format}) and {index} to {folder}",
            "wrote {count} diagrams ({format}) and {index} to {folder}",
            diagrams,
        )
    else:
        message = ngettext(
            "wrote {count} diagram ({format}) to {folder}", "wrote {count} diagrams ({format}) to {folder}", diagrams
        )
    click.echo(message.format(count=diagrams, format=output_format, index=written[-1].name, folder=out_dir))
    raise SystemExit(EXIT_OK)


def _network(
    ids: tuple[str, ...], every: bool, root_option: Path | None, output_format: str, out_dir: Path | None
) -> None:
    """`render --network`: the one diagram of the unit network (networkx is loaded here, not before)."""
    from svcmap.network.figures import network_of
    from svcmap.render.network import BINARY, EXTENSIONS, draw_network, write_network

    if ids or every:
        raise click.UsageError(_("--network draws the whole unit network: give no ids and no --all"))
    if output_format not in EXTENSIONS:
        raise click.UsageError(
            _("--network draws {formats}, not {format}").format(formats=", ".join(EXTENSIONS), format=output_format)
        )
    if out_dir is None and output_format in BINARY:
        raise click.UsageError(
            _("{format} is binary: give --out DIR to write it to a file").format(format=output_format)
        )
    if out_dir is not None:
        check_output_folder(out_dir)
    checked = load_checked(resolve_root(None, root_option))
    network, organisation = network_of(checked.catalog, checked.analysis), checked.catalog.organisation_name
    if out_dir is None:
        click.echo(draw_network(network, organisation, output_format).decode("utf-8"), nl=False)
        raise SystemExit(EXIT_OK)
    path = write_network(network, organisation, output_format, out_dir)
    click.echo(_("wrote the unit network ({format}) to {path}").format(format=output_format, path=path))
    raise SystemExit(EXIT_OK)
