"""`svcmap new product|process ID`: a new catalog file from a template, its ids checked against the catalog."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.cli.common import resolve_root, root_option
from svcmap.errors import EXIT_OK
from svcmap.scaffold.new import new_process, new_product
from svcmap.scaffold.newfiles import Scaffolded, report


@click.group("new")
def command() -> None:
    """Start a new product or process from a template, with its schema line, valid at once.

    Ids are checked against the catalog at ROOT (found as every command finds it, or --root DIR): an id
    that exists, a bad id, or an unknown unit is an error, and no file is ever overwritten.
    """


@command.command("product")
@click.argument("product_id", metavar="ID")
@root_option
@click.option("--owner", metavar="UNIT", help="The unit that owns the product (default: the first unit).")
@click.option(
    "--process",
    "process_id",
    metavar="ID",
    help="The process behind it (default: ID); written too, done by the owner, when it does not exist yet.",
)
def product(product_id: str, root_option: Path | None, owner: str | None, process_id: str | None) -> None:
    """Write catalog/products/ID.yaml, and its process when that does not exist yet."""
    _echo(new_product(resolve_root(None, root_option), product_id, owner, process_id))


@command.command("process")
@click.argument("process_id", metavar="ID")
@root_option
@click.option("--unit", metavar="UNIT", help="The unit doing its steps (default: the first unit).")
def process(process_id: str, root_option: Path | None, unit: str | None) -> None:
    """Write processes/ID.yaml: a first step that meets the citizen and a back-office step, to fill in."""
    _echo(new_process(resolve_root(None, root_option), process_id, unit))


def _echo(result: Scaffolded) -> None:
    click.echo(report(result), nl=False)
    raise SystemExit(EXIT_OK)
