"""SVC401–SVC403: the line of visibility — which steps meet the citizen, and on which channel."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from svcmap.analysis.figures import Analysis, Examined
from svcmap.catalog.model import Catalog, Process
from svcmap.findings import Problem, Severity
from svcmap.i18n import _
from svcmap.rules.registry import catalog_rule, process_rule


@process_rule("SVC401", "back-office-step-meets-citizen", Severity.WARNING)
def back_office_step_meets_citizen(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    A back-office step meets the citizen: it has a `channel`.

    ## What it does
    Reports every step whose office (its own `office`, else its unit's) is `back` and that names a
    `channel`, at the `channel` key.

    ## Why is this bad?
    The back office is behind the line of visibility: the citizen should not have to deal with it.
    When it calls, mails or receives the citizen itself, the citizen meets one more department and
    the front office loses sight of the case. Either the contact belongs in the front office, or the
    step really is front office and its `office` should say so.

    ## Example
    ```yaml
    - id: bijkomende-stukken
      name: Bijkomende stukken opvragen
      unit: omgeving           # office: back
      channel: phone
    ```

    ## Use instead
    ```yaml
    - id: bijkomende-stukken
      name: Bijkomende stukken opvragen via het loket
      unit: omgevingsloket     # office: front
      channel: phone
    ```
    """
    for step in process.step_by_id.values():
        if step.channel and catalog.office_of(step) == "back":
            yield Problem(
                _(
                    "back-office step {step!r} ({unit}) meets the citizen on channel {channel!r}; "
                    "let the front office make this contact, or mark the step `office: front`"
                ).format(step=step.id, unit=step.unit.id, channel=step.channel),
                step.key_location("channel"),
                f"process:{process.id}/step:{step.id}",
            )


@process_rule("SVC402", "front-office-step-without-channel", Severity.WARNING)
def front_office_step_without_channel(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    A front-office step does not say on which channel it meets the citizen.

    ## What it does
    Reports every step whose office (its own `office`, else its unit's) is `front` and that has no
    `channel`, at the step.

    ## Why is this bad?
    A front-office step is where the citizen is met; without a channel nobody can tell whether that
    means a visit to the counter, a phone call or a web form, and the product's channels cannot be
    checked against it (SVC403). If the step never meets the citizen, it is back office.

    ## Example
    ```yaml
    - {id: ontvangst, name: Ontvangst van de aanvraag, unit: onthaal}   # onthaal is front office
    ```

    ## Use instead
    ```yaml
    - {id: ontvangst, name: Ontvangst van de aanvraag, unit: onthaal, channel: counter}
    ```
    """
    for step in process.step_by_id.values():
        if not step.channel and catalog.office_of(step) == "front":
            yield Problem(
                _(
                    "front-office step {step!r} ({unit}) has no channel; say where it meets the "
                    "citizen (`channel: counter`, `web`, ...), or mark it `office: back`"
                ).format(step=step.id, unit=step.unit.id),
                step.location,
                f"process:{process.id}/step:{step.id}",
            )


@catalog_rule("SVC403", "start-channel-not-offered", Severity.WARNING)
def start_channel_not_offered(catalog: Catalog, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Problem]:
    """
    A product's process starts on a channel that the product does not list.

    ## What it does
    For every product with a process, compares the `channel` of the process's start step with the
    product's `channels` (where it can be requested). Reports the product when the start channel is not
    among them, at its `channels`. Silent when the start step names no channel.

    ## Why is this bad?
    The catalog promises one way in and the process starts another: the citizen applies on the web as
    the catalog says, and the process waits for them at the counter. Either the catalog or the process
    is out of date.

    ## Example
    ```yaml
    # catalog/products/reispas.yaml
    channels: [web]
    # processes/reispas.yaml: the start step
    - {id: aanvraag, name: Aanvraag aan het loket, unit: onthaal, channel: appointment}
    ```

    ## Use instead
    ```yaml
    channels: [appointment, web]
    ```
    """
    for product in catalog.products.values():
        summary = analysis.summaries.get(product.process_id) if product.process_id else None
        if summary is None or summary.start_step is None:
            continue
        channel = summary.start_channel
        if not channel or channel in product.channels:
            continue
        yield Problem(
            _(
                "product {product!r} lists channels {channels}, but its process {process!r} starts on {channel!r} "
                "at step {step!r}; add {channel!r} to the product's channels, or start the process on one of them"
            ).format(
                product=product.id,
                channels=", ".join(product.channels),
                process=product.process_id,
                channel=channel,
                step=summary.start_step,
            ),
            product.channels_location,
            f"product:{product.id}",
        )


RULES = (back_office_step_meets_citizen, front_office_step_without_channel, start_channel_not_offered)
