"""`whatif --apply`: the files written hold what `apply` made in memory (analyze agrees, over random scenarios),
keep their comments, pass `fmt --check` and `validate`, and a second `--apply` writes nothing."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcmap.fmt.formatter import format_catalog
from svcmap.whatif.edits import plan_edits, write_edits
from svcmap.whatif.engine import apply, plan
from svcmap.whatif.scenario import DomainChange, Merge, Move, Scenario, check_scenario
from tests.conftest import check, write_files
from tests.whatif.helpers import EXAMPLE, SMALL, loaded

CliRun = Callable[..., Result]

INTERNAL = ("onthaal", "bevolking", "burgerlijke-stand", "omgeving", "milieu")
STEPS = (
    "adres/aangifte",
    "adres/registratie",
    "adres/akte",
    "trouwen/attest",
    "trouwen/plechtigheid",
    "bouwen/advies",
    "bouwen/bekendmaking",
)
PRODUCTS = ("adres", "trouwen", "bouwen")


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """A merge (into one of its units or a new one), moves of steps and products, and domain changes."""
    merges = []
    if draw(st.booleans()):
        units = draw(st.lists(st.sampled_from(INTERNAL), min_size=2, max_size=3, unique=True))
        if draw(st.booleans()):  # into one of them, maybe with another office, domain or name
            office = draw(st.sampled_from([None, "front", "back"]))
            domain = draw(st.sampled_from([None, "samen", "ruimte"]))
            name = draw(st.sampled_from([None, "Samengevoegde dienst"]))
            merges.append(Merge(tuple(units), draw(st.sampled_from(units)), name=name, office=office, domain=domain))
        else:
            office = draw(st.sampled_from(["front", "back"]))
            merges.append(Merge(tuple(units), "nieuw", name="Nieuwe dienst", office=office, domain="samen"))
    targets = [*INTERNAL, "politie", *(merge.into for merge in merges)]
    moves = draw(st.lists(st.builds(Move, st.sampled_from(STEPS + PRODUCTS), st.sampled_from(targets)), max_size=3))
    merged = {unit for merge in merges for unit in merge.merged}
    kept = sorted({*INTERNAL, *(merge.into for merge in merges)} - merged)
    domains = draw(
        st.dictionaries(
            st.sampled_from(kept), st.sampled_from(["dienstverlening", "ruimte", "burgerzaken"]), max_size=2
        )
    )
    return Scenario(
        "random", tuple(merges), tuple(moves), tuple(DomainChange(unit, domain) for unit, domain in domains.items())
    )


def _copy(source: Path, folder: Path) -> Path:
    root = folder / "catalog-root"
    shutil.copytree(source, root)
    return root


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_files_written_analyse_as_apply_made_it_in_memory(scenario: Scenario) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = _copy(SMALL, Path(folder))
        catalog, _ = loaded(root)
        assert check_scenario(scenario, catalog) == []
        in_memory = loaded_analysis_of(apply(catalog, scenario))
        write_edits(root, plan_edits(root, catalog, plan(catalog, scenario)))
        written, analysis = loaded(root)
        assert analysis.to_dict() == in_memory
        assert [unit for unit in written.units] == list(apply(catalog, scenario).units)
        assert not format_catalog(root, check=True).changed, "fmt --check passes on what was written"
        moved = [move.step.partition("/")[0] for move in scenario.moves]  # a product's process has its id here
        assert check_scenario(scenario, written) == [], "the scenario still applies to what it wrote"
        if len(set(moved)) == len(moved):  # moves that overlap are made in order, and a second run sees the first's
            assert plan_edits(root, written, plan(written, scenario)) == [], "a second --apply writes nothing"


def loaded_analysis_of(catalog: object) -> dict[str, object]:
    from svcmap.analysis.figures import analyze

    return analyze(catalog).to_dict()  # type: ignore[arg-type]


SCENARIO = """
    merge:
      - units: [omgeving, milieudienst, cbs]
        into: omgevingsdienst
        name: Omgevingsdienst
        office: back
        domain: omgeving
    move:
      - step: zaalhuur
        to: onthaal
    domains: {woonloket: dienstverlening}
"""


def _apply(cli: CliRun, root: Path, scenario: Path) -> Result:
    return cli("whatif", "--root", str(root), str(scenario), "--apply", "--format", "json")


def test_apply_on_the_example_keeps_comments_validates_and_is_idempotent(cli: CliRun, tmp_path: Path) -> None:
    root = tmp_path / "example"
    for folder in ("catalog", "processes"):
        shutil.copytree(EXAMPLE / folder, root / folder)
    scenario = write_files(tmp_path, {"s.yaml": SCENARIO}) / "s.yaml"
    comments_before = _comments(root)
    findings_before = {(f.code, f.subject) for f in check(root).findings}
    shown = json.loads(_apply(cli, root, scenario).stdout)

    assert _comments(root) == comments_before
    organisation = (root / "catalog" / "organisation.yaml").read_text(encoding="utf-8")
    assert "id: omgevingsdienst" in organisation and "id: milieudienst" not in organisation
    assert "# Omgeving: ruimtelijke ordening, wonen en milieu" in organisation
    result = check(root)
    assert result.errors == 0
    assert {(f.code, f.subject) for f in result.findings} - findings_before == {
        (f["code"], f["subject"]) for f in shown["findings"]["appeared"]
    }
    assert not format_catalog(root, check=True).changed
    analysis = json.loads(cli("analyze", str(root), "--format", "json", "--no-cache").stdout)
    for figure, (_, after) in shown["totals"].items():
        if figure in ("handoffs", "silo_handoffs", "ping_pongs", "contact_moments"):
            assert sum(process[figure] for process in analysis["processes"]) == after

    files = {path: path.read_bytes() for path in root.rglob("*.yaml")}
    again = _apply(cli, root, scenario)
    assert again.exit_code == 0 and "nothing to change" in again.stderr
    assert {path: path.read_bytes() for path in root.rglob("*.yaml")} == files
    assert json.loads(again.stdout)["scenario"]["already_made"]


def _comments(root: Path) -> list[str]:
    """Every comment line of every file (stripped of its indentation), in order."""
    found = []
    for path in sorted(root.rglob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("#"):
                found.append(f"{path.relative_to(root)}: {line.strip()}")
            elif " # " in line:
                found.append(f"{path.relative_to(root)}: {line.split(' # ', 1)[1]}")
    return found


def test_apply_refuses_several_scenarios(cli: CliRun, tmp_path: Path) -> None:
    scenario = write_files(tmp_path, {"s.yaml": SCENARIO}) / "s.yaml"
    result = cli("whatif", "--root", str(EXAMPLE), str(scenario), str(scenario), "--apply")
    assert result.exit_code == 2 and "one scenario" in result.stderr


def test_a_file_that_cannot_be_written_stops_apply_before_any_is(cli: CliRun, tmp_path: Path) -> None:
    root = _copy(SMALL, tmp_path)
    (root / "processes" / "trouwen.yaml").chmod(0o444)
    files = {path: path.read_bytes() for path in root.rglob("*.yaml")}
    scenario = write_files(
        tmp_path, {"s.yaml": "merge:\n  - units: [bevolking, burgerlijke-stand]\n    into: bevolking\n"}
    )
    result = cli("whatif", "--root", str(root), str(scenario / "s.yaml"), "--apply")
    assert result.exit_code == 2 and "nothing written" in result.stderr
    assert {path: path.read_bytes() for path in root.rglob("*.yaml")} == files
