"""`svcmap analyze` where products state volumes: per-year tables, columns and keys, and `--by channel`."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from svcmap.reporters.analysis import VIEWS

VOLUMES = Path(__file__).parents[1] / "analysis" / "fixtures" / "volumes"
YEAR_KEYS = [
    "requests_per_year",
    "handoffs_per_year",
    "silo_handoffs_per_year",
    "contact_moments_per_year",
    "repeated_asks_per_year",
]


@pytest.fixture
def volumes(tmp_path: Path) -> Path:
    root = tmp_path / "volumes"
    shutil.copytree(VOLUMES, root)
    return root


def _section(text: str, title: str) -> list[list[str]]:
    """The rows of the text table under the title that starts with `title` (header and rules left out)."""
    sections = text.split("\n\n")
    at = next(i for i, section in enumerate(sections) if section.startswith(title))
    lines = sections[at + 1].splitlines()
    return [line.split() for line in lines[2:] if not line.startswith("---")]


def test_the_process_view_ranks_processes_by_silo_handoffs_a_year(volumes: Path, cli) -> None:
    out = cli("analyze", str(volumes), "--no-cache").stdout
    rows = _section(out, "Per year: processes")
    assert rows == [
        ["adreswijziging", "1500", "6000", "3000", "3000", "0"],
        ["vergunning", "100", "700", "700", "300", "100"],
        ["total", "1600", "6700", "3700", "3300", "100"],
    ]  # vergunning has more silo handoffs, adreswijziging more a year: archivering has no volume at all
    assert "per-year figures cover 4 of 5 products; the others state no volume_per_year" in out


def test_every_view_has_its_per_year_table(volumes: Path, cli) -> None:
    assert _section(cli("analyze", str(volumes), "--by", "product").stdout, "Per year: products")[0] == [
        "adreswijziging", "1000", "4000", "2000", "2000", "0"
    ]  # fmt: skip
    assert _section(cli("analyze", str(volumes), "--by", "life-event").stdout, "Per year: life events") == [
        ["verbouwen", "1100", "4700", "2700", "2300", "100"],
        ["total", "1100", "4700", "2700", "2300", "100"],
    ]
    units = _section(cli("analyze", str(volumes), "--by", "unit").stdout, "Per year: units")
    assert units[0] == ["burgerzaken", "3000", "3000", "3000"]


def test_the_channel_mix(volumes: Path, cli) -> None:
    out = cli("analyze", str(volumes), "--by", "channel").stdout
    assert _section(out, "Channel mix") == [
        ["web", "1125", "68%", "3"],
        ["counter", "25", "2%", "1"],
        ["unspecified", "500", "30%", "1"],
        ["total", "1650"],
    ]
    assert "in person (counter, appointment, home-visit): 25 of 1650 requests a year" in " ".join(out.split())


@pytest.mark.parametrize("by", VIEWS)
def test_text_still_fits_100_columns_and_markdown_stays_tables(volumes: Path, cli, by: str) -> None:
    assert all(len(line) <= 100 for line in cli("analyze", str(volumes), "--by", by).stdout.splitlines())
    out = cli("analyze", str(volumes), "--format", "markdown", "--by", by).stdout
    for section in out.split("\n\n### "):
        lines = section.removeprefix("### ").splitlines()
        assert lines[2].startswith("| ") and set(lines[3]) <= set("|-: ")
        assert all(line.count("|") == lines[2].count("|") for line in lines[2:] if line.startswith("|"))


def test_csv_adds_the_per_year_columns_to_each_row(volumes: Path, cli) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("analyze", str(volumes), "--format", "csv").stdout)))
    assert list(rows[0])[-5:] == YEAR_KEYS
    by_id = {row["id"]: row for row in rows}
    assert [by_id["adreswijziging"][key] for key in YEAR_KEYS] == ["1500", "6000", "3000", "3000", "0"]
    assert [by_id["archivering"][key] for key in YEAR_KEYS] == [""] * 5  # no product with a volume uses it
    channels = list(csv.reader(io.StringIO(cli("analyze", str(volumes), "--format", "csv", "--by", "channel").stdout)))
    assert channels[:2] == [["channel", "requests_per_year", "share", "products"], ["web", "1125", "0.6818", "3"]]


def test_json_adds_per_year_keys_and_a_per_year_section(volumes: Path, cli) -> None:
    data = json.loads(cli("analyze", str(volumes), "--format", "json").stdout)
    assert list(data) == ["processes", "products", "units", "life_events", "unit_handoffs", "per_year"]
    assert data["per_year"]["totals"]["handoffs_per_year"] == 6700
    assert data["per_year"]["in_person_requests_per_year"] == 25
    assert data["per_year"]["channels"][0] == {"channel": "web", "requests_per_year": 1125, "products": 3}
    (premie,) = [product for product in data["products"] if product["id"] == "premie"]
    assert "requests_per_year" not in premie  # a volume but no process: in the channel mix only
    (loket,) = [unit for unit in data["units"] if unit["id"] == "loket"]
    assert (loket["handoffs_in_per_year"], loket["handoffs_out_per_year"]) == (1700, 1800)


def test_the_cached_figures_keep_the_per_year_figures(volumes: Path, cli) -> None:
    first = cli("analyze", str(volumes), "--format", "json").stdout
    assert (volumes / ".svcmap-cache").is_dir()
    assert cli("analyze", str(volumes), "--format", "json").stdout == first
