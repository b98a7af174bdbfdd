"""Processes a careless or hostile catalog might hold, for the modellers' tools to open: markup in every name,
names far too long for any box, loops of every kind, decisions and fan-outs with many branches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from svcmap.catalog.model import Catalog
from svcmap.render.layout import Layout, layout_process, products_of
from tests.render.helpers import LONG_NAME, NASTY_NAMES, UNITS, load, nasty_steps, write_catalog

MARKUP = "<b>\"Aanvraag\" & 'controle'</b> <![CDATA[x]]> &amp; --> <!-- -->"

LONG_UNITS = (
    {"id": "loket", "name": "Loket " + LONG_NAME, "office": "front"},
    {"id": "backoffice", "name": 'Back <office> & "co" ' + LONG_NAME, "office": "back"},
    {"id": "partner", "name": "Partner " + LONG_NAME, "office": "back", "external": True},
)


def _many_branches() -> list[dict[str, Any]]:
    """A decision with six answers (one without a `when`), a fan-out of four that meets again, and ends."""
    units = ["onthaal", "burgerzaken", "politie"]
    steps: list[dict[str, Any]] = [
        {
            "id": "start",
            "name": MARKUP,
            "unit": "onthaal",
            "channel": "web",
            "decision": f"Welke {MARKUP} route?",
            "next": [{"to": f"b{index}", "when": f'geval {index} <{index}> & "{index}"'} for index in range(5)]
            + ["b5"],
        },
    ]
    for index in range(6):
        steps.append({"id": f"b{index}", "name": f"Tak {index} {MARKUP}", "unit": units[index % 3], "next": "fan"})
    steps.append({"id": "fan", "name": "Adviezen vragen", "unit": "burgerzaken", "next": [f"p{i}" for i in range(4)]})
    for index in range(4):
        steps.append({"id": f"p{index}", "name": f"Advies {index}", "unit": units[index % 3], "next": "bundel"})
    steps.append(
        {
            "id": "bundel",
            "name": "Adviezen bundelen",
            "unit": "burgerzaken",
            "next": [{"to": "einde", "when": "gunstig"}, "fan", "start", "bundel"],
        }
    )
    steps.append({"id": "einde", "name": "Einde", "unit": "onthaal", "channel": "mail"})
    return steps


def _loops() -> list[dict[str, Any]]:
    """A loop into the start step, a step that leads to itself, ping-pong between two units, and a single
    target that carries a `when`."""
    return [
        {"id": "a", "name": "Aanvraag", "unit": "onthaal", "channel": "web", "next": "b"},
        {"id": "b", "name": "Controle", "unit": "burgerzaken", "next": [{"to": "c", "when": "ok"}, "a"]},
        {"id": "c", "name": "Nazicht", "unit": "politie", "next": [{"to": "b", "when": "terug"}, {"to": "c"}, "d"]},
        {"id": "d", "name": "Beslissing", "unit": "burgerzaken", "next": [{"to": "e", "when": "altijd"}]},
        {"id": "e", "name": "Bericht", "unit": "onthaal", "channel": "mail"},
    ]


def _long() -> list[dict[str, Any]]:
    """Every text far too long: step names, the decision, the `when`s."""
    return [
        {"id": "eerste", "name": LONG_NAME, "unit": "loket", "channel": "web", "next": "tweede"},
        {
            "id": "tweede",
            "name": "Tweede " + LONG_NAME,
            "unit": "backoffice",
            "decision": "Vraag " + LONG_NAME + "?",
            "next": [{"to": "derde", "when": "ja " + LONG_NAME}, {"to": "eerste", "when": "nee " + LONG_NAME}],
        },
        {"id": "derde", "name": "Derde " + LONG_NAME, "unit": "partner", "next": "vierde"},
        {"id": "vierde", "name": "Vierde " + LONG_NAME, "unit": "loket", "channel": "mail"},
    ]


def hostile_catalogs(root: Path) -> dict[str, Catalog]:
    """Catalogs of one process each, written under `root`: name → catalog."""
    made = {
        "hostile-names": write_catalog(root / "names", UNITS, nasty_steps(NASTY_NAMES), product_name=MARKUP),
        "hostile-long": write_catalog(root / "long", LONG_UNITS, _long(), product_name=LONG_NAME),
        "hostile-branches": write_catalog(root / "branches", UNITS, _many_branches(), process_name=MARKUP),
        "hostile-loops": write_catalog(root / "loops", UNITS, _loops(), product_name=None),
    }
    return {name: load(folder) for name, folder in made.items()}


def hostile_layouts(root: Path) -> dict[str, Layout]:
    """The layout of each hostile process."""
    layouts = {}
    for name, catalog in hostile_catalogs(root).items():
        process = catalog.processes["proces"]
        layouts[name] = layout_process(catalog, process, products_of(catalog, process.id))
    return layouts
