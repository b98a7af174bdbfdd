"""SPEC §6's contract: `whatif`'s figures equal those of `analyze` on a copy of the catalog edited by hand to the
same effect. Each test copies the example catalog, edits the copy's YAML (through ruamel.yaml, as a person
with an editor would: units taken out, `unit:` and `owner:` rewritten, `domain:` changed), runs
`svcmap analyze --format json` on the copy, and compares it with the figures after of `svcmap whatif
--format json` on the untouched example."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from ruamel.yaml import YAML

from tests.conftest import write_files
from tests.whatif.helpers import EXAMPLE

CliRun = Callable[..., Result]


def copy_of_example(tmp_path: Path) -> Path:
    root = tmp_path / "edited"
    for folder in ("catalog", "processes"):
        shutil.copytree(EXAMPLE / folder, root / folder)
    return root


class HandEdit:
    """The copy's YAML files, edited as data (ruamel.yaml's round trip keeps the rest of each file)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.yaml = YAML()

    def _edit(self, path: Path, change: Callable[[Any], None]) -> None:
        data = self.yaml.load(path.read_text(encoding="utf-8"))
        change(data)
        with path.open("w", encoding="utf-8") as handle:
            self.yaml.dump(data, handle)

    def organisation(self, change: Callable[[Any], None]) -> None:
        self._edit(self.root / "catalog" / "organisation.yaml", change)

    def steps(self, change: Callable[[str, Any], None]) -> None:
        """`change(process_id, step)` on every step of every process."""
        for path in sorted((self.root / "processes").glob("*.yaml")):
            self._edit(path, lambda data: [change(data["id"], step) for step in data["steps"]])

    def owners(self, old: str, new: str) -> None:
        for path in sorted((self.root / "catalog" / "products").glob("*.yaml")):
            self._edit(path, lambda data: data.__setitem__("owner", new) if data["owner"] == old else None)

    def merge(self, gone: str, into: str, gone_office: str, into_office: str) -> None:
        """What a person does to merge `gone` into `into`: its steps and products to `into` (a step keeps its
        office: where the offices differ, it is written), and its entry out of organisation.yaml."""

        def step(process_id: str, data: Any) -> None:
            if data["unit"] == gone:
                data["unit"] = into
                if "office" not in data and gone_office != into_office:
                    data["office"] = gone_office

        self.steps(step)
        self.owners(gone, into)
        self.organisation(lambda data: data.__setitem__("units", [u for u in data["units"] if u["id"] != gone]))

    def move(self, process_id: str, step_id: str, to: str) -> None:
        def step(process: str, data: Any) -> None:
            if process == process_id and data["id"] == step_id:
                data["unit"] = to

        self.steps(step)

    def domain(self, unit_id: str, domain: str) -> None:
        def change(data: Any) -> None:
            for unit in data["units"]:
                if unit["id"] == unit_id:
                    unit["domain"] = domain

        self.organisation(change)


