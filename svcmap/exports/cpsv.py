"""The catalog as CPSV-AP 3.2.0 RDF (SEMIC's Core Public Service Vocabulary Application Profile), built with rdflib.

Why a graph rather than text templates: rdflib escapes every literal for Turtle and JSON-LD, so untrusted
catalog text (`<script>`, quotes, newlines) stays a literal, and the same graph serialises to both formats.
Every node has an IRI minted from catalog ids (no blank nodes) and rdflib's Turtle writer sorts subjects,
predicates and objects, so the same catalog gives byte-identical files; JSON-LD is sorted here (`_sorted_jsonld`).

What is mapped: every product that is not `planned` as a `cpsv:PublicService` (identifier, name, description
or summary, audience, status), its organisation as the competent `cv:PublicOrganisation`, its channels as
`cv:Channel` (one per kind of channel of the organisation), its cost as `cv:Cost`, each `legal_basis` text as
an `eli:LegalResource`, its lead time as `cv:processingTime`, and each life event as a `cv:LifeEvent` grouping
its services (`cv:isGroupedBy` one way, `cv:hasRelatedService` the other). Of the LPDC keys (SPEC §6), read as
plain data when present: the administrative unit (the authority's IRI), spatial codes, the contact point, and a
product's type, themes and keywords (LPDC's codelists). Not mapped: processes, units, `asks`, other authorities.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rdflib import RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, TIME

from svcmap.catalog import lpdc
from svcmap.catalog.model import Catalog, LifeEvent, Product
from svcmap.errors import SvcmapError
from svcmap.i18n import _

CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
CURRENCY = Namespace("http://publications.europa.eu/resource/authority/currency/")
CONCEPT_STATUS = Namespace("http://publications.europa.eu/resource/authority/concept-status/")
LPDC_CONCEPT = lpdc.CONCEPT_BASE
"""The base of LPDC's codelists (shared/LPDC.md §4): product types, themes and target groups are its concepts."""
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")
"""An absolute IRI as rdflib writes it without complaint: a scheme, and none of the characters RFC 3987 forbids."""
CODE = re.compile(r"[A-Za-z][A-Za-z0-9]*")
"""A codelist code or a NUTS/LAU code as it may stand in an IRI; whether it is *in* the list is for SVC5xx."""

PREFIXES = {
    "cpsv": CPSV,
    "cv": CV,
    "dct": DCTERMS,
    "skos": SKOS,
    "eli": ELI,
    "adms": ADMS,
    "locn": LOCN,
    "dcat": DCAT,
    "foaf": FOAF,
    "time": TIME,
}
LANGUAGE = "nl"
FORMATS = ("turtle", "jsonld")
DEFAULT_BASE = "https://example.org/svcmap/{organisation}/"
"""Where IRIs are minted without --base-url or `organisation.lpdc.base_url`: an example base, never a real site."""

CHANNEL_LABELS = {
    "counter": "Loket",
    "appointment": "Loket op afspraak",
    "phone": "Telefoon",
    "web": "Website",
    "email": "E-mail",
    "mail": "Post",
    "home-visit": "Huisbezoek",
    "chat": "Chat",
}
AUDIENCES = lpdc.AUDIENCE_CODES
STATUS_CONCEPTS = {"active": CONCEPT_STATUS.CURRENT, "retired": CONCEPT_STATUS.DEPRECATED}


@dataclass(frozen=True)
class ExportSettings:
    """What of `organisation.lpdc` the export uses (SPEC §6), each optional: the IRI base, the administrative
    unit that is the competent authority, and the NUTS/LAU codes it serves."""

    base_url: str | None = None
    administrative_unit: str | None = None
    spatial: tuple[str, ...] = ()
    contact: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, catalog: Catalog) -> ExportSettings:
        """The settings of a loaded catalog: its `organisation.lpdc`, when it has one."""
        return cls.from_settings(catalog.publication.settings if catalog.publication is not None else None)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> ExportSettings:
        """From the `lpdc` mapping of organisation.yaml as plain data (None or partly filled is fine)."""
        settings = settings if isinstance(settings, Mapping) else {}
        spatial = settings.get("spatial")
        codes = tuple(code for code in spatial if isinstance(code, str)) if isinstance(spatial, list) else ()
        base_url, unit, contact = settings.get("base_url"), settings.get("administrative_unit"), settings.get("contact")
        return cls(
            base_url if isinstance(base_url, str) else None,
            unit if isinstance(unit, str) and IRI.fullmatch(unit) else None,
            codes,
            dict(contact) if isinstance(contact, Mapping) else {},
        )


