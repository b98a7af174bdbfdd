"""Build small Catalog models in memory, for property tests that need thousands of processes quickly."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from svcmap.catalog.model import Catalog, DataItem, LifeEvent, Process, Product, Ref, Step, Target, Unit, pack
from svcmap.findings import Location

HERE = Location("processes/p.yaml")


def unit(ident: str, office: str = "back", domain: str | None = None, external: bool = False) -> Unit:
    return Unit(ident, ident.title(), office, domain or ident, external, HERE)


def step(
    ident: str,
    unit_id: str,
    next_: Sequence[str | tuple[str, str | None]] = (),
    office: str | None = None,
    channel: str | None = None,
    asks: Sequence[str] = (),
    outcome: str | None = None,
) -> Step:
    targets = tuple(
        Target(item, None, HERE) if isinstance(item, str) else Target(item[0], item[1], HERE) for item in next_
    )
    asks_refs = tuple(Ref(a, HERE) for a in asks)
    return Step(ident, ident, Ref(unit_id, HERE), office, channel, asks_refs, targets, HERE, {}, outcome=outcome)


def process(ident: str, steps: Sequence[Step], start: str | None = None) -> Process:
    return Process(ident, ident, Ref(start, HERE) if start else None, tuple(steps), HERE)


def product(
    ident: str, process_id: str | None, channels: Sequence[str] = ("web",), lead_time_days: int | None = None
) -> Product:
    return Product(
        ident,
        ident,
        "owner",
        process_id,
        tuple(channels),
        "active" if process_id else "planned",
        HERE.file,
        json.dumps({} if lead_time_days is None else {"lead_time_days": lead_time_days}),
        pack([1, 1] * 4),
    )


def catalog(
    units: Iterable[Unit],
    processes: Iterable[Process],
    products: Iterable[Product] = (),
    life_events: Iterable[tuple[str, Sequence[str]]] = (),
    data_items: Iterable[DataItem] | None = None,
) -> Catalog:
    return Catalog(
        organisation_id="test",
        organisation_name="Test",
        units={u.id: u for u in units},
        products={p.id: p for p in products},
        processes={p.id: p for p in processes},
        life_events={
            ident: LifeEvent(ident, ident, tuple(Ref(p, HERE) for p in listed), HERE) for ident, listed in life_events
        },
        data_items={item.id: item for item in data_items} if data_items is not None else None,
        broken_ids={},
    )
