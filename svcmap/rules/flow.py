"""SVC201–SVC202: the shape of a process's flow — every step reachable, and an end reachable from every step."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from svcmap.analysis.figures import Examined
from svcmap.analysis.graph import can_reach, reachable
from svcmap.catalog.model import Catalog, Process
from svcmap.findings import Problem, Severity
from svcmap.i18n import _
from svcmap.rules.registry import process_rule


@process_rule("SVC201", "unreachable-step", Severity.ERROR)
def unreachable_step(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    A step cannot be reached from the process's start.

    ## What it does
    Follows `next` from the start step (the `start`, else the first step) and reports every step it
    never reaches.

    ## Why is this bad?
    A step no flow leads to is never done — or the process forgets to say when it is. Its units and
    handoffs are missing from every route the citizen can take.

    ## Example
    ```yaml
    steps:
      - {id: aanvraag, name: Aanvraag, unit: onthaal, next: beslissing}
      - {id: advies, name: Advies politie, unit: politie, next: beslissing}   # nothing leads here
      - {id: beslissing, name: Beslissing, unit: cbs}
    ```

    ## Use instead
    ```yaml
    steps:
      - {id: aanvraag, name: Aanvraag, unit: onthaal, next: advies}
      - {id: advies, name: Advies politie, unit: politie, next: beslissing}
      - {id: beslissing, name: Beslissing, unit: cbs}
    ```
    """
    start = process.start_id
    if start not in process.step_by_id:
        return  # SVC103 says so
    reached = reachable(start, process.successors)
    for step in process.step_by_id.values():
        if step.id not in reached:
            yield Problem(
                _(
                    "step {step!r} cannot be reached from the start {start!r}; add it to a step's `next`, or remove it"
                ).format(step=step.id, start=start),
                step.location,
                f"process:{process.id}/step:{step.id}",
            )


@process_rule("SVC202", "no-end-reachable", Severity.ERROR)
def no_end_reachable(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    From a step, no end of the process can be reached: a trap or an endless loop.

    ## What it does
    Reports every step from which no path along `next` leads to an end step (a step without `next`).
    A step whose `next` names an unknown step is left to SVC103.

    ## Why is this bad?
    The dossier can get stuck: once the work is there, the process never finishes. Usually a rework
    loop lacks its way out (`when: dossier volledig`).

    ## Example
    ```yaml
    - {id: controle, name: Volledigheidscontrole, unit: omgeving, next: aanvullen}
    - {id: aanvullen, name: Dossier aanvullen, unit: onthaal, next: controle}
    ```

    ## Use instead
    ```yaml
    - id: controle
      name: Volledigheidscontrole
      unit: omgeving
      next:
        - {to: aanvullen, when: dossier onvolledig}
        - {to: beslissing, when: dossier volledig}
    - {id: aanvullen, name: Dossier aanvullen, unit: onthaal, next: controle}
    ```
    """
    steps = process.step_by_id
    exits = {
        step.id for step in steps.values() if step.is_end or any(target.to not in steps for target in step.targets)
    }
    can_finish = can_reach(exits, process.successors)
    for step in steps.values():
        if step.id not in can_finish:
            yield Problem(
                _(
                    "from step {step!r} no end of the process can be reached; "
                    "give a loop a way out, or end the process here"
                ).format(step=step.id),
                step.location,
                f"process:{process.id}/step:{step.id}",
            )


RULES = (unreachable_step, no_end_reachable)