def published_products(catalog: Catalog) -> list[Product]:
    """The products a citizen can find: every one that is not `planned`, by id."""
    return [catalog.products[key] for key in sorted(catalog.products) if catalog.products[key].status != "planned"]


def build_graph(catalog: Catalog, publication: ExportSettings, base_url: str | None = None) -> Graph:
    """The CPSV-AP graph of the catalog; `base_url` (--base-url) wins over `publication.base_url`."""
    base = iri_base(
        base_url or publication.base_url or DEFAULT_BASE.format(organisation=catalog.organisation_id or "organisation")
    )
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("svc", Namespace(base))
    graph.bind("xsd", XSD)
    shared = _organisation(graph, catalog, publication, base)
    services = {product.id: _service(graph, product, shared) for product in published_products(catalog)}
    for event_id in sorted(catalog.life_events):
        _life_event(graph, catalog.life_events[event_id], services, base)
    return graph


def _life_event(graph: Graph, event: LifeEvent, services: Mapping[str, URIRef], base: str) -> None:
    """A life event grouping the services it names that are exported; one that names none is left out."""
    grouped = sorted({ref.id for ref in event.products if ref.id in services})
    if not grouped:
        return
    node = URIRef(f"{base}life-event/{event.id}")
    graph.add((node, RDF.type, CV.LifeEvent))
    graph.add((node, RDF.type, CV.Event))  # the shape of cv:Event, and `isGroupedBy`'s class, without inference
    graph.add((node, DCTERMS.identifier, Literal(event.id)))
    graph.add((node, DCTERMS.title, _text(event.name)))
    for product_id in grouped:
        graph.add((node, CV.hasRelatedService, services[product_id]))
        graph.add((services[product_id], CV.isGroupedBy, node))


def serialise(graph: Graph, output_format: str) -> bytes:
    """The graph as Turtle or JSON-LD (compacted with its prefixes), in UTF-8, the same bytes for the same graph."""
    if output_format == "turtle":
        return graph.serialize(format="turtle", encoding="utf-8")
    if output_format == "jsonld":
        return _sorted_jsonld(graph)
    raise ValueError(f"unknown format {output_format!r}")


def iri_base(base_url: str) -> str:
    """IRIs are the base followed by a path: a base given without its final slash gains one; a base that is
    not an absolute IRI (a scheme, no spaces or brackets) would mint IRIs no reader accepts."""
    if not IRI.fullmatch(base_url):
        raise SvcmapError(
            _("{url}: the IRI base must be an absolute IRI, e.g. https://www.gemeente.be/cpsv/").format(
                url=repr(base_url)
            )
        )
    return base_url if base_url.endswith(("/", "#", ":")) else f"{base_url}/"


def _organisation(graph: Graph, catalog: Catalog, publication: ExportSettings, base: str) -> _Shared:
    """The competent authority with its locations, and the contact point its services share."""
    node = URIRef(publication.administrative_unit or f"{base}organisation")
    name = catalog.organisation_name or catalog.organisation_id or ""
    graph.add((node, RDF.type, CV.PublicOrganisation))
    graph.add((node, SKOS.prefLabel, _text(name)))
    locations = _location_nodes(graph, list(publication.spatial))
    if locations:
        for location in locations:
            graph.add((node, DCTERMS.spatial, location))
    else:  # the shape requires a spatial, and a guessed code would be wrong: one location named after it
        location = URIRef(f"{base}location")
        graph.add((location, RDF.type, DCTERMS.Location))
        graph.add((location, LOCN.geographicName, _text(name)))
        graph.add((node, DCTERMS.spatial, location))
    return _Shared(base, node, _contact_point(graph, publication.contact, base), locations)


