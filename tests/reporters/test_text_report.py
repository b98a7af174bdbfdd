"""`validate`'s text: `file:line:col: CODE message`, inert on a terminal, coloured only when asked."""

from __future__ import annotations

from svcmap.findings import Finding, Severity
from svcmap.reporters.findings import ReportOptions, text
from svcmap.rules.engine import ValidationResult

ERROR = Finding("SVC101", Severity.ERROR, "unknown unit 'x'", "processes/a.yaml", 2, 3, "process:a/step:b")
WARNING = Finding(
    "SVC105", Severity.WARNING, "process 'a' is used by no product", "processes/a.yaml", 1, 1, "process:a"
)
RESULT = ValidationResult([WARNING, ERROR], 3, 1, 1)
ESC = "\x1b"


def test_plain_text_has_no_escape_sequences() -> None:
    assert text(RESULT).splitlines() == [
        "processes/a.yaml:1:1: SVC105 process 'a' is used by no product",
        "processes/a.yaml:2:3: SVC101 unknown unit 'x'",
        "1 error, 1 warning in 3 files (1 product, 1 process)",
    ]


def test_colour_marks_the_code_by_severity_and_nothing_else_changes() -> None:
    coloured = text(RESULT, ReportOptions(color=True))
    lines = coloured.splitlines()
    assert f"{ESC}[33mSVC105{ESC}[0m" in lines[0]  # a warning's code in yellow
    assert f"{ESC}[1;31mSVC101{ESC}[0m" in lines[1]  # an error's code in bold red
    assert lines[1].startswith(f"{ESC}[1mprocesses/a.yaml:2:3:{ESC}[0m ")
    plain = coloured.replace(f"{ESC}[0m", "")
    for code in ("1;31", "33", "1"):
        plain = plain.replace(f"{ESC}[{code}m", "")
    assert plain == text(RESULT)


def test_catalog_text_cannot_drive_the_terminal() -> None:
    hostile = Finding(
        "SVC306", Severity.WARNING, "asks for 'id' (Ident\x1b[31miteit\u202e)", "processes/\x1b[2J.yaml", 8, 12, "x"
    )
    for options in (ReportOptions(), ReportOptions(color=True)):
        report = text(ValidationResult([hostile], 1, 0, 1), options)
        assert "\x1b[31m" not in report and "\x1b[2J" not in report and "\u202e" not in report
        assert "Ident\\x1b[31miteit\\u202e" in report and "processes/\\x1b[2J.yaml:8:12:" in report
