"""SVC301–SVC303: work changing hands — silo handoffs, ping-pong between units, and contacting the citizen again."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from svcmap.analysis.figures import Examined
from svcmap.catalog.model import Catalog, Process
from svcmap.findings import Problem, Severity
from svcmap.i18n import _, ngettext
from svcmap.rules.registry import process_rule


def _arrow(*parts: str) -> str:
    return " → ".join(parts)


@process_rule("SVC301", "too-many-silo-handoffs", Severity.WARNING, threshold=2)
def too_many_silo_handoffs(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    A process hands its work across silos (domains) more often than the threshold allows.

    ## What it does
    Counts the silo handoffs of every process — edges u→v whose steps belong to units of different
    domains (a unit without `domain` is its own silo) — and reports a process with more than
    `threshold` (default 2; `--threshold SVC301=N`, or `thresholds:` in `.svcmap.yaml`).

    ## Why is this bad?
    Every silo handoff is a queue, a transfer of the dossier and a chance to lose it. The citizen feels
    it as waiting and as being sent "from pillar to post"; nobody owns the whole case.

    ## Example
    ```yaml
    steps:
      - {id: aanvraag, name: Aanvraag, unit: onthaal, next: advies-politie}
      - {id: advies-politie, name: Advies politie, unit: politie, next: advies-brandweer}
      - {id: advies-brandweer, name: Advies brandweer, unit: hulpverleningszone, next: beslissing}
      - {id: beslissing, name: Beslissing, unit: cbs}
    ```

    ## Use instead
    ```yaml
    steps:   # one case manager asks both advices at once and keeps the dossier
      - {id: aanvraag, name: Aanvraag, unit: evenementenloket, next: adviezen}
      - {id: adviezen, name: Adviezen politie en brandweer opvragen, unit: evenementenloket, next: beslissing}
      - {id: beslissing, name: Beslissing, unit: cbs}
    ```
    """
    threshold = int(options["threshold"])
    silo_handoffs = examined.figures.silo_handoffs
    if silo_handoffs <= threshold:
        return
    edges = [edge for edge in examined.edges if edge.silo]
    shown = "; ".join(
        f"{_arrow(edge.source_unit, edge.target_unit)} ({_arrow(edge.source, edge.target)})" for edge in edges[:4]
    )
    more = _("; and {count} more").format(count=len(edges) - 4) if len(edges) > 4 else ""
    units = sorted({edge.source_unit for edge in edges} | {edge.target_unit for edge in edges})
    yield Problem(
        ngettext(
            "process {process!r} crosses silos {count} time (threshold {threshold}): {handoffs}{more}; "
            "consider giving one unit (a case manager) the whole case, or regrouping the work of "
            "{units} so the dossier changes hands less often",
            "process {process!r} crosses silos {count} times (threshold {threshold}): {handoffs}{more}; "
            "consider giving one unit (a case manager) the whole case, or regrouping the work of "
            "{units} so the dossier changes hands less often",
            silo_handoffs,
        ).format(
            process=process.id,
            count=silo_handoffs,
            threshold=threshold,
            handoffs=shown,
            more=more,
            units=", ".join(units),
        ),
        process.location,
        f"process:{process.id}",
    )


@process_rule("SVC302", "ping-pong-between-units", Severity.WARNING)
def ping_pong_between_units(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    Work goes from one unit to another and straight back again (ping-pong).

    ## What it does
    Reports every path u→v→w of a process where the steps u and w are done by the same unit and v by
    another one — including u = w, a loop between two units. One finding per triple of steps, at the
    step w where the work comes back.

    ## Why is this bad?
    The first unit waits for the second and then picks the dossier up again: two handoffs for one
    piece of information. Often the first unit could consult the other's register or report itself,
    or the other unit could finish the job.

    ## Example
    ```yaml
    - {id: aangifte, name: Aangifte, unit: burgerzaken, next: woonstcontrole}
    - {id: woonstcontrole, name: Woonstcontrole, unit: politie, next: registratie}
    - {id: registratie, name: Registratie, unit: burgerzaken}
    ```

    ## Use instead
    ```yaml
    - {id: aangifte, name: Aangifte, unit: burgerzaken, next: registratie}
    - {id: registratie, name: Registratie na inzage politieverslag, unit: burgerzaken}
    ```
    """
    for triple in examined.ping_pongs:
        steps = _arrow(triple.first, triple.middle, triple.last)
        if triple.first == triple.last:
            what = _("work goes back and forth between {unit} and {other} ({steps})")
        else:
            what = _("work goes {units} ({steps})")
        yield Problem(
            _(
                "{what}; consider letting {unit} consult what {other} records directly, "
                "or letting one unit do {middle!r} and {last!r}"
            ).format(
                what=what.format(
                    unit=triple.unit,
                    other=triple.other_unit,
                    units=_arrow(triple.unit, triple.other_unit, triple.unit),
                    steps=steps,
                ),
                unit=triple.unit,
                other=triple.other_unit,
                middle=triple.middle,
                last=triple.last,
            ),
            process.step_by_id[triple.last].location,
            f"process:{process.id}/step:{triple.last}",
        )


@process_rule("SVC303", "too-many-contact-moments", Severity.WARNING, threshold=2)
def too_many_contact_moments(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    Along some route through a process the citizen is contacted more often than the threshold allows.

    ## What it does
    For every route from the start to an end (visiting no step twice) it counts the contact moments:
    1 when the start is a front-office step, and 1 for every step where the flow comes back from the
    back office to the front office. Reports a process whose largest count is above `threshold`
    (default 2; `--threshold SVC303=N`, or `thresholds:` in `.svcmap.yaml`).

    ## Why is this bad?
    Each new contact is another visit, call or letter: the citizen is asked to come back, to complete
    the dossier, to wait for news. It is the clearest sign that the back office needs the citizen for
    something the front office could have settled at the first contact.

    ## Example
    ```yaml
    - {id: aanvraag, name: Aanvraag aan het loket, unit: onthaal, channel: counter, next: controle}
    - {id: controle, name: Controle, unit: burgerzaken, next: aanvullen}
    - {id: aanvullen, name: Stukken nabrengen, unit: onthaal, channel: counter, next: beslissing}
    - {id: beslissing, name: Beslissing, unit: burgerzaken, next: afhalen}
    - {id: afhalen, name: Document afhalen, unit: onthaal, channel: counter}
    ```

    ## Use instead
    ```yaml
    - {id: aanvraag, name: Aanvraag met checklist, unit: onthaal, channel: counter, next: beslissing}
    - {id: beslissing, name: Beslissing, unit: burgerzaken, next: verzending}
    - {id: verzending, name: Document per post, unit: burgerzaken, office: back}
    ```
    """
    threshold = int(options["threshold"])
    route = examined.route
    if route.contact_moments <= threshold:
        return
    count = route.contact_moments
    times = (
        ngettext("{count} time", "{count} times", count)
        if route.exact
        else ngettext("at least {count} time", "at least {count} times", count)
    ).format(count=count)
    yield Problem(
        _(
            "the citizen is contacted {times} (threshold {threshold}) along the route {route}, at {contacts}; "
            "consider asking everything at the first contact, or letting the back office finish without going "
            "back to the citizen"
        ).format(times=times, threshold=threshold, route=_arrow(*route.steps), contacts=", ".join(route.contacts)),
        process.location,
        f"process:{process.id}",
    )


RULES = (too_many_silo_handoffs, ping_pong_between_units, too_many_contact_moments)
