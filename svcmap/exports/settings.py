"""The organisation's publication settings (`organisation.lpdc`, SPEC §6) as plain data, read from its file.

The loaded model keeps of organisation.yaml only what the rules and figures use; an export also needs the
IRI base, the administrative unit and the spatial codes, so it reads that one mapping with the catalog's own
YAML reader, after the catalog has been checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from svcmap.catalog.facts import parse_mapping
from svcmap.catalog.source import FileText, FolderSource


def organisation_lpdc(source: FolderSource) -> Mapping[str, Any] | None:
    """`organisation.lpdc` of the catalog, or None when the organisation file or that key is not there."""
    path = source.organisation_path()
    got = source.read(path) if path is not None else None
    if not isinstance(got, FileText):
        return None
    data = parse_mapping(got.text, "organisation", f"file:{got.path}")
    organisation = data.get("organisation") if isinstance(data, Mapping) else None
    settings = organisation.get("lpdc") if isinstance(organisation, Mapping) else None
    return settings if isinstance(settings, Mapping) else None
