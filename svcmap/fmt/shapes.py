"""The canonical shape of each kind of catalog file: SPEC §2 key order, and which lists are written on one line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Shape:
    """What a node of a catalog file looks like in canonical form.

    `order` lists a mapping's keys in canonical order (other keys follow in their own order); `flow`
    writes a mapping, or a list whose items are all scalars, on one line: `[web, counter]`.
    """

    order: tuple[str, ...] = ()
    fields: Mapping[str, Shape] = field(default_factory=dict)
    items: Shape | None = None
    flow: bool = False


ANY = Shape()
_IDS = Shape(flow=True)
"""A list of ids on one line: `channels: [web, counter]`."""
_TEXTS = Shape()
"""A list of sentences, one per line (`legal_basis`)."""

SHAPES: dict[str, Shape] = {
    "organisation": Shape(
        order=("organisation", "units", "life_events", "data_items"),
        fields={
            "organisation": Shape(
                order=("id", "name", "lpdc"),
                fields={
                    "lpdc": Shape(
                        order=("administrative_unit", "spatial", "language", "base_url", "contact"),
                        fields={
                            "spatial": _IDS,
                            "contact": Shape(order=("email", "phone", "url", "opening_hours")),
                        },
                    )
                },
            ),
            "units": Shape(items=Shape(order=("id", "name", "office", "domain", "external"))),
            "life_events": Shape(items=Shape(order=("id", "name", "products"), fields={"products": _IDS})),
            "data_items": Shape(items=Shape(order=("id", "name", "held_by"))),
        },
    ),
    "product": Shape(
        order=(
            "id",
            "name",
            "summary",
            "description",
            "owner",
            "process",
            "channels",
            "audience",
            "cost",
            "lead_time_days",
            "volume_per_year",
            "channel_share",
            "legal_basis",
            "identifiers",
            "lpdc",
            "status",
        ),
        fields={
            "channels": _IDS,
            "audience": _IDS,
            "cost": Shape(order=("amount", "currency"), flow=True),
            "channel_share": Shape(flow=True),
            "legal_basis": _TEXTS,
            "identifiers": Shape(flow=True),
            "lpdc": Shape(
                order=(
                    "product_type",
                    "themes",
                    "competent_levels",
                    "competent_authorities",
                    "executing_levels",
                    "executing_authorities",
                    "spatial",
                    "keywords",
                    "concept",
                    "links",
                ),
                fields={
                    "themes": _IDS,
                    "competent_levels": _IDS,
                    "executing_levels": _IDS,
                    "spatial": _IDS,
                    "keywords": _IDS,
                    "links": Shape(items=Shape(order=("title", "url"), flow=True)),
                },
            ),
        },
    ),
    "process": Shape(
        order=("id", "name", "start", "steps"),
        fields={
            "steps": Shape(
                items=Shape(
                    order=("id", "name", "unit", "office", "channel", "asks", "decision", "outcome", "next"),
                    fields={"asks": _IDS, "next": Shape(items=Shape(order=("to", "when")), flow=True)},
                )
            )
        },
    ),
}
"""The canonical form of each kind of catalog file (SPEC §2); kinds as in svcmap.catalog.schema."""
