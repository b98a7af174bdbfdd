"""What LPDC accepts, offline: its codelists, the NUTS/LAU 2024 spatial codes and the forms of its IRIs.

The readiness rules (SVC5xx), `publish lpdc` and `import lpdc` all need the same facts, and none may
reach the network or need rdflib to know them, so they live here, in the catalog layer, read from one
data file shipped inside the package (`lpdc-codelists.json`). That file is a copy of the vendored LPDC
codelists (lblod/app-lpdc-digitaal-loket @ a8d5312, MIT; its `source` and `licence` fields say so) made
by `tools/lpdc/codelists.py`; regenerate it there when the vendored files are updated. The IRI forms and
the e-mail pattern are those of shared/LPDC.md §2-§3 (the SHACL shape `instance-shape.ttl` and
lpdc-management-service).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CODELISTS_FILE = Path(__file__).with_name("lpdc-codelists.json")
CONTEXTS_DIR = Path(__file__).with_name("lpdc_contexts")
CONTEXT_FILES = ("ipdc-lpdc-im.jsonld", "ldes.jsonld")
"""LPDC's two official JSON-LD contexts, shipped once (SOURCE.md there): `publish lpdc` writes them beside its
pages, `import lpdc` reads a page's remote `@context` from them."""
CONCEPT_BASE = "https://productencatalogus.data.vlaanderen.be/id/concept/"
NUTS_BASE = "http://data.europa.eu/nuts/code/"
AUDIENCE_CODES = {"citizen": "Burger", "business": "Onderneming", "organisation": "Organisatie"}
"""svcmap's `audience` → LPDC's Doelgroep code (shared/LPDC.md §5), both ways for export and import."""

LANGUAGE_TAGS = {"informal": "nl-BE-x-informal", "formal": "nl-BE-x-formal", "nl": "nl"}
"""organisation.lpdc.language → the one Dutch language tag of every text of a snapshot."""

EMAIL = re.compile(r"^[\w.-]+@[\w.-]+\.[a-zA-Z]{2,}$")
"""The e-mail pattern of LPDC's SHACL shape (instance-shape.ttl, `schema:email`)."""
BESTUURSEENHEID = re.compile(r"^http://data\.lblod\.info/id/bestuurseenheden/[^/\s]{12,}$")
"""An LBLOD administrative unit (bestuurseenheid): the only creator LPDC accepts (`aangemaaktDoor`)."""
FLEMISH_ORGANISATION = re.compile(r"^https://data\.vlaanderen\.be/id/organisatie/OVO\d{6}$")
"""A Flemish organisation (Wegwijs OVO code): a competent or executing authority, never the creator."""
IPDC_CONCEPT = re.compile(r"^https://ipdc\.vlaanderen\.be/id/concept/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$")
"""An IPDC concept (`linkedConcept`)."""
NIS_CODE = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class Spatial:
    """One concept of the NUTS/LAU 2024 scheme: a Flemish province (BE21..BE25) or a municipality (LAU)."""

    code: str
    """BE23444021: BE, the NUTS-3 arrondissement, the 5-digit NIS code (a province: BE21..BE25)."""
    name: str
    nis: str
    """The municipality's NIS code (skos:notation); for a province, its NUTS code."""
    ends: str | None
    """The day the concept ended (a municipality merged on 2025-01-01 ends on 2024-12-31), else None."""

    @property
    def iri(self) -> str:
        return NUTS_BASE + self.code


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(CODELISTS_FILE.read_text(encoding="utf-8"))
    return data


def codes(codelist: str) -> tuple[str, ...]:
    """The codes of one LPDC codelist ('Type', 'Thema', 'Doelgroep', 'BevoegdBestuursniveau', ...)."""
    return tuple(_data()["lists"][codelist])


@cache
def spatials() -> dict[str, Spatial]:
    """Every concept of NUTS/LAU 2024 by code, ended ones included (so that a message can say so)."""
    return {code: Spatial(code, item["name"], item["nis"], item["ends"]) for code, item in _data()["nuts"].items()}


@cache
def _by_nis() -> dict[str, Spatial]:
    """Municipalities by NIS code; where a NIS code was reused, the concept still current wins."""
    found: dict[str, Spatial] = {}
    for spatial in spatials().values():
        if NIS_CODE.match(spatial.nis) and (spatial.nis not in found or found[spatial.nis].ends):
            found[spatial.nis] = spatial
    return found


def spatial(value: str) -> Spatial | None:
    """The concept a catalog's `spatial` entry names: a NUTS/LAU 2024 code, or a 5-digit NIS code."""
    if NIS_CODE.match(value):
        return _by_nis().get(value)
    return spatials().get(value.upper())


def spatial_by_name(name: str) -> Spatial | None:
    """The current municipality or province of that Dutch name (case ignored), for a did-you-mean."""
    wanted = name.casefold()
    for found in spatials().values():
        if found.name.casefold() == wanted and not found.ends:
            return found
    return None
