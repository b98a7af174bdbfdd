"""`svcmap import lpdc` as a user runs it: the vendored LDES pages (latest snapshot wins, archived skipped),
hand-made IPDC instance and concept files in JSON-LD and Turtle, never overwriting, bad input as
`file:line:col` with exit 1, and a catalog that validates and is in canonical layout afterwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.imports.lpdcimport import OWNER_UNIT, import_lpdc
from svcmap.rules.engine import validate
from tests.imports.bpmnfiles import catalog_root, read_yaml

LPDC_FILES = Path(__file__).parent / "fixtures" / "lpdc"
PAGES = [LPDC_FILES / f"page-{number}.json" for number in range(3)]


def products(root: Path) -> dict[str, dict]:
    folder = root / "catalog" / "products"
    return {path.stem: read_yaml(path) for path in sorted(folder.glob("*.yaml"))}


def assert_clean(root: Path, cli) -> None:
    errors = [finding for finding in validate(FolderSource(root), Config()).findings if finding.severity == "error"]
    assert errors == []
    checked = cli("fmt", "--check", str(root))
    assert checked.exit_code == 0, checked.output


def test_the_vendored_ldes_pages_give_the_latest_state_of_each_live_instance(tmp_path: Path, cli) -> None:
    root = catalog_root(tmp_path)
    result = cli("import", "lpdc", *map(str, PAGES), "--root", str(root))
    assert result.exit_code == 0, result.output
    imported = {ident: data for ident, data in products(root).items() if "identifiers" in data}
    by_uuid = {data["identifiers"]["lpdc"]: data for data in imported.values()}
    assert set(by_uuid) == {
        "c0d6bf9a-fcc4-4d46-beb6-3f4d80f03bf3",
        "c17b67ac-c518-4f98-b73c-53b3c068ad21",
        "c31c343e-836c-4674-8efa-991cc2078493",
        "ad3abd4f-d4aa-4e92-99e4-ef2dc2376bf6",
        "645dcaec-7f27-44b7-85ba-b3ffe58c6328",
    }  # 2e018424…: its latest snapshot is archived
    assert by_uuid["c0d6bf9a-fcc4-4d46-beb6-3f4d80f03bf3"]["name"] == "Minimalistische instantie updatet"
    akte = by_uuid["c31c343e-836c-4674-8efa-991cc2078493"]
    assert akte["id"] == "akte-belgische-nationaliteit"
    assert akte["owner"] == OWNER_UNIT.id
    assert akte["audience"] == ["business", "citizen"]
    assert akte["cost"] == {"amount": 0, "currency": "EUR"}
    assert akte["description"].startswith("De akte van Belgische nationaliteit wordt toegekend")
    assert "<" not in akte["description"]
    assert akte["lpdc"]["product_type"] == "FinancieelVoordeel"
    assert akte["lpdc"]["themes"] == ["BurgerOverheid", "CultuurSportVrijeTijd"]
    assert akte["lpdc"]["spatial"] == ["BE234", "BE23444021"]
    assert akte["lpdc"]["keywords"] == ["Akte", "Nationaliteit"]
    assert akte["lpdc"]["concept"] == "https://ipdc.tni-vlaanderen.be/id/concept/705d401c-1a41-4802-a863-b22499f71b84"
    assert [link["url"][-1] for link in akte["lpdc"]["links"]] == ["1", "2"]
    skipped = [line for line in result.stdout.splitlines() if "skipped" in line]
    assert len(skipped) == 3 and sum("archived in LPDC" in line for line in skipped) == 1
    assert f"added 1 unit to catalog/organisation.yaml: {OWNER_UNIT.id}" in result.stdout
    assert_clean(root, cli)


def test_the_latest_snapshot_wins_whatever_the_order_of_the_files(tmp_path: Path) -> None:
    root = catalog_root(tmp_path)
    import_lpdc(root, list(reversed(PAGES)))
    names = {data["name"] for data in products(root).values()}
    assert "Minimalistische instantie updatet" in names and "Minimalistische instantie" not in names


@pytest.mark.parametrize("name", ["ipdc-instance.jsonld", "ipdc-concept.jsonld", "ipdc-instance.ttl"])
def test_hand_made_ipdc_files_become_valid_products(tmp_path: Path, cli, name: str) -> None:
    root = catalog_root(tmp_path)
    result = cli("import", "lpdc", str(LPDC_FILES / name), "--root", str(root), "--owner", "burgerzaken")
    assert result.exit_code == 0, result.output
    written = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("  wrote ")]
    assert len(written) == 1
    data = read_yaml(root / written[0])
    assert data["owner"] == "burgerzaken" and "added 1 unit" not in result.stdout
    assert "status" not in data and "process" not in data  # active without a process: SVC107
    assert_clean(root, cli)


def test_an_instance_maps_cost_legal_basis_links_and_concept(tmp_path: Path) -> None:
    root = catalog_root(tmp_path)
    import_lpdc(root, [LPDC_FILES / "ipdc-instance.jsonld"])
    data = products(root)["parkeerkaart-bewoners"]
    assert data["cost"] == {"amount": 25, "currency": "EUR"}
    assert data["legal_basis"] == ["Retributiereglement parkeren"]
    assert data["description"] == "U woont in de binnenstad & parkeert op straat. één wagen"
    assert data["identifiers"] == {"lpdc": "0b5e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b"}
    assert data["lpdc"]["links"] == [{"title": "Meer info", "url": "https://www.voorbeeld.be/parkeren"}]
    assert data["channels"] == ["web"]


def test_a_concept_is_linked_not_pinned(tmp_path: Path) -> None:
    root = catalog_root(tmp_path)
    import_lpdc(root, [LPDC_FILES / "ipdc-concept.jsonld"])
    data = products(root)["adreswijziging-doorgeven"]
    assert "identifiers" not in data
    assert data["lpdc"]["concept"] == "https://ipdc.vlaanderen.be/id/concept/705d401c-1a41-4802-a863-b22499f71b84"
    assert data["lpdc"]["competent_levels"] == ["Federaal"]


def test_a_second_import_overwrites_nothing_and_says_why(tmp_path: Path, cli) -> None:
    root = catalog_root(tmp_path)
    cli("import", "lpdc", *map(str, PAGES), "--root", str(root))
    before = {path: path.read_bytes() for path in (root / "catalog").rglob("*.yaml")}
    again = cli("import", "lpdc", *map(str, PAGES), "--root", str(root))
    assert again.exit_code == 0
    assert {path: path.read_bytes() for path in (root / "catalog").rglob("*.yaml")} == before
    assert sum("already in the catalog as product" in line for line in again.stdout.splitlines()) == 5
    assert "wrote" not in again.stdout


def test_a_product_id_that_exists_is_skipped_not_overwritten(tmp_path: Path) -> None:
    root = catalog_root(tmp_path)
    existing = root / "catalog" / "products" / "huwelijk-voltrekken.yaml"
    existing.write_text("not mine\n", encoding="utf-8")
    result = import_lpdc(root, [LPDC_FILES / "ipdc-instance.ttl"])
    assert existing.read_text(encoding="utf-8") == "not mine\n"
    assert result.files[0].written == () and "already exists" in result.files[0].skipped[0]


def test_hostile_text_stays_literal(tmp_path: Path, cli) -> None:
    hostile = "<script>alert('x')</script> & \"quotes\" \u202eRTL 🎉"
    document = json.loads((LPDC_FILES / "ipdc-instance.jsonld").read_text(encoding="utf-8"))
    document["naam"] = {"nl": 'Kaart &amp; "pas" \u202e 🎉'}
    document["beschrijving"] = {"nl": "<p>&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quotes\" \u202eRTL 🎉</p>"}
    path = tmp_path / "hostile.jsonld"
    path.write_text(json.dumps(document), encoding="utf-8")
    root = catalog_root(tmp_path)
    result = cli("import", "lpdc", str(path), "--root", str(root))
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.stdout  # escaped for the terminal
    data = products(root)["kaart-amp-pas"]
    assert data["description"] == hostile
    assert data["name"] == 'Kaart &amp; "pas" \u202e 🎉'
    assert_clean(root, cli)


@pytest.mark.parametrize(
    ("text", "where", "why"),
    [
        ('{"@context": "http://hostname/ldes.jsonld",\n "naam": }', ":2:10:", "not JSON"),
        ('{"@context": "https://example.org/other.jsonld", "@id": "x"}', ":1:1:", "unknown JSON-LD context"),
        ('{"@id": "x"}', ":1:1:", "no `@context`"),
        ("@prefix ex: <http://e/> .\nex:a ex:b ) .\n", ":2:1:", "objectList expected"),
    ],
)
def test_bad_input_is_an_error_with_its_place_and_exit_1(tmp_path: Path, cli, text: str, where: str, why: str) -> None:
    root = catalog_root(tmp_path)
    bad = tmp_path / "bad.jsonld"
    bad.write_text(text, encoding="utf-8")
    result = cli("import", "lpdc", str(bad), str(LPDC_FILES / "ipdc-concept.jsonld"), "--root", str(root))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"svcmap: {bad.as_posix()}{where}") and why in result.stderr
    assert "Traceback" not in result.output
    assert "adreswijziging-doorgeven" in result.stdout  # the readable file is still imported


def test_a_file_without_lpdc_products_is_reported(tmp_path: Path, cli) -> None:
    root = catalog_root(tmp_path)
    other = tmp_path / "other.ttl"
    other.write_text("<http://e/a> <http://e/b> <http://e/c> .\n", encoding="utf-8")
    result = cli("import", "lpdc", str(other), "--root", str(root))
    assert result.exit_code == 0 and "skipped nothing: no LPDC instance snapshot, instance or concept" in result.stdout


def test_an_unknown_owner_is_refused(tmp_path: Path, cli) -> None:
    root = catalog_root(tmp_path)
    result = cli("import", "lpdc", str(PAGES[0]), "--root", str(root), "--owner", "nobody")
    assert result.exit_code != 0 and "--owner" in result.stderr
    assert not list((root / "catalog" / "products").glob("minimal*"))
