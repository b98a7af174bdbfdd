"""`svcmap analyze` through the CLI: every format and view, errors, exit codes and the cache."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from svcmap.reporters.analysis import VIEWS

GEMEENTE = Path(__file__).parents[1] / "analysis" / "fixtures" / "gemeente"
SPEC_PROCESS_KEYS = [
    "id", "steps", "units", "handoffs", "silo_handoffs", "external_handoffs", "visibility_crossings",
    "ping_pongs", "contact_moments", "repeated_asks", "front_steps", "back_steps",
]  # fmt: skip


@pytest.fixture
def gemeente(tmp_path: Path) -> Path:
    root = tmp_path / "gemeente"
    shutil.copytree(GEMEENTE, root)
    return root


def test_json_has_every_section_whatever_by_says(gemeente: Path, cli) -> None:
    outputs = set()
    for by in VIEWS:
        result = cli("analyze", str(gemeente), "--format", "json", "--by", by)
        assert result.exit_code == 0
        outputs.add(result.stdout)
    assert len(outputs) == 1
    data = json.loads(outputs.pop())
    assert list(data) == ["processes", "products", "units", "life_events", "unit_handoffs"]
    assert [list(p) for p in data["processes"]] == [SPEC_PROCESS_KEYS] * 3
    assert data["processes"][0] == {
        "id": "vergunning", "steps": 6, "units": 3, "handoffs": 7, "silo_handoffs": 7, "external_handoffs": 0,
        "visibility_crossings": 5, "ping_pongs": 4, "contact_moments": 3, "repeated_asks": ["site-address"],
        "front_steps": 3, "back_steps": 3,
    }  # fmt: skip
    assert data["products"][-1] == {"id": "premie", "process": None}
    assert data["life_events"] == [
        {"id": "verbouwen", "products": 3, "handoffs": 11, "silo_handoffs": 9, "contact_moments": 5, "units": 5,
         "repeated_asks": ["identity"]}
    ]  # fmt: skip
    assert data["units"][0]["id"] == "loket" and data["units"][0]["handoffs_out"] == 4


@pytest.mark.parametrize("by", VIEWS)
def test_text_tables_fit_100_columns(gemeente: Path, cli, by: str) -> None:
    result = cli("analyze", str(gemeente), "--by", by)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert lines[0] and lines[2]  # a title, a blank line, the header


def test_text_process_table_worst_first_with_totals(gemeente: Path, cli) -> None:
    lines = cli("analyze", str(gemeente)).stdout.splitlines()  # --by process is the default
    assert lines[2].split()[:5] == ["process", "steps", "units", "hand", "silo"]
    rows = [line.split() for line in lines[4:7]]
    assert [row[0] for row in rows] == ["vergunning", "adreswijziging", "archivering"]
    assert rows[0][1:] == ["6", "3", "7", "7", "0", "5", "4", "3", "1", "3", "3"]
    totals = next(line for line in lines if line.startswith("total")).split()
    assert totals == ["total", "13", "11", "9", "2", "7", "5", "5", "1", "5", "8"]  # units have no total


def test_long_names_are_cut_with_an_ellipsis(gemeente: Path, cli) -> None:
    long_id = "omgevingsvergunning-voor-het-verbouwen-van-een-beschermd-monument-in-het-centrum"
    (gemeente / "processes" / "vergunning.yaml").rename(gemeente / "processes" / f"{long_id}.yaml")
    text = (gemeente / "processes" / f"{long_id}.yaml").read_text(encoding="utf-8")
    (gemeente / "processes" / f"{long_id}.yaml").write_text(text.replace("id: vergunning", f"id: {long_id}"))
    product = gemeente / "catalog" / "products" / "vergunning.yaml"
    product.write_text(product.read_text(encoding="utf-8").replace("process: vergunning", f"process: {long_id}"))
    for by in ("process", "product"):
        result = cli("analyze", str(gemeente), "--by", by)
        assert result.exit_code == 0, result.output
        assert all(len(line) <= 100 for line in result.stdout.splitlines())
        assert "omgevingsvergunning-voor-h" in result.stdout and "…" in result.stdout


def test_unit_view_lists_the_busiest_pairs(gemeente: Path, cli) -> None:
    out = cli("analyze", str(gemeente), "--by", "unit").stdout
    assert "Busiest handoffs between units" in out
    unit_rows = [line.split() for line in out.splitlines() if line.startswith("loket ")]
    assert unit_rows[0][:4] == ["loket", "5", "3", "4"]


def test_csv_has_one_row_per_subject_and_no_totals(gemeente: Path, cli) -> None:
    def table(by: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(cli("analyze", str(gemeente), "--format", "csv", "--by", by).stdout)))

    rows = list(csv.reader(io.StringIO(cli("analyze", str(gemeente), "--format", "csv").stdout)))
    assert rows[0] == SPEC_PROCESS_KEYS
    assert [row[0] for row in rows[1:]] == ["vergunning", "adreswijziging", "archivering"]
    assert rows[1][9] == "site-address"
    products = table("product")
    assert [(p["id"], p["process"], p["handoffs"]) for p in products] == [
        ("vergunning", "vergunning", "7"),
        ("adreswijziging", "adreswijziging", "4"),
        ("premie", "", ""),
    ]
    assert table("unit")[0] == {
        "id": "loket", "steps": "5", "handoffs_in": "3", "handoffs_out": "4", "hands_to": "omgeving:3;burgerzaken:1"
    }  # fmt: skip
    events = table("life-event")
    assert events[0]["repeated_asks"] == "identity" and events[0]["units"] == "5"
    matrix = list(csv.reader(io.StringIO(cli("analyze", str(gemeente), "--format", "csv", "--by", "matrix").stdout)))
    assert matrix[:2] == [["from", "to", "handoffs", "products"], ["loket", "omgeving", "3", "1"]]


@pytest.mark.parametrize("by", VIEWS)
def test_markdown_is_a_table(gemeente: Path, cli, by: str) -> None:
    out = cli("analyze", str(gemeente), "--format", "markdown", "--by", by).stdout
    for section in out.split("\n\n### "):  # --by unit adds the busiest pairs as a second table
        lines = section.removeprefix("### ").splitlines()
        assert lines[2].startswith("| ") and set(lines[3]) <= set("|-: ")
        assert all(line.count("|") == lines[2].count("|") for line in lines[2:] if line.startswith("|"))


def test_markdown_totals_are_bold(gemeente: Path, cli) -> None:
    out = cli("analyze", str(gemeente), "--format", "markdown").stdout
    assert "| **total** | **13** |" in out


def test_errors_are_printed_as_validate_prints_them_and_exit_1(gemeente: Path, cli) -> None:
    process = gemeente / "processes" / "archivering.yaml"
    process.write_text(process.read_text(encoding="utf-8").replace("unit: archief}", "unit: archiv}", 1))
    result = cli("analyze", str(gemeente), "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "processes/archivering.yaml:6:" in result.stderr and " SVC101 " in result.stderr
    assert result.stderr.splitlines()[-1].startswith("1 error, ")


def test_warnings_alone_exit_0(gemeente: Path, cli) -> None:
    assert "SVC301" in cli("validate", str(gemeente), "--no-cache").stdout
    assert cli("analyze", str(gemeente)).exit_code == 0


def test_a_root_that_does_not_exist_is_a_usage_error(tmp_path: Path, cli) -> None:
    result = cli("analyze", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "no such folder" in result.stderr


def test_a_folder_without_catalog_is_svc004(tmp_path: Path, cli) -> None:
    result = cli("analyze", str(tmp_path))
    assert result.exit_code == 1 and "SVC004" in result.stderr


def test_the_cache_answers_an_unchanged_catalog_and_notices_a_change(gemeente: Path, cli) -> None:
    first = cli("analyze", str(gemeente), "--format", "json").stdout
    assert list((gemeente / ".svcmap-cache" / "analyze").glob("*.json"))
    assert cli("analyze", str(gemeente), "--format", "json").stdout == first
    process = gemeente / "processes" / "adreswijziging.yaml"
    process.write_text(process.read_text(encoding="utf-8").replace("unit: politie", "unit: burgerzaken"))
    changed = json.loads(cli("analyze", str(gemeente), "--format", "json").stdout)
    assert {p["id"]: p["external_handoffs"] for p in changed["processes"]}["adreswijziging"] == 0


def test_no_cache_writes_no_cache(gemeente: Path, cli) -> None:
    assert cli("analyze", str(gemeente), "--no-cache").exit_code == 0
    assert not (gemeente / ".svcmap-cache").exists()


def test_root_option_and_discovery(gemeente: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    by_option = cli("analyze", "--root", str(gemeente), "--format", "json", "--no-cache").stdout
    monkeypatch.chdir(gemeente / "processes")
    assert cli("analyze", "--format", "json", "--no-cache").stdout == by_option
