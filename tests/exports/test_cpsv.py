"""The CPSV-AP export (svcmap/exports/cpsv.py): what the graph holds for the example catalog and for a hostile one,
queried with rdflib; SHACL conformance against SEMIC's shapes (pyshacl, 0 violations); determinism across hash
seeds; JSON-LD that parses back to the same graph; catalog text that stays literal."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pyshacl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from svcmap.catalog.model import Catalog, Product
from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.exports.cpsv import CPSV, CV, DCAT, ELI, ExportSettings, build_graph, serialise
from svcmap.rules.engine import check_source

pytestmark = pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"  # inside rdflib's own JSON-LD parser (7.x)
)

EXAMPLE = Path(__file__).resolve().parents[2]
SHAPES = Graph().parse(Path(__file__).parent / "data" / "cpsv-ap-SHACL.ttl")
BASE = "https://www.voorbeeld.be/lpdc/"
"""The example catalog's IRI base: its organisation.lpdc.base_url."""

HOSTILE_TEXT = 'Een "aanvraag" <script>alert(\'x\')</script> & meer\nnieuwe regel """ 🎉 \\ \u202eRTL'
HOSTILE_FILES = {
    "catalog/products/adreswijziging.yaml": f"""
        id: adreswijziging
        name: {json.dumps(HOSTILE_TEXT, ensure_ascii=False)}
        summary: {json.dumps("Samenvatting " + HOSTILE_TEXT, ensure_ascii=False)}
        owner: burgerzaken
        process: adreswijziging
        channels: [web, counter]
        audience: [citizen, business]
        cost: {{amount: 12.5, currency: EUR}}
        legal_basis: [{json.dumps("Wet " + HOSTILE_TEXT, ensure_ascii=False)}]
        status: retired
    """,
    "catalog/products/zonder-tekst.yaml": """
        id: zonder-tekst
        name: Zonder tekst
        owner: burgerzaken
        process: adreswijziging
        channels: [phone]
        cost: {amount: 0, currency: EUR}
    """,
    "catalog/products/gepland.yaml": """
        id: gepland
        name: Gepland
        owner: burgerzaken
        channels: [web]
        status: planned
    """,
}


def loaded(root: Path) -> Catalog:
    checked = check_source(FolderSource(root), Config())
    assert not checked.result.errors, checked.result.findings
    return checked.catalog


def export(root: Path, base_url: str | None = None) -> Graph:
    catalog = loaded(root)
    return build_graph(catalog, ExportSettings.of(catalog), base_url)


def violations(graph: Graph) -> str:
    conforms, _, report = pyshacl.validate(graph, shacl_graph=SHAPES)
    return "" if conforms else report


@pytest.fixture
def hostile(catalog: Callable[..., Path]) -> Path:
    return catalog(HOSTILE_FILES)


def test_every_product_not_planned_is_a_public_service_of_the_example_catalog() -> None:
    graph = export(EXAMPLE)
    catalog = loaded(EXAMPLE)
    services = {str(graph.value(node, DCTERMS.identifier)) for node in graph.subjects(RDF.type, CPSV.PublicService)}
    expected = {key for key, product in catalog.products.items() if product.status != "planned"}
    assert services == expected
    assert "afhaalkluis-eid" not in services and len(services) == 25
    eid = URIRef(f"{BASE}public-service/eid")
    assert graph.value(eid, DCTERMS.title) == Literal("Elektronische identiteitskaart (eID)", lang="nl")
    assert set(graph.objects(eid, CV.hasChannel)) == {
        URIRef(f"{BASE}channel/appointment"),
        URIRef(f"{BASE}channel/counter"),
    }
    cost = graph.value(eid, CV.hasCost)
    assert graph.value(cost, CV.hasValue).toPython() == 25.0
    assert graph.value(cost, DCTERMS.description) == Literal("€ 25,00", lang="nl")
    assert len(set(graph.objects(eid, CV.hasLegalResource))) == 2
    authority = graph.value(eid, CV.hasCompetentAuthority)
    assert (authority, RDF.type, CV.PublicOrganisation) in graph


def test_life_events_group_their_services_both_ways() -> None:
    graph = export(EXAMPLE)
    events = {str(graph.value(node, DCTERMS.identifier)): node for node in graph.subjects(RDF.type, CV.LifeEvent)}
    catalog = loaded(EXAMPLE)
    assert set(events) == set(catalog.life_events)
    verhuizen = events["verhuizen"]
    grouped = {
        str(graph.value(service, DCTERMS.identifier)) for service in graph.objects(verhuizen, CV.hasRelatedService)
    }
    assert grouped == {"adreswijziging", "afvalcontainers", "bewonerskaart"}
    for service in graph.objects(verhuizen, CV.hasRelatedService):
        assert (service, CV.isGroupedBy, verhuizen) in graph


