"""A catalog's figures as a cache entry: `to_data` gives plain JSON that `from_data` turns back into the same
Analysis (only a catalog without errors is analysed, so an entry also says "no errors")."""

from __future__ import annotations

from typing import Any

from svcmap.analysis.figures import (
    Analysis,
    LifeEventFigures,
    ProcessFigures,
    ProductFigures,
    UnitFigures,
    UnitHandoffs,
)
from svcmap.analysis.yearly import YearlyFigures

_FORMAT = 3
"""2: with the per-year figures."""


def to_data(analysis: Analysis) -> dict[str, Any]:
    """Plain data that `from_data` turns back into the same Analysis (the catalog's order kept)."""
    return {
        "format": _FORMAT,
        "processes": [figures.to_dict() for figures in analysis.processes.values()],
        "products": [
            [product.id, product.process, product.figures is not None] for product in analysis.products.values()
        ],
        "units": [unit.to_dict() for unit in analysis.units.values()],
        "life_events": [event.to_dict() for event in analysis.life_events.values()],
        "unit_handoffs": [cell.to_dict() for cell in analysis.unit_handoffs],
        "capped": list(analysis.capped),
        "yearly": analysis.yearly.to_dict(),
    }


def from_data(data: dict[str, Any]) -> Analysis:
    if data["format"] != _FORMAT:
        raise ValueError("another cache format")
    processes = {
        item["id"]: ProcessFigures(**{**item, "repeated_asks": tuple(item["repeated_asks"])})
        for item in data["processes"]
    }
    products = {
        product_id: ProductFigures(product_id, process, processes[process] if has_figures else None)
        for product_id, process, has_figures in data["products"]
    }
    units = {
        item["id"]: UnitFigures(
            item["id"],
            item["steps"],
            item["handoffs_in"],
            item["handoffs_out"],
            tuple((entry["unit"], entry["handoffs"]) for entry in item["hands_to"]),
        )
        for item in data["units"]
    }
    life_events = {
        item["id"]: LifeEventFigures(**{**item, "repeated_asks": tuple(item["repeated_asks"])})
        for item in data["life_events"]
    }
    matrix = tuple(
        UnitHandoffs(item["from"], item["to"], item["handoffs"], item["products"]) for item in data["unit_handoffs"]
    )
    yearly = YearlyFigures.from_dict(data["yearly"])
    return Analysis(processes, products, units, life_events, matrix, tuple(data["capped"]), yearly=yearly)
