"""`svcmap whatif`: a reorganisation's figures before → after, as `diff` shows them, without touching a file —
unless `--apply` writes it into the YAML files."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.cli.common import build_config, resolve_root, root_option, stop_on_errors
from svcmap.cli.output import Target, announce, color_option, report_options, report_streams
from svcmap.commands.whatif import WhatIfRun, apply_outcome, whatif
from svcmap.errors import EXIT_OK, EXIT_USAGE, SvcmapError
from svcmap.i18n import _, ngettext
from svcmap.reporters.whatif import REPORTERS
from svcmap.rules.engine import ValidationResult
from svcmap.text import terminal_text
from svcmap.whatif.scenario import ScenarioError


@click.command("whatif")
@root_option
@click.argument("scenarios", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@report_options(list(REPORTERS))
@color_option
@click.option(
    "--apply",
    "apply_it",
    is_flag=True,
    help="Write the scenario's change into the YAML files (one scenario only): comments kept, fmt's layout.",
)
def command(
    root_option: Path | None, scenarios: tuple[Path, ...], targets: list[Target], color: str, apply_it: bool
) -> None:
    """Show what a reorganisation would do: SCENARIO files (SPEC §6: units merged, steps or a product's
    front-office steps moved to another unit, domains changed) applied to the catalog in memory, and the
    figures per process, product, life event and unit, the catalog totals and the rule findings before
    and after, as `svcmap diff` shows them. Several scenarios are compared side by side.

    Exit 1 on a catalog with errors (they are printed, as `validate` prints them); 2 for a scenario that
    cannot be applied (each fault at its line and column) or --apply with several scenarios.
    """
    if apply_it and len(scenarios) > 1:
        raise SvcmapError(_("--apply takes one scenario; {count} were given").format(count=len(scenarios)))
    root = resolve_root(None, root_option)
    config = build_config(root, (), (), (), ())
    with report_streams(targets, color) as streams:
        try:
            run = whatif(root, config, scenarios)
        except ScenarioError as error:
            for finding in error.findings:
                line = f"{finding.file}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
                click.echo(terminal_text(line), err=True)
            raise SystemExit(EXIT_USAGE) from None
        if isinstance(run, ValidationResult):
            stop_on_errors(run)  # a catalog with errors: this prints them and exits 1
            raise AssertionError("unreachable")
        for stream in streams:
            stream.out.write(REPORTERS[stream.format](run.outcomes, stream.color).encode("utf-8"))
    announce(lambda: _summary(run), targets)
    if apply_it:
        edits = apply_outcome(root, run)
        written = ", ".join(edit.path for edit in edits)
        message = ngettext("{count} file written: {files}", "{count} files written: {files}", len(edits))
        click.echo(
            "svcmap: " + (message.format(count=len(edits), files=written) if edits else _("nothing to change")),
            err=True,
        )
    raise SystemExit(EXIT_OK)


def _summary(run: WhatIfRun) -> str:
    """`2 scenarios: silo handoffs 21 → 17, 21 → 19`."""
    changes = []
    for outcome in run.outcomes:
        old, new = outcome.totals.get("silo_handoffs", (0, 0))
        changes.append(f"{old} → {new}")
    count = len(run.outcomes)
    words = ngettext("{count} scenario: silo handoffs {changes}", "{count} scenarios: silo handoffs {changes}", count)
    return words.format(count=count, changes=", ".join(changes))