def test_the_example_catalog_conforms_to_the_cpsv_ap_shapes() -> None:
    assert violations(export(EXAMPLE)) == ""


def test_the_shapes_do_catch_a_service_without_its_competent_authority() -> None:
    graph = export(EXAMPLE)
    graph.remove((URIRef(f"{BASE}public-service/eid"), CV.hasCompetentAuthority, None))
    assert "hasCompetentAuthority" in violations(graph)


def test_hostile_text_stays_literal_and_conforms(hostile: Path) -> None:
    graph = export(hostile)
    assert violations(graph) == ""
    service = URIRef("https://example.org/svcmap/gemeente-test/public-service/adreswijziging")
    assert graph.value(service, DCTERMS.title) == Literal(HOSTILE_TEXT, lang="nl")
    for output_format in ("turtle", "jsonld"):
        data = serialise(graph, output_format)
        again = Graph().parse(data=data, format="json-ld" if output_format == "jsonld" else "turtle")
        assert again.value(service, DCTERMS.title) == Literal(HOSTILE_TEXT, lang="nl")
        assert isomorphic(again, graph)


def test_hostile_catalog_falls_back_and_leaves_planned_products_out(hostile: Path) -> None:
    graph = export(hostile)
    base = "https://example.org/svcmap/gemeente-test/"
    identifiers = {str(graph.value(node, DCTERMS.identifier)) for node in graph.subjects(RDF.type, CPSV.PublicService)}
    assert identifiers == {"adreswijziging", "zonder-tekst"}
    bare = URIRef(f"{base}public-service/zonder-tekst")
    assert graph.value(bare, DCTERMS.description) == Literal("Zonder tekst", lang="nl")  # no summary: the name
    assert graph.value(graph.value(bare, CV.hasCost), DCTERMS.description) == Literal("Gratis", lang="nl")
    retired = URIRef(f"{base}public-service/adreswijziging")
    assert str(graph.value(retired, URIRef("http://www.w3.org/ns/adms#status"))).endswith("/DEPRECATED")
    assert len(list(graph.subjects(RDF.type, ELI.LegalResource))) == 1


LPDC_ORGANISATION = """
  lpdc:
    administrative_unit: http://data.lblod.info/id/bestuurseenheden/abc123
    spatial: [BE23444021]
    base_url: https://www.test.be/lpdc
    contact: {email: info@test.be, phone: "+32 9 123 45 67", url: "https://www.test.be", opening_hours: "ma-vr 9-12"}
"""
LPDC_PRODUCT = {
    "lead_time_days": 21,
    "lpdc": {
        "product_type": "Bewijs",
        "themes": ["BurgerOverheid", "BouwenWonen"],
        "keywords": ["verhuizen", "adres"],
        "spatial": ["BE23444021", "not a code"],
    },
}


def test_lpdc_keys_give_base_authority_contact_type_themes_and_spatial(catalog: Callable[..., Path]) -> None:
    root = catalog()
    organisation = root / "catalog" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("  name: Gemeente Test\n", "  name: Gemeente Test" + LPDC_ORGANISATION, 1))
    graph = _export_lenient(root, LPDC_PRODUCT)
    service = URIRef("https://www.test.be/lpdc/public-service/adreswijziging")
    unit = URIRef("http://data.lblod.info/id/bestuurseenheden/abc123")
    gent = URIRef("http://data.europa.eu/nuts/code/BE23444021")
    assert graph.value(service, CV.hasCompetentAuthority) == unit
    assert graph.value(unit, DCTERMS.spatial) == gent
    assert set(graph.objects(service, DCTERMS.spatial)) == {gent}
    concept = "https://productencatalogus.data.vlaanderen.be/id/concept/"
    assert graph.value(service, DCTERMS.type) == URIRef(f"{concept}Type/Bewijs")
    assert set(graph.objects(service, CV.thematicArea)) == {
        URIRef(f"{concept}Thema/BurgerOverheid"),
        URIRef(f"{concept}Thema/BouwenWonen"),
    }
    assert set(graph.objects(service, DCAT.keyword)) == {Literal("verhuizen", lang="nl"), Literal("adres", lang="nl")}
    assert str(graph.value(service, CV.processingTime)) == "P21D"
    contact = graph.value(service, CV.contactPoint)
    assert str(graph.value(contact, CV.email)) == "info@test.be"
    assert graph.value(contact, CV.contactPage) == URIRef("https://www.test.be")
    assert violations(graph) == ""
    overridden = build_graph(_load_lenient(root), ExportSettings(), "urn:svcmap:test:")
    assert (URIRef("urn:svcmap:test:public-service/adreswijziging"), RDF.type, CPSV.PublicService) in overridden