def analyze_json(cli: CliRun, root: Path) -> dict[str, Any]:
    result = cli("analyze", str(root), "--format", "json", "--no-cache")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def whatif_json(cli: CliRun, scenario: Path) -> dict[str, Any]:
    result = cli("whatif", "--root", str(EXAMPLE), str(scenario), "--format", "json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def figures_after(before: dict[str, Any], whatif: dict[str, Any]) -> dict[str, Any]:
    """The example's analyze figures with what whatif says changed: per process, per life event, and the totals."""
    processes = {process["id"]: dict(process) for process in before["processes"]}
    for change in whatif["processes"]["changed"]:
        for figure, (old, new) in change["metrics"].items():
            assert processes[change["id"]][figure] == old
            processes[change["id"]][figure] = new
    events = {event["id"]: dict(event) for event in before["life_events"]}
    for change in whatif["life_events"]["changed"]:
        for figure, (old, new) in change.get("metrics", {}).items():
            assert events[change["id"]][figure] == old
            events[change["id"]][figure] = new
    return {"processes": processes, "life_events": events}


def assert_whatif_equals_hand_edit(
    cli: CliRun, tmp_path: Path, scenario: str, edit: Callable[[HandEdit], None]
) -> None:
    scenario_file = write_files(tmp_path, {"scenario.yaml": scenario}) / "scenario.yaml"
    root = copy_of_example(tmp_path)
    edit(HandEdit(root))
    edited = analyze_json(cli, root)
    whatif = whatif_json(cli, scenario_file)
    expected = figures_after(analyze_json(cli, EXAMPLE), whatif)
    assert {process["id"]: process for process in edited["processes"]} == expected["processes"]
    assert {event["id"]: event for event in edited["life_events"]} == expected["life_events"]
    per_year = edited["per_year"]["totals"]  # the example states volumes: whatif shows the figures a year too
    assert set(per_year) <= set(whatif["totals"])
    for figure, (_, new) in whatif["totals"].items():
        if figure in per_year:
            assert per_year[figure] == new, figure
        elif figure not in ("units", "products", "processes", "life_events", "steps"):
            summed = sum(len(v) if isinstance(v := p[figure], list) else v for p in edited["processes"])
            assert summed == new, figure
    assert whatif["totals"]["units"][1] == len(edited["units"])  # the example declares every unit it names
    assert any(change["metrics"] for change in whatif["processes"]["changed"]), "the scenario changes figures"


MERGE = """
    merge:
      - units: [burgerzaken, mobiliteit]
        into: burgerzaken
"""


def test_a_merge_equals_the_hand_edit(cli: CliRun, tmp_path: Path) -> None:
    # mobiliteit is back office, burgerzaken front: its steps keep the back office, written where needed
    assert_whatif_equals_hand_edit(
        cli, tmp_path, MERGE, lambda edit: edit.merge("mobiliteit", "burgerzaken", "back", "front")
    )


def test_a_moved_step_equals_the_hand_edit(cli: CliRun, tmp_path: Path) -> None:
    # a back-office step of mobiliteit goes to the front-office onthaal: it is done at the onthaal's counter
    scenario = """
        move:
          - step: evenementenvergunning/advies-mobiliteit
            to: onthaal
    """
    assert_whatif_equals_hand_edit(
        cli, tmp_path, scenario, lambda edit: edit.move("evenementenvergunning", "advies-mobiliteit", "onthaal")
    )


def test_a_products_front_office_steps_moved_equal_the_hand_edit(cli: CliRun, tmp_path: Path) -> None:
    scenario = """
        move:
          - step: zaalhuur
            to: onthaal
    """

    def edit(hand: HandEdit) -> None:
        for step in ("reservatie", "bevestiging", "alternatief"):  # its front-office steps; not beschikbaarheid
            hand.move("zaalhuur", step, "onthaal")

    assert_whatif_equals_hand_edit(cli, tmp_path, scenario, edit)


def test_a_domain_change_equals_the_hand_edit(cli: CliRun, tmp_path: Path) -> None:
    scenario = """
        domains: {cbs: omgeving}
    """
    assert_whatif_equals_hand_edit(cli, tmp_path, scenario, lambda edit: edit.domain("cbs", "omgeving"))


def test_a_chain_of_all_three_equals_the_hand_edit(cli: CliRun, tmp_path: Path) -> None:
    # the move names the unit merged away: the step goes to the unit it was merged into
    scenario = """
        merge:
          - units: [omgeving, cbs]
            into: omgeving
        move:
          - step: bewonerskaart/beoordeling
            to: cbs
        domains: {woonloket: dienstverlening, omgeving: ruimte}
    """

    def edit(hand: HandEdit) -> None:
        hand.merge("cbs", "omgeving", "back", "back")
        hand.move("bewonerskaart", "beoordeling", "omgeving")
        hand.domain("woonloket", "dienstverlening")
        hand.domain("omgeving", "ruimte")

    assert_whatif_equals_hand_edit(cli, tmp_path, scenario, edit)


@pytest.mark.parametrize("kind", ["merge", "domain"])
def test_the_best_candidate_of_the_example_is_what_whatif_says(cli: CliRun, tmp_path: Path, kind: str) -> None:
    """Issue 12's "done when": the ranking's best merge of the example removes silo handoffs, and whatif
    of it says the same as the ranking."""
    from svcmap.whatif.candidates import rank_candidates
    from tests.whatif.helpers import loaded

    best = next(c for c in rank_candidates(*loaded(EXAMPLE)) if c.kind == kind)
    assert best.removed("silo_handoffs") > 0
    scenario = best.scenario
    text = (
        f"merge:\n  - units: [{', '.join(scenario.merges[0].units)}]\n    into: {scenario.merges[0].into}\n"
        if kind == "merge"
        else f"domains: {{{scenario.domains[0].unit}: {scenario.domains[0].domain}}}\n"
    )
    whatif = whatif_json(cli, write_files(tmp_path, {"best.yaml": text}) / "best.yaml")
    assert {figure: whatif["totals"][figure][1] for figure in best.after} == dict(best.after)
    assert sorted(change["id"] for change in whatif["processes"]["changed"] if change["metrics"]) == sorted(
        best.processes
    )


def test_the_best_candidate_of_the_unit_network_is_what_analyze_gives_on_the_catalog_merged_by_hand(
    cli: CliRun, tmp_path: Path
) -> None:
    """Issue 12's acceptance: `analyze --by network` on the example names a merge that removes silo handoffs;
    its figures are those of `analyze` on a copy merged by hand, and `whatif` of its scenario says the same."""
    network = json.loads(cli("analyze", "--root", str(EXAMPLE), "--by", "network", "--format", "json").stdout)
    merges = [candidate for candidate in network["network"]["candidates"] if candidate["kind"] == "merge"]
    best = merges[0]
    assert best["removes"]["silo_handoffs"] > 0
    kept, gone = best["units"]
    offices = {unit["id"]: unit["office"] for unit in network["network"]["units"]}
    root = copy_of_example(tmp_path)
    HandEdit(root).merge(gone, kept, offices[gone], offices[kept])
    edited = analyze_json(cli, root)
    by_hand = {
        figure: edited["per_year"]["totals"][figure]
        if figure.endswith("_per_year")
        else sum(process[figure] for process in edited["processes"])
        for figure in best["after"]
    }
    assert by_hand == best["after"]
    whatif = whatif_json(cli, write_files(tmp_path, {"best.yaml": best["scenario"]}) / "best.yaml")
    assert {figure: whatif["totals"][figure][1] for figure in best["after"]} == best["after"]
