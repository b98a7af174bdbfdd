"""Reading and checking a scenario: every fault is a finding at the scenario's line and column, with the code the
catalog's own rules use for the same mistake; a merge made already is no fault."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from svcmap.whatif.scenario import Move, ScenarioError, check_scenario, parse_scenario, read_scenario
from tests.whatif.helpers import SMALL, loaded


def faults(text: str) -> list[tuple[str, int, int, str]]:
    """(code, line, column, subject) of every fault of a scenario on the small catalog."""
    try:
        scenario = parse_scenario(textwrap.dedent(text).lstrip("\n"), "s.yaml", "s")
    except ScenarioError as error:
        return [(f.code, f.line, f.column, f.subject) for f in error.findings]
    catalog, _ = loaded(SMALL)
    return [(f.code, f.line, f.column, f.subject) for f in check_scenario(scenario, catalog)]


def test_a_valid_scenario_reads_with_its_positions() -> None:
    scenario = parse_scenario(
        "name: Burgerzaken\nmerge:\n  - units: [bevolking, burgerlijke-stand]\n    into: burgerzaken\n"
        "    name: Burgerzaken\n    office: front\nmove:\n  - step: adres/akte\n    to: onthaal\n"
        "domains: {milieu: ruimte}\n",
        "s.yaml",
        "s",
    )
    assert scenario.label == "Burgerzaken"
    (merge,) = scenario.merges
    assert merge.merged == ("bevolking", "burgerlijke-stand")
    assert [(at.line, at.column) for at in merge.unit_locations] == [(3, 13), (3, 24)]
    assert scenario.moves == (Move("adres/akte", "onthaal", scenario.moves[0].location, scenario.moves[0].to_location),)
    assert (scenario.moves[0].location.line, scenario.moves[0].to_location.line) == (8, 9)
    assert [(change.unit, change.domain, change.location.line) for change in scenario.domains] == [
        ("milieu", "ruimte", 10)
    ]
    assert faults("merge:\n  - units: [bevolking, burgerlijke-stand]\n    into: burgerzaken\n") == [
        ("SVC002", 3, 11, "unit:burgerzaken")  # a new unit needs a name and an office
    ]


def test_an_empty_file_is_a_scenario_that_changes_nothing() -> None:
    assert parse_scenario("", "s.yaml", "empty").describe() == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("merge: [\n", [("SVC001", 2, 1, "scenario")]),
        ("merge:\n  - units: [a]\n", [("SVC002", 2, 5, "scenario")]),
        ("move:\n  - step: x\n    to: y\n    colour: red\n", [("SVC002", 4, 5, "scenario")]),
        ("domains: {milieu: Ruimte}\n", [("SVC002", 1, 19, "scenario")]),
        ("move:\n  - step: adres/akte/x\n    to: onthaal\n", [("SVC002", 2, 11, "scenario")]),
    ],
    ids=["bad-yaml", "missing-into", "unknown-key", "bad-id", "bad-step"],
)
def test_an_unreadable_or_invalid_scenario(text: str, expected: list[tuple[str, int, int, str]]) -> None:
    assert faults(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("merge:\n  - units: [milieu, omgevnig]\n    into: omgeving\n", [("SVC101", 2, 21, "unit:omgevnig")]),
        (
            "merge:\n  - units: [milieu, omgeving]\n    into: omgeving\n"
            "  - units: [milieu, onthaal]\n    into: onthaal\n",
            [("SVC003", 4, 13, "scenario")],
        ),
        ("move:\n  - step: adres/akt\n    to: onthaal\n", [("SVC103", 2, 11, "process:adres/step:akt")]),
        ("move:\n  - step: adrs/akte\n    to: onthaal\n", [("SVC102", 2, 11, "process:adrs")]),
        ("move:\n  - step: trouwn\n    to: onthaal\n", [("SVC104", 2, 11, "product:trouwn")]),
        ("move:\n  - step: adres/akte\n    to: onthal\n", [("SVC101", 3, 9, "unit:onthal")]),
        ("domains: {mileu: ruimte}\n", [("SVC101", 1, 11, "unit:mileu")]),
        (
            "merge:\n  - units: [milieu, omgeving]\n    into: omgeving\ndomains: {milieu: ruimte}\n",
            [("SVC101", 4, 11, "unit:milieu")],  # merged away: give the merged unit's domain instead
        ),
    ],
    ids=[
        "unknown-unit",
        "merged-twice",
        "unknown-step",
        "unknown-process",
        "unknown-product",
        "unknown-to",
        "domain",
        "gone",
    ],
)
def test_references_the_catalog_cannot_resolve(text: str, expected: list[tuple[str, int, int, str]]) -> None:
    assert faults(text) == expected


def test_unknown_names_come_with_a_suggestion() -> None:
    scenario = parse_scenario("move:\n  - step: adres/akt\n    to: onthal\n", "s.yaml", "s")
    messages = [finding.message for finding in check_scenario(scenario, loaded(SMALL)[0])]
    assert messages == [
        "process 'adres' has no step 'akt'; did you mean akte?",
        "unknown unit 'onthal'; did you mean onthaal?",
    ]


def test_a_merge_made_already_is_no_fault_and_later_parts_may_name_its_units() -> None:
    # weg-1 and weg-2 are gone and onthaal exists: an earlier --apply made the merge
    text = "merge:\n  - units: [onthaal, weg-1, weg-2]\n    into: onthaal\nmove:\n  - step: adres/akte\n    to: weg-1\n"
    assert faults(text) == []


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as raised:
        read_scenario(tmp_path / "missing.yaml")
    assert [(f.code, f.file, f.line) for f in raised.value.findings] == [("SVC001", str(tmp_path / "missing.yaml"), 1)]


def test_a_merged_unit_spelt_like_one_still_there_is_a_typo_not_a_merge_made() -> None:
    text = "merge:\n  - units: [omgeving, milieux]\n    into: omgeving\n"
    assert faults(text) == [("SVC101", 2, 23, "unit:milieux")]
