"""`svcmap analyze`: the SPEC §3 figures per process, product, unit and life event; exit 1 on a catalog with errors."""

from __future__ import annotations

from pathlib import Path

import click

from svcmap.analysis.figures import Analysis
from svcmap.cli.common import build_config, resolve_root, root_options, stop_on_errors
from svcmap.cli.output import Target, announce, report_options, report_streams
from svcmap.commands.analyze import NetworkOutcome, analyze, analyze_network
from svcmap.config import Config
from svcmap.errors import EXIT_OK
from svcmap.i18n import _, ngettext
from svcmap.reporters.analysis import REPORTERS, VIEWS
from svcmap.rules.engine import ValidationResult

NETWORK = "network"
"""`--by network`: the unit network's report (svcmap.reporters.network), which needs networkx."""


@click.command("analyze")
@root_options
@report_options(list(REPORTERS))
@click.option(
    "--by",
    type=click.Choice([*VIEWS, NETWORK]),
    default="process",
    show_default=True,
    help=(
        "The table for text, markdown and csv (matrix: who hands work to whom; channel: requests a year per "
        "channel); json always holds every section, and with network also the unit network's."
    ),
)
@click.option("--no-cache", is_flag=True, help="Analyse every file again; do not read or write .svcmap-cache/.")
def command(
    root_argument: Path | None,
    root_option: Path | None,
    targets: list[Target],
    by: str,
    no_cache: bool,
) -> None:
    """Measure handoffs, silo handoffs, the line of visibility, contact moments and repeated asks.

    Tables are sorted worst first (silo handoffs, then handoffs, then contact moments). Where products
    state volume_per_year, a table of the figures a year follows, ranked by silo handoffs a year. On a
    catalog with errors the figures would be wrong: the findings are printed on stderr as `validate`
    prints them, no report is written, and the exit code is 1. Warnings do not stop the analysis.

    --by network: the unit network — communities against the declared domains, the units that work
    more with another domain than with their own, the brokers most handoffs pass through, and the
    candidate reorganisations ranked by what they remove. json then adds a `network` section.
    """
    root = resolve_root(root_argument, root_option)
    config = build_config(root, (), (), (), ())
    if by == NETWORK:
        _network(root, config, targets)
    with report_streams(targets) as streams:
        outcome = analyze(root, config, use_cache=config.cache and not no_cache)
        if isinstance(outcome, ValidationResult):
            stop_on_errors(outcome)  # analyze returns findings only for a catalog with errors: this exits
        for stream in streams:
            stream.out.write(REPORTERS[stream.format](outcome, by).encode("utf-8"))
    announce(lambda: _summary(outcome), targets)
    raise SystemExit(EXIT_OK)


def _network(root: Path, config: Config, targets: list[Target]) -> None:
    """`--by network`: never from the cache (it holds the figures, not the model the network needs)."""
    from svcmap.reporters.network import REPORTERS as NETWORK_REPORTERS

    with report_streams(targets) as streams:
        outcome = analyze_network(root, config)
        if not isinstance(outcome, NetworkOutcome):
            stop_on_errors(outcome)  # findings only for a catalog with errors: this exits
            raise AssertionError("unreachable")
        for stream in streams:
            report = NETWORK_REPORTERS[stream.format](outcome.analysis, outcome.network, outcome.candidates)
            stream.out.write(report.encode("utf-8"))
    units = len(outcome.network.units)
    announce(
        lambda: ngettext("the unit network of {count} unit", "the unit network of {count} units", units).format(
            count=units
        ),
        targets,
    )
    raise SystemExit(EXIT_OK)


def _summary(analysis: Analysis) -> str:
    """`figures of 25 processes, 26 products, 14 units and 6 life events`."""
    processes, products = len(analysis.processes), len(analysis.products)
    units, events = len(analysis.units), len(analysis.life_events)
    counts = (
        ngettext("{count} process", "{count} processes", processes).format(count=processes),
        ngettext("{count} product", "{count} products", products).format(count=products),
        ngettext("{count} unit", "{count} units", units).format(count=units),
        ngettext("{count} life event", "{count} life events", events).format(count=events),
    )
    return _("figures of {counts} and {last}").format(counts=", ".join(counts[:-1]), last=counts[-1])
