"""`validate --format github`: workflow commands GitHub turns into annotations, escaped as @actions/core does."""

from __future__ import annotations

import re

from svcmap.findings import Finding, Severity
from svcmap.reporters.findings import github
from svcmap.rules.engine import ValidationResult
from tests.reporters.catalogs import BROKEN_PRODUCT, UNUSED_PROCESS, with_findings

COMMAND = re.compile(r"::(error|warning) file=([^,]*),line=(\d+),col=(\d+),title=([^,:]*)::(.*)")


def test_one_annotation_per_finding_then_the_summary(catalog) -> None:
    lines = github(with_findings(catalog)).splitlines()
    commands = [COMMAND.fullmatch(line).groups()[:5] for line in lines[:-1]]
    assert commands == [
        ("error", BROKEN_PRODUCT, "3", "1", "SVC001 unreadable-file"),
        ("warning", UNUSED_PROCESS, "1", "1", "SVC105 unused-process"),
        ("error", UNUSED_PROCESS, "4", "53", "SVC101 unknown-unit"),
    ]
    assert lines[-1] == "2 errors, 1 warning in 5 files (1 product, 2 processes)"


def test_messages_and_properties_are_escaped() -> None:
    finding = Finding("SVC002", Severity.WARNING, "100% fout\r\nop: a, b", "processes/a,b:c%.yaml", 2, 3, "process:a")
    (line, _) = github(ValidationResult([finding], 1, 0, 1, ())).splitlines()
    assert line == (
        "::warning file=processes/a%2Cb%3Ac%25.yaml,line=2,col=3,title=SVC002 schema-violation"
        "::100%25 fout%0D%0Aop: a, b"
    )


def test_no_findings_is_just_the_summary() -> None:
    assert github(ValidationResult([], 3, 1, 1, ())) == "0 errors, 0 warnings in 3 files (1 product, 1 process)\n"
