"""Reporters for `analyze --by network`: the unit network's communities, misplaced units, brokers and the
candidate reorganisations, as text, JSON, Markdown or CSV.

JSON is `analyze`'s JSON (every section) plus a `network` section; it is only there with `--by network`,
because working the network out needs networkx, which plain `analyze` does not load. CSV is one table,
one row per unit (its domain, community, betweenness and where it works most), for a spreadsheet.
Candidates come from the what-if engine (`svcmap.whatif.candidates`), ranked best first; the reporters
keep that order, and show each one's scenario so that `svcmap whatif` can run it.

Language: as in svcmap.reporters.analysis, text and Markdown speak the language in use; CSV's header row is
the keys, and JSON's keys are data (a candidate's `change` is the sentence the text shows, so it follows
the language too).
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from svcmap.analysis.figures import Analysis
from svcmap.i18n import N_, _, ngettext
from svcmap.network.brokers import BROKERS_SHOWN
from svcmap.network.communities import SEED, Community
from svcmap.network.figures import Network
from svcmap.network.graph import BY_COUNT, BY_YEAR
from svcmap.reporters.analysis import WIDTH, Column, View, csv_cell, markdown_section, text_section
from svcmap.text import markdown_text, terminal_text

if TYPE_CHECKING:
    from svcmap.whatif.candidates import Candidate

_WEIGHTS = {BY_COUNT: N_("handoffs"), BY_YEAR: N_("handoffs a year")}
"""What the network's edges weigh (svcmap.network.graph), in words."""

CANDIDATES_SHOWN = 10
"""Text and Markdown list this many candidate reorganisations; json lists them all."""

REMOVED = (
    (N_("silo"), "silo_handoffs"),
    (N_("ping"), "ping_pongs"),
    (N_("cont"), "contact_moments"),
    (N_("hand"), "handoffs"),
)
"""The figures a candidate removes, as its table shows them: short header, figure name."""
REMOVED_PER_YEAR = ((N_("silo/yr"), "silo_handoffs_per_year"), (N_("hand/yr"), "handoffs_per_year"))
"""Shown first where the candidates carry them (products state volumes): the engine then ranks by them."""


# --- what every format shows ---------------------------------------------------------------------


def headline(network: Network) -> str:
    """`Unit network: 27 units (12 external partners), 52 handoff pairs, 61 handoffs`."""
    partners = sum(unit.external for unit in network.units)
    handoffs, units, pairs = sum(edge.handoffs for edge in network.edges), len(network.units), len(network.edges)
    return _("Unit network: {units} ({partners}), {pairs}, {handoffs}").format(
        units=ngettext("{count} unit", "{count} units", units).format(count=units),
        partners=ngettext("{count} external partner", "{count} external partners", partners).format(count=partners),
        pairs=ngettext("{count} handoff pair", "{count} handoff pairs", pairs).format(count=pairs),
        handoffs=ngettext("{count} handoff", "{count} handoffs", handoffs).format(count=handoffs),
    )


def communities_title(network: Network) -> str:
    return _(
        "Communities ({count}, Louvain with seed {seed}): units that hand each other more work than they hand the rest"
    ).format(count=len(network.communities), seed=SEED)


def members(community: Community) -> str:
    """`burgerzaken, fod-binnenlandse-zaken (external), …`: a community's units, external partners marked."""
    partners = set(community.external_partners)
    external = " (" + _("external") + ")"
    return ", ".join(unit + (external if unit in partners else "") for unit in community.units)


def misplaced_view(network: Network) -> View:
    return View(
        _("Units that exchange more work with another domain than with their own ({count})").format(
            count=len(network.misplaced)
        ),
        (
            Column(N_("unit"), "unit", numeric=False),
            Column(N_("domain"), "domain", numeric=False),
            Column(N_("works most with"), "works_most_with", numeric=False),
            Column(N_("with it"), "with_that_domain"),
            Column(N_("with own"), "with_own_domain"),
            Column(N_("comm"), "community"),
        ),
        [
            [m.unit, m.domain, m.works_most_with, _figure(m.with_that_domain), _figure(m.with_own_domain), m.community]
            for m in network.misplaced
        ],
        _(
            "with it / with own: {weighted_by} between the unit and the other units of that domain / of its "
            "own domain, in either direction (external partners left out); comm: the unit's community"
        ).format(weighted_by=_weighted_by(network)),
        totals=False,
    )


