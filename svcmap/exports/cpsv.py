"""The catalog as CPSV-AP 3.2.0 RDF (SEMIC's Core Public Service Vocabulary Application Profile), built with rdflib.

Why a graph rather than text templates: rdflib escapes every literal for Turtle and JSON-LD, so untrusted
catalog text (`<script>`, quotes, newlines) stays a literal, and the same graph serialises to both formats.
Every node has an IRI minted from catalog ids (no blank nodes) and rdflib's Turtle writer sorts subjects,
predicates and objects, so the same catalog gives byte-identical files; JSON-LD is sorted here (`_sorted_jsonld`).

What is mapped: every product that is not `planned` as a `cpsv:PublicService` (identifier, name, description
or summary, audience, status), its organisation as the competent `cv:PublicOrganisation`, its channels as
`cv:Channel` (one per kind of channel of the organisation), its cost as `cv:Cost`, each `legal_basis` text as
an `eli:LegalResource`, and each life event as a `cv:LifeEvent` grouping its services (`cv:isGroupedBy` one
way, `cv:hasRelatedService` the other).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from svcmap.catalog.model import Catalog, LifeEvent, Product
from svcmap.errors import SvcmapError

CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
NUTS = Namespace("http://data.europa.eu/nuts/code/")
CURRENCY = Namespace("http://publications.europa.eu/resource/authority/currency/")
CONCEPT_STATUS = Namespace("http://publications.europa.eu/resource/authority/concept-status/")

PREFIXES = {"cpsv": CPSV, "cv": CV, "dct": DCTERMS, "skos": SKOS, "eli": ELI, "adms": ADMS, "locn": LOCN}
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
AUDIENCE_LABELS = {"citizen": "Burger", "business": "Onderneming", "organisation": "Organisatie"}
STATUS_CONCEPTS = {"active": CONCEPT_STATUS.CURRENT, "retired": CONCEPT_STATUS.DEPRECATED}


@dataclass(frozen=True)
class Publication:
    """What of `organisation.lpdc` the export uses (SPEC §6), each optional: the IRI base, the administrative
    unit that is the competent authority, and the NUTS/LAU codes it serves."""

    base_url: str | None = None
    administrative_unit: str | None = None
    spatial: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> Publication:
        """From the `lpdc` mapping of organisation.yaml as plain data (None or partly filled is fine)."""
        settings = settings if isinstance(settings, Mapping) else {}
        spatial = settings.get("spatial")
        codes = tuple(code for code in spatial if isinstance(code, str)) if isinstance(spatial, list) else ()
        base_url, unit = settings.get("base_url"), settings.get("administrative_unit")
        return cls(
            base_url if isinstance(base_url, str) else None,
            unit if isinstance(unit, str) else None,
            codes,
        )


def published_products(catalog: Catalog) -> list[Product]:
    """The products a citizen can find: every one that is not `planned`, by id."""
    return [catalog.products[key] for key in sorted(catalog.products) if catalog.products[key].status != "planned"]


def build_graph(catalog: Catalog, publication: Publication, base_url: str | None = None) -> Graph:
    """The CPSV-AP graph of the catalog; `base_url` (--base-url) wins over `publication.base_url`."""
    base = _base(
        base_url or publication.base_url or DEFAULT_BASE.format(organisation=catalog.organisation_id or "organisation")
    )
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.bind("svc", Namespace(base))
    graph.bind("xsd", XSD)
    authority = _organisation(graph, catalog, publication, base)
    products = published_products(catalog)
    services = {product.id: _service(graph, product, authority, base) for product in products}
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


def _base(base_url: str) -> str:
    """IRIs are the base followed by a path: a base given without its final slash gains one; a base that is
    not an absolute IRI (a scheme, no spaces or brackets) would mint IRIs no reader accepts."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+", base_url):
        raise SvcmapError(f"{base_url!r}: the IRI base must be an absolute IRI, e.g. https://www.gemeente.be/cpsv/")
    return base_url if base_url.endswith(("/", "#", ":")) else f"{base_url}/"


def _organisation(graph: Graph, catalog: Catalog, publication: Publication, base: str) -> URIRef:
    node = URIRef(publication.administrative_unit or f"{base}organisation")
    graph.add((node, RDF.type, CV.PublicOrganisation))
    graph.add((node, SKOS.prefLabel, _text(catalog.organisation_name or catalog.organisation_id or "")))
    for location in _locations(graph, catalog, publication, base):
        graph.add((node, DCTERMS.spatial, location))
    return node


def _locations(graph: Graph, catalog: Catalog, publication: Publication, base: str) -> list[URIRef]:
    """The organisation's NUTS/LAU codes as locations; without them, one location named after it (the shape
    requires a spatial, and a guessed code would be wrong)."""
    if publication.spatial:
        nodes = [NUTS[code] for code in sorted(set(publication.spatial))]
    else:
        nodes = [URIRef(f"{base}location")]
        graph.add((nodes[0], LOCN.geographicName, _text(catalog.organisation_name or catalog.organisation_id or "")))
    for node in nodes:
        graph.add((node, RDF.type, DCTERMS.Location))
    return nodes


def _service(graph: Graph, product: Product, authority: URIRef, base: str) -> URIRef:
    fields = product.fields
    node = URIRef(f"{base}public-service/{product.id}")
    graph.add((node, RDF.type, CPSV.PublicService))
    graph.add((node, DCTERMS.identifier, Literal(product.id)))
    graph.add((node, DCTERMS.title, _text(product.name)))
    graph.add((node, DCTERMS.description, _text(_description(fields, product.name))))
    graph.add((node, CV.hasCompetentAuthority, authority))
    status = STATUS_CONCEPTS.get(product.status)
    if status is not None:
        graph.add((node, ADMS.status, _concept(graph, status, None)))
    for audience in _strings(fields.get("audience")):
        if audience in AUDIENCE_LABELS:
            concept = URIRef(f"{base}concept/audience/{audience}")
            graph.add((node, DCTERMS.audience, _concept(graph, concept, AUDIENCE_LABELS[audience])))
    for channel in product.channels:
        graph.add((node, CV.hasChannel, _channel(graph, channel, base)))
    cost = fields.get("cost")
    if isinstance(cost, Mapping) and isinstance(cost.get("amount"), int | float):
        graph.add((node, CV.hasCost, _cost(graph, product.id, cost, base)))
    for text in _strings(fields.get("legal_basis")):
        graph.add((node, CV.hasLegalResource, _legal_resource(graph, text, base)))
    return node


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
    graph.add((node, DCTERMS.description, _text(_cost_text(amount, currency))))
    return node


def _cost_text(amount: float, currency: str) -> str:
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
