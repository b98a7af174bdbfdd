"""Reporters for `validate`: the findings of one catalog as text, JSON, SARIF, JUnit XML or GitHub annotations.

Each reporter yields its text in chunks (a line or a block of findings at a time), so a region's report
of hundreds of thousands of findings is written out as it is made, never held whole; `"".join(...)`
gives the whole text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from svcmap import __version__
from svcmap.findings import Finding, Severity
from svcmap.rules.engine import ValidationResult
from svcmap.rules.findinglist import Compact, FindingList, compact
from svcmap.rules.registry import RULES, Rule
from svcmap.text import plural

CHUNK = 2000
"""Findings per chunk a reporter yields."""


def text_chunks(result: ValidationResult) -> Iterator[str]:
    """`file:line:col: CODE message` per finding, then a summary line."""
    lines: list[str] = []
    for f in result.findings:
        lines.append(f"{f.file}:{f.line}:{f.column}: {f.code} {f.message}\n")
        if len(lines) >= CHUNK:
            yield "".join(lines)
            lines = []
    lines.append(summary(result) + "\n")
    yield "".join(lines)


def text(result: ValidationResult) -> str:
    """`file:line:col: CODE message` per finding, then a summary line."""
    return "".join(text_chunks(result))


def summary(result: ValidationResult) -> str:
    """`1 error, 2 warnings in 12 files (8 products, 8 processes)`."""
    return (
        f"{plural(result.errors, 'error')}, {plural(result.warnings, 'warning')} in "
        f"{plural(result.files, 'file')} ({plural(result.products, 'product')}, "
        f"{plural(result.processes, 'process', 'processes')})"
    )


_JSON = json.JSONEncoder(ensure_ascii=False)
"""One encoder for every finding: json.dumps with options builds a new one per call."""


def json_chunks(result: ValidationResult) -> Iterator[str]:
    """The JSON of SPEC §5: a summary and the findings, one finding per line.

    One finding per line: readable, diffable, and written by json's C encoder (indent= is pure Python,
    0.3 s for the 13,000 findings of the bench catalog).
    """
    document = {
        "summary": {
            "errors": result.errors,
            "warnings": result.warnings,
            "files": result.files,
            "products": result.products,
            "processes": result.processes,
        },
        "findings": [],
    }
    head = json.dumps(document, ensure_ascii=False)[: -len("[]}")]
    if not result.findings:
        yield f"{head}[]}}\n"
        return
    encode = _JSON.encode
    yield f"{head}["
    separator = "\n  "
    lines: list[str] = []
    for file, entries in _compact_findings(result.findings):
        file_text = encode(file)
        for code, severity, message, line, column, subject in entries:  # Finding.to_dict's keys, in its order
            lines.append(
                f'{{"code": {encode(code)}, "severity": "{severity}", "message": {encode(message)}, '
                f'"file": {file_text}, "line": {line}, "column": {column}, "subject": {encode(subject)}}}'
            )
        if len(lines) >= CHUNK:
            yield separator + ",\n  ".join(lines)
            separator, lines = ",\n  ", []
    if lines:
        yield separator + ",\n  ".join(lines)
    yield "\n]}\n"


def _compact_findings(findings: Sequence[Finding]) -> Iterator[tuple[str, Sequence[Compact]]]:
    """(file, compact findings) in report order: straight from a FindingList's blobs, without a Finding
    object per finding (half the time of the JSON report), or made from any other sequence."""
    if isinstance(findings, FindingList):
        yield from findings.compact()
        return
    for finding in findings:
        yield finding.file, (compact(finding),)


def json_report(result: ValidationResult) -> str:
    """The JSON of SPEC §5: a summary and the findings."""
    return "".join(json_chunks(result))


# --- SARIF 2.1.0: GitHub code scanning, Azure DevOps, GitLab, IDEs ------------------------------------

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
"""The base of every artifact URI: paths are ROOT-relative, and a SARIF consumer maps this id to ROOT."""


def sarif(result: ValidationResult) -> str:
    """A SARIF 2.1.0 log: every rule with its documentation, every finding with its physical location.

    Fingerprints leave out line numbers, so a finding keeps its identity when lines above it move.
    """
    rules = list(RULES.values())
    index = {rule.code: position for position, rule in enumerate(rules)}
    seen: Counter[str] = Counter()
    results = []
    for finding in result.findings:
        fingerprint = _fingerprint(finding)
        seen[fingerprint] += 1
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": finding.severity.value,
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": finding.file, "uriBaseId": SOURCE_ROOT},
                            "region": {"startLine": finding.line, "startColumn": finding.column},
                        },
                        "logicalLocations": [{"fullyQualifiedName": finding.subject}],
                    }
                ],
                "partialFingerprints": {"svcmapFinding/v1": f"{fingerprint}:{seen[fingerprint]}"},
            }
        )
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "svcmap",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_sarif_rule(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _section(rule.doc, "What it does") or rule.summary},
        "help": {"text": rule.doc, "markdown": rule.doc},
        "defaultConfiguration": {"level": rule.severity.value},
    }


def _section(doc: str, title: str) -> str:
    """The text under one `## title` heading of a rule's documentation."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL)
    return " ".join(match.group(1).split()) if match else ""