def brokers_view(network: Network, limit: int | None) -> View:
    shown = network.brokers[:limit] if limit is not None else network.brokers
    community_of = {unit.id: unit.community for unit in network.units}
    of = _top(len(shown), len(network.brokers))
    return View(
        _("Brokers: the units most handoffs pass through ({of})").format(of=of),
        (
            Column(N_("unit"), "unit", numeric=False),
            Column(N_("betweenness"), "betweenness"),
            Column(N_("paths"), "paths"),
            Column(N_("comm"), "community"),
        ),
        [[b.unit, f"{b.betweenness:.3f}", f"{b.paths:.1f}", community_of.get(b.unit, 0)] for b in shown],
        _(
            "betweenness: the share of shortest paths between two other units that pass through this one "
            "(a busy handoff is a short step: length 1/{weighted_by}); paths: how many pairs' shortest paths that is"
        ).format(weighted_by=_weighted_by(network).replace(" ", "-")),
        totals=False,
    )


def candidates_view(candidates: Sequence[Candidate], limit: int | None) -> View:
    shown = list(candidates[:limit] if limit is not None else candidates)
    of = _top(len(shown), len(candidates))
    per_year = [pair for pair in REMOVED_PER_YEAR if shown and pair[1] in shown[0].before]
    removed = (*per_year, *REMOVED)
    legend = _("silo: silo handoffs removed; ping: ping-pongs; cont: contact moments; hand: handoffs")
    if per_year:
        legend = (
            _("silo/yr, hand/yr: silo handoffs and handoffs a year removed (the ranking's first keys)") + "; " + legend
        )
    return View(
        _("Candidate reorganisations ({of}), best first: what each removes from the catalog's totals").format(of=of),
        (
            Column(N_("#"), "rank"),
            Column(N_("change"), "change", numeric=False),
            *(Column(header, figure) for header, figure in removed),
            Column(N_("procs"), "processes"),
        ),
        [
            [rank, c.describe(), *(c.removed(figure) for _, figure in removed), len(c.processes)]
            for rank, c in enumerate(shown, start=1)
        ],
        legend + " " + _("(negative: the change adds some); procs: processes whose figures change"),
        totals=False,
    )


def _tables(network: Network) -> list[View]:
    """The tables text and Markdown both show after the communities, leaving out empty ones."""
    tables = [misplaced_view(network)] if network.misplaced else []
    return tables + ([brokers_view(network, BROKERS_SHOWN)] if network.brokers else [])


def _top(shown: int, total: int) -> str:
    """`top 10 of 37`, or `37` when all are shown."""
    return _("top {count} of {total}").format(count=shown, total=total) if shown < total else str(shown)


def _weighted_by(network: Network) -> str:
    """What the network's edges weigh, in words (`handoffs`, `handoffs a year`)."""
    return _(_WEIGHTS.get(network.weighted_by, network.weighted_by))


