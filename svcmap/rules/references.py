"""SVC101–SVC107: references between catalog objects that lead nowhere (or, for SVC105, nothing leads to;
for SVC107, a product that names no process at all)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from svcmap.analysis.figures import Analysis, Examined
from svcmap.catalog.model import Catalog, Process
from svcmap.findings import Problem, Severity
from svcmap.i18n import _
from svcmap.rules.registry import catalog_rule, process_rule


def _hint(name: str, known: Mapping[str, Any]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return _("; did you mean {name!r}?").format(name=close[0]) if close else ""


def _unknown_unit(catalog: Catalog, unit_id: str) -> bool:
    return unit_id not in catalog.units and not catalog.is_broken("unit", unit_id)


@process_rule("SVC101", "unknown-unit", Severity.ERROR)
def unknown_unit(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    A step or a product names a unit that `organisation.yaml` does not declare.

    ## What it does
    Checks that the `unit` of every step and the `owner` of every product is the id of a unit in
    `catalog/organisation.yaml`.

    ## Why is this bad?
    Handoffs, silos and the line of visibility are all computed from units: a step in an unknown unit
    has no office and no domain, so the figures of its process are wrong. It is usually a typo, or a
    unit that was renamed or merged in a reorganisation without updating the processes.

    ## Example
    ```yaml
    steps:
      - id: controle
        name: Woonstcontrole
        unit: wijkagent      # not a unit
    ```

    ## Use instead
    ```yaml
    steps:
      - id: controle
        name: Woonstcontrole
        unit: politie
    ```
    """
    if not catalog.organisation_loaded:
        return
    for step in process.steps:
        if _unknown_unit(catalog, step.unit.id):
            yield Problem(
                _(
                    "step {step!r} is done by unknown unit {unit!r}{hint}; "
                    "declare it in catalog/organisation.yaml or fix the id"
                ).format(step=step.id, unit=step.unit.id, hint=_hint(step.unit.id, catalog.units)),
                step.unit.location,
                f"process:{process.id}/step:{step.id}",
            )


