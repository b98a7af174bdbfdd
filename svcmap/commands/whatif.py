"""`whatif`: scenarios read and checked, the catalog loaded and checked once, each scenario applied to it in
memory; `--apply` writes one scenario's change into the files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from svcmap.catalog.loader import load_catalog
from svcmap.catalog.model import Catalog
from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.rules.engine import ValidationResult, process_examiner
from svcmap.whatif.edits import FileEdit, plan_edits, write_edits
from svcmap.whatif.outcome import WhatIf, checked_before, what_if
from svcmap.whatif.scenario import ScenarioError, check_scenario, read_scenario


@dataclass(frozen=True)
class WhatIfRun:
    """The catalog as it is, and what each scenario would do to it, in the order given."""

    catalog: Catalog
    outcomes: tuple[WhatIf, ...]


def whatif(root: Path, config: Config, scenario_files: Sequence[Path]) -> WhatIfRun | ValidationResult:
    """Each scenario's effect on the catalog at ROOT; its findings when the catalog has errors (the figures
    would lie); ScenarioError (every fault of every scenario) when a scenario cannot be applied."""
    scenarios = [read_scenario(path) for path in scenario_files]  # a broken file fails before the catalog loads
    loaded = load_catalog(FolderSource(root), process_examiner(config), remember_files=False)
    before = checked_before(loaded, config)
    if before.checked.result.errors:
        return before.checked.result
    faults = [finding for scenario in scenarios for finding in check_scenario(scenario, before.catalog)]
    if faults:
        raise ScenarioError(faults)
    return WhatIfRun(before.catalog, tuple(what_if(before, scenario, config) for scenario in scenarios))


def apply_outcome(root: Path, run: WhatIfRun) -> list[FileEdit]:
    """Write the one scenario's change into the catalog's files; the files written (none when it is made already)."""
    (outcome,) = run.outcomes
    edits = plan_edits(root, run.catalog, outcome.change)
    write_edits(root, edits)
    return edits
