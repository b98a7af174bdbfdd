"""The names of the figures, as the reports of analyze, diff and whatif show them to a person.

A figure's key (`silo_handoffs`) is data: JSON keys and CSV headers keep it as it is, in every language.
Its name here (`silo handoffs`) is what a table header or a diff line says, in the language in use.
"""

from __future__ import annotations

from svcmap.i18n import N_, _

FIGURES = {
    "units": N_("units"),
    "products": N_("products"),
    "processes": N_("processes"),
    "life_events": N_("life events"),
    "data_items": N_("data items"),
    "steps": N_("steps"),
    "handoffs": N_("handoffs"),
    "silo_handoffs": N_("silo handoffs"),
    "external_handoffs": N_("external handoffs"),
    "visibility_crossings": N_("visibility crossings"),
    "ping_pongs": N_("ping-pongs"),
    "contact_moments": N_("contact moments"),
    "repeated_asks": N_("repeated asks"),
    "front_steps": N_("front steps"),
    "back_steps": N_("back steps"),
    "handoffs_in": N_("handoffs in"),
    "handoffs_out": N_("handoffs out"),
    "hands_to": N_("hands to"),
    "process": N_("process"),
    "from": N_("from"),
    "to": N_("to"),
    "channel": N_("channel"),
    "share": N_("share"),
    "requests_per_year": N_("requests per year"),
    "handoffs_per_year": N_("handoffs per year"),
    "silo_handoffs_per_year": N_("silo handoffs per year"),
    "contact_moments_per_year": N_("contact moments per year"),
    "repeated_asks_per_year": N_("repeated asks per year"),
    "steps_per_year": N_("steps per year"),
    "handoffs_in_per_year": N_("handoffs in per year"),
    "handoffs_out_per_year": N_("handoffs out per year"),
    "unit": N_("unit"),
    "domain": N_("domain"),
    "domains": N_("domains"),
    "works_most_with": N_("works most with"),
    "with_that_domain": N_("with that domain"),
    "with_own_domain": N_("with own domain"),
    "community": N_("community"),
    "betweenness": N_("betweenness"),
    "paths": N_("paths"),
    "rank": N_("rank"),
    "change": N_("change"),
}
"""Figure key → its name, marked for translation."""


def figure_label(key: str) -> str:
    """`silo_handoffs` → `silo handoffs` in the language in use; a key without a name here, spelt out."""
    name = FIGURES.get(key)
    return _(name) if name is not None else key.replace("_", " ")
