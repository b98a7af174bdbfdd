"""`svcmap import bpmn FILE...`: processes and units from what other tools keep; never over a file."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.cli.common import resolve_root, root_option
from svcmap.errors import EXIT_FINDINGS, EXIT_OK
from svcmap.imports.importer import import_bpmn
from svcmap.imports.lpdcimport import OWNER_UNIT, import_lpdc
from svcmap.imports.lpdcimport import report as lpdc_report
from svcmap.imports.report import report
from svcmap.text import terminal_text


@click.group("import")
def command() -> None:
    """Import processes and products from other tools' files into the catalog at ROOT (found as every command finds it,
    or --root DIR). New files only: an id that exists is reported and skipped, never overwritten."""


@command.command("bpmn")
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=click.Path(path_type=Path))
@root_option
@click.option(
    "--into",
    metavar="PROCESS_ID",
    help="The id of the imported process (one FILE with one pool of the organisation), e.g. where its own is taken.",
)
def bpmn(files: tuple[Path, ...], root_option: Path | None, into: str | None) -> None:
    """Processes from BPMN 2.0 XML of any modelling tool into processes/, their lanes as units into
    organisation.yaml.

    Each pool of the organisation becomes a process, each task a step of its lane's unit; gateways and
    events fold into `next` (a branch's label is its `when`, a gateway's name the step's `decision`). A
    pool named as the applicant (Aanvrager, Burger, Klant …) or without tasks is the citizen: a task that
    exchanges a message with it meets the citizen. What was approximated or not mapped is listed per file
    and in the new file's header. Exits 1 when a FILE cannot be read (it says where), 0 otherwise.
    """
    result = import_bpmn(resolve_root(None, root_option), files, into)
    for unreadable in result.unreadable:
        click.echo(f"svcmap: {terminal_text(unreadable.error)}", err=True)
    click.echo(report(result), nl=False)
    raise SystemExit(EXIT_FINDINGS if result.unreadable else EXIT_OK)


@command.command("lpdc")
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=click.Path(path_type=Path))
@root_option
@click.option(
    "--owner",
    metavar="UNIT",
    help=f"The unit that owns every imported product (a unit of the catalog); default: a new unit {OWNER_UNIT.id}.",
)
def lpdc(files: tuple[Path, ...], root_option: Path | None, owner: str | None) -> None:
    """Products from LPDC/IPDC JSON-LD or Turtle (LDES pages of instance snapshots, IPDC instances or
    concepts) into catalog/products/.

    Read offline: the LPDC JSON-LD contexts ship with svcmap. Of several snapshots of one instance the
    latest wins; archived ones are skipped. Texts are taken in Dutch, LPDC's HTML as plain text; the
    instance UUID goes into identifiers.lpdc, codelists and links into the lpdc block. An existing product
    (same id or same identifiers.lpdc) is reported and skipped, never overwritten. Exits 1 when a FILE
    cannot be read (it says where), 0 otherwise.
    """
    result = import_lpdc(resolve_root(None, root_option), files, owner)
    for unreadable in result.unreadable:
        click.echo(f"svcmap: {terminal_text(unreadable.error)}", err=True)
    click.echo(lpdc_report(result), nl=False)
    raise SystemExit(EXIT_FINDINGS if result.unreadable else EXIT_OK)
