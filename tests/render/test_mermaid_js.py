"""Mermaid itself draws svcmap's Mermaid: every example process (as `svcmap render --all --format mermaid` writes
it), every example life event's trajectory and hostile ones parse and render, the front-office band above the
back-office band and each band's lanes in order from top to bottom, as in every other format.

One run of Mermaid's renderer for the whole module (tests/render/mermaidjs.py). SVCMAP_MERMAID_SVG=DIR keeps
the SVG of each diagram there, for a person to look at.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcmap.cli import main
from svcmap.render import mermaid
from svcmap.render.geometry import Box
from svcmap.render.layout import Layout, layout_process, products_of
from tests import jstools
from tests.render import mermaidjs
from tests.render.examples import REPOSITORY, example_layouts, trajectory_layouts
from tests.render.helpers import LONG_NAME, NASTY_NAMES, load, nasty_steps, write_catalog
from tests.render.hostile import hostile_layouts

HOSTILE_UNITS = (
    {"id": "onthaal", "name": NASTY_NAMES[0] + " " + NASTY_NAMES[6], "office": "front"},
    {"id": "burgerzaken", "name": NASTY_NAMES[3] + " " + NASTY_NAMES[2], "office": "back"},
    {"id": "politie", "name": LONG_NAME, "office": "back", "external": True},
)
"""Lane names with `"`, `#`, `;`, backticks, `%%`, `-->`, markup, a newline, and one far too long."""

TANGLED_UNITS = [{"id": f"f{index}", "name": f"Front {index}", "office": "front"} for index in (0, 2, 1, 3)] + [
    {"id": f"b{index}", "name": f"Back {index}", "office": "back"} for index in (1, 0, 2)
]
TANGLED_STEPS = [
    {
        "id": "s0",
        "name": "Stap 0",
        "unit": "b0",
        "next": [{"to": t, "when": f"geval {t}"} for t in ("s1", "s9", "s11")],
    },
    {"id": "s1", "name": "Stap 1", "unit": "f1", "next": ["s2", "s12"]},
    {"id": "s2", "name": "Stap 2", "unit": "b2", "next": "s3"},
    {"id": "s3", "name": "Stap 3", "unit": "f3", "next": [{"to": t, "when": f"geval {t}"} for t in ("s4", "s7")]},
    {"id": "s4", "name": "Stap 4", "unit": "f2", "next": "s5"},
    {"id": "s5", "name": "Stap 5", "unit": "f3", "next": "s6"},
    {"id": "s6", "name": "Stap 6", "unit": "b1", "next": [{"to": t, "when": f"geval {t}"} for t in ("s7", "s11")]},
    {"id": "s7", "name": "Stap 7", "unit": "f1", "next": [{"to": t, "when": t} for t in ("s8", "s10", "s12", "s2")]},
    {
        "id": "s8",
        "name": "Stap 8",
        "unit": "f2",
        "next": [{"to": t, "when": f"geval {t}"} for t in ("s9", "s11", "s12")],
    },
    {"id": "s9", "name": "Stap 9", "unit": "f3"},
    {"id": "s10", "name": "Stap 10", "unit": "b2"},
    {"id": "s11", "name": "Stap 11", "unit": "b2", "next": "s12"},
    {"id": "s12", "name": "Stap 12", "unit": "f0"},
]
"""Seven lanes and flows back and forth between them: with the lanes side by side in their band (no pairs),
Mermaid's dagre layout loses one and Mermaid fails with "Cannot set properties of undefined"."""


def _layout(root: Path) -> Layout:
    catalog = load(root)
    process = catalog.processes["proces"]
    return layout_process(catalog, process, products_of(catalog, process.id))


@pytest.fixture(scope="module")
def examples() -> dict[str, Layout]:
    return example_layouts()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Layout]:
    folder = tmp_path_factory.mktemp("hostile")
    made = {
        "mermaid-names": write_catalog(
            folder / "mermaid-names",
            HOSTILE_UNITS,
            nasty_steps(NASTY_NAMES + (LONG_NAME,)),
            process_name=NASTY_NAMES[6],
            product_name=NASTY_NAMES[0] + NASTY_NAMES[6],
        ),
        "tangled": write_catalog(folder / "tangled", TANGLED_UNITS, TANGLED_STEPS),
        "one-band": write_catalog(
            folder / "one-band",
            HOSTILE_UNITS[1:],
            [{"id": "a", "name": "A", "unit": "politie", "next": "b"}, {"id": "b", "name": "B", "unit": "burgerzaken"}],
        ),
    }
    return {**hostile_layouts(folder / "shared"), **{name: _layout(root) for name, root in made.items()}}


