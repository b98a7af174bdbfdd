"""One product, as of one catalog version, as an LPDC instance snapshot: the JSON-LD member of an LDES page.

Why JSON-LD objects in the official context's own keys (`naam`, `beschrijving`, `kosten` ...) rather than an
rdflib graph serialised and compacted: LPDC reads the pages with that context, the official example pages are
written this way, and a plain dict is byte-stable under `json.dumps(sort_keys=True)` (rdflib's JSON-LD writer
is in hash order and cannot compact to type-scoped contexts). The triples are what rdflib parses from the member
with the vendored contexts; the tests validate those with pyshacl against LPDC's SHACL shape.

The mapping is shared/LPDC.md §5. Where LPDC and CPSV-AP agree it reuses the CPSV-AP export's terms
(svcmap/exports/cpsv.py: the audience codes, the cost text, the codelist base, the products published); every
codelist value and spatial is written as a full IRI (§3 "C"), every text in the organisation's one Dutch variant
(§3 "L"). Catalog text is escaped and wrapped as HTML (`<p>`, `<ul><li>`), never passed through: LPDC renders it.

Identity (§2, §5): the instance IRI is uuid5 of the administrative unit and the product id, unless
`identifiers.lpdc` pins the UUID; the snapshot IRI is uuid5 of the instance, its content and its
`generatedAtTime`, so the same history gives the same IRIs and a new snapshot never reuses an old one.
`published_content` is what a snapshot says apart from its times: two versions of a product with equal content
need no new snapshot (the history walk compares it).
"""

from __future__ import annotations

import html
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from svcmap.catalog import lpdc
from svcmap.catalog.model import Catalog, Product
from svcmap.errors import SvcmapError
from svcmap.exports.cpsv import AUDIENCES, IRI, LPDC_CONCEPT, cost_text, published_products
from svcmap.i18n import _

INSTANCE_BASE = "http://data.lblod.info/id/public-service/"
SNAPSHOT_BASE = "http://data.lblod.info/id/public-service-snapshot/"
DEFAULT_LEVEL = "Lokaal"
"""The authority levels when a product states none (shared/LPDC.md §5: not required, useful to IPDC's reusers)."""


@dataclass(frozen=True)
class PublishSettings:
    """What of `organisation.lpdc` a snapshot needs: the creator, the default spatials (as NUTS IRIs), the one
    Dutch language tag and the organisation's contact point."""

    administrative_unit: str
    spatial: tuple[str, ...]
    language_tag: str
    contact: Mapping[str, str]

    @classmethod
    def of(cls, catalog: Catalog) -> PublishSettings:
        """The settings of a loaded catalog; an error when it has no `organisation.lpdc.administrative_unit`
        (the readiness rules SVC5xx say where and why before a publish gets here)."""
        settings = catalog.publication.settings if catalog.publication is not None else {}
        unit = settings.get("administrative_unit")
        if not isinstance(unit, str) or not lpdc.BESTUURSEENHEID.match(unit):
            raise SvcmapError(
                _("organisation.lpdc.administrative_unit: publishing to LPDC needs a bestuurseenheid IRI")
            )
        contact = settings.get("contact")
        return cls(
            unit,
            _spatial_iris(settings.get("spatial")),
            lpdc.LANGUAGE_TAGS.get(str(settings.get("language", "nl")), "nl"),
            {key: value for key, value in contact.items() if isinstance(value, str)}
            if isinstance(contact, Mapping)
            else {},
        )


@dataclass(frozen=True)
class SnapshotTimes:
    """The three times of a snapshot (§3 "T"): the first and last change of the product, and when it was made."""

    created: datetime
    modified: datetime
    generated: datetime


