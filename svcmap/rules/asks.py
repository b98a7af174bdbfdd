"""SVC304–SVC306: what the citizen is asked twice (in a process, along a life event), or at all (once-only)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from svcmap.analysis.figures import Analysis, Examined, life_event_askers, once_only_asks
from svcmap.catalog.model import Catalog, Process
from svcmap.findings import Problem, Severity
from svcmap.i18n import _, ngettext
from svcmap.rules.registry import catalog_rule, process_rule


def _item(catalog: Catalog, item_id: str) -> str:
    """`'identity'`, or `'identity' (Identiteit)` when the data dictionary names it."""
    item = (catalog.data_items or {}).get(item_id)
    return f"{item_id!r} ({item.name})" if item is not None and item.name != item_id else repr(item_id)


@process_rule("SVC304", "repeated-ask-in-process", Severity.WARNING)
def repeated_ask_in_process(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    A process asks the citizen for the same data item at more than one step.

    ## What it does
    Reports every data item that appears in the `asks` of two or more steps of one process: one
    finding per process and item, at the second step that asks it.

    ## Why is this bad?
    The citizen tells the same thing twice — a sign that what one step collected is not passed on to
    the next, or that two units keep their own copy of the dossier.

    ## Example
    ```yaml
    - {id: aanvraag, name: Aanvraag, unit: onthaal, channel: web, asks: [identity, site-address], next: advies}
    - {id: advies, name: Advies, unit: omgeving, channel: phone, asks: [site-address]}
    ```

    ## Use instead
    ```yaml
    - {id: aanvraag, name: Aanvraag, unit: onthaal, channel: web, asks: [identity, site-address], next: advies}
    - {id: advies, name: Advies op basis van het dossier, unit: omgeving}
    ```
    """
    for item in examined.figures.repeated_asks:
        askers = examined.asked[item]
        steps = ", ".join(f"{step.id} ({step.unit.id})" for step, _ask in askers)
        yield Problem(
            ngettext(
                "the citizen is asked for {item} at {count} step of process {process!r}: {steps}; "
                "ask it once, at {first!r}, and pass it on with the dossier",
                "the citizen is asked for {item} at {count} steps of process {process!r}: {steps}; "
                "ask it once, at {first!r}, and pass it on with the dossier",
                len(askers),
            ).format(
                item=_item(catalog, item), count=len(askers), process=process.id, steps=steps, first=askers[0][0].id
            ),
            askers[1][1].location,
            f"process:{process.id}",
        )


@catalog_rule("SVC305", "repeated-ask-in-life-event", Severity.WARNING)
def repeated_ask_in_life_event(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    Along a life event, two or more of its products ask the citizen for the same data item.

    ## What it does
    A product asks what any step of its process asks. For every life event, reports every data item
    that two or more of its products ask: one finding per life event and item, at the second product
    in the life event's list that asks it.

    ## Why is this bad?
    A life event is one trajectory for the citizen (moving house, a birth, starting a business), but
    each product along it starts from scratch: the citizen fills in the same address or the same
    company number again at every counter.

    ## Example
    ```yaml
    life_events:
      - id: horecazaak-starten
        name: Een horecazaak starten
        products: [omgevingsvergunning, uitbatingsvergunning-horeca]   # both ask site-address
    ```

    ## Use instead
    ```yaml
    # ask site-address once (e.g. in the first product) and let the second product's process
    # take it from the first one's dossier instead of asking it again:
    - {id: aanvraag, name: Aanvraag uitbatingsvergunning, unit: lokale-economie, channel: web, asks: [identity]}
    ```
    """
    events = analysis.life_events
    for event in catalog.life_events.values():
        repeated = events[event.id].repeated_asks
        if not repeated:
            continue
        askers = life_event_askers(catalog, analysis, event.id)
        for item in repeated:
            products = askers[item]
            yield Problem(
                ngettext(
                    "in life event {event!r} the citizen is asked for {item} by {count} product: {products}; "
                    "ask it once along the trajectory and let the later products reuse it",
                    "in life event {event!r} the citizen is asked for {item} by {count} products: {products}; "
                    "ask it once along the trajectory and let the later products reuse it",
                    len(products),
                ).format(
                    event=event.id,
                    item=_item(catalog, item),
                    count=len(products),
                    products=", ".join(ref.id for ref in products),
                ),
                products[1].location,
                f"life-event:{event.id}",
            )


@process_rule("SVC306", "asks-what-a-register-holds", Severity.WARNING)
def asks_what_a_register_holds(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    A step asks the citizen for a data item that a register the organisation can consult already holds.

    ## What it does
    In the data dictionary of `organisation.yaml`, `held_by` names the register that holds a data item
    (the national register, the company register, the land registry). Reports every step whose `asks`
    names such an item: one finding per step and item, at the item.

    ## Why is this bad?
    The once-only principle: a government asks a citizen or business for a piece of information at
    most once, and never for what it already has. Asking it again costs the citizen time, and the copy
    they give may differ from the register's.

    ## Example
    ```yaml
    data_items:
      - {id: identity, name: Identiteit, held_by: rijksregister}
    # ...
    - {id: aanvraag, name: Aanvraag, unit: onthaal, channel: counter, asks: [identity, new-address]}
    ```

    ## Use instead
    ```yaml
    - {id: aanvraag, name: Aanvraag (identiteit uit het rijksregister), unit: onthaal, channel: counter,
       asks: [new-address]}
    ```
    """
    if not catalog.data_items:
        return
    for step, ref, item in once_only_asks(catalog, process):
        yield Problem(
            _(
                "step {step!r} asks the citizen for {item}, which {register} already holds; "
                "consult {register} instead of asking (once-only principle)"
            ).format(step=step.id, item=_item(catalog, item.id), register=item.held_by),
            ref.location,
            f"process:{process.id}/step:{step.id}",
        )


RULES = (repeated_ask_in_process, repeated_ask_in_life_event, asks_what_a_register_holds)
