"""SVC307: a late refusal — the citizen is refused only after coming back, where the first contact could have said no.

Its own module because it reads an outcome, not a handoff: `outcome: refused` on an end step (SPEC §6),
and the route to that end with the most contact moments, which the analysis works out
(`svcmap.analysis.figures.Refusal`, by the same route search as SVC303's).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from svcmap.analysis.figures import Examined
from svcmap.catalog.model import Catalog, Process
from svcmap.findings import Problem, Severity
from svcmap.i18n import _, ngettext
from svcmap.rules.registry import process_rule


@process_rule("SVC307", "late-refusal", Severity.WARNING, threshold=1)
def late_refusal(
    catalog: Catalog, process: Process, examined: Examined, options: Mapping[str, Any]
) -> Iterator[Problem]:
    """
    A route reaches an end with `outcome: refused` after the citizen has been contacted more than once.

    ## What it does
    For every end step with `outcome: refused` it takes the route from the start to that end with the
    most contact moments (counted as SVC303 counts them: a front-office start, and every return from
    the back office to the front office) and reports the end step when that count is above
    `threshold` (default 1: a refusal at the second contact or later; `--threshold SVC307=N`, or
    `thresholds:` in `.svcmap.yaml`). One finding per refusing end step; the message names the step
    where the route branched towards the refusal (the decision) and the first contact.

    ## Why is this bad?
    The citizen books an appointment, takes a day off, waits at the counter, and is then told she
    cannot have what she came for: a 17-year-old asking for a passport hears only at the counter that
    a parent must give consent. What decided the refusal (an age, a missing document, a residence
    condition) was knowable at the first contact; checking it there saves her the trip and the
    counter the appointment.

    ## Example
    ```yaml
    - {id: afspraak, name: Afspraak boeken, unit: burgerzaken, channel: web, next: inplannen}
    - {id: inplannen, name: Afspraak inplannen, unit: burgerzaken, office: back, next: aanvraag}
    - id: aanvraag
      name: Aanvraag aan het loket
      unit: burgerzaken
      channel: appointment
      decision: Meerderjarig, of toestemming van een ouder?
      next:
        - {to: doorsturen, when: meerderjarig of met toestemming}
        - {to: weigering, when: minderjarig zonder toestemming}
    - {id: weigering, name: Aanvraag geweigerd, unit: burgerzaken, channel: counter, outcome: refused}
    ```

    ## Use instead
    ```yaml
    - id: afspraak   # the booking asks the date of birth and stops a minor without consent
      name: Afspraak boeken, met de vraag naar de toestemming van een ouder
      unit: burgerzaken
      channel: web
      decision: Meerderjarig, of toestemming van een ouder opgeladen?
      next:
        - {to: inplannen, when: meerderjarig of met toestemming}
        - {to: weigering, when: minderjarig zonder toestemming}
    - id: weigering  # refused at the first contact, with the consent form to bring: no wasted trip
      name: Geen afspraak zonder toestemming; het formulier voor de ouders
      unit: burgerzaken
      channel: web
      outcome: refused
    ```
    """
    threshold = int(options["threshold"])
    for refusal in examined.refusals:
        route = refusal.route
        if route.contact_moments <= threshold:
            continue
        count = route.contact_moments
        after = (
            ngettext("only after {count} contact moment", "only after {count} contact moments", count)
            if route.exact
            else ngettext(
                "only after at least {count} contact moment", "only after at least {count} contact moments", count
            )
        ).format(count=count)
        question = process.step_by_id[refusal.decision].decision if refusal.decision else None
        if question:
            decided = _("the refusal is decided at {step!r} ({question})").format(
                step=refusal.decision, question=question
            )
        elif refusal.decision:
            decided = _("the refusal is decided at {step!r}").format(step=refusal.decision)
        else:
            decided = _("every route here ends in this refusal")
        yield Problem(
            _(
                "the citizen is refused at {end!r} {after} ({contacts}) along the route {route}; {decided}: "
                "check that eligibility at the first contact ({first!r}), so nobody comes back only to hear no"
            ).format(
                end=refusal.end,
                after=after,
                contacts=", ".join(route.contacts),
                route=" → ".join(route.steps),
                decided=decided,
                first=route.contacts[0],
            ),
            process.step_by_id[refusal.end].location,
            f"process:{process.id}/step:{refusal.end}",
        )


RULES = (late_refusal,)
