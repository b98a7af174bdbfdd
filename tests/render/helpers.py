"""Helpers for the render tests: the fixture catalogs beside them, and catalogs built from data in tmp_path."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from svcmap.catalog.loader import load_catalog
from svcmap.catalog.model import Catalog
from svcmap.catalog.source import FolderSource
from svcmap.render.layout import Layout, layout_process, products_of

FIXTURES = Path(__file__).parent / "fixtures"
XSD = Path(__file__).parent / "xsd"

NASTY_NAMES = (
    'The "quoted" name',
    "back\\slash at the end\\",
    "<b>not bold</b> & <i>not italic</i> &amp; &#34;",
    "first line\nsecond line",
    "emoji 😀 🏛️ and ✓",
    '"]; node [image="/etc/passwd"]',
    "#quot; [square] {curly} (round) |pipe| `tick` ; %% -->",
    "C:\\Nieuw \\G \\L \\l \\E \\T \\H \\\\N: Graphviz escapes",
    "noncharacters \ufffe \uffff \U0001fffe \ufdd0 (YAML escapes let them in)",
    "]",
    " ",
)
"""Step names a hostile or careless catalog might hold; each must come out as literal text. Graphviz refuses
an HTML-like label that is only `]`, or empty (what a name of white space becomes)."""

LONG_NAME = "Zeer lange naam " * 31 + "einde"
"""Over 500 characters."""


def load(root: Path) -> Catalog:
    return load_catalog(FolderSource(root)).catalog


def fixture_layout(name: str, process_id: str | None = None) -> Layout:
    catalog = load(FIXTURES / name)
    process = catalog.processes[process_id or next(iter(catalog.processes))]
    return layout_process(catalog, process, products_of(catalog, process.id))


def write_catalog(
    root: Path,
    units: Sequence[dict[str, Any]],
    steps: Sequence[dict[str, Any]],
    process_id: str = "proces",
    process_name: str = "Een proces",
    product_name: str | None = "Een product",
) -> Path:
    """A one-process catalog from plain data (JSON is YAML, so any text is written safely)."""
    files = {
        "catalog/organisation.yaml": {"organisation": {"id": "gemeente", "name": "Gemeente"}, "units": list(units)},
        f"processes/{process_id}.yaml": {"id": process_id, "name": process_name, "steps": list(steps)},
    }
    if product_name is not None:
        files[f"catalog/products/{process_id}.yaml"] = {
            "id": process_id,
            "name": product_name,
            "owner": units[0]["id"],
            "process": process_id,
            "channels": ["web"],
        }
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml_text(data), encoding="utf-8")
    return root


_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]|[^\x00-\ufffd]")


def yaml_text(data: Any) -> str:
    """Data as YAML a user could have written: JSON (which is YAML), with every character YAML may not hold
    in a file written as the escape (`\\uFFFE`, `\\U0001FFFE`) a double-quoted scalar allows, as a
    catalog must write them."""

    def escaped(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code > 0xFFFF and code & 0xFFFE != 0xFFFE:
            return match.group()  # an ordinary astral character (emoji) stays as it is
        return f"\\U{code:08X}" if code > 0xFFFF else f"\\u{code:04X}"

    return _UNPRINTABLE.sub(escaped, json.dumps(data, ensure_ascii=False, indent=1)) + "\n"


UNITS = (
    {"id": "onthaal", "name": "Onthaal", "office": "front", "domain": "dienstverlening"},
    {"id": "burgerzaken", "name": "Burgerzaken", "office": "back", "domain": "dienstverlening"},
    {"id": "politie", "name": "Politie", "office": "back", "external": True},
)


def nasty_steps(names: Sequence[str]) -> list[dict[str, Any]]:
    """A chain of steps named `names`, over the three UNITS, with the names as `when` on a decision too."""
    units = [unit["id"] for unit in UNITS]
    steps: list[dict[str, Any]] = []
    for index, name in enumerate(names):
        step: dict[str, Any] = {"id": f"s{index}", "name": name, "unit": units[index % len(units)]}
        if index == 0:
            step["channel"] = "web"
        if index + 1 < len(names):
            step["next"] = (
                [{"to": f"s{index + 1}", "when": name}, {"to": f"s{len(names) - 1}", "when": "anders"}]
                if (index + 2 < len(names))
                else f"s{index + 1}"
            )
        steps.append(step)
    return steps