@pytest.fixture(scope="module")
def trajectories() -> dict[str, Layout]:
    """The example life events' trajectories, as `<id>.life-event`: every product's process in one picture."""
    return {f"{name}.life-event": layout for name, layout in trajectory_layouts().items()}


@pytest.fixture(scope="module")
def layouts(
    examples: dict[str, Layout], hostile: dict[str, Layout], trajectories: dict[str, Layout]
) -> dict[str, Layout]:
    """Every diagram drawn here, by name: the lanes it must show, in order."""
    return {**examples, **hostile, **trajectories}


@pytest.fixture(scope="module")
def texts(
    examples: dict[str, Layout],
    hostile: dict[str, Layout],
    trajectories: dict[str, Layout],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, str]:
    """The examples as `svcmap render --all --format mermaid` writes them, the others from their layouts."""
    out = tmp_path_factory.mktemp("mermaid")
    args = ["render", "--root", str(REPOSITORY), "--all", "--format", "mermaid", "--out", str(out)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = {path.stem: path.read_text(encoding="utf-8") for path in out.glob("*.mmd")}
    assert set(written) == set(examples)
    drawn = {name: mermaid.to_mermaid(layout) for name, layout in {**hostile, **trajectories}.items()}
    return {**written, **drawn}


@pytest.fixture(scope="module")
def rendered(texts: dict[str, str]) -> dict[str, mermaidjs.Rendered]:
    results = mermaidjs.render_all(texts)
    keep = os.environ.get("SVCMAP_MERMAID_SVG")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for name, result in results.items():
            if result.svg:
                (Path(keep) / f"{name}.svg").write_text(result.svg, encoding="utf-8")
    return results


ROUNDING = 0.5
"""Pixels that Mermaid's boxes may be off by."""


def _above(upper: Box, lower: Box) -> bool:
    """Entirely above: no part of the two side by side."""
    return upper.bottom <= lower.y + ROUNDING


def test_every_diagram_parses_and_renders(rendered: dict[str, mermaidjs.Rendered]) -> None:
    """0 failures: every example process, hostile names (quotes, `<`, `#`, `;`, backticks, `%%`, newlines,
    500 characters), loops, many branches, seven tangled lanes, a single band."""
    failures = {name: result.error for name, result in rendered.items() if result.error or not result.svg}
    assert failures == {}
    assert len(rendered) >= 25 + 7 + 9


def test_the_front_office_band_is_drawn_above_the_back_office_band(
    layouts: dict[str, Layout], rendered: dict[str, mermaidjs.Rendered]
) -> None:
    both = [name for name, layout in layouts.items() if layout.lanes_in("front") and layout.lanes_in("back")]
    assert len(both) >= 25
    below = [
        name
        for name in both
        if not _above(rendered[name].subgraphs["n_band_front"], rendered[name].subgraphs["n_band_back"])
    ]
    assert below == []


def test_lanes_are_drawn_in_order_inside_their_band(
    layouts: dict[str, Layout], rendered: dict[str, mermaidjs.Rendered]
) -> None:
    """Top to bottom as the layout orders them (as every other format draws them), each within its band."""
    wrong = []
    for name, layout in layouts.items():
        boxes = rendered[name].subgraphs
        for office in ("front", "back"):
            lanes = [boxes[mermaid.node_id("lane:" + lane.id)] for lane in layout.lanes_in(office)]
            if not lanes:
                continue
            band = boxes[f"n_band_{office}"]
            in_order = all(_above(upper, lower) for upper, lower in zip(lanes, lanes[1:]))
            if not in_order or not all(band.inflated(ROUNDING).contains(lane) for lane in lanes):
                wrong.append((name, office))
    assert wrong == []


def test_mermaid_cli_renders_the_largest_example_as_a_user_would(texts: dict[str, str], tmp_path: Path) -> None:
    """The real `mmdc`, pointed at Debian's chromium by a puppeteer config (`--no-sandbox`), as the README
    tells a user to run it; one diagram only, since mmdc starts a browser per call (about 3 s)."""
    largest = max(
        (name for name in texts if (REPOSITORY / "processes" / f"{name}.yaml").is_file()), key=lambda n: len(texts[n])
    )
    (tmp_path / "in.mmd").write_text(texts[largest], encoding="utf-8")
    config = tmp_path / "puppeteer.json"
    config.write_text(json.dumps({"executablePath": jstools.chromium(), "args": list(jstools.CHROMIUM_FLAGS)}))
    command = [str(jstools.bin_script("mmdc")), "-p", str(config), "-i", "in.mmd", "-o", "out.svg", "-q"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    drawn = (tmp_path / "out.svg").read_text(encoding="utf-8")
    # the example catalog speaks Dutch (`language: nl`), so its band titles are Dutch
    assert "Frontoffice: boven de zichtlijn" in drawn
    assert "Backoffice: onder de zichtlijn" in drawn
