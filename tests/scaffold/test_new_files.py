"""`svcmap new product|process ID`: valid at once or with exactly the warning that says what to do; ids checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcmap.catalog import reader
from tests.conftest import codes

PRODUCT = "catalog/products/{}.yaml"
PROCESS = "processes/{}.yaml"


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*.yaml")}


def data(root: Path, path: str) -> dict:
    return reader.load((root / path).read_text(encoding="utf-8"))


def test_a_new_product_comes_with_its_new_process_and_no_finding(catalog, cli) -> None:
    root = catalog()
    result = cli("new", "product", "parkeerkaart-bewoner", "--root", str(root), "--owner", "burgerzaken")
    assert result.exit_code == 0, result.output
    assert f"wrote {PRODUCT.format('parkeerkaart-bewoner')}" in result.output
    assert f"wrote {PROCESS.format('parkeerkaart-bewoner')}" in result.output and "next:" in result.output
    assert codes(root) == []
    product = data(root, PRODUCT.format("parkeerkaart-bewoner"))
    assert (product["owner"], product["process"]) == ("burgerzaken", "parkeerkaart-bewoner")
    assert {step["unit"] for step in data(root, PROCESS.format("parkeerkaart-bewoner"))["steps"]} == {"burgerzaken"}


def test_a_new_process_gives_exactly_svc105_until_a_product_names_it(catalog, cli) -> None:
    root = catalog()
    result = cli("new", "process", "melding-defect", "--root", str(root), "--unit", "onthaal")
    assert result.exit_code == 0, result.output
    assert "SVC105" in result.output  # the output says which warning to expect
    assert codes(root) == [("SVC105", PROCESS.format("melding-defect"), 4, "process:melding-defect")]
    assert cli("new", "product", "melding-defect", "--root", str(root)).exit_code == 0
    assert codes(root) == []


def test_a_product_of_an_existing_process_offers_its_start_channel(catalog, cli) -> None:
    root = catalog({PROCESS.format("zaalhuur"): UNUSED_PROCESS})
    assert codes(root) == [("SVC105", PROCESS.format("zaalhuur"), 1, "process:zaalhuur")]
    result = cli("new", "product", "zaal-reserveren", "--root", str(root), "--process", "zaalhuur")
    assert result.exit_code == 0 and PROCESS.format("zaalhuur") not in result.output
    assert data(root, PRODUCT.format("zaal-reserveren"))["channels"] == ["counter"]
    assert codes(root) == []  # no SVC403: the product offers the channel its process starts on


UNUSED_PROCESS = """\
    id: zaalhuur
    name: Zaalhuur
    steps:
      - {id: reservatie, name: Reservatie, unit: onthaal, channel: counter}
    """


def test_a_process_id_far_from_any_other_is_written_with_the_product(catalog, cli) -> None:
    root = catalog()
    result = cli("new", "product", "zaalhuur", "--root", str(root), "--process", "zalen")
    assert result.exit_code == 0
    assert data(root, PRODUCT.format("zaalhuur"))["process"] == "zalen"
    assert (root / PROCESS.format("zalen")).is_file() and codes(root) == []


def test_a_process_id_close_to_an_existing_one_is_taken_for_a_typo(catalog, cli) -> None:
    root = catalog()
    before = files_under(root)
    result = cli("new", "product", "verhuis", "--root", str(root), "--process", "adreswijzging")
    assert result.exit_code == 2 and "did you mean adreswijziging?" in result.stderr
    assert files_under(root) == before


@pytest.mark.parametrize("ident", ["2024", "no", "true", "null", "1e3"])
def test_ids_that_yaml_reads_as_other_things_stay_strings(catalog, cli, ident: str) -> None:
    root = catalog()
    assert cli("new", "product", ident, "--root", str(root)).exit_code == 0
    assert data(root, PRODUCT.format(ident))["id"] == ident and data(root, PROCESS.format(ident))["id"] == ident
    assert codes(root) == []


def test_new_files_are_in_fmts_layout(catalog, cli) -> None:
    root = catalog()
    cli("new", "product", "a", "--root", str(root))
    cli("new", "process", "b", "--root", str(root), "--unit", "politie")
    result = cli("fmt", str(root), "--check")
    assert result.exit_code == 0 and result.output == "0 files would be reformatted, 6 already formatted\n"


def test_new_files_start_with_their_schema_line(catalog, cli) -> None:
    root = catalog()
    cli("new", "product", "a", "--root", str(root))
    lines = {
        "product": (root / PRODUCT.format("a")).read_text(encoding="utf-8").splitlines()[0],
        "process": (root / PROCESS.format("a")).read_text(encoding="utf-8").splitlines()[0],
    }
    assert lines == {
        "product": "# yaml-language-server: $schema=../../schemas/product.schema.json",
        "process": "# yaml-language-server: $schema=../schemas/process.schema.json",
    }


def test_the_root_is_found_from_a_subfolder(catalog, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    root = catalog()
    monkeypatch.chdir(root / "processes")
    assert cli("new", "process", "b").exit_code == 0
    assert (root / PROCESS.format("b")).is_file()
    assert data(root, PROCESS.format("b"))["steps"][0]["unit"] == "onthaal"  # the first unit by default


# --- refusals: nothing is written --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["product", "x", "--owner", "burgerzakn"], "did you mean burgerzaken?"),
        (["product", "x", "--owner", "financien"], "the units: onthaal, burgerzaken, politie"),
        (["process", "x", "--unit", "politi"], "did you mean politie?"),
        (["product", "adreswijziging"], "product 'adreswijziging' already exists"),
        (["process", "adreswijziging"], "process 'adreswijziging' already exists"),
        (["product", "Parkeer_Kaart"], "not a valid product id"),
        (["process", "x--y"], "not a valid process id"),
        (["product", "x", "--process", "X Y"], "--process: 'X Y' is not a valid process id"),
    ],
)
def test_refusals_are_usage_errors_that_write_nothing(catalog, cli, args: list[str], message: str) -> None:
    root = catalog()
    before = files_under(root)
    result = cli("new", *args, "--root", str(root))
    assert result.exit_code == 2 and message in result.stderr, result.stderr
    assert files_under(root) == before


@pytest.mark.parametrize("kind, path", [("product", PRODUCT.format("x")), ("process", PROCESS.format("x"))])
def test_a_file_of_that_name_is_never_overwritten_even_a_broken_one(catalog, cli, kind: str, path: str) -> None:
    root = catalog({path: "id: [unclosed\n"})
    result = cli("new", kind, "x", "--root", str(root))
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (root / path).read_text(encoding="utf-8") == "id: [unclosed\n"


def test_an_id_taken_by_a_file_of_another_name_is_refused(catalog, cli) -> None:
    root = catalog(
        {PRODUCT.format("other-name"): "id: x\nname: X\nowner: onthaal\nprocess: adreswijziging\nchannels: [web]\n"}
    )
    result = cli("new", "product", "x", "--root", str(root))
    assert result.exit_code == 2 and f"({PRODUCT.format('other-name')})" in result.stderr


def test_no_catalog_is_a_finding_svc004(tmp_path: Path, cli) -> None:
    result = cli("new", "product", "x", "--root", str(tmp_path))
    assert result.exit_code == 1 and "SVC004" in result.stderr and "svcmap init" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unreadable_organisation_is_its_own_finding(catalog, cli) -> None:
    root = catalog({"catalog/organisation.yaml": "units: [\n"})
    result = cli("new", "process", "x", "--root", str(root))
    assert result.exit_code == 1 and "SVC001" in result.stderr
    assert not (root / PROCESS.format("x")).exists()
