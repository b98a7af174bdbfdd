"""Per-year figures ("durf meten"): the SPEC §3 figures weighted by how many citizens a year go through them.

A product with `volume_per_year: V` (SPEC §6) puts V requests a year through its process, so each of
the process's figures happens V times a year: V × handoffs, V × silo handoffs, V × contact moments
(each contact is a citizen coming back), V × repeated asks (the items asked twice). Nothing here
defines a figure: every one is a figure of `svcmap.analysis.figures` times a volume, so a definition
changes in one place.

The API, for `analyze`, `whatif` and the unit network:

    yearly_figures(catalog, analysis) -> YearlyFigures

- `.totals`: catalog-wide sums, keys `requests_per_year`, `handoffs_per_year`, `silo_handoffs_per_year`,
  `contact_moments_per_year`, `repeated_asks_per_year` (`TOTAL_KEYS`); the requests count every product
  with a volume, the other figures those that also have a process;
- `.products`: product id → `YearlyRow`, for each product with a volume and a process;
- `.processes`: process id → `YearlyRow`, summed over the products with a volume that use it;
- `.life_events`: life event id → `YearlyRow`, summed over its products with a volume and a process;
- `.units`: unit id → `UnitYearly` (steps, handoffs in and out a year, over every process with a volume);
- `.channels`: channel → `ChannelYearly`, the requests a year per channel over every product with a
  volume (`channel_share` splits it; a product with one channel and no share puts all of it there; one
  with several channels and no share counts as `UNSPECIFIED`, not split by a guess), most first;
  `.in_person_requests` the part of them made in person (counter, appointment, home visit);
- `.products_with_volume` of `.products_total`: what the figures cover ("25 of 26 products"); products
  without a volume are left out of every per-year figure, never counted as zero;
- `.unit_pairs`: (from unit, to unit) → handoffs a year, the unit matrix weighted by volume; and
  `.every_process` whether every process of the catalog has requests a year, so that the whole matrix
  can be weighted by them (the unit network does; a mix of counts and volumes would compare edges with
  citizens).

Only products with a volume count: a catalog without any gives an empty YearlyFigures (`covered` false),
and reports show no per-year figures at all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # figures builds its Analysis with these: a type-only import, no cycle
    from svcmap.analysis.figures import Analysis, ProcessFigures
    from svcmap.catalog.model import Catalog

UNSPECIFIED = "unspecified"
"""The channel of requests a year of a product with several channels and no `channel_share`."""

IN_PERSON = ("counter", "appointment", "home-visit")
"""Channels where the citizen and a civil servant meet in person (channel strategy: the counter is the
most expensive channel, for citizen and organisation alike)."""

TOTAL_KEYS = (
    "requests_per_year",
    "handoffs_per_year",
    "silo_handoffs_per_year",
    "contact_moments_per_year",
    "repeated_asks_per_year",
)


@dataclass(frozen=True, slots=True)
class YearlyRow:
    """A product's, process's or life event's figures a year."""

    id: str
    requests_per_year: int
    handoffs_per_year: int
    silo_handoffs_per_year: int
    contact_moments_per_year: int
    repeated_asks_per_year: int

    def to_dict(self) -> dict[str, object]:
        return {key: getattr(self, key) for key in ("id", *TOTAL_KEYS)}

    def __add__(self, other: YearlyRow) -> YearlyRow:
        return YearlyRow(self.id, *(getattr(self, key) + getattr(other, key) for key in TOTAL_KEYS))


@dataclass(frozen=True, slots=True)
class UnitYearly:
    """A unit's work a year: its steps done, and the handoffs entering and leaving its steps."""

    id: str
    steps_per_year: int
    handoffs_in_per_year: int
    handoffs_out_per_year: int

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "steps_per_year": self.steps_per_year,
            "handoffs_in_per_year": self.handoffs_in_per_year,
            "handoffs_out_per_year": self.handoffs_out_per_year,
        }