def _fingerprint(finding: Finding) -> str:
    """What identifies a finding across commits: its rule, file, subject and message without numbers."""
    message = re.sub(r"\d+", "0", finding.message)
    key = "\0".join((finding.code, finding.file, finding.subject, message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


# --- JUnit XML: GitLab test reports, Jenkins, Azure DevOps ---------------------------------------------

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def junit(result: ValidationResult) -> str:
    """JUnit XML: one test case per catalog file, passing or not, and a `<failure>` per finding.

    Readers that show only a test case's first failure (Jenkins, Azure DevOps) still show them all:
    the case's `<system-out>` lists every finding of the file as `file:line:col: CODE message`.
    """
    by_file: dict[str, list[Finding]] = {name: [] for name in result.checked_files}
    for finding in result.findings:
        by_file.setdefault(finding.file, []).append(finding)
    failed = sum(1 for findings in by_file.values() if findings)
    counts = {"tests": str(len(by_file)), "failures": str(failed), "errors": "0", "skipped": "0", "time": "0"}
    import xml.etree.ElementTree as ElementTree  # only JUnit needs it: the other formats start faster

    suites = ElementTree.Element("testsuites", {"name": "svcmap validate", **counts})
    suite = ElementTree.SubElement(suites, "testsuite", {"name": "svcmap validate", **counts})
    for name in sorted(by_file):
        attributes = {"name": _xml_text(name), "classname": _classname(name), "file": _xml_text(name), "time": "0"}
        case = ElementTree.SubElement(suite, "testcase", attributes)
        lines = []
        for finding in by_file[name]:
            line = f"{finding.file}:{finding.line}:{finding.column}: {finding.code} {finding.message}"
            failure = ElementTree.SubElement(
                case,
                "failure",
                {"message": _xml_text(f"{finding.code} {finding.message}"), "type": finding.code},
            )
            failure.text = _xml_text(f"{line} ({finding.severity.value}, {finding.subject})")
            lines.append(line)
        if lines:
            ElementTree.SubElement(case, "system-out").text = _xml_text("\n".join(lines) + "\n")
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


def _classname(path: str) -> str:
    """`catalog/products/eid.yaml` → `catalog.products`: readers group test cases by their class."""
    folder = path.rpartition("/")[0]
    return _xml_text(folder.replace("/", ".") or "catalog")


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: the few characters it forbids even escaped become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


# --- GitHub Actions workflow commands --------------------------------------------------------------------


def github(result: ValidationResult) -> str:
    """`::error file=…,line=…,col=…,title=CODE name::message` per finding (`::warning` for warnings).

    GitHub shows them as annotations on the pull request's files; the summary line is plain log text.
    """
    lines = []
    for finding in result.findings:
        command = "error" if finding.severity is Severity.ERROR else "warning"
        properties = ",".join(
            f"{key}={_github_property(str(value))}"
            for key, value in (
                ("file", finding.file),
                ("line", finding.line),
                ("col", finding.column),
                ("title", f"{finding.code} {RULES[finding.code].name}"),
            )
        )
        lines.append(f"::{command} {properties}::{_github_data(finding.message)}")
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def _github_data(value: str) -> str:
    """Escaping of a workflow command's message, as @actions/core does it."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(value: str) -> str:
    """Escaping of a workflow command's property value, as @actions/core does it."""
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def _whole(report: Callable[[ValidationResult], str]) -> Callable[[ValidationResult], Iterator[str]]:
    """A reporter that makes its text at once (an XML tree, an indented JSON log), as one chunk."""
    return lambda result: iter((report(result),))


REPORTERS: dict[str, Callable[[ValidationResult], Iterator[str]]] = {
    "text": text_chunks,
    "json": json_chunks,
    "sarif": _whole(sarif),
    "junit": _whole(junit),
    "github": _whole(github),
}
"""Format name → reporter, which yields the report in chunks."""
