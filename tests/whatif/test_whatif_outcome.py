"""The findings that appear and disappear: matched by (code, subject), so a finding whose message changes
(other counts, other unit names) is neither; several findings of one code on one subject by their message."""

from __future__ import annotations

from svcmap.findings import Finding, Severity
from svcmap.whatif.outcome import findings_diff


def finding(code: str, subject: str, message: str = "m", line: int = 1) -> Finding:
    return Finding(code, Severity.WARNING, message, "processes/p.yaml", line, 1, subject)


def test_findings_are_matched_by_code_and_subject() -> None:
    before = [finding("SVC301", "process:p", "5 silo handoffs"), finding("SVC302", "process:p/step:b")]
    after = [finding("SVC301", "process:p", "3 silo handoffs"), finding("SVC303", "process:p")]
    appeared, disappeared = findings_diff(before, after)
    assert [(f.code, f.subject) for f in appeared] == [("SVC303", "process:p")]
    assert [(f.code, f.subject) for f in disappeared] == [("SVC302", "process:p/step:b")]


def test_several_findings_of_one_code_on_one_subject_are_told_apart_by_their_message() -> None:
    before = [
        finding("SVC304", "process:p", "identity asked twice"),
        finding("SVC304", "process:p", "email asked twice"),
    ]
    after = [finding("SVC304", "process:p", "identity asked twice")]
    appeared, disappeared = findings_diff(before, after)
    assert appeared == () and [f.message for f in disappeared] == ["email asked twice"]
