"""Inline suppression: a comment `# svcmap: ignore[SVC302]` silences that finding on that line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from svcmap.catalog.directives import ALL, Directives
from svcmap.findings import Finding


def without_suppressed(findings: Iterable[Finding], directives: Mapping[str, Directives]) -> list[Finding]:
    """The findings no inline comment silences (the loader keeps each file's real comments that say so)."""
    if not directives:
        return list(findings)
    kept = []
    for finding in findings:
        codes = directives.get(finding.file, {}).get(finding.line)
        if codes is not None and (codes == ALL or finding.code in codes):
            continue
        kept.append(finding)
    return kept