def _contact_point(graph: Graph, contact: Mapping[str, Any], base: str) -> URIRef | None:
    """`organisation.lpdc.contact` (e-mail, phone, url, opening hours) as the services' cv:ContactPoint."""
    values = {key: value for key, value in contact.items() if isinstance(value, str) and value.strip()}
    if not values:
        return None
    node = URIRef(f"{base}contact-point")
    graph.add((node, RDF.type, CV.ContactPoint))
    if "email" in values:
        graph.add((node, CV.email, Literal(values["email"])))
    if "phone" in values:
        graph.add((node, CV.telephone, Literal(values["phone"])))
    if "url" in values and IRI.fullmatch(values["url"]):
        page = URIRef(values["url"])
        graph.add((page, RDF.type, FOAF.Document))
        graph.add((node, CV.contactPage, page))
    if "opening_hours" in values:
        hours = URIRef(f"{base}contact-point/opening-hours")
        graph.add((hours, RDF.type, TIME.TemporalEntity))
        graph.add((hours, DCTERMS.description, _text(values["opening_hours"])))
        graph.add((node, CV.openingHours, hours))
    return node


class _Shared(NamedTuple):
    """What every service points at: the IRI base, the competent authority, the organisation's contact point
    and locations (when organisation.lpdc gives them)."""

    base: str
    authority: URIRef
    contact: URIRef | None
    locations: tuple[URIRef, ...]


def _service(graph: Graph, product: Product, shared: _Shared) -> URIRef:
    fields, base = product.fields, shared.base
    node = URIRef(f"{base}public-service/{product.id}")
    graph.add((node, RDF.type, CPSV.PublicService))
    graph.add((node, DCTERMS.identifier, Literal(product.id)))
    graph.add((node, DCTERMS.title, _text(product.name)))
    graph.add((node, DCTERMS.description, _text(_description(fields, product.name))))
    graph.add((node, CV.hasCompetentAuthority, shared.authority))
    if shared.contact is not None:
        graph.add((node, CV.contactPoint, shared.contact))
    status = STATUS_CONCEPTS.get(product.status)
    if status is not None:
        graph.add((node, ADMS.status, _concept(graph, status, None)))
    for audience in _strings(fields.get("audience")):
        if audience in AUDIENCES:
            concept = URIRef(f"{LPDC_CONCEPT}Doelgroep/{AUDIENCES[audience]}")
            graph.add((node, DCTERMS.audience, _concept(graph, concept, AUDIENCES[audience])))
    for channel in product.channels:
        graph.add((node, CV.hasChannel, _channel(graph, channel, base)))
    cost = fields.get("cost")
    if isinstance(cost, Mapping) and isinstance(cost.get("amount"), int | float):
        graph.add((node, CV.hasCost, _cost(graph, product.id, cost, base)))
    for text in _strings(fields.get("legal_basis")):
        graph.add((node, CV.hasLegalResource, _legal_resource(graph, text, base)))
    days = fields.get("lead_time_days")
    if isinstance(days, int) and not isinstance(days, bool) and days >= 0:
        graph.add((node, CV.processingTime, Literal(f"P{days}D", datatype=XSD.duration)))
    _classify(graph, node, fields.get("lpdc"), shared.locations)
    return node


def _classify(graph: Graph, node: URIRef, settings: object, default_locations: tuple[URIRef, ...]) -> None:
    """The product's `lpdc` block (SPEC §6) where CPSV-AP has a term for it: its LPDC type, themes, keywords and
    spatial (else the organisation's)."""
    settings = settings if isinstance(settings, Mapping) else {}
    product_type = settings.get("product_type")
    if isinstance(product_type, str) and CODE.fullmatch(product_type):
        graph.add((node, DCTERMS.type, _concept(graph, URIRef(f"{LPDC_CONCEPT}Type/{product_type}"), None)))
    for theme in _codes(settings.get("themes")):
        graph.add((node, CV.thematicArea, _concept(graph, URIRef(f"{LPDC_CONCEPT}Thema/{theme}"), None)))
    for keyword in sorted(set(_strings(settings.get("keywords")))):
        graph.add((node, DCAT.keyword, _text(keyword)))
    for location in _location_nodes(graph, settings.get("spatial")) or default_locations:
        graph.add((node, DCTERMS.spatial, location))


