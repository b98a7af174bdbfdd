"""Reporters of `analyze --by network`: each format on a small catalog, through the CLI and as pure functions."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from svcmap.analysis.figures import analyze
from svcmap.network.figures import network_of
from svcmap.reporters.network import REPORTERS
from svcmap.whatif.candidates import rank_candidates
from svcmap.whatif.scenario import parse_scenario
from tests.render.helpers import load

SMALL = Path(__file__).parents[1] / "network" / "fixtures" / "small"


@pytest.fixture
def small(tmp_path: Path) -> Path:
    root = tmp_path / "small"
    shutil.copytree(SMALL, root)
    return root


def test_json_is_analyze_plus_the_network(small: Path, cli) -> None:
    plain = json.loads(cli("analyze", str(small), "--format", "json").stdout)
    result = cli("analyze", str(small), "--format", "json", "--by", "network")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert "network" not in plain
    assert {key: value for key, value in data.items() if key != "network"} == plain
    network = data["network"]
    assert list(network) == ["seed", "weighted_by", "units", "communities", "misplaced", "brokers", "candidates"]
    assert network["weighted_by"] == "handoffs"  # the small catalog states no volumes
    assert [
        (m["unit"], m["works_most_with"], m["with_that_domain"], m["with_own_domain"]) for m in network["misplaced"]
    ] == [
        ("loket", "ruimte", 4, 1),
        ("omgeving", "dienstverlening", 4, 2),
    ]
    assert [c["units"] for c in network["communities"]] == [["loket", "milieu", "omgeving"], ["burgerzaken", "politie"]]
    first = network["candidates"][0]
    assert first["removes"]["silo_handoffs"] == first["before"]["silo_handoffs"] - first["after"]["silo_handoffs"] > 0


def test_text_sections_and_the_scenario_to_try(small: Path, cli) -> None:
    result = cli("analyze", str(small), "--by", "network")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(len(line) <= 100 for line in lines)
    assert lines[0] == "Unit network: 5 units (1 external partner), 7 handoff pairs, 9 handoffs"
    misplaced = lines.index(next(line for line in lines if line.startswith("Units that exchange more work")))
    assert lines[misplaced + 4].split() == ["loket", "dienstverlening", "ruimte", "4", "1", "1"]
    brokers = next(index for index, line in enumerate(lines) if line.startswith("Brokers"))
    assert [line.split()[0] for line in lines[brokers + 4 : brokers + 7]] == ["loket", "omgeving", "burgerzaken"]
    assert any(line.startswith("Candidate reorganisations") for line in lines)
    model = load(small)
    best = rank_candidates(model, analyze(model))[0]
    tried = lines.index(next(line for line in lines if line.startswith("Try #1")))
    assert lines[tried + 2 :] == ["    " + line for line in best.scenario.to_yaml().splitlines()]


def test_markdown_and_csv(small: Path, cli) -> None:
    markdown = cli("analyze", str(small), "--by", "network", "--format", "markdown").stdout
    assert "| 1 | ruimte (2), dienstverlening (1) | loket, milieu, omgeving |" in markdown
    assert "```yaml\n" in markdown
    rows = list(csv.DictReader(io.StringIO(cli("analyze", str(small), "--by", "network", "--format", "csv").stdout)))
    assert [row["unit"] for row in rows] == ["burgerzaken", "loket", "milieu", "omgeving", "politie"]
    loket = rows[1]
    assert (loket["community"], loket["works_most_with"], loket["with_that_domain"]) == ("1", "ruimte", "4")
    assert rows[-1]["external"] == "yes"


def test_every_candidates_scenario_is_a_scenario_whatif_reads() -> None:
    model = load(SMALL)
    analysis = analyze(model)
    candidates = rank_candidates(model, analysis)
    assert candidates
    for candidate in candidates:
        read = parse_scenario(candidate.scenario.to_yaml(), "scenario.yaml", "scenario")
        made = candidate.scenario
        assert [(m.units, m.into) for m in read.merges] == [(m.units, m.into) for m in made.merges]
        assert [(d.unit, d.domain) for d in read.domains] == [(d.unit, d.domain) for d in made.domains]
        assert read.merges or read.domains


def test_without_candidates_the_section_is_left_out() -> None:
    model = load(SMALL)
    analysis = analyze(model)
    network = network_of(model, analysis)
    assert "Candidate" not in REPORTERS["text"](analysis, network, None)
    assert "candidates" not in json.loads(REPORTERS["json"](analysis, network, None))["network"]
    assert "Candidate reorganisations: none" in REPORTERS["text"](analysis, network, [])


def test_a_catalog_with_errors_exits_1_with_its_findings(small: Path, cli) -> None:
    (small / "processes" / "melding.yaml").write_text(
        "id: melding\nname: x\nsteps:\n  - id: a\n    name: a\n    unit: nergens\n"
    )
    result = cli("analyze", str(small), "--by", "network")
    assert result.exit_code == 1
    assert "SVC101" in result.stderr and result.stdout == ""


def test_where_products_state_volumes_candidates_show_what_they_remove_a_year(cli) -> None:
    """The example catalog states volumes: the engine ranks by silo handoffs a year, and the table shows them."""
    example = Path(__file__).parents[2]
    data = json.loads(cli("analyze", str(example), "--by", "network", "--format", "json").stdout)
    candidates = data["network"]["candidates"]
    removes = [candidate["removes"] for candidate in candidates]
    assert all("silo_handoffs_per_year" in removed for removed in removes)
    yearly = [removed["silo_handoffs_per_year"] for removed in removes]
    assert yearly == sorted(yearly, reverse=True) and yearly[0] > 0
    lines = cli("analyze", "--lang", "en", str(example), "--by", "network").stdout.splitlines()
    header = next(line for line in lines if line.lstrip().startswith("#  change"))
    assert header.split()[2:4] == ["silo/yr", "hand/yr"]
    first = lines[lines.index(header) + 2].split()
    assert first[-7:-5] == [str(removes[0]["silo_handoffs_per_year"]), str(removes[0]["handoffs_per_year"])]