def timestamp(moment: datetime) -> str:
    """`2024-02-14T13:42:12.357Z`: UTC with milliseconds and `Z`, the only form LPDC accepts besides fewer or
    more decimals (an offset such as +01:00 is refused). A naive time is taken to be UTC."""
    utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def instance_iri(product: Product, administrative_unit: str) -> str:
    """`public-service/<uuid>`: the UUID pinned in `identifiers.lpdc`, else uuid5 of the unit and the product id,
    so the same product of the same municipality always has the same instance."""
    identifiers = product.fields.get("identifiers")
    pinned = identifiers.get("lpdc") if isinstance(identifiers, Mapping) else None
    if isinstance(pinned, str):
        try:
            return INSTANCE_BASE + str(uuid.UUID(pinned))
        except ValueError:
            raise SvcmapError(
                _("{file}: identifiers.lpdc {value} is not a UUID").format(file=product.file, value=repr(pinned))
            ) from None
    return INSTANCE_BASE + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{administrative_unit}/product/{product.id}"))


def published_content(product: Product, settings: PublishSettings, archived: bool = False) -> dict[str, Any]:
    """Everything a snapshot of the product says except its own IRI and its times, as JSON-LD in the official
    context's keys. `archived`: the product was retired or deleted (a complete snapshot that removes it)."""
    fields, tag = product.fields, settings.language_tag
    block = fields.get("lpdc") if isinstance(fields.get("lpdc"), Mapping) else {}
    unit = settings.administrative_unit
    content: dict[str, Any] = {
        "@type": ["InstantieSnapshot"],
        "isVersionOf": instance_iri(product, unit),
        "aangemaaktDoor": unit,
        "naam": {tag: product.name},
        "beschrijving": {tag: paragraphs(_description(fields, product.name))},
        "bevoegdeOverheden": _iris(block.get("competent_authorities")) or [unit],
        "uitvoerendeOverheden": _iris(block.get("executing_authorities")) or [unit],
        "geografischToepassingsgebieden": list(_spatial_iris(block.get("spatial")) or settings.spatial),
        "bevoegdBestuursniveaus": _concepts("BevoegdBestuursniveau", block.get("competent_levels"), DEFAULT_LEVEL),
        "uitvoerendBestuursniveaus": _concepts(
            "UitvoerendBestuursniveau", block.get("executing_levels"), DEFAULT_LEVEL
        ),
    }
    product_type = block.get("product_type")
    if isinstance(product_type, str):
        content["type"] = f"{LPDC_CONCEPT}Type/{product_type}"
    optional = {
        "doelgroepen": sorted(
            {f"{LPDC_CONCEPT}Doelgroep/{AUDIENCES[a]}" for a in _strings(fields.get("audience")) if a in AUDIENCES}
        ),
        "themas": _concepts("Thema", block.get("themes"), None),
        "zoektermen": {"nl": sorted(set(keywords))} if (keywords := _strings(block.get("keywords"))) else {},
        "websites": _websites(block.get("links"), tag),
        "kosten": _costs(fields.get("cost"), tag),
        "contactgegevens": _contact(settings.contact),
    }
    content.update({key: value for key, value in optional.items() if value})
    legal = _strings(fields.get("legal_basis"))
    if legal:
        content["regelgevingTekst"] = {tag: bullets(legal)}
    concept = block.get("concept")
    if isinstance(concept, str) and lpdc.IPDC_CONCEPT.match(concept):
        content["linkedConcept"] = concept
    if archived:
        content["gearchiveerd"] = "true"
    return content


def snapshot(content: Mapping[str, Any], times: SnapshotTimes) -> dict[str, Any]:
    """The member: the content with its times and an IRI derived from both (the same content at the same time
    is the same snapshot; anything else is a new one)."""
    stamped = {
        **content,
        "creatie": timestamp(times.created),
        "laatstGewijzigd": timestamp(times.modified),
        "generatedAtTime": timestamp(times.generated),
    }
    digest = json.dumps(stamped, sort_keys=True, ensure_ascii=False)
    return {"@id": SNAPSHOT_BASE + str(uuid.uuid5(uuid.NAMESPACE_URL, digest)), **stamped}