def _codes(value: object) -> list[str]:
    return sorted({code for code in _strings(value) if CODE.fullmatch(code)})


def _location_nodes(graph: Graph, value: object) -> tuple[URIRef, ...]:
    """`spatial` entries — NUTS/LAU 2024 codes or 5-digit NIS codes, as publish lpdc reads them — as NUTS
    concepts, sorted; an entry that names none is left out (SVC5xx reports it)."""
    found = {lpdc.spatial(code) for code in _strings(value)}
    nodes = tuple(sorted(URIRef(spatial.iri) for spatial in found if spatial is not None))
    for location in nodes:
        graph.add((location, RDF.type, DCTERMS.Location))
    return nodes


def _description(fields: Mapping[str, Any], name: str) -> str:
    """`description`, else `summary` (SPEC §6), else the name: the shape requires one, and readiness rules
    (SVC5xx) are where a missing description is reported, not the export."""
    for key in ("description", "summary"):
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return name


def _channel(graph: Graph, channel: str, base: str) -> URIRef:
    """One channel of the organisation per kind (its counters, its website ...), shared by the services on it."""
    node = URIRef(f"{base}channel/{channel}")
    graph.add((node, RDF.type, CV.Channel))
    graph.add((node, DCTERMS.identifier, Literal(channel)))
    label = CHANNEL_LABELS.get(channel, channel)
    graph.add((node, DCTERMS.description, _text(label)))
    graph.add((node, DCTERMS.type, _concept(graph, URIRef(f"{base}concept/channel/{channel}"), label)))
    return node


def _cost(graph: Graph, product_id: str, cost: Mapping[str, Any], base: str) -> URIRef:
    node = URIRef(f"{base}cost/{product_id}")
    amount = float(cost["amount"])
    currency = str(cost.get("currency", "EUR")).upper()
    graph.add((node, RDF.type, CV.Cost))
    graph.add((node, DCTERMS.identifier, Literal(f"{product_id}/cost")))
    graph.add((node, CV.hasValue, Literal(amount, datatype=XSD.double)))
    graph.add((node, CV.currency, _concept(graph, CURRENCY[currency], None)))
    graph.add((node, DCTERMS.description, _text(cost_text(amount, currency))))
    return node


def cost_text(amount: float, currency: str) -> str:
    """As LPDC writes it (shared/LPDC.md §5): "Gratis", or "€ 25,00" with a decimal comma."""
    if amount == 0:
        return "Gratis"
    symbol = "€" if currency == "EUR" else currency
    number = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")  # 1.250,50
    return f"{symbol} {number}"


def _legal_resource(graph: Graph, text: str, base: str) -> URIRef:
    """A legal basis as written: its IRI is the digest of its text, so products citing the same law share it."""
    node = URIRef(f"{base}legal-resource/{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}")
    graph.add((node, RDF.type, ELI.LegalResource))
    graph.add((node, DCTERMS.title, _text(text)))
    return node


def _concept(graph: Graph, node: URIRef, label: str | None) -> URIRef:
    graph.add((node, RDF.type, SKOS.Concept))
    if label is not None:
        graph.add((node, SKOS.prefLabel, _text(label)))
    return node


def _text(value: str) -> Literal:
    return Literal(value, lang=LANGUAGE)


def _strings(value: object) -> Iterable[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _sorted_jsonld(graph: Graph) -> bytes:
    """JSON-LD with nodes sorted by `@id` and every set of values sorted: rdflib writes them in hash order."""
    context = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix}
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=False))
    if "@graph" in document:
        nodes = document["@graph"]
    else:  # a graph of one node is written as that node
        nodes = [{key: value for key, value in document.items() if key != "@context"}]
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    nodes.sort(key=lambda node: node.get("@id", ""))
    text = json.dumps({"@context": dict(sorted(context.items())), "@graph": nodes}, indent=2, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
