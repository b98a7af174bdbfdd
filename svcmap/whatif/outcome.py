"""What a scenario does: the diff's view of the catalog before and after it (figures per process, product, life
event, unit, and the catalog's totals), and the rule findings that appear and disappear.

Both sides are reduced to the diff's `Snapshot` and compared by `diff_snapshots`, so `whatif` says exactly
what `svcmap diff` would say between the catalog and a copy edited by hand to the same effect. The side
after is checked by the same engine as `validate`, from the same loaded files: each process the scenario
does not concern keeps what its loader worker worked out (its figures and its findings), and only the
others are examined again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from svcmap.catalog.loader import LoadResult
from svcmap.catalog.model import Catalog, Process
from svcmap.findings import Finding
from svcmap.rules.engine import Checked, check
from svcmap.rules.findinglist import FindingList
from svcmap.versions.diff import CatalogDiff, Version, diff_snapshots, snapshot
from svcmap.whatif.engine import Change, apply_change, plan, unit_users
from svcmap.whatif.scenario import Merge, Scenario, already_merged

if TYPE_CHECKING:
    from svcmap.config import Config


@dataclass(frozen=True)
class WhatIf:
    """One scenario's effect on the catalog."""

    scenario: Scenario
    diff: CatalogDiff
    appeared: tuple[Finding, ...]
    """Findings of the catalog after that it did not have before (matched by code and subject)."""
    disappeared: tuple[Finding, ...]
    already_made: tuple[Merge, ...]
    """Merges of the scenario the catalog has made already (no merged unit is left): nothing to do."""
    change: Change
    """What the scenario changes, resolved to ids: what `--apply` writes."""

    @property
    def totals(self) -> Mapping[str, tuple[int, int]]:
        return self.diff.totals or {}


@dataclass(frozen=True)
class Before:
    """The catalog as loaded and checked, with what each process's loader worker worked out (kept whole:
    checking a catalog takes it apart, and each scenario's side after reuses it)."""

    checked: Checked
    examined: Mapping[str, Any]

    @property
    def catalog(self) -> Catalog:
        return self.checked.catalog


def checked_before(loaded: LoadResult, config: Config) -> Before:
    """Check a catalog loaded with the engine's examiner (`process_examiner`), keeping its workers' results."""
    examined = dict(loaded.examined)
    return Before(check(loaded, config), examined)


def what_if(before: Before, scenario: Scenario, config: Config) -> WhatIf:
    """The scenario (checked against the catalog: see `check_scenario`) applied, and both sides compared."""
    checked = before.checked
    catalog = checked.catalog
    users = unit_users(catalog, checked.analysis.summaries)
    change = plan(catalog, scenario, users)
    after_catalog = apply_change(catalog, change)
    again = set(change.processes) | {process for unit in change.touched_units for process in users.get(unit, ())}
    examined = {process_id: done for process_id, done in before.examined.items() if process_id not in again}
    after = check(replace(checked.loaded, catalog=after_catalog, examined=examined), config)
    untouched = {
        process_id: _same_on_both_sides(process)
        for process_id, process in catalog.processes.items()
        if process_id not in change.steps
    }
    diff = diff_snapshots(
        snapshot(checked.loaded, checked.analysis, untouched),
        snapshot(after.loaded, after.analysis, untouched),
        Version("before"),
        Version(scenario.label),
    )
    appeared, disappeared = findings_diff(*_changed_files(checked.result.findings, after.result.findings))
    made = tuple(merge for merge in scenario.merges if already_merged(merge, catalog))
    return WhatIf(scenario, diff, appeared, disappeared, made, change)


def _same_on_both_sides(process: Process) -> dict[str, Any]:
    """What the diff is given of a process the scenario does not edit: its name (reports name it), and no
    steps to compare — the same steps on both sides, of which the diff could only say they are equal."""
    return {"name": process.name, "start": None, "steps": {}}


def _changed_files(before: Sequence[Finding], after: Sequence[Finding]) -> tuple[list[Finding], list[Finding]]:
    """The findings of the files whose findings differ at all: each side's findings of every other file are
    the same packed bytes (the processes the scenario leaves alone keep their workers' findings)."""
    if not isinstance(before, FindingList) or not isinstance(after, FindingList):
        return list(before), list(after)
    old = {part[0]: part[1] for part in before.parts}
    new = {part[0]: part[1] for part in after.parts}
    changed = {file for file in old.keys() | new.keys() if old.get(file) != new.get(file)}
    return (
        list(FindingList(part for part in before.parts if part[0] in changed)),
        list(FindingList(part for part in after.parts if part[0] in changed)),
    )


def findings_diff(
    before: Iterable[Finding], after: Iterable[Finding]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """(appeared, disappeared): findings matched by (code, subject); where a subject has several findings
    of one code (SVC304, one per item), the messages tell them apart."""
    old = _by_key(before)
    new = _by_key(after)
    appeared: list[Finding] = []
    disappeared: list[Finding] = []
    for key in sorted(set(old) | set(new)):
        was, now = old.get(key, []), new.get(key, [])
        if not was or not now:
            appeared += now
            disappeared += was
        elif len(was) != len(now):
            was_messages = {finding.message for finding in was}
            now_messages = {finding.message for finding in now}
            appeared += [finding for finding in now if finding.message not in was_messages]
            disappeared += [finding for finding in was if finding.message not in now_messages]
    order = lambda finding: (finding.file, finding.line, finding.column, finding.code, finding.subject)  # noqa: E731
    return tuple(sorted(appeared, key=order)), tuple(sorted(disappeared, key=order))


def _by_key(findings: Iterable[Finding]) -> dict[tuple[str, str], list[Finding]]:
    found: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        found.setdefault((finding.code, finding.subject), []).append(finding)
    return found
