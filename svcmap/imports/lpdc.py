"""LPDC/IPDC products in an RDF graph → draft product files (shared/LPDC.md §5, read the other way round).

Three kinds of subject are products: an instance snapshot of an LDES page (its instance is `isVersionOf`;
of several snapshots of one instance the latest `generatedAtTime` wins, and an archived latest one is
skipped), an IPDC/LPDC instance, and an IPDC concept (which becomes `lpdc.concept`, having no instance).
Texts are taken in Dutch (informal, formal, then plain `nl`); LPDC's HTML becomes plain text, one line.
What has no svcmap key (procedures, requirements, contact points, exceptions, other languages) is not
mapped; what is guessed (channels from the contact points and websites) is said in the file's header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, PROV, RDFS
from rdflib.namespace import DCTERMS as DCT
from rdflib.term import Node

from svcmap.catalog import lpdc as codelists
from svcmap.exports.cpsv import CPSV
from svcmap.exports.cpsv import CV as M8G
from svcmap.text import one_line

LPDC = Namespace("https://productencatalogus.data.vlaanderen.be/ns/ipdc-lpdc#")
CODES = codelists.CONCEPT_BASE
SCHEMA = Namespace("http://schema.org/")
NUTS = codelists.NUTS_BASE
PS = Namespace("http://vocab.belgif.be/ns/publicservice#")

KINDS = {
    LPDC.InstancePublicServiceSnapshot: "instance snapshot",
    LPDC.InstancePublicService: "instance",
    LPDC.ConceptualPublicService: "concept",
}
DUTCH = ("nl-be-x-informal", "nl-be-x-formal", "nl")
AUDIENCES = {code: audience for audience, code in codelists.AUDIENCE_CODES.items()}
"""LPDC's Doelgroep code → svcmap's `audience`."""
MAX_TEXT = 2000
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_EURO = re.compile(r"(?:€|EUR)\s*(\d+(?:[.,]\d{1,2})?)|(\d+(?:[.,]\d{1,2})?)\s*(?:€|EUR|euro)", re.IGNORECASE)
NOT_MAPPED = {
    CPSV.follows: "procedures",
    PS.hasRequirement: "voorwaarden",
    M8G.hasContactPoint: "contactgegevens",
    LPDC.exception: "uitzonderingen",
    LPDC.additionalDescription: "verdereBeschrijving",
    CPSV.produces: "financieleVoordelen",
}
"""LPDC fields with no svcmap key: named in the header of a product that has them."""
_BLOCKS = frozenset("p li ul ol br h1 h2 h3 h4 h5 h6 div tr".split())


@dataclass
class DraftProduct:
    """A product read from LPDC, before it has an id: its catalog fields and what the header says."""

    instance: str
    """The instance IRI (or the concept's), which identifies it across snapshots."""
    kind: str
    name: str
    time: str
    """`generatedAtTime` of a snapshot (ISO text, comparable), '' otherwise."""
    archived: bool
    fields: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    guessed_channels: bool = False

    @property
    def uuid(self) -> str | None:
        found = _UUID.search(self.instance)
        return found.group(0) if found and self.kind != "concept" else None


def products(graph: Graph) -> Iterator[DraftProduct | str]:
    """Every product subject of the graph as a draft, or a reason why it cannot be one."""
    for kind_iri, kind in KINDS.items():
        for subject in sorted(graph.subjects(RDF.type, kind_iri), key=str):
            yield _draft(graph, subject, kind)


def latest(drafts: list[DraftProduct]) -> list[DraftProduct]:
    """Per instance the draft with the latest `generatedAtTime` (the last read, on a tie), in first-seen order."""
    chosen: dict[str, DraftProduct] = {}
    for candidate in drafts:
        known = chosen.get(candidate.instance)
        if known is None or candidate.time >= known.time:
            chosen[candidate.instance] = candidate
    return list(chosen.values())


def plain_text(html: str) -> str:
    """LPDC's HTML as one line of text: tags dropped, blocks separated, entities decoded (by html.parser)."""
    reader = _Text()
    reader.feed(html)
    reader.close()
    return one_line(" ".join(reader.parts))


def _draft(graph: Graph, subject: Node, kind: str) -> DraftProduct | str:
    instance = graph.value(subject, DCT.isVersionOf) if kind == "instance snapshot" else subject
    name = _dutch(graph, subject, DCT.title)
    if instance is None:
        return f"{kind} {subject}: no `isVersionOf`, so no instance to import it as"
    if not name:
        return f"{kind} {subject}: no Dutch name (naam in nl)"
    archived = graph.value(subject, LPDC.isArchived)
    draft = DraftProduct(
        instance=str(instance),
        kind=kind,
        name=_cut(name),
        time=_time(graph.value(subject, PROV.generatedAtTime)),
        archived=bool(archived.toPython()) if isinstance(archived, Literal) else False,
    )
    draft.fields = _fields(graph, subject, draft)
    draft.channels, draft.guessed_channels = _channels(graph, subject)
    return draft


def _fields(graph: Graph, subject: Node, draft: DraftProduct) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    description = _dutch(graph, subject, DCT.description)
    if description:
        fields["description"] = _cut(plain_text(description))
    audience = [_code(value, "Doelgroep") for value in graph.objects(subject, LPDC.targetAudience)]
    mapped = sorted({AUDIENCES[code] for code in audience if code in AUDIENCES})
    left = sorted(code for code in audience if code and code not in AUDIENCES)
    if left:
        draft.notes.append(f"doelgroepen {', '.join(left)}: no svcmap audience")
    if mapped:
        fields["audience"] = mapped
    cost = _cost(graph, subject, draft)
    if cost is not None:
        fields["cost"] = cost
    legal = _legal_basis(graph, subject)
    if legal:
        fields["legal_basis"] = legal
    unmapped = [label for predicate, label in NOT_MAPPED.items() if graph.value(subject, predicate) is not None]
    if unmapped:
        draft.notes.append(f"not mapped (no svcmap key): {', '.join(unmapped)}")
    uuid = draft.uuid
    if uuid:
        fields["identifiers"] = {"lpdc": uuid}
    block = _lpdc_block(graph, subject, draft)
    if block:
        fields["lpdc"] = block
    return fields


def _lpdc_block(graph: Graph, subject: Node, draft: DraftProduct) -> dict[str, Any]:
    block: dict[str, Any] = {}
    product_type = _code(graph.value(subject, DCT.type), "Type")
    if product_type:
        block["product_type"] = product_type
    for key, predicate, codelist in (
        ("themes", M8G.thematicArea, "Thema"),
        ("competent_levels", LPDC.competentAuthorityLevel, "BevoegdBestuursniveau"),
        ("executing_levels", LPDC.executingAuthorityLevel, "UitvoerendBestuursniveau"),
    ):
        codes = sorted(
            {code for code in (_code(value, codelist) for value in graph.objects(subject, predicate)) if code}
        )
        if codes:
            block[key] = codes
    for key, predicate in (
        ("competent_authorities", M8G.hasCompetentAuthority),
        ("executing_authorities", LPDC.hasExecutingAuthority),
    ):
        iris = sorted(str(value) for value in graph.objects(subject, predicate) if isinstance(value, URIRef))
        if iris:
            block[key] = iris
    spatial = sorted(
        str(value).removeprefix(NUTS) for value in graph.objects(subject, DCT.spatial) if str(value).startswith(NUTS)
    )
    if spatial:
        block["spatial"] = spatial
    keywords = sorted({_cut(one_line(str(word))) for word in graph.objects(subject, DCAT.keyword) if _is_dutch(word)})
    if keywords:
        block["keywords"] = [word for word in keywords if word]
    if draft.kind == "concept":
        block["concept"] = draft.instance
    elif isinstance(concept := graph.value(subject, DCT.source), URIRef):
        block["concept"] = str(concept)
    links = _links(graph, subject)
    if links:
        block["links"] = links
    return block


def _channels(graph: Graph, subject: Node) -> tuple[list[str], bool]:
    """The channels LPDC shows (a contact point's e-mail, phone or address; a website), and whether none was
    found, so that `counter` is a guess."""
    found: set[str] = set()
    for point in graph.objects(subject, M8G.hasContactPoint):
        if graph.value(point, SCHEMA.email) is not None:
            found.add("email")
        if graph.value(point, SCHEMA.telephone) is not None:
            found.add("phone")
        if graph.value(point, LPDC.address) is not None:
            found.add("counter")
    for procedure in graph.objects(subject, CPSV.follows):
        if graph.value(procedure, LPDC.hasWebsite) is not None:
            found.add("web")
    if graph.value(subject, RDFS.seeAlso) is not None:
        found.add("web")
    return (sorted(found), False) if found else (["counter"], True)


def _links(graph: Graph, subject: Node) -> list[dict[str, str]]:
    links = []
    for site in sorted(graph.objects(subject, RDFS.seeAlso), key=lambda node: str(graph.value(node, SHACL_ORDER))):
        url = graph.value(site, SCHEMA.url)
        title = _dutch(graph, site, DCT.title)
        if url is not None and re.match(r"^https?://\S+$", str(url)):
            links.append({"title": _cut(title or str(url)), "url": str(url)})
    return links


SHACL_ORDER = URIRef("http://www.w3.org/ns/shacl#order")


def _cost(graph: Graph, subject: Node, draft: DraftProduct) -> dict[str, Any] | None:
    texts = [
        plain_text(" ".join(filter(None, (_dutch(graph, cost, DCT.title), _dutch(graph, cost, DCT.description)))))
        for cost in graph.objects(subject, M8G.hasCost)
    ]
    if not texts:
        return None
    amounts = {match.group(1) or match.group(2) for text in texts for match in _EURO.finditer(text)}
    if len(amounts) == 1:
        amount = float(amounts.pop().replace(",", "."))
        return {"amount": int(amount) if amount.is_integer() else amount, "currency": "EUR"}
    if not amounts and all("gratis" in text.casefold() for text in texts):
        return {"amount": 0, "currency": "EUR"}
    draft.notes.append(f"kosten: {len(texts)} text(s) without one amount in euro; no `cost` written")
    return None


def _legal_basis(graph: Graph, subject: Node) -> list[str]:
    texts: list[str] = []
    regulation = _dutch(graph, subject, LPDC.regulation)
    if regulation:
        items = [item for item in _list_items(regulation) if item]
        texts += items or [plain_text(regulation)]
    for resource in graph.objects(subject, M8G.hasLegalResource):
        title = _dutch(graph, resource, DCT.title)
        url = graph.value(resource, SCHEMA.url)
        text = " ".join(filter(None, (plain_text(title or ""), f"({url})" if url else "")))
        if text:
            texts.append(text)
    return [_cut(text) for text in dict.fromkeys(texts) if text]


def _list_items(html: str) -> list[str]:
    reader = _Text()
    reader.feed(html)
    reader.close()
    return [one_line(item) for item in reader.items]


def _dutch(graph: Graph, subject: Node, predicate: URIRef) -> str:
    """The Dutch text of a language map: informal, formal, plain nl, then any other nl-* variant."""
    texts = {
        (value.language or "").lower(): str(value)
        for value in graph.objects(subject, predicate)
        if isinstance(value, Literal) and _is_dutch(value)
    }
    for tag in DUTCH:
        if tag in texts:
            return texts[tag]
    return texts[min(texts)] if texts else ""


def _is_dutch(value: Node) -> bool:
    language = (getattr(value, "language", None) or "").lower()
    return language == "nl" or language.startswith("nl-")


def _code(value: Node | None, codelist: str) -> str:
    prefix = f"{CODES}{codelist}/"
    return str(value).removeprefix(prefix) if value is not None and str(value).startswith(prefix) else ""


def _time(value: Node | None) -> str:
    """A `generatedAtTime` as LPDC writes it, in UTC with milliseconds and `Z` (so that texts compare as
    times); '' when there is none."""
    moment = value.toPython() if isinstance(value, Literal) else None
    if not isinstance(moment, datetime):
        return ""
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _cut(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


class _Text(HTMLParser):
    """The text of an HTML fragment, in parts split at block tags, and the text of each `<li>`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.items: list[str] = []
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")
        if tag == "li":
            self._item = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._item is not None:
            self.items.append(" ".join(self._item))
            self._item = None

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self._item is not None:
            self._item.append(data)
