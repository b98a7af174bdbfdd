"""The BPMN export opened as a modeller opens it: bpmnlint's `recommended` rules, and bpmn.io's viewer.

Both run once for the whole module, on every process and life-event trajectory of the example catalog and on
the hostile ones
(markup in names, names too long for any box, loops, many branches): one node run of the real bpmnlint
CLI for all files, one headless Chromium for all diagrams. SVCMAP_BPMN_SCREENSHOTS=DIR keeps a
screenshot of each diagram as bpmn-js draws it there, for a person to look at.
"""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from svcmap.render import bpmn
from tests import jstools
from tests.render import bpmnjs
from tests.render.examples import every_layout, example_layouts, trajectory_layouts

TOLERANCE = 2.0
"""Points that a name drawn by bpmn-js may stand out of the box it was given (font rounding)."""


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    layouts = every_layout(tmp_path_factory.mktemp("hostile"))
    return {name: bpmn.to_bpmn(layout) for name, layout in layouts.items()}


@pytest.fixture(scope="module")
def opened(exports: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bpmnjs.Opened]:
    keep = os.environ.get("SVCMAP_BPMN_SCREENSHOTS")
    return bpmnjs.open_all(exports, tmp_path_factory.mktemp("bpmn-js"), Path(keep) if keep else None)


def examples_and_trajectories() -> list[str]:
    """The names of the example catalog's exports: its processes, and its life events' trajectories."""
    return [*example_layouts(), *(f"{name}.life-event" for name in trajectory_layouts())]


def test_bpmnlint_recommended_finds_no_problem(exports: dict[str, str], tmp_path: Path) -> None:
    """0 errors and 0 warnings of bpmnlint's recommended rules, in every file, from one run of its CLI."""
    script = jstools.package("bpmnlint") / "bin" / "bpmnlint.js"
    (tmp_path / ".bpmnlintrc").write_text('{"extends": "bpmnlint:recommended"}\n', encoding="utf-8")
    for name, text in exports.items():
        (tmp_path / f"{name}.bpmn").write_text(text, encoding="utf-8")
    files = sorted(path.name for path in tmp_path.glob("*.bpmn"))
    assert len(files) == len(exports) >= 25 + 9 + 4
    completed = subprocess.run(
        [jstools.node(), str(script), "--max-warnings=0", *files],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (completed.returncode, completed.stdout.strip(), completed.stderr.strip()) == (0, "", "")


def test_bpmn_js_imports_every_example_process_and_trajectory_without_a_warning(
    opened: dict[str, bpmnjs.Opened],
) -> None:
    examples = examples_and_trajectories()
    assert set(examples) <= set(opened)
    problems = {name: (o.warnings, o.error) for name, o in opened.items() if o.warnings or o.error}
    assert problems == {}, bpmnjs.as_json(opened)


def test_lane_and_pool_names_stay_in_their_own_band(opened: dict[str, bpmnjs.Opened]) -> None:
    """A lane's name, as bpmn-js wraps it, takes at most two lines: it stays within the lane's 30-point band,
    so it never covers the band beside it or the pool's name."""
    for name, result in opened.items():
        for element in result.elements:
            if element["type"] not in ("bpmn:Lane", "bpmn:Participant") or element["text"] is None:
                continue
            text = element["text"]
            where = f"{name}: {element['id']}"
            assert element["lines"] <= 2, where
            assert element["x"] - TOLERANCE <= text["x"], where
            assert text["x"] + text["width"] <= element["x"] + 30 + TOLERANCE, where
            assert element["y"] - TOLERANCE <= text["y"], where
            assert text["y"] + text["height"] <= element["y"] + element["height"] + TOLERANCE, where


def test_names_outside_shapes_stand_in_their_boxes(opened: dict[str, bpmnjs.Opened]) -> None:
    """Gateways', events' and branches' names, as bpmn-js wraps them, fit the label boxes the export gave them
    (so the boxes that keep names apart in the layout are the ones drawn). Only for the example catalog:
    the hostile names are longer than any box."""
    for name in examples_and_trajectories():
        for element in opened[name].elements:
            label, text = element["label"], element["text"]
            if label is None or text is None:
                continue
            where = f"{name}: {element['id']} {text} in {label}"
            assert label["x"] - TOLERANCE <= text["x"] and label["y"] - TOLERANCE <= text["y"], where
            assert text["x"] + text["width"] <= label["x"] + label["width"] + TOLERANCE, where
            assert text["y"] + text["height"] <= label["y"] + label["height"] + TOLERANCE, where


def test_exclusive_gateways_show_their_marker(exports: dict[str, str]) -> None:
    """Camunda Modeler writes isMarkerVisible on every exclusive gateway; bpmn-js draws a blank diamond without."""
    for name, text in exports.items():
        root = ET.fromstring(text)
        exclusive = {element.get("id") for element in root.iter(f"{{{bpmn.MODEL}}}exclusiveGateway")}
        marked = {
            shape.get("bpmnElement")
            for shape in root.iter(f"{{{bpmn.BPMNDI}}}BPMNShape")
            if shape.get("isMarkerVisible") == "true"
        }
        assert exclusive == marked, name


def test_task_names_fit_their_tasks(opened: dict[str, bpmnjs.Opened]) -> None:
    """Every example task's name, as bpmn-js wraps it, stays inside the task (the layout's box is large enough)."""
    for name in examples_and_trajectories():
        for element in opened[name].elements:
            if element["type"] not in ("bpmn:Task", "bpmn:UserTask") or element["text"] is None:
                continue
            text, where = element["text"], f"{name}: {element['id']}"
            assert element["x"] <= text["x"] and text["x"] + text["width"] <= element["x"] + element["width"], where
            assert element["y"] - TOLERANCE <= text["y"], where
            assert text["y"] + text["height"] <= element["y"] + element["height"] + TOLERANCE, where
