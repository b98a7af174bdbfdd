"""`svcmap export cpsv-ap`: the whole catalog as CPSV-AP 3.2.0 RDF, for portals and registries that read it."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.cli.common import load_checked, resolve_root, root_option
from svcmap.errors import EXIT_OK, SvcmapError
from svcmap.exports.cpsv import FORMATS, ExportSettings, build_graph, serialise
from svcmap.files import FILE, MISSING, usable_kind, write_atomically
from svcmap.i18n import _


@click.group("export")
def command() -> None:
    """Export the catalog at ROOT (found as every command finds it, or --root DIR) in another vocabulary."""


@command.command("cpsv-ap")
@root_option
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="turtle", show_default=True)
@click.option("--out", "out_file", type=click.Path(path_type=Path), help="Write to this file (atomically), not stdout.")
@click.option(
    "--base-url",
    metavar="URL",
    help="The base of every IRI minted (default: organisation.lpdc.base_url, else https://example.org/svcmap/<id>/).",
)
def cpsv_ap(root_option: Path | None, output_format: str, out_file: Path | None, base_url: str | None) -> None:
    """The catalog as CPSV-AP 3.2.0: every product that is not planned as a public service, with its name,
    description (else summary), audience, channels, cost and legal basis, the organisation as its competent
    authority, and each life event grouping its services. Literals are Dutch (@nl); the same catalog gives
    the same bytes. A catalog with errors prints them as validate does and exits 1.
    """
    if out_file is not None:
        _check_out_file(out_file)
    root = resolve_root(None, root_option)
    checked = load_checked(root)
    data = serialise(build_graph(checked.catalog, ExportSettings.of(checked.catalog), base_url), output_format)
    if out_file is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomically(out_file, data)
        click.echo(
            _("wrote {file} ({format}, {size} bytes)").format(
                file=out_file, format=output_format, size=f"{len(data):,}"
            )
        )
    raise SystemExit(EXIT_OK)


def _check_out_file(path: Path) -> None:
    """--out must be a file, or a new name in a folder that exists: refused before the catalog is loaded."""
    if usable_kind(path) not in (FILE, MISSING):
        raise SvcmapError(_("{path}: is a folder, not a file").format(path=path))
    if usable_kind(path.parent if str(path.parent) else Path(".")) == MISSING:
        raise SvcmapError(_("{path}: no such folder").format(path=path.parent))
