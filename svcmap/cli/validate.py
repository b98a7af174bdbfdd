"""`svcmap validate`: every rule over the catalog; exit 1 on errors (or warnings with --strict)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from svcmap.cli.common import build_config, resolve_root, root_options, rule_options
from svcmap.commands.validate import validate
from svcmap.errors import EXIT_FINDINGS, EXIT_OK
from svcmap.reporters.findings import REPORTERS


@click.command("validate")
@root_options
@click.option("--format", "output_format", type=click.Choice(list(REPORTERS)), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("--no-cache", is_flag=True, help="Check every file again; do not read or write .svcmap-cache/.")
@rule_options
def command(
    root_argument: Path | None,
    root_option: Path | None,
    output_format: str,
    strict: bool,
    no_cache: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    threshold: tuple[str, ...],
    severity: tuple[str, ...],
) -> None:
    """Check the catalog at ROOT against every rule: text is `file:line:col: CODE message`."""
    root = resolve_root(root_argument, root_option)
    config = build_config(root, select, ignore, threshold, severity)
    use_cache = config.cache and not no_cache
    out = sys.stdout.buffer
    counts = validate(root, config, output_format, REPORTERS[output_format], out, use_cache)
    out.flush()
    raise SystemExit(EXIT_FINDINGS if counts.failed(strict) else EXIT_OK)