def _unknown_owner(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """SVC101 for products: the owner is a unit too."""
    if not catalog.organisation_loaded:
        return
    for product in catalog.products.values():
        if _unknown_unit(catalog, product.owner_id):
            yield Problem(
                _("product {product!r} is owned by unknown unit {unit!r}{hint}").format(
                    product=product.id, unit=product.owner_id, hint=_hint(product.owner_id, catalog.units)
                ),
                product.owner.location,
                f"product:{product.id}",
            )


unknown_unit = unknown_unit.also_catalog(_unknown_owner)


@catalog_rule("SVC102", "unknown-process", Severity.ERROR)
def unknown_process(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    A product names a process that does not exist.

    ## What it does
    Checks that the `process` of every product is the id of a file in `processes/`.

    ## Why is this bad?
    The product has no process behind it as far as svcmap can see: its handoffs and contact moments
    are not measured and it cannot be drawn.

    ## Example
    ```yaml
    id: bewonerskaart
    process: bewonerskaart-aanvraag   # processes/bewonerskaart-aanvraag.yaml does not exist
    ```

    ## Use instead
    ```yaml
    id: bewonerskaart
    process: bewonerskaart
    ```
    """
    for product in catalog.products.values():
        process_id = product.process_id
        if process_id and process_id not in catalog.processes and not catalog.is_broken("process", process_id):
            ref = product.process
            assert ref is not None
            yield Problem(
                _(
                    "product {product!r} names unknown process {process!r}{hint}; "
                    "add processes/{process}.yaml or fix the id"
                ).format(product=product.id, process=ref.id, hint=_hint(ref.id, catalog.processes)),
                ref.location,
                f"product:{product.id}",
            )


@process_rule("SVC103", "unknown-step", Severity.ERROR)
def unknown_step(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    A process's `start` or a step's `next` names a step that the process does not have.

    ## What it does
    Checks that `start` and every target in `next` is the id of a step of the same process.

    ## Why is this bad?
    The flow breaks off: the work goes to a step that does not exist, so the process cannot be
    followed, measured or drawn beyond that point.

    ## Example
    ```yaml
    - id: aanvraag
      name: Aanvraag indienen
      unit: onthaal
      next: controle     # there is no step 'controle'
    ```

    ## Use instead
    ```yaml
    - id: aanvraag
      name: Aanvraag indienen
      unit: onthaal
      next: ontvankelijkheid
    ```
    """
    steps = process.step_by_id
    if process.start and process.start.id not in steps:
        yield Problem(
            _("process {process!r} starts at unknown step {step!r}{hint}").format(
                process=process.id, step=process.start.id, hint=_hint(process.start.id, steps)
            ),
            process.start.location,
            f"process:{process.id}",
        )
    for step in process.steps:
        for target in step.targets:
            if target.to not in steps:
                yield Problem(
                    _("step {step!r} goes on to unknown step {target!r}{hint}").format(
                        step=step.id, target=target.to, hint=_hint(target.to, steps)
                    ),
                    target.location,
                    f"process:{process.id}/step:{step.id}",
                )


@catalog_rule("SVC104", "unknown-product-in-life-event", Severity.ERROR)
def unknown_product(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    A life event lists a product that the catalog does not have.

    ## What it does
    Checks that every product of every life event in `organisation.yaml` is the id of a file in
    `catalog/products/`.

    ## Why is this bad?
    The life event's figures (handoffs, contact moments, repeated asks along the citizen's trajectory)
    silently leave the product out.

    ## Example
    ```yaml
    life_events:
      - id: verhuizen
        name: Verhuizen naar de gemeente
        products: [adreswijziging, parkeerkaart]
    ```

    ## Use instead
    ```yaml
    life_events:
      - id: verhuizen
        name: Verhuizen naar de gemeente
        products: [adreswijziging, bewonerskaart]
    ```
    """
    for event in catalog.life_events.values():
        for ref in event.products:
            if ref.id not in catalog.products and not catalog.is_broken("product", ref.id):
                yield Problem(
                    _("life event {event!r} lists unknown product {product!r}{hint}").format(
                        event=event.id, product=ref.id, hint=_hint(ref.id, catalog.products)
                    ),
                    ref.location,
                    f"life-event:{event.id}",
                )


@catalog_rule("SVC105", "unused-process", Severity.WARNING)
def unused_process(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    A process is used by no product.

    ## What it does
    Reports a process that no product (of any status) names as its `process`.

    ## Why is this bad?
    A process nobody can ask for is dead weight, or — more often — the product that should name it has a
    typo or was removed. Either way the catalog and its processes have drifted apart.

    ## Example
    ```yaml
    # processes/zaalhuur.yaml exists, but no product says `process: zaalhuur`
    ```

    ## Use instead
    ```yaml
    # catalog/products/zaalhuur.yaml
    id: zaalhuur
    process: zaalhuur
    ```
    """
    used = {product.process_id for product in catalog.products.values() if product.process_id}
    broken_products = catalog.broken_ids.get("product", frozenset())
    for process in catalog.processes.values():
        if process.id not in used and process.id not in broken_products:
            yield Problem(
                _("process {process!r} is used by no product; name it in a product's `process`, or remove it").format(
                    process=process.id
                ),
                process.location,
                f"process:{process.id}",
            )


@process_rule("SVC106", "unknown-data-item", Severity.ERROR)
def unknown_data_item(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    A step asks for a data item that the data dictionary does not declare.

    ## What it does
    Once `organisation.yaml` declares `data_items`, checks that every id in a step's `asks` is one of them.
    Without a data dictionary this rule is silent.

    ## Why is this bad?
    Repeated asks and the once-only principle are measured per data item: an undeclared or misspelt item
    (`adres` here, `address` there) hides that the citizen is asked the same thing twice.

    ## Example
    ```yaml
    asks: [identity, adres]
    ```

    ## Use instead
    ```yaml
    asks: [identity, new-address]
    ```
    """
    items = catalog.data_items
    if items is None:
        return
    for step in process.steps:
        for ref in step.asks:
            if ref.id not in items and not catalog.is_broken("data-item", ref.id):
                yield Problem(
                    _(
                        "step {step!r} asks for undeclared data item {item!r}{hint}; "
                        "declare it under data_items in catalog/organisation.yaml"
                    ).format(step=step.id, item=ref.id, hint=_hint(ref.id, items)),
                    ref.location,
                    f"process:{process.id}/step:{step.id}",
                )


@catalog_rule("SVC107", "product-without-process", Severity.WARNING)
def product_without_process(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    A product that is offered (not `planned`) names no process.

    ## What it does
    Reports an active or retired product without a `process` key (SPEC §6). A planned product need not
    have one yet.

    ## Why is this bad?
    The catalog knows what the municipality offers but not how it is done: none of the figures — handoffs,
    silo handoffs, contact moments — can be measured for it. A catalog imported from LPDC starts this way
    (`svcmap import lpdc`), with these warnings as its to-do list: describe the processes one by one.

    ## Example
    ```yaml
    id: parkeerkaart
    name: Parkeerkaart voor bewoners
    owner: mobiliteit
    channels: [web]
    ```

    ## Use instead
    ```yaml
    id: parkeerkaart
    name: Parkeerkaart voor bewoners
    owner: mobiliteit
    process: parkeerkaart   # processes/parkeerkaart.yaml: `svcmap new process parkeerkaart`
    channels: [web]
    ```
    """
    for product in catalog.products.values():
        if product.process_id is None and product.status != "planned":
            yield Problem(
                _(
                    "product {product!r} names no process; describe how it is done in processes/ and name it in "
                    "`process` (`svcmap new process {product}`), or mark the product `status: planned`"
                ).format(product=product.id),
                product.location,
                f"product:{product.id}",
            )


RULES = (
    unknown_unit,
    unknown_process,
    unknown_step,
    unknown_product,
    unused_process,
    unknown_data_item,
    product_without_process,
)
