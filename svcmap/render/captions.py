"""The words every diagram format writes around a process: its subtitle, its figures and the names of its
events, unescaped, in the language in use (svcmap.i18n)."""

from __future__ import annotations

from svcmap.analysis.figures import ProcessFigures
from svcmap.i18n import N_, _, ngettext
from svcmap.render.layout import Layout

EVENTS = {"start": N_("start"), "end": N_("end")}
"""What a start or end event is called where it has no name of its own (the legend uses the same words)."""


def event_name(kind: str) -> str:
    """`start` or `end`, in the language in use."""
    return _(EVENTS[kind])


def channel_note(channel: str) -> str:
    """`channel: balie`, under a step's name (the channel is a catalog code, not translated)."""
    return _("channel: {channel}").format(channel=channel)


def figures_line(figures: ProcessFigures) -> str:
    """`3 handoffs · 2 silo handoffs · 2 contact moments · 5 steps over 3 units`."""
    steps = ngettext("{count} step", "{count} steps", figures.steps).format(count=figures.steps)
    units = ngettext("{count} unit", "{count} units", figures.units).format(count=figures.units)
    return " · ".join(
        (
            ngettext("{count} handoff", "{count} handoffs", figures.handoffs).format(count=figures.handoffs),
            ngettext("{count} silo handoff", "{count} silo handoffs", figures.silo_handoffs).format(
                count=figures.silo_handoffs
            ),
            ngettext("{count} contact moment", "{count} contact moments", figures.contact_moments).format(
                count=figures.contact_moments
            ),
            _("{steps} over {units}").format(steps=steps, units=units),
        )
    )


def subtitle(layout: Layout) -> str:
    """What the title does not say: the process behind the product(s), or that no product uses it (a chain of
    processes says what it is itself)."""
    if layout.subtitle:
        return layout.subtitle
    if layout.product_names:
        return _("process: {name} ({id})").format(name=layout.process_name, id=layout.process_id)
    return _("process {id} (no product names it)").format(id=layout.process_id)
