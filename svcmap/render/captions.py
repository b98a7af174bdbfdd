"""The words every diagram format writes around a process: its subtitle and its figures, unescaped."""

from __future__ import annotations

from svcmap.analysis.figures import ProcessFigures
from svcmap.render.layout import Layout
from svcmap.text import plural


def figures_line(figures: ProcessFigures) -> str:
    """`3 handoffs · 2 silo handoffs · 2 contact moments · 5 steps over 3 units`."""
    return " · ".join(
        (
            plural(figures.handoffs, "handoff"),
            plural(figures.silo_handoffs, "silo handoff"),
            plural(figures.contact_moments, "contact moment"),
            f"{plural(figures.steps, 'step')} over {plural(figures.units, 'unit')}",
        )
    )


def subtitle(layout: Layout) -> str:
    """What the title does not say: the process behind the product(s), or that no product uses it (a chain of
    processes says what it is itself)."""
    if layout.subtitle:
        return layout.subtitle
    if layout.product_names:
        return f"process: {layout.process_name} ({layout.process_id})"
    return f"process {layout.process_id} (no product names it)"
