"""The engine: every rule in force over one catalog, with its severity, filtered by inline suppressions.

Process rules run where each process is read (the loader's `examine` hook, in its worker), next to that
process's figures; catalog rules run once over the whole Catalog and its Analysis. The engine, not the
rules, stamps each finding's code and severity, as the config says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from svcmap.analysis.figures import Analysis, PackedSummaries, analyze, examine, summarise
from svcmap.catalog.loader import Examine, LoadResult, load_catalog
from svcmap.catalog.model import Catalog, Process
from svcmap.catalog.source import CatalogSource
from svcmap.findings import Finding, Problem, Severity
from svcmap.rules.findinglist import Compact, FindingList, count, merged, pack, position_order
from svcmap.rules.registry import RULES, Rule
from svcmap.rules.suppression import silenced

if TYPE_CHECKING:  # the config is a layer above the rules: it checks codes against the registry
    from svcmap.config import Config


@dataclass(frozen=True)
class ValidationResult:
    """The findings of one catalog, in file/line order, and what was checked."""

    findings: Sequence[Finding]
    """In report order: by file, then line, column, code and subject."""
    files: int
    products: int
    processes: int
    checked_files: tuple[str, ...] = ()
    """The catalog's files, ROOT-relative, read or not (JUnit gives each a test case)."""

    @property
    def errors(self) -> int:
        if isinstance(self.findings, FindingList):
            return self.findings.errors
        return sum(1 for finding in self.findings if finding.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        if isinstance(self.findings, FindingList):
            return self.findings.warnings
        return sum(1 for finding in self.findings if finding.severity is Severity.WARNING)


@dataclass(frozen=True)
class Checked:
    """A catalog as loaded, its figures, and its findings: what every command starts from."""

    loaded: LoadResult
    analysis: Analysis
    result: ValidationResult

    @property
    def catalog(self) -> Catalog:
        return self.loaded.catalog


def _in_force(config: Config, check: str | None = None) -> list[tuple[Rule, Severity, Mapping[str, Any]]]:
    """The rules the config keeps, with their severity and options; only those with `check` when given
    (`process_check` or `catalog_check`)."""
    return [
        (rule, config.severity_of(rule), config.options_for(rule))
        for rule in RULES.values()
        if (check is None or getattr(rule, check) is not None) and config.enabled(rule.code)
    ]


def _process_entries(
    rules: Iterable[tuple[Rule, Severity, Mapping[str, Any]]],
    catalog: Catalog,
    process: Process,
    examined: Any,
    deflate: bool,
) -> tuple[bytes, int, int]:
    """The process rules' findings in one process's file, in position order, packed with their counts."""
    entries: list[Compact] = []
    for rule, severity, options in rules:
        assert rule.process_check is not None
        for problem in rule.process_check(catalog, process, examined, options):
            at = problem.location  # always in the process's own file
            entries.append((rule.code, severity.value, problem.message, at.line, at.column, problem.subject))
    entries.sort(key=position_order)
    return (pack(entries, deflate), *count(entries))


def process_examiner(config: Config) -> Examine:
    """The per-process work the loader does for validation: the figures, and the process rules in force."""
    rules = _in_force(config, "process_check")

    def examine_process(organisation: Catalog, process: Process, deflate: bool) -> tuple[Any, ...]:
        examined = examine(organisation, process)
        entries = _process_entries(rules, organisation, process, examined, deflate)
        return summarise(process, examined).to_bytes(), entries

    return examine_process


def check(loaded: LoadResult, config: Config) -> Checked:
    """Every rule in force over a loaded catalog, and the catalog's figures."""
    catalog = loaded.catalog
    severities = {rule.code: severity for rule, severity, _ in _in_force(config)}
    elsewhere: dict[str, list[Finding]] = {}
    for finding in loaded.findings:
        if finding.code in severities:
            severity = severities[finding.code]
            elsewhere.setdefault(finding.file, []).append(
                finding if severity is finding.severity else replace(finding, severity=severity)
            )
    summaries: dict[str, bytes] = {}
    packed: dict[str, tuple[bytes, int, int]] = {}
    process_rules = _in_force(config, "process_check")
    for process_id, process in catalog.processes.items():
        done = loaded.examined.pop(process_id, None)  # taken apart here; the plain form is not kept twice
        if done is None:  # loaded without the engine's hook: work the process out here
            examined = examine(catalog, process)
            summaries[process_id] = summarise(process, examined).to_bytes()
            packed[process.file] = _process_entries(process_rules, catalog, process, examined, loaded.deflate)
        else:
            summaries[process_id], packed[process.file] = done
    analysis = analyze(catalog, PackedSummaries(summaries))
    for rule, severity, options in _in_force(config, "catalog_check"):
        assert rule.catalog_check is not None
        for finding in _stamped(rule.code, severity, rule.catalog_check(catalog, analysis, options)):
            elsewhere.setdefault(finding.file, []).append(finding)
    parts = []
    for file in sorted(set(packed) | set(elsewhere)):
        directives = loaded.directives.get(file)
        keep = (lambda entry, d=directives: not silenced(d, entry[0], entry[3])) if directives else None
        parts.append(merged(file, packed.get(file), elsewhere.get(file, ()), keep, loaded.deflate))
    result = ValidationResult(
        FindingList(parts), loaded.files, len(catalog.products), len(catalog.processes), tuple(loaded.paths)
    )
    return Checked(loaded, analysis, result)


def _stamped(code: str, severity: Severity, problems: Iterable[Problem]) -> Iterable[Finding]:
    for problem in problems:
        at = problem.location
        yield Finding(code, severity, problem.message, at.file, at.line, at.column, problem.subject)


def check_source(source: CatalogSource, config: Config, remember_files: bool = True) -> Checked:
    """Load a catalog, the process rules running where each process is read, and check the rest.

    `remember_files`: keep what the cache needs of each file read (see `load_catalog`)."""
    return check(load_catalog(source, process_examiner(config), remember_files), config)


def validate(source: CatalogSource, config: Config) -> ValidationResult:
    """Load a catalog and check it."""
    return check_source(source, config).result
