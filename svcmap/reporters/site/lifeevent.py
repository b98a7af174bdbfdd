"""A page per life event, the "menukaart": its products in order, what the citizen is asked once, the sums, the diagram.

What a front-office worker hands a young family moving in, or someone starting a business: which products
they will need, one after the other, where to ask for each and how long each may take; what they will be
asked along the way, each item once, with the places that ask it again named (tell your story once); how
often they will have to come back; and the whole trajectory drawn as one picture
(`svcmap.render.trajectory`), scaled to the page, with a link to the full-size drawing.
"""

from __future__ import annotations

from svcmap.analysis.trajectory import Ask, Leg, Trajectory
from svcmap.catalog.model import Catalog
from svcmap.i18n import N_, _, ngettext
from svcmap.render.diagrams import LIFE_EVENT_SUFFIX
from svcmap.reporters.site.html import e, heading, page, paragraph, process_link, table

FOLDER = "life-events"
"""The pages' folder: `life-events/<id>.html`."""
LIST_PAGE = "life-events.html"
"""The list of life events (svcmap.reporters.site.index), the navigation entry these pages belong to."""

PRODUCT_COLUMNS = (
    N_("product"),
    N_("channels"),
    N_("promised lead time"),
    N_("contact moments"),
    N_("handoffs"),
    N_("silo handoffs"),
)
ASK_COLUMNS = (N_("what you are asked"), N_("first asked at"), N_("asked again at"))


def page_name(event_id: str) -> str:
    """Where a life event's page is, from the site's root."""
    return f"{FOLDER}/{event_id}.html"


def diagram_name(event_id: str) -> str:
    """Where its diagram is, from the site's root: beside the processes' ones, under a name no process can take."""
    return f"diagrams/{event_id}{LIFE_EVENT_SUFFIX}.svg"


def life_event_page(catalog: Catalog, trajectory: Trajectory, drawn: bool) -> str:
    """The page of one life event; `drawn`: whether its diagram was drawn (some product of it has a process)."""
    parts = [heading(1, trajectory.name), f"<p>{_summary(trajectory)}</p>", heading(2, _("The products, in order"))]
    rows = [_product_row(leg) for leg in trajectory.legs]
    total = ["", e(_("in all")), "", e(_days(trajectory.lead_time_days)), *_sums(trajectory)]
    headers = ["#", *(_(label) for label in PRODUCT_COLUMNS)]
    caption = _("The products of {name}, in the order the citizen needs them").format(name=trajectory.name)
    parts.append(table(headers, rows, 3, total, caption))
    parts.append(heading(2, _("What you are asked along the way")))
    parts.append(_asks(trajectory))
    parts.append(heading(2, _("The whole trajectory")))
    if drawn:
        source = e("../" + diagram_name(trajectory.id))
        alt = _("Every process of {name}, one after the other, in lanes per unit").format(name=trajectory.name)
        full_size = _("The diagram at full size")
        bands = _("a band per product, from left to right; the front office above the line of visibility")
        parts.append(
            f'<figure class="trajectory"><a href="{source}"><img src="{source}" alt="{e(alt)}"></a>'
            f'<figcaption><a href="{source}">{e(full_size)}</a> · {e(bands)}</figcaption></figure>'
        )
    else:
        parts.append(paragraph(_("None of its products has a process yet: there is nothing to draw.")))
    return page(catalog, trajectory.name, "\n".join(parts), 1, LIST_PAGE)


def _summary(trajectory: Trajectory) -> str:
    count = len(trajectory.legs)
    words = ngettext(
        "{count} product, {days} promised in all",
        "{count} products, {days} promised in all",
        count,
    ).format(count=count, days=_days(trajectory.lead_time_days))
    missing = trajectory.without_lead_time
    if missing:
        words += " " + ngettext(
            "({count} product promises no lead time)", "({count} products promise no lead time)", len(missing)
        ).format(count=len(missing))
    contacts = trajectory.contact_moments
    words += "; " + ngettext(
        "the citizen is contacted {count} time along the way",
        "the citizen is contacted {count} times along the way",
        contacts,
    ).format(count=contacts)
    label = _("Life event")
    return f"{e(label)} <code>{e(trajectory.id)}</code>: {e(words)}."


def _product_row(leg: Leg) -> list[str]:
    name = process_link(leg.process.id, leg.name, 1) if leg.process is not None else e(leg.name)
    missing = _("not in the catalog") if not leg.known else _("no process yet") if leg.process is None else ""
    if missing:
        name += f" <em>({e(missing)})</em>"
    lead = _days(leg.lead_time_days) if leg.lead_time_days is not None else ""
    figures = leg.figures
    counts = (
        [str(figures.contact_moments), str(figures.handoffs), str(figures.silo_handoffs)] if figures else ["", "", ""]
    )
    return [str(leg.position), name, e(", ".join(leg.channels)), e(lead), *counts]


def _sums(trajectory: Trajectory) -> list[str]:
    figures = trajectory.figures
    return [str(figures.contact_moments), str(figures.handoffs), str(figures.silo_handoffs)]


def _asks(trajectory: Trajectory) -> str:
    if not trajectory.items:
        return paragraph(_("No step of these products asks the citizen for anything."))
    products = {leg.product_id: leg for leg in trajectory.legs}
    rows = []
    for item in trajectory.items:
        what = f"{e(item.name)} <code>{e(item.id)}</code>"
        if item.held_by:
            what += "<br><small>" + e(_("a register holds it: {register}").format(register=item.held_by)) + "</small>"
        again = "<br>".join(_where(ask, products) for ask in item.again)
        rows.append([what, _where(item.first, products), again])
    repeated = trajectory.repeated_asks
    if repeated:
        note = ngettext(
            "Tell your story once: {count} ask repeats an item asked before.",
            "Tell your story once: {count} asks repeat an item asked before.",
            len(repeated),
        ).format(count=len(repeated))
    else:
        note = _("Tell your story once: no item is asked twice.")
    caption = _("Each item once, where it is first asked, and where it is asked again")
    return table([_(label) for label in ASK_COLUMNS], rows, 3, (), caption) + "\n" + paragraph(note)


def _where(ask: Ask, products: dict[str, Leg]) -> str:
    leg = products[ask.product]
    return f"{leg.position} · {e(leg.name)}: {e(ask.step_name)}"


def _days(days: int) -> str:
    return ngettext("{count} day", "{count} days", days).format(count=days)
