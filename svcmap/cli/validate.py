"""`svcmap validate`: every rule over the catalog; exit 1 on errors (or warnings with --strict)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from svcmap.cli.common import build_config, resolve_root, root_options, rule_options
from svcmap.commands.validate import validate
from svcmap.errors import EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from svcmap.reporters.findings import ReportOptions
    from svcmap.rules.engine import ValidationResult


FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab")
"""The reporters' names, written out so that a warm run need not import them (a test keeps them equal)."""


@click.command("validate")
@root_options
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True)
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
    counts = validate(root, config, output_format, _reporter(output_format), out, use_cache)
    out.flush()
    raise SystemExit(EXIT_FINDINGS if counts.failed(strict) else EXIT_OK)


def _reporter(output_format: str) -> Callable[[ValidationResult, ReportOptions], Iterable[str]]:
    """The reporter, imported only when a report is made: a warm run copies its report from the cache."""

    def render(result: ValidationResult, options: ReportOptions) -> Iterable[str]:
        from svcmap.reporters.findings import REPORTERS

        return REPORTERS[output_format](result, options)

    return render
