"""`validate`: every rule over one loaded catalog, filtered by config and inline suppressions."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from svcmap.config import Config
from svcmap.findings import Finding, Problem, Severity
from svcmap.catalog.loader import LoadResult, load_catalog
from svcmap.rules.registry import RULES
from svcmap.catalog.source import CatalogSource
from svcmap.rules.suppression import without_suppressed


FINDING_ORDER = attrgetter("file", "line", "column", "code", "subject")
"""Findings are reported by file and position, then code and subject."""


@dataclass(frozen=True)
class ValidationResult:
    """The findings of one catalog, in file/line order, and what was checked."""

    findings: list[Finding]
    files: int
    products: int
    processes: int
    checked_files: tuple[str, ...] = ()
    """The catalog's files, ROOT-relative, read or not (JUnit gives each a test case)."""

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.severity is Severity.WARNING)


def check(loaded: LoadResult, config: Config) -> ValidationResult:
    """Run every rule in force over a loaded catalog."""
    findings: list[Finding] = []
    for problem in loaded.problems:
        rule = RULES[problem.code]
        if config.enabled(rule.code):
            findings.append(_finding(rule.code, config.severity_of(rule), problem))
    for rule in RULES.values():
        if rule.check is None or not config.enabled(rule.code):
            continue
        severity = config.severity_of(rule)
        options = config.options_for(rule)
        findings.extend(_finding(rule.code, severity, problem) for problem in rule.check(loaded.catalog, options))
    findings = without_suppressed(findings, loaded.texts)
    findings.sort(key=FINDING_ORDER)
    catalog = loaded.catalog
    return ValidationResult(
        findings, loaded.files, len(catalog.products), len(catalog.processes), tuple(loaded.paths)
    )


def validate(source: CatalogSource, config: Config) -> ValidationResult:
    """Load a catalog and check it."""
    return check(load_catalog(source), config)


def _finding(code: str, severity: Severity, problem: Problem) -> Finding:
    location = problem.location
    return Finding(code, severity, problem.message, location.file, location.line, location.column, problem.subject)
