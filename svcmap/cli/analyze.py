"""`svcmap analyze`: the SPEC §3 figures per process, product, unit and life event; exit 1 on a catalog with errors."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.cli.common import build_config, resolve_root, root_options, stop_on_errors
from svcmap.commands.analyze import analyze
from svcmap.errors import EXIT_OK
from svcmap.reporters.analysis import REPORTERS, VIEWS
from svcmap.rules.engine import ValidationResult


@click.command("analyze")
@root_options
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default="text", show_default=True)
@click.option(
    "--by",
    type=click.Choice(VIEWS),
    default="process",
    show_default=True,
    help="The table for text, markdown and csv (matrix: who hands work to whom); json always holds every section.",
)
@click.option("--no-cache", is_flag=True, help="Analyse every file again; do not read or write .svcmap-cache/.")
def command(root_argument: Path | None, root_option: Path | None, output_format: str, by: str, no_cache: bool) -> None:
    """Measure handoffs, silo handoffs, the line of visibility, contact moments and repeated asks.

    Tables are sorted worst first (silo handoffs, then handoffs, then contact moments). On a catalog
    with errors the figures would be wrong: the findings are printed on stderr as `validate` prints
    them, and the exit code is 1. Warnings do not stop the analysis.
    """
    root = resolve_root(root_argument, root_option)
    config = build_config(root, (), (), (), ())
    outcome = analyze(root, config, use_cache=config.cache and not no_cache)
    if isinstance(outcome, ValidationResult):
        stop_on_errors(outcome)
    click.echo(REPORTERS[output_format](outcome, by), nl=False)
    raise SystemExit(EXIT_OK)