def product_snapshot(product: Product, settings: PublishSettings, times: SnapshotTimes) -> dict[str, Any]:
    """The snapshot of one product as it stands: archived when it is retired (shared/LPDC.md §5 `status`)."""
    return snapshot(published_content(product, settings, archived=product.status == "retired"), times)


def catalog_snapshots(catalog: Catalog, settings: PublishSettings, times: SnapshotTimes) -> list[dict[str, Any]]:
    """One snapshot per product that is not `planned`, all at the same times: the feed of one catalog version
    without its history."""
    return [product_snapshot(product, settings, times) for product in published_products(catalog)]


def paragraphs(text: str) -> str:
    """Plain catalog text as LPDC's HTML: each paragraph (blank-line separated) escaped in its `<p>`, a single
    line break as `<br>`. Markup in the text stays text (`&lt;script&gt;`)."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
    return "".join(f"<p>{'<br>'.join(html.escape(line) for line in block.split(chr(10)))}</p>" for block in blocks)


def bullets(items: Iterable[str]) -> str:
    """A list of texts as an escaped HTML bullet list (`regelgevingTekst`)."""
    return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in items) + "</ul>"


def _description(fields: Mapping[str, Any], name: str) -> str:
    """`description`, else `summary`, else the name (SVC5xx reports a product without either before a publish)."""
    for key in ("description", "summary"):
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return name


def _spatial_iris(value: object) -> tuple[str, ...]:
    """NUTS/LAU codes or NIS codes as NUTS IRIs, sorted; unknown ones left out (SVC5xx reports them)."""
    found = {lpdc.spatial(code) for code in _strings(value)}
    return tuple(sorted(spatial.iri for spatial in found if spatial is not None))


def _concepts(codelist: str, value: object, default: str | None) -> list[str]:
    """Codes of one LPDC codelist as full concept IRIs, sorted; codes outside the list left out (SVC5xx)."""
    known = set(lpdc.codes(codelist))
    chosen = sorted({code for code in _strings(value) if code in known})
    if not chosen and default is not None:
        chosen = [default]
    return [f"{LPDC_CONCEPT}{codelist}/{code}" for code in chosen]


def _iris(value: object) -> list[str]:
    return sorted({item for item in _strings(value) if IRI.fullmatch(item)})


def _websites(value: object, tag: str) -> list[dict[str, Any]]:
    """`lpdc.links` as `Website` nodes in the order written (`order` 0, 1, ...)."""
    links = [link for link in value if isinstance(link, Mapping)] if isinstance(value, list) else []
    return [
        {
            "@type": "Website",
            "naam": {tag: str(link.get("title") or link.get("url"))},
            "url": str(link["url"]),
            "order": order,
        }
        for order, link in enumerate(link for link in links if isinstance(link.get("url"), str))
    ]


def _costs(cost: object, tag: str) -> list[dict[str, Any]]:
    """The product's cost as one `Kost`, its amount as text as LPDC writes it ("Gratis", "€ 25,00")."""
    if not isinstance(cost, Mapping) or not isinstance(cost.get("amount"), int | float):
        return []
    text = cost_text(float(cost["amount"]), str(cost.get("currency", "EUR")).upper())
    return [{"@type": "Kost", "naam": {tag: "Kostprijs"}, "beschrijving": {tag: paragraphs(text)}, "order": 0}]


CONTACT_KEYS = {"email": "email", "phone": "telefoonnummer", "url": "url", "opening_hours": "openingsuren"}
"""organisation.lpdc.contact → the keys of LPDC's `Contactgegevens`."""


def _contact(contact: Mapping[str, str]) -> list[dict[str, Any]]:
    values = {
        CONTACT_KEYS[key]: value for key, value in sorted(contact.items()) if key in CONTACT_KEYS and value.strip()
    }
    return [{"@type": "Contactgegevens", **values, "order": 0}] if values else []


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
