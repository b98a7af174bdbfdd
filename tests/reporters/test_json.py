"""The JSON report (SPEC §5): written straight from the packed findings, it must say what each Finding says."""

from __future__ import annotations

import json
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from svcmap.findings import Finding, Severity
from svcmap.reporters import findings as reporters
from svcmap.rules.engine import ValidationResult
from svcmap.rules.findinglist import FindingList, compact, count, pack

texts = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)
finding_lists = st.lists(
    st.lists(
        st.tuples(st.sampled_from(["SVC101", "SVC301"]), st.sampled_from(list(Severity)), texts, texts),
        max_size=6,
    ),
    max_size=6,
)


def _result(files: list[list[tuple[str, Severity, str, str]]]) -> ValidationResult:
    parts = []
    for number, entries in enumerate(files):
        file = f'processes/p"{number}\u2192.yaml'
        made = [
            Finding(code, severity, message, file, line + 1, 2, subject)
            for line, (code, severity, message, subject) in enumerate(entries)
        ]
        compacts = [compact(finding) for finding in made]
        parts.append((file, pack(compacts, deflate=True), *count(compacts)))
    found = FindingList(parts)
    return ValidationResult(found, len(files), 0, len(files), ())


@settings(max_examples=60, deadline=None)
@given(finding_lists, st.integers(1, 4))
def test_each_finding_is_its_to_dict_on_a_line_of_its_own(files, chunk) -> None:
    result = _result(files)
    with mock.patch.object(reporters, "CHUNK", chunk):  # chunk edges fall anywhere
        text = "".join(reporters.json_chunks(result))
    document = json.loads(text)
    assert document["findings"] == [finding.to_dict() for finding in result.findings]
    assert document["summary"]["warnings"] == result.warnings
    assert text.count("\n") == (len(result.findings) + 2 if result.findings else 1)
    as_a_list = ValidationResult(list(result.findings), result.files, 0, result.processes, ())
    assert "".join(reporters.json_chunks(as_a_list)) == text