def _export_lenient(root: Path, extra_fields: dict[str, object]) -> Graph:
    """The export with `extra_fields` in every product: keys the schema of this branch does not know yet
    (SPEC §6 `lpdc`, added beside it), so they are put into the loaded model as the loader would."""
    catalog = _load_lenient(root)
    publication = ExportSettings.of(catalog)
    products = {
        key: Product(
            product.id,
            product.name,
            product.owner_id,
            product.process_id,
            product.channels,
            product.status,
            product.file,
            json.dumps({**product.fields, **extra_fields}),
            product._at,
        )
        for key, product in catalog.products.items()
    }
    return build_graph(replace(catalog, products=products), publication)


def _load_lenient(root: Path) -> Catalog:
    """The catalog even where the schema (of another branch) does not know `organisation.lpdc` yet."""
    return check_source(FolderSource(root), Config()).catalog


@pytest.mark.parametrize("output_format", ["turtle", "jsonld"])
def test_the_same_catalog_gives_the_same_bytes_under_any_hash_seed(output_format: str, tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.{output_format}"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "svcmap",
                "export",
                "cpsv-ap",
                "--root",
                str(EXAMPLE),
                "--format",
                output_format,
                "--out",
                str(out),
            ],
            check=True,
            capture_output=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0] == serialise(export(EXAMPLE), output_format)


def test_jsonld_parses_back_to_the_same_graph() -> None:
    graph = export(EXAMPLE)
    again = Graph().parse(data=serialise(graph, "jsonld"), format="json-ld")
    assert isomorphic(graph, again)
    assert len(again) == len(graph) > 500


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_any_text_comes_back_as_the_same_literal_from_both_formats(text: str, minimal_catalog: Catalog) -> None:
    product = minimal_catalog.products["adreswijziging"]
    renamed = Product(
        product.id,
        text,
        product.owner_id,
        product.process_id,
        product.channels,
        product.status,
        product.file,
        json.dumps({**product.fields, "name": text, "summary": text, "legal_basis": [text]}),
        product._at,
    )
    graph = build_graph(replace(minimal_catalog, products={product.id: renamed}), ExportSettings())
    service = URIRef("https://example.org/svcmap/gemeente-test/public-service/adreswijziging")
    for output_format, parser in (("turtle", "turtle"), ("jsonld", "json-ld")):
        again = Graph().parse(data=serialise(graph, output_format).decode("utf-8"), format=parser)
        assert again.value(service, DCTERMS.title) == Literal(text, lang="nl")
        assert again.value(service, DCTERMS.description) == Literal(text, lang="nl")


@pytest.fixture(scope="module")
def minimal_catalog() -> Catalog:
    return loaded(Path(__file__).resolve().parents[1] / "fixtures" / "minimal")


def test_spatial_given_as_a_nis_code_is_the_municipality_s_nuts_concept(catalog: Callable[..., Path]) -> None:
    """`spatial` takes NIS codes as publish lpdc does: 44021 is Gent, BE23444021; an unknown code is left out."""
    root = catalog()
    organisation = root / "catalog" / "organisation.yaml"
    text = organisation.read_text(encoding="utf-8")
    lpdc_block = LPDC_ORGANISATION.replace("spatial: [BE23444021]", "spatial: ['44021']")
    organisation.write_text(text.replace("  name: Gemeente Test\n", "  name: Gemeente Test" + lpdc_block, 1))
    graph = _export_lenient(root, {"lpdc": {"spatial": ["44021", "99999"]}})
    unit = URIRef("http://data.lblod.info/id/bestuurseenheden/abc123")
    service = URIRef("https://www.test.be/lpdc/public-service/adreswijziging")
    gent = URIRef("http://data.europa.eu/nuts/code/BE23444021")
    assert set(graph.objects(unit, DCTERMS.spatial)) == {gent}
    assert set(graph.objects(service, DCTERMS.spatial)) == {gent}
