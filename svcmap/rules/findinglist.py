"""A catalog's findings in report order, kept compact until a reporter reads them.

A region's catalog (100,000 products) has hundreds of thousands of findings; as Finding objects with
their messages (UCS-2 strings, because of the `→` in them) they would take more memory than the
whole model. So each file's findings are kept as one marshalled blob — strings in UTF-8, no object per
finding — the blob a loader worker already sent for that file where nothing else concerns it, and
decoded only while a reporter walks them. Files come in path order, a file's findings by position:
the order `validate` reports them in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

from svcmap.catalog import packing
from svcmap.findings import Finding, Severity

Compact = tuple[str, str, str, int, int, str]
"""(code, severity, message, line, column, subject) of one finding, its file known from its part."""

_SEVERITIES = {severity.value: severity for severity in Severity}


def compact(finding: Finding) -> Compact:
    return (finding.code, finding.severity.value, finding.message, finding.line, finding.column, finding.subject)


def position_order(entry: Compact) -> tuple[int, int, str, str]:
    """Within a file: by line and column, then code and subject."""
    return (entry[3], entry[4], entry[0], entry[5])


def pack(entries: Iterable[Compact], deflate: bool) -> bytes:
    """Marshalled, and deflated in a large catalog: a file's messages repeat each other, so they shrink
    about fivefold (see `svcmap.catalog.packing`)."""
    return packing.dumps(tuple(entries), deflate)


def unpack(blob: bytes) -> tuple[Compact, ...]:
    found: tuple[Compact, ...] = packing.loads(blob)
    return found


def count(entries: Iterable[Compact]) -> tuple[int, int]:
    """(errors, warnings) among compact findings."""
    errors = warnings = 0
    for entry in entries:
        if entry[1] == "error":
            errors += 1
        else:
            warnings += 1
    return errors, warnings


class FindingList(Sequence[Finding]):
    """Findings by file (in the order given), each file's packed in position order."""

    def __init__(self, parts: Iterable[tuple[str, bytes, int, int]] = ()) -> None:
        self.parts: list[tuple[str, bytes, int, int]] = [part for part in parts if part[2] or part[3]]
        """(file, packed findings, errors, warnings) per file that has any."""
        self.errors = sum(part[2] for part in self.parts)
        self.warnings = sum(part[3] for part in self.parts)

    def __iter__(self) -> Iterator[Finding]:
        severities = _SEVERITIES
        for file, entries in self.compact():
            for code, severity, message, line, column, subject in entries:
                yield Finding(code, severities[severity], message, file, line, column, subject)

    def compact(self) -> Iterator[tuple[str, tuple[Compact, ...]]]:
        """(file, its compact findings) per file, in report order: for a reporter that needs no Finding objects."""
        for file, blob, _, _ in self.parts:
            yield file, unpack(blob)

    def __len__(self) -> int:
        return self.errors + self.warnings

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FindingList({len(self)} findings in {len(self.parts)} files)"

    __hash__ = None  # type: ignore[assignment]


def merged(
    file: str,
    packed: tuple[bytes, int, int] | None,
    extra: Sequence[Finding],
    keep: Callable[[Compact], bool] | None = None,
    deflate: bool = False,
) -> tuple[str, bytes, int, int]:
    """One file's part: a worker's packed findings with their counts (already in order), and the
    findings found elsewhere; `keep(entry)` is False for what an inline suppression silences."""
    if not extra and keep is None and packed is not None:
        return (file, *packed)
    entries = list(unpack(packed[0])) if packed is not None else []
    entries.extend(compact(finding) for finding in extra)
    if keep is not None:
        entries = [entry for entry in entries if keep(entry)]
    entries.sort(key=position_order)
    return (file, pack(entries, deflate), *count(entries))
