"""A catalog with findings of several kinds, for the reporters' tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.rules.engine import ValidationResult, validate

UNUSED_PROCESS = "processes/zaalhuur.yaml"
BROKEN_PRODUCT = "catalog/products/kapot.yaml"
FILES = {
    UNUSED_PROCESS: """
        id: zaalhuur
        name: Zaalhuur
        steps:
          - {id: a, name: "Aanvraag <zaal> & \\"co\\"", unit: onbekend, channel: web}
        """,
    BROKEN_PRODUCT: "id: kapot\nname: [niet gesloten\n",
}


def with_findings(catalog: Callable[..., Path]) -> ValidationResult:
    """SVC001 (unreadable), SVC105 (warning) and SVC101 (error) over five files."""
    return validate(FolderSource(catalog(FILES)), Config())
