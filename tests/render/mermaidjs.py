"""Mermaid's own parser and renderer (npm `mermaid`, which `@mermaid-js/mermaid-cli` renders with) in headless
Chromium, on many diagrams at once: whether each parses and renders, and where each subgraph was drawn.

One Chromium for all diagrams, a page per CPU that loads Mermaid once (tools/js/mermaid-render.mjs): Mermaid's
CLI starts a page and loads Mermaid again for each diagram, about a second each (27 s for the 25 example
processes here, against 6 s). Each page does what a git host's page does: `mermaid.parse`, `mermaid.render`.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

import pytest

from svcmap.render.geometry import Box
from tests import jstools

SCRIPT = jstools.NODE_MODULES.parent / "mermaid-render.mjs"


@dataclass(frozen=True)
class Rendered:
    """What Mermaid made of one diagram: an SVG and where it drew each subgraph (by Mermaid id, in the SVG's
    units, y downwards), or its error."""

    svg: str | None
    error: str | None
    subgraphs: dict[str, Box]


def render_all(diagrams: Mapping[str, str], timeout: float = 300) -> dict[str, Rendered]:
    """Each Mermaid text (name → text) parsed and rendered by Mermaid in one headless Chromium."""
    jstools.package("mermaid")
    jstools.package("puppeteer")
    command = [jstools.node(), str(SCRIPT), jstools.chromium(), *jstools.CHROMIUM_FLAGS]
    completed = subprocess.run(
        command, input=json.dumps(dict(diagrams)), capture_output=True, text=True, timeout=timeout, check=False
    )
    if completed.returncode != 0:
        pytest.fail(f"Mermaid's renderer failed:\n{completed.stderr[-4000:]}")
    found = json.loads(completed.stdout)
    return {
        name: Rendered(result["svg"], result["error"], {key: Box(*box) for key, box in result["subgraphs"].items()})
        for name, result in found.items()
    }
