"""bpmn.io's viewer (npm bpmn-js) in headless Chromium, as a modeller opens our BPMN: warnings, geometry, screenshots.

One browser for every diagram: a small local page (file://, in a temp folder) loads bpmn-js's viewer
bundle from tools/js/node_modules, imports each XML with `importXML`, and reports back what the modeller
would see: the import warnings, and for every shape and edge the box bpmn-js drew its name in (in diagram
coordinates, with the number of lines it wrapped the name into), so tests can check that names stay in
their places. A screenshot of each diagram is taken where a folder is given.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests import jstools

PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="{assets}/diagram-js.css">
<link rel="stylesheet" href="{assets}/bpmn-js.css">
<style>html, body, #canvas {{ margin: 0; width: 100%; height: 100%; background: white; }}</style>
<script src="{bundle}"></script>
</head><body><div id="canvas"></div></body></html>
"""

OPEN = """
async (xml) => {
  const container = document.getElementById('canvas');
  container.innerHTML = '';
  const viewer = new BpmnJS({ container });
  let warnings = [], error = null;
  try {
    ({ warnings } = await viewer.importXML(xml));
  } catch (problem) {
    error = String(problem && problem.message || problem);
    warnings = (problem && problem.warnings) || [];
  }
  const canvas = viewer.get('canvas');
  canvas.zoom('fit-viewport');
  const box = canvas.viewbox();
  const svg = container.querySelector('svg').getBoundingClientRect();
  const toDiagram = (rect) => ({
    x: box.x + (rect.left - svg.left) / box.scale, y: box.y + (rect.top - svg.top) / box.scale,
    width: rect.width / box.scale, height: rect.height / box.scale,
  });
  const elements = [];
  for (const element of viewer.get('elementRegistry').getAll()) {
    if (!element.businessObject || element.type === 'label') continue;
    const gfx = [viewer.get('elementRegistry').getGraphics(element)];
    if (element.label) gfx.push(viewer.get('elementRegistry').getGraphics(element.label));
    let text = null, lines = 0;
    for (const graphics of gfx) {
      const found = graphics && graphics.querySelector('text.djs-label');
      if (found && found.textContent.trim()) {
        text = toDiagram(found.getBoundingClientRect());
        lines = found.querySelectorAll('tspan').length;
      }
    }
    elements.push({
      id: element.id, type: element.type,
      x: element.x, y: element.y, width: element.width, height: element.height,
      waypoints: element.waypoints || null,
      label: element.label ? { x: element.label.x, y: element.label.y,
                                width: element.label.width, height: element.label.height } : null,
      text, lines,
    });
  }
  return { warnings: warnings.map((w) => String(w.message || w)), error, elements, scale: box.scale };
}
"""


@dataclass(frozen=True)
class Opened:
    """What bpmn-js made of one file."""

    warnings: list[str]
    error: str | None
    elements: list[dict[str, Any]]
    """Every shape and edge: its id, type, bounds or waypoints, its label's bounds, and where its text is."""

    def element(self, element_id: str) -> dict[str, Any]:
        return next(item for item in self.elements if item["id"] == element_id)


def open_all(files: Mapping[str, str], folder: Path, screenshots: Path | None = None) -> dict[str, Opened]:
    """Each XML (name → text) opened in one headless Chromium; a PNG per name in `screenshots` if given."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python (the test extra)")
    bundle = jstools.package("bpmn-js") / "dist" / "bpmn-viewer.production.min.js"
    page_file = folder / "bpmn-js.html"
    page_file.write_text(
        PAGE.format(assets=(bundle.parent / "assets").as_uri(), bundle=bundle.as_uri()), encoding="utf-8"
    )
    results: dict[str, Opened] = {}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=jstools.chromium(), args=list(jstools.CHROMIUM_FLAGS), headless=True
        )
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 900})
            page.goto(page_file.as_uri())
            for name, xml in files.items():
                width, height = _size(xml)
                page.set_viewport_size({"width": width, "height": height})
                found = page.evaluate(OPEN, xml)
                results[name] = Opened(found["warnings"], found["error"], found["elements"])
                if screenshots is not None:
                    screenshots.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(screenshots / f"{name}.png"))
        finally:
            browser.close()
    return results


def _size(xml: str) -> tuple[int, int]:
    """A viewport that shows the pool at about its own size (bpmn-js then fits it in)."""
    bounds = [element.attrib for element in ET.fromstring(xml).iter("{http://www.omg.org/spec/DD/20100524/DC}Bounds")]
    right = max((float(b["x"]) + float(b["width"]) for b in bounds), default=800.0)
    bottom = max((float(b["y"]) + float(b["height"]) for b in bounds), default=600.0)
    return (min(int(right) + 60, 3000), min(int(bottom) + 60, 2000))


def as_json(results: Mapping[str, Opened]) -> str:
    """The results as JSON, for a failing test's message."""
    return json.dumps({name: {"warnings": o.warnings, "error": o.error} for name, o in results.items()}, indent=1)