@dataclass(frozen=True, slots=True)
class ChannelYearly:
    """The requests a year on one channel, and how many products they come from."""

    channel: str
    requests_per_year: int
    products: int

    def to_dict(self) -> dict[str, object]:
        return {"channel": self.channel, "requests_per_year": self.requests_per_year, "products": self.products}


@dataclass(frozen=True)
class YearlyFigures:
    """Every per-year figure of one catalog (see the module docstring); mappings keep the catalog's order,
    `channels` most requests first."""

    products_with_volume: int
    products_total: int
    totals: Mapping[str, int]
    products: Mapping[str, YearlyRow]
    processes: Mapping[str, YearlyRow]
    life_events: Mapping[str, YearlyRow]
    units: Mapping[str, UnitYearly]
    channels: Mapping[str, ChannelYearly]
    in_person_requests: int = 0
    """Requests a year where citizen and civil servant meet in person (`IN_PERSON` channels), including
    the `UNSPECIFIED` requests of products whose channels are all in person."""
    unit_pairs: Mapping[tuple[str, str], int] = field(default_factory=dict)
    """(from unit, to unit) → handoff edges between them times the requests a year of their process."""
    every_process: bool = False
    """Every process of the catalog has requests a year (a product with a volume uses it)."""

    @property
    def covered(self) -> bool:
        """Whether any product states a volume: without one there are no per-year figures to show."""
        return self.products_with_volume > 0

    def summary(self) -> dict[str, Any]:
        """The `per_year` section of `analyze --format json`: coverage, totals and the channel mix (the
        figures of each product, process, unit and life event join their own entries)."""
        return {
            "products_with_volume": self.products_with_volume,
            "products": self.products_total,
            "totals": dict(self.totals),
            "channels": [entry.to_dict() for entry in self.channels.values()],
            "in_person_requests_per_year": self.in_person_requests,
        }

    def to_dict(self) -> dict[str, Any]:
        """Every figure as plain data, which `from_dict` turns back into the same YearlyFigures (the cache's form)."""
        return {
            **self.summary(),
            "by_product": [row.to_dict() for row in self.products.values()],
            "by_process": [row.to_dict() for row in self.processes.values()],
            "by_life_event": [row.to_dict() for row in self.life_events.values()],
            "by_unit": [entry.to_dict() for entry in self.units.values()],
            "by_unit_pair": [[source, target, count] for (source, target), count in self.unit_pairs.items()],
            "every_process": self.every_process,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> YearlyFigures:
        def rows(key: str) -> dict[str, YearlyRow]:
            return {item["id"]: YearlyRow(**item) for item in data[key]}

        return cls(
            data["products_with_volume"],
            data["products"],
            dict(data["totals"]),
            rows("by_product"),
            rows("by_process"),
            rows("by_life_event"),
            {item["id"]: UnitYearly(**item) for item in data["by_unit"]},
            {item["channel"]: ChannelYearly(**item) for item in data["channels"]},
            data["in_person_requests_per_year"],
            {(source, target): count for source, target, count in data["by_unit_pair"]},
            data["every_process"],
        )


NO_YEARLY_FIGURES = YearlyFigures(0, 0, dict.fromkeys(TOTAL_KEYS, 0), {}, {}, {}, {}, {})


def _row(ident: str, volume: int, figures: ProcessFigures) -> YearlyRow:
    return YearlyRow(
        ident,
        volume,
        volume * figures.handoffs,
        volume * figures.silo_handoffs,
        volume * figures.contact_moments,
        volume * len(figures.repeated_asks),
    )


def yearly_figures(catalog: Catalog, analysis: Analysis) -> YearlyFigures:
    """The per-year figures of a catalog and its Analysis (which must hold its process summaries for
    the units' figures, as `figures.analyze` gives it)."""
    with_volume = [product for product in catalog.products.values() if product.volume_per_year is not None]
    if not with_volume:
        return replace(NO_YEARLY_FIGURES, products_total=len(catalog.products))
    products: dict[str, YearlyRow] = {}
    process_volume: Counter[str] = Counter()
    for product in with_volume:
        figures = analysis.products[product.id].figures
        if figures is not None:
            volume = product.volume_per_year or 0
            products[product.id] = _row(product.id, volume, figures)
            process_volume[figures.id] += volume
    processes = {
        process_id: _row(process_id, process_volume[process_id], figures)
        for process_id, figures in analysis.processes.items()
        if process_id in process_volume
    }
    life_events = {}
    for event in catalog.life_events.values():
        listed = [products[p] for p in dict.fromkeys(ref.id for ref in event.products) if p in products]
        if listed:
            total = YearlyRow(event.id, 0, 0, 0, 0, 0)
            for row in listed:
                total = total + row
            life_events[event.id] = total
    totals = {key: sum(getattr(row, key) for row in products.values()) for key in TOTAL_KEYS}
    totals["requests_per_year"] = sum(product.volume_per_year or 0 for product in with_volume)
    channels, in_person = _channels(catalog, totals["requests_per_year"])
    units, unit_pairs = _units(analysis, process_volume)
    return YearlyFigures(
        len(with_volume),
        len(catalog.products),
        totals,
        products,
        processes,
        life_events,
        units,
        channels,
        in_person,
        unit_pairs,
        all(process_volume[process_id] > 0 for process_id in analysis.processes),
    )


def _units(
    analysis: Analysis, process_volume: Mapping[str, int]
) -> tuple[dict[str, UnitYearly], dict[tuple[str, str], int]]:
    """Per unit, over every process with a volume: its steps, handoffs in and out, each times the volume;
    and per pair of units, the handoffs a year from one to the other."""
    pairs: Counter[tuple[str, str]] = Counter()
    steps: Counter[str] = Counter()
    handoffs_in: Counter[str] = Counter()
    handoffs_out: Counter[str] = Counter()
    for process_id, volume in process_volume.items():
        handoffs, unit_steps = analysis.summaries[process_id].tallies
        for source, target, count in handoffs:
            handoffs_out[source] += volume * count
            handoffs_in[target] += volume * count
            pairs[(source, target)] += volume * count
        for unit, count in unit_steps:
            steps[unit] += volume * count
    units = {
        unit: UnitYearly(unit, steps[unit], handoffs_in[unit], handoffs_out[unit])
        for unit in analysis.units
        if steps[unit] or handoffs_in[unit] or handoffs_out[unit]
    }
    return units, dict(pairs)


def _channels(catalog: Catalog, requests_total: int) -> tuple[dict[str, ChannelYearly], int]:
    """The requests a year per channel, most first (then by name), rounded so they sum to the requests;
    and the requests made in person."""
    exact: dict[str, float] = {}
    in_person = 0.0
    products: Counter[str] = Counter()
    for product in catalog.products.values():
        volume = product.volume_per_year
        if volume is None:
            continue
        if product.channel_share:  # shares sum to 1 within the schema's tolerance: scaled to exactly 1
            written = sum(share for _, share in product.channel_share)
            split = [(channel, volume * share / written) for channel, share in product.channel_share if share > 0]
        elif len(product.channels) == 1:
            split = [(product.channels[0], float(volume))]
        else:
            split = [(UNSPECIFIED, float(volume))]
            if all(channel in IN_PERSON for channel in product.channels):
                in_person += volume  # which of them is unknown, but each is in person
        for channel, requests in split:
            exact[channel] = exact.get(channel, 0.0) + requests
            products[channel] += 1
            if channel in IN_PERSON:
                in_person += requests
    whole = _apportioned(exact, requests_total)
    ranked = sorted(exact, key=lambda channel: (channel == UNSPECIFIED, -whole[channel], channel))
    channels = {channel: ChannelYearly(channel, whole[channel], products[channel]) for channel in ranked}
    return channels, round(in_person)


def _apportioned(exact: Mapping[str, float], total: int) -> dict[str, int]:
    """Whole numbers for `exact` that sum to `total` (largest remainder), so a channel table adds up."""
    whole = {key: math.floor(value) for key, value in exact.items()}
    short = total - sum(whole.values())
    by_remainder = sorted(exact, key=lambda key: (-(exact[key] - whole[key]), key))
    for key in by_remainder[: max(short, 0)]:
        whole[key] += 1
    return whole
