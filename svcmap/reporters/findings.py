"""Reporters for `validate`: the findings of one catalog as text, JSON, SARIF, JUnit XML, GitHub annotations
or GitLab Code Quality.

Each reporter yields its text in chunks (a line or a block of findings at a time), so a region's report
of hundreds of thousands of findings is written out as it is made, never held whole; `"".join(...)`
gives the whole text. Besides the findings a reporter gets `ReportOptions`: what only the place the
report goes to knows (a terminal that takes colours, the repository around ROOT).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from svcmap import __version__
from svcmap.findings import Finding, Severity
from svcmap.i18n import _, ngettext
from svcmap.rules.engine import ValidationResult
from svcmap.rules.findinglist import Compact, FindingList, compact
from svcmap.rules.registry import RULES, Rule
from svcmap.text import Paint, terminal_text

CHUNK = 2000
"""Findings per chunk a reporter yields."""


@dataclass(frozen=True)
class ReportOptions:
    """What a report depends on besides the findings: where it goes, which only the command line knows."""

    color: bool = False
    """ANSI colours in `text` (the code by severity), for a terminal; the other formats have none."""
    base: str = ""
    """ROOT's path inside its git repository (`''` at the top): `gitlab` writes paths from the repository's
    top, as GitLab reads them; the other formats keep them relative to ROOT."""


PLAIN = ReportOptions()

_TEXT_STYLES = {"error": "1;31", "warning": "33", "location": "1", "summary": "1"}
"""Colours of the text report: the code red for an error, yellow for a warning; place and summary bold."""


def text_chunks(result: ValidationResult, options: ReportOptions = PLAIN) -> Iterator[str]:
    """`file:line:col: CODE message` per finding, then a summary line.

    Messages quote catalog text (names, ids) and file names come from the folder: what a terminal would
    act on instead of showing is written as an escape (`svcmap.text.terminal_text`), so neither can
    colour, move or clear the user's terminal. `str.isprintable` lets the common clean line through at
    C speed.
    """
    paint = Paint(options.color, _TEXT_STYLES)
    lines: list[str] = []
    for file, entries in _compact_findings(result.findings):
        file_text = _terminal(file)
        for code, severity, message, line, column, _subject in entries:
            if not message.isprintable():
                message = terminal_text(message)
            if options.color:
                place = paint("location", f"{file_text}:{line}:{column}:")
                lines.append(f"{place} {paint(severity, code)} {message}\n")
            else:
                lines.append(f"{file_text}:{line}:{column}: {code} {message}\n")
        if len(lines) >= CHUNK:
            yield "".join(lines)
            lines = []
    lines.append(paint("summary", summary(result)) + "\n")
    yield "".join(lines)


def _terminal(text: str) -> str:
    return text if text.isprintable() else terminal_text(text)


def text(result: ValidationResult, options: ReportOptions = PLAIN) -> str:
    """`file:line:col: CODE message` per finding, then a summary line."""
    return "".join(text_chunks(result, options))


def summary(result: ValidationResult) -> str:
    """`1 error, 2 warnings in 12 files (8 products, 8 processes)`."""
    return _("{counts} ({products}, {processes})").format(
        counts=counts_line(result.errors, result.warnings, result.files),
        products=ngettext("{count} product", "{count} products", result.products).format(count=result.products),
        processes=ngettext("{count} process", "{count} processes", result.processes).format(count=result.processes),
    )


def counts_line(errors: int, warnings: int, files: int) -> str:
    """`1 error, 2 warnings in 12 files`: the summary's start, also the stderr line when a report went to a file."""
    return _("{errors}, {warnings} in {files}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
        files=ngettext("{count} file", "{count} files", files).format(count=files),
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
    yield f"{head}["
    yield from _one_a_line(_json_findings(result.findings))
    yield "\n]}\n"


def _json_findings(findings: Sequence[Finding]) -> Iterator[str]:
    encode = _JSON.encode
    for file, entries in _compact_findings(findings):
        file_text = encode(file)
        for code, severity, message, line, column, subject in entries:  # Finding.to_dict's keys, in its order
            yield (
                f'{{"code": {encode(code)}, "severity": "{severity}", "message": {encode(message)}, '
                f'"file": {file_text}, "line": {line}, "column": {column}, "subject": {encode(subject)}}}'
            )


def _one_a_line(items: Iterable[str]) -> Iterator[str]:
    """The items of a JSON array, each on a line of its own (`\\n  item,`), in chunks of CHUNK items."""
    separator = "\n  "
    lines: list[str] = []
    for item in items:
        lines.append(item)
        if len(lines) >= CHUNK:
            yield separator + ",\n  ".join(lines)
            separator, lines = ",\n  ", []
    if lines:
        yield separator + ",\n  ".join(lines)


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

    Fingerprints leave out line numbers, so a finding keeps its identity when lines above it move
    (`_identities`).
    """
    rules = list(RULES.values())
    index = {rule.code: position for position, rule in enumerate(rules)}
    results = []
    for finding, identity in _identities(result.findings):
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
                "partialFingerprints": {"svcmapFinding/v1": identity},
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
        "fullDescription": {"text": _section(rule.doc, _("What it does")) or rule.summary},
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


def _identities(findings: Iterable[Finding]) -> Iterator[tuple[Finding, str]]:
    """Each finding with `fingerprint:n`, n counting the findings of one fingerprint in report order.

    No line or column goes in (a blank line inserted above keeps every identity), and the counter keeps
    identical findings apart: CI hosts match findings across runs by it and drop repeated ones.
    """
    seen: Counter[str] = Counter()
    for finding in findings:
        fingerprint = _fingerprint(finding)
        seen[fingerprint] += 1
        yield finding, f"{fingerprint}:{seen[fingerprint]}"


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


# --- GitLab Code Quality ---------------------------------------------------------------------------------

GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}
"""GitLab's scale is info, minor, major, critical, blocker: an error (which fails the run) ranks above a
warning, and neither claims the top two, which GitLab keeps for what blocks a release."""


def gitlab_chunks(result: ValidationResult, options: ReportOptions = PLAIN) -> Iterator[str]:
    """A GitLab Code Quality report: the subset of Code Climate's JSON that GitLab reads, one issue a line.

    GitLab shows the issues on the merge request (its widget, and the diff) and compares them with the
    target branch's by `fingerprint`, which holds no line number: an issue stays the same issue when lines
    above it move. `location.path` is from the repository's top (`options.base`), as GitLab reads it.
    """
    if not result.findings:
        yield "[]\n"
        return
    yield "["
    yield from _one_a_line(_gitlab_issues(result.findings, f"{options.base}/" if options.base else ""))
    yield "\n]\n"


def _gitlab_issues(findings: Iterable[Finding], prefix: str) -> Iterator[str]:
    encode = _JSON.encode
    for finding, identity in _identities(findings):
        issue = {
            "description": f"{finding.code} {finding.message}",
            "check_name": finding.code,
            "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32],
            "severity": GITLAB_SEVERITY[finding.severity],
            "location": {"path": prefix + finding.file, "lines": {"begin": finding.line}},
        }
        yield encode(issue)


def gitlab(result: ValidationResult, options: ReportOptions = PLAIN) -> str:
    """The whole GitLab Code Quality report."""
    return "".join(gitlab_chunks(result, options))


Reporter = Callable[[ValidationResult, ReportOptions], Iterator[str]]


def _whole(report: Callable[[ValidationResult], str]) -> Reporter:
    """A reporter that makes its text at once (an XML tree, an indented JSON log), as one chunk."""
    return lambda result, options: iter((report(result),))


REPORTERS: dict[str, Reporter] = {
    "text": text_chunks,
    "json": lambda result, options: json_chunks(result),
    "sarif": _whole(sarif),
    "junit": _whole(junit),
    "github": _whole(github),
    "gitlab": gitlab_chunks,
}
"""Format name → reporter, which yields the report in chunks."""
