"""A step's `outcome` (SPEC §6): read into the model, only on an end step, placed by fmt, compared by diff."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from svcmap.catalog.loader import load_catalog
from svcmap.catalog.source import FolderSource
from svcmap.fmt import canonical
from tests.conftest import codes

PROCESS = "processes/adreswijziging.yaml"
END = "  - id: weigering\n    name: Kennisgeving van weigering\n    unit: burgerzaken\n"


def _with_outcome(root: Path, text: str) -> None:
    path = root / PROCESS
    path.write_text(path.read_text().replace(END, END + text))


def test_an_outcome_is_read_into_its_end_step(catalog: Callable[..., Path]) -> None:
    root = catalog()
    _with_outcome(root, "    outcome: refused\n")
    steps = load_catalog(FolderSource(root)).catalog.processes["adreswijziging"].step_by_id
    assert steps["weigering"].outcome == "refused"
    assert steps["bevestiging"].outcome is None  # delivered, the default
    assert codes(root) == []


def test_an_outcome_outside_the_vocabulary_is_svc002(catalog: Callable[..., Path]) -> None:
    root = catalog()
    _with_outcome(root, "    outcome: rejected\n")
    assert codes(root) == [("SVC002", PROCESS, 28, "process:adreswijziging/step:weigering")]


def test_an_outcome_on_a_step_with_next_is_svc002_at_the_outcome(catalog: Callable[..., Path]) -> None:
    root = catalog()
    path = root / PROCESS
    path.write_text(path.read_text().replace("    unit: politie\n", "    unit: politie\n    outcome: refused\n"))
    assert codes(root) == [("SVC002", PROCESS, 13, "process:adreswijziging/step:woonstcontrole")]


def test_fmt_puts_the_outcome_after_the_asks() -> None:
    text = "id: p\nname: P\nsteps:\n  - outcome: refused\n    asks: [x]\n    id: a\n    name: A\n    unit: u\n"
    assert "    unit: u\n    asks: [x]\n    outcome: refused\n" in canonical.format_text(text, "process")


def test_diff_names_a_changed_outcome(catalog: Callable[..., Path], cli: Callable[..., Any], tmp_path: Path) -> None:
    old = catalog()
    new = tmp_path / "new"
    shutil.copytree(old, new)
    _with_outcome(new, "    outcome: refused\n")
    result = cli("diff", "--root", str(old), str(old), str(new), "--format", "json", "--no-cache")
    (changed,) = json.loads(result.stdout)["processes"]["changed"]
    (step,) = changed["steps_changed"]
    assert (step["id"], step["fields"]) == ("weigering", ["outcome"])
    assert step["values"]["outcome"] == [None, "refused"]
