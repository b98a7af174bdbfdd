"""`svcmap validate`: every rule over the catalog; exit 1 on errors (or warnings with --strict)."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.cli.common import build_config, resolve_root, root_options, rule_options
from svcmap.cli.output import Target, announce, color_option, report_options, report_streams
from svcmap.commands.validate import Counts, Report, validate
from svcmap.errors import EXIT_FINDINGS, EXIT_OK

FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab")
"""The reporters' names, written out so that a warm run need not import them (a test keeps them equal)."""


@click.command("validate")
@root_options
@report_options(FORMATS)
@color_option
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("--no-cache", is_flag=True, help="Check every file again; do not read or write .svcmap-cache/.")
@rule_options
def command(
    root_argument: Path | None,
    root_option: Path | None,
    targets: list[Target],
    color: str,
    strict: bool,
    no_cache: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    threshold: tuple[str, ...],
    severity: tuple[str, ...],
) -> None:
    """Check the catalog at ROOT against every rule: text is `file:line:col: CODE message`.

    One run can write several reports: `--report sarif:svcmap.sarif --report gitlab:gl-code-quality.json`
    writes those files while the text goes to the log. Each file appears whole or not at all, and a warm
    run copies every report from the cache.
    """
    root = resolve_root(root_argument, root_option)
    config = build_config(root, select, ignore, threshold, severity)
    with report_streams(targets, color) as streams:
        reports = [Report(stream.format, stream.out, stream.color and stream.format == "text") for stream in streams]
        counts = validate(root, config, reports, use_cache=config.cache and not no_cache)
    announce(lambda: _summary(counts), targets)
    raise SystemExit(EXIT_FINDINGS if counts.failed(strict) else EXIT_OK)


def _summary(counts: Counts) -> str:
    from svcmap.reporters.findings import counts_line

    return counts_line(counts.errors, counts.warnings, counts.files)
