"""One Finding type for everything svcmap reports: parse errors, schema errors and rule findings alike."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple


class Severity(str, enum.Enum):
    """How bad a finding is; errors fail `validate`, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


class Location(NamedTuple):
    """Where a node stands: a ROOT-relative, `/`-separated path and a 1-based line and column.

    A named tuple, not a dataclass: the loader makes one for every step, ask and target of a catalog,
    and a tuple is made several times faster than a frozen dataclass.
    """

    file: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found in the catalog, stamped with its rule's code and severity by the engine."""

    code: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    subject: str

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "subject": self.subject,
        }


class Problem(NamedTuple):
    """What a rule yields: the engine adds code and severity, so rules never decide either."""

    message: str
    location: Location
    subject: str
