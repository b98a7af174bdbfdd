"""SVC301–SVC303: work changing hands — silo handoffs, ping-pong between units, and contacting the citizen again."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from svcmap.analysis.figures import Examined
from svcmap.catalog.model import Catalog, Process
from svcmap.findings import Problem, Severity
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
    more = f"; and {len(edges) - 4} more" if len(edges) > 4 else ""
    units = sorted({edge.source_unit for edge in edges} | {edge.target_unit for edge in edges})
    yield Problem(
        f"process {process.id!r} crosses silos {silo_handoffs} times (threshold {threshold}): {shown}{more}; "
        f"consider giving one unit (a case manager) the whole case, or regrouping the work of "
        f"{', '.join(units)} so the dossier changes hands less often",
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
            what = f"work goes back and forth between {triple.unit} and {triple.other_unit} ({steps})"
        else:
            what = f"work goes {_arrow(triple.unit, triple.other_unit, triple.unit)} ({steps})"
        yield Problem(
            f"{what}; consider letting {triple.unit} consult what {triple.other_unit} records directly, "
            f"or letting one unit do {triple.middle!r} and {triple.last!r}",
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
    times = f"{route.contact_moments} times" if route.exact else f"at least {route.contact_moments} times"
    yield Problem(
        f"the citizen is contacted {times} (threshold {threshold}) along the route "
        f"{_arrow(*route.steps)}, at {', '.join(route.contacts)}; consider asking everything at the "
        f"first contact, or letting the back office finish without going back to the citizen",
        process.location,
        f"process:{process.id}",
    )


RULES = (too_many_silo_handoffs, ping_pong_between_units, too_many_contact_moments)
