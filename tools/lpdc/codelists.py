"""Regenerate svcmap/catalog/lpdc-codelists.json from the vendored LPDC codelists (shared/vendor-schemas/lpdc).

The package must check codes offline and without rdflib, so the few facts the readiness rules need (the
codes of each list; per NUTS/LAU 2024 code its NIS notation, Dutch name and end date) are copied into one
JSON data file. Run: `python tools/lpdc/codelists.py ../shared/vendor-schemas/lpdc`; the output is
deterministic (sorted keys), so a diff shows what an update of the vendored files changed.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

LISTS = {
    "Type": "type.ttl",
    "Thema": "thema.ttl",
    "Doelgroep": "doelgroep.ttl",
    "BevoegdBestuursniveau": "bevoegd-bestuursniveau.ttl",
    "UitvoerendBestuursniveau": "uitvoerend-bestuursniveau.ttl",
    "PublicatieKanaal": "publicatie-kanaal.ttl",
    "YourEuropeCategorie": "your-europe-categorie.ttl",
}
CONCEPT = re.compile(r"^(?:dvc|nuts):(\w+)\s*\n\s+a\s+skos:Concept\s*;(.*?)\.\s*$", re.M | re.S)


def _concepts(text: str) -> dict[str, str]:
    return {match.group(1): match.group(2) for match in CONCEPT.finditer(text)}


def _literal(body: str, predicate: str) -> str | None:
    match = re.search(predicate + r'\s+"([^"]*)"', body)
    return match.group(1) if match else None


def main(vendor: Path, out: Path) -> None:
    codelists = vendor / "codelists"
    lists = {name: sorted(_concepts((codelists / file).read_text(encoding="utf-8"))) for name, file in LISTS.items()}
    nuts = {
        code: {
            "nis": _literal(body, "skos:notation"),
            "name": _literal(body, "skos:prefLabel"),
            "ends": _literal(body, "time:hasEnd"),
        }
        for code, body in _concepts((codelists / "nuts-lau-2024.ttl").read_text(encoding="utf-8")).items()
    }
    data = {
        "source": "lblod/app-lpdc-digitaal-loket @ a8d53122c52d3426af39cd9c395ada6a1cca1468 (v0.37.2), "
        "config/migrations/.../*-codelist.ttl and 20241106152457-import-nuts2024-codelist.ttl, "
        "as vendored in shared/vendor-schemas/lpdc/codelists; regenerate with tools/lpdc/codelists.py",
        "licence": "MIT, Copyright (c) lblod (the LICENSE of lblod/app-lpdc-digitaal-loket)",
        "base": "https://productencatalogus.data.vlaanderen.be/id/concept/",
        "nuts_base": "http://data.europa.eu/nuts/code/",
        "lists": lists,
        "nuts": nuts,
    }
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(__file__).resolve().parents[2] / "svcmap" / "catalog" / "lpdc-codelists.json")
