"""A life event's trajectory: its products in order, what each promises, and what the citizen is asked on the way.

The "persoonlijke menukaart" of a life situation (a young family moving in, someone starting a business):
the products one after the other, each with its channels, its promised lead time and its process's
contact moments, handoffs and silo handoffs; every data item the citizen is asked, listed once where it is
first asked, and every later ask of it named (tell your story once); and the life event's summed figures.

The figures are not worked out here: a product's are its process's and the sums are the life event's, both
from `svcmap.analysis.figures` (SPEC §3), so the menu and `analyze` can never disagree. What this module adds
is the order the citizen meets things in: products in the life event's order, and within a product the
steps by their column (the longest path from the start, `svcmap.analysis.graph.layers`), then as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from svcmap.analysis.figures import Analysis, LifeEventFigures, ProcessFigures
from svcmap.analysis.graph import layers
from svcmap.catalog.model import Catalog, Process, Product, Step


@dataclass(frozen=True, slots=True)
class Ask:
    """One step that asks the citizen for one data item."""

    item: str
    product: str
    """The product id whose process asks it."""
    step: str
    step_name: str


@dataclass(frozen=True, slots=True)
class AskedItem:
    """A data item the citizen is asked for along the trajectory: where it is asked first, and every ask after."""

    id: str
    name: str
    """Its name in the data dictionary, else its id."""
    held_by: str | None
    """A register that holds it (the once-only principle says: consult it, do not ask)."""
    first: Ask
    again: tuple[Ask, ...]
    """Every later ask, in the order met: the repeated asks."""

    @property
    def products(self) -> tuple[str, ...]:
        """The products that ask it, in order, each once."""
        return tuple(dict.fromkeys(ask.product for ask in (self.first, *self.again)))


@dataclass(frozen=True, slots=True)
class Leg:
    """One product of the trajectory, at its place in the life event's order."""

    position: int
    """1 for the first product."""
    product_id: str
    name: str
    """The product's name, or its id where the catalog has no such product."""
    known: bool
    """False for an id the life event lists but the catalog lacks (SVC104)."""
    channels: tuple[str, ...]
    lead_time_days: int | None
    process: Process | None
    """The process behind it, where the catalog has one."""
    figures: ProcessFigures | None
    """Its process's figures; None for a product without a process."""
    asks: tuple[Ask, ...]
    """What its steps ask, in the order the citizen meets them."""


@dataclass(frozen=True)
class Trajectory:
    """A life event as the citizen goes through it."""

    id: str
    name: str
    legs: tuple[Leg, ...]
    items: tuple[AskedItem, ...]
    """Every item asked, once, in the order first asked."""
    figures: LifeEventFigures
    """analyze's figures of the life event: handoffs, silo handoffs, contact moments, units, repeated asks."""

    @property
    def drawn(self) -> tuple[Leg, ...]:
        """The legs with a process: the ones a diagram draws."""
        return tuple(leg for leg in self.legs if leg.process is not None)

    @property
    def lead_time_days(self) -> int:
        """The promised lead times added up, over the products that promise one."""
        return sum(leg.lead_time_days for leg in self.legs if leg.lead_time_days is not None)

    @property
    def without_lead_time(self) -> tuple[Leg, ...]:
        """The products that promise no lead time (the total leaves them out)."""
        return tuple(leg for leg in self.legs if leg.lead_time_days is None)

    @property
    def contact_moments(self) -> int:
        """How often the citizen has to come (back): the contact moments of every product, added up."""
        return self.figures.contact_moments

    @property
    def repeated_asks(self) -> tuple[Ask, ...]:
        """Every ask of an item already asked earlier in the trajectory, in the order met."""
        first = {item.first for item in self.items}
        return tuple(ask for leg in self.legs for ask in leg.asks if ask not in first)


def trajectory_of(catalog: Catalog, analysis: Analysis, event_id: str) -> Trajectory:
    """The trajectory of a life event of the catalog (`analysis` is the catalog's own)."""
    event = catalog.life_events[event_id]
    legs: list[Leg] = []
    for position, product_id in enumerate(dict.fromkeys(ref.id for ref in event.products), start=1):
        legs.append(_leg(catalog, analysis, position, product_id))  # a product listed twice is SVC003: once here
    return Trajectory(event.id, event.name, tuple(legs), _items(catalog, legs), analysis.life_events[event.id])


def _leg(catalog: Catalog, analysis: Analysis, position: int, product_id: str) -> Leg:
    product = catalog.products.get(product_id)
    if product is None:
        return Leg(position, product_id, product_id, False, (), None, None, None, ())
    process = catalog.processes.get(product.process_id) if product.process_id else None
    figures = analysis.products[product_id].figures if process is not None else None
    asks = tuple(
        Ask(item, product_id, step.id, step.name)
        for step in (met_in_order(process) if process is not None else ())
        for item in dict.fromkeys(ref.id for ref in step.asks)  # an item a step lists twice, it asks once
    )
    return Leg(position, product_id, product.name, True, product.channels, lead_time(product), process, figures, asks)


def lead_time(product: Product) -> int | None:
    """The promised lead time in days, as written (`lead_time_days`); None where the product promises none."""
    days = product.fields.get("lead_time_days")
    return days if isinstance(days, int) and not isinstance(days, bool) else None


def met_in_order(process: Process) -> list[Step]:
    """A process's steps in the order the citizen meets them: by column, then as written."""
    layer = layers(process)
    written = list(process.step_by_id.values())
    return sorted(written, key=lambda step: layer[step.id])  # a stable sort keeps the written order in a column


def _items(catalog: Catalog, legs: list[Leg]) -> tuple[AskedItem, ...]:
    """Every item once, at its first ask, with the asks after it."""
    asks: dict[str, list[Ask]] = {}
    for leg in legs:
        for ask in leg.asks:
            asks.setdefault(ask.item, []).append(ask)
    dictionary = catalog.data_items or {}
    items = []
    for item_id, found in asks.items():
        declared = dictionary.get(item_id)
        name = declared.name if declared else item_id
        items.append(AskedItem(item_id, name, declared.held_by if declared else None, found[0], tuple(found[1:])))
    return tuple(items)