def _figure(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


# --- text ----------------------------------------------------------------------------------------


def text(analysis: Analysis, network: Network, candidates: Sequence[Candidate] | None) -> str:
    """The network's sections as aligned text that fits 100 columns."""
    sections = [terminal_text(headline(network)), _text_communities(network)]
    sections += [text_section(table) for table in _tables(network)]
    if candidates is not None:
        sections.append(_text_candidates(candidates, network))
    return "\n\n".join(sections) + "\n"


def _text_communities(network: Network) -> str:
    lines = [communities_title(network), ""]
    for community in network.communities:
        units = terminal_text(members(community))
        lines += textwrap.wrap(units, WIDTH, initial_indent=f"{community.number:>3}  ", subsequent_indent=" " * 5)
        domains = ", ".join(f"{domain} ({count})" for domain, count in community.domains)
        lines += textwrap.wrap(
            terminal_text(_("domains: {domains}").format(domains=domains or _("none (external partners only)"))),
            WIDTH,
            initial_indent=" " * 5,
            subsequent_indent=" " * 7,
        )
    if not network.communities:
        return "\n".join([*lines, _("no unit hands work to another")])
    lines += ["", communities_view(network).legend]
    return "\n".join(lines)


def _text_candidates(candidates: Sequence[Candidate], network: Network) -> str:
    if not candidates:
        return _("Candidate reorganisations: none (no pair of units hands each other work across a change)")
    lines = [text_section(candidates_view(candidates, CANDIDATES_SHOWN)), ""]
    lines.append(_("Try #1: save this as scenario.yaml and run `svcmap whatif scenario.yaml` (--apply makes it):"))
    lines += ["", *("    " + terminal_text(line) for line in candidates[0].scenario.to_yaml().splitlines())]
    return "\n".join(lines)


# --- markdown ------------------------------------------------------------------------------------


def markdown(analysis: Analysis, network: Network, candidates: Sequence[Candidate] | None) -> str:
    """GitHub-flavoured Markdown: a table per section, catalog text escaped."""
    sections = [f"### {markdown_text(headline(network))}", markdown_section(communities_view(network))]
    sections += [markdown_section(table) for table in _tables(network)]
    if candidates is not None:
        sections.append(_markdown_candidates(candidates, network))
    return "\n\n".join(sections) + "\n"


def communities_view(network: Network) -> View:
    """The communities as a table (Markdown and the report): number, declared domains, units."""
    return View(
        communities_title(network),
        (
            Column(N_("#"), "community"),
            Column(N_("domains (units)"), "domains", numeric=False),
            Column(N_("units"), "units", numeric=False),
        ),
        [[community.number, list(community.domains), members(community)] for community in network.communities],
        _("domains: the declared domains of the community's own units (how many units each)"),
        totals=False,
    )


def _markdown_candidates(candidates: Sequence[Candidate], network: Network) -> str:
    if not candidates:
        title = _("Candidate reorganisations")
        return f"### {title}\n\n" + _("None: no pair of units hands each other work across a change.")
    section = markdown_section(candidates_view(candidates, CANDIDATES_SHOWN))
    scenario = candidates[0].scenario.to_yaml()
    try_it = _("Try #1 with `svcmap whatif scenario.yaml`, where scenario.yaml holds:")
    return f"{section}\n\n{try_it}\n\n```yaml\n{scenario}```"


CSV_COLUMNS = (
    "unit", "name", "domain", "external", "steps", "community", "betweenness", "works_most_with", "with_that_domain",
)  # fmt: skip

# --- csv -----------------------------------------------------------------------------------------


def csv_report(analysis: Analysis, network: Network, candidates: Sequence[Candidate] | None) -> str:
    """One row per unit: its declared place, its community, its betweenness and the domain it works most with."""
    betweenness = {broker.unit: broker.betweenness for broker in network.brokers}
    misplaced = {m.unit: m for m in network.misplaced}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for unit in network.units:
        flagged = misplaced.get(unit.id)
        writer.writerow(
            csv_cell(value)
            for value in (
                unit.id,
                unit.name,
                unit.domain,
                "yes" if unit.external else "no",
                unit.steps,
                unit.community or None,
                round(betweenness.get(unit.id, 0.0), 4),
                flagged.works_most_with if flagged else None,
                _figure(flagged.with_that_domain) if flagged else None,
            )
        )
    return out.getvalue()


# --- json ----------------------------------------------------------------------------------------


def json_report(analysis: Analysis, network: Network, candidates: Sequence[Candidate] | None) -> str:
    """`analyze`'s JSON, every section, plus `network` (with every candidate, when they were computed)."""
    data = analysis.to_dict()
    section = network.to_dict()
    if candidates is not None:
        section["candidates"] = [candidate_dict(candidate, network) for candidate in candidates]
    data["network"] = section
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def candidate_dict(candidate: Candidate, network: Network) -> dict[str, object]:
    return {
        "kind": candidate.kind,
        "units": list(candidate.units),
        "change": candidate.describe(),
        "removes": {figure: candidate.removed(figure) for figure in candidate.before},
        "before": dict(candidate.before),
        "after": dict(candidate.after),
        "processes": list(candidate.processes),
        "scenario": candidate.scenario.to_yaml(),
    }


NetworkReporter = Callable[[Analysis, Network, "Sequence[Candidate] | None"], str]

REPORTERS: Mapping[str, NetworkReporter] = {
    "text": text,
    "json": json_report,
    "markdown": markdown,
    "csv": csv_report,
}
