"""A step's `decision` (SPEC §6): read into the model, checked by the schema, placed by fmt, compared by diff."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from svcmap.catalog.loader import load_catalog
from svcmap.catalog.source import FolderSource
from svcmap.fmt import canonical
from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"


def _with_decision(root: Path, line: str) -> None:
    path = root / PROCESS
    unit = "    unit: burgerzaken\n"
    path.write_text(path.read_text().replace(f"{unit}    next:\n", f"{unit}{line}    next:\n"))


def test_a_decision_is_read_into_its_step(catalog: Callable[..., Path]) -> None:
    root = catalog()
    _with_decision(root, "    decision: Is de woonstcontrole positief?\n")
    steps = load_catalog(FolderSource(root)).catalog.processes["adreswijziging"].step_by_id
    assert steps["registratie"].decision == "Is de woonstcontrole positief?"
    assert steps["aangifte"].decision is None
    assert codes(root) == []


def test_a_decision_that_is_not_text_is_svc002_at_the_step(catalog: Callable[..., Path]) -> None:
    root = catalog()
    _with_decision(root, "    decision: 42\n")
    assert ("SVC002", PROCESS, 17, "process:adreswijziging/step:registratie") in codes(root)


def test_fmt_puts_the_decision_right_before_next() -> None:
    text = "id: p\nname: P\nsteps:\n  - next: [b]\n    decision: Welke?\n    id: a\n    name: A\n    unit: u\n"
    assert "    unit: u\n    decision: Welke?\n    next: [b]\n" in canonical.format_text(text, "process")


def test_diff_names_a_changed_decision(catalog: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path) -> None:
    old = catalog()
    new = tmp_path / "new"
    new.mkdir()
    for path in old.rglob("*"):
        if path.is_file():
            (new / path.relative_to(old)).parent.mkdir(parents=True, exist_ok=True)
            (new / path.relative_to(old)).write_bytes(path.read_bytes())
    _with_decision(new, "    decision: Is de woonstcontrole positief?\n")
    result = cli("diff", "--root", str(old), str(old), str(new), "--format", "json", "--no-cache")
    (changed,) = json.loads(result.stdout)["processes"]["changed"]
    (step,) = changed["steps_changed"]
    assert (step["id"], step["fields"]) == ("registratie", ["decision"])
    assert step["values"]["decision"] == [None, "Is de woonstcontrole positief?"]
