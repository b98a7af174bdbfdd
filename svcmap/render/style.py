"""What every diagram format draws alike: the colours of flows and handoffs, and how a coordinate is written."""

from __future__ import annotations

FLOW_COLOR = "#4d4d4d"
"""Work that stays within one unit."""
HANDOFF_COLOR = "#1565c0"
"""Work handed to another unit of the same domain."""
SILO_COLOR = "#d32f2f"
"""Work handed across domains: the strongest mark."""
PASSAGE_COLOR = "#2e7d32"
"""In a trajectory: the citizen going on from one product to the next."""
PART_FILL = "#e8f3e8"
"""The caption of a product's part of a trajectory."""
EXTERNAL_FILL = "#e2e2e2"
"""An external partner's lane or box: grey, and drawn dashed."""
EXTERNAL_STROKE = "#333333"


def number(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros, so files stay small and byte-identical."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
