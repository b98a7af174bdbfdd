"""Inline suppression: a comment `# svcmap: ignore[SVC302]` silences that finding on that line."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from svcmap.findings import Finding

_DIRECTIVE = re.compile(r"#\s*svcmap:\s*ignore(?:\[([A-Za-z0-9,\s]*)\])?")
ALL = frozenset({"*"})


def directives(text: str) -> dict[int, frozenset[str]]:
    """Per 1-based line, the codes silenced there (`ALL` for a bare `# svcmap: ignore`)."""
    found: dict[int, frozenset[str]] = {}
    if "svcmap:" not in text:
        return found
    for number, line in enumerate(text.splitlines(), start=1):
        match = _DIRECTIVE.search(line)
        if match:
            codes = match.group(1)
            found[number] = (
                frozenset(code.strip().upper() for code in codes.split(",") if code.strip()) if codes else ALL
            )
    return found


def without_suppressed(findings: Iterable[Finding], texts: Mapping[str, str]) -> list[Finding]:
    """The findings no inline comment silences."""
    per_file: dict[str, dict[int, frozenset[str]]] = {}
    kept = []
    for finding in findings:
        if finding.file not in per_file:
            per_file[finding.file] = directives(texts.get(finding.file, ""))
        codes = per_file[finding.file].get(finding.line)
        if codes and (codes is ALL or finding.code in codes):
            continue
        kept.append(finding)
    return kept
