"""`svcmap whatif` through the command line: exit codes, several scenarios side by side, reports to files, and
untrusted scenario text escaped in every format."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.conftest import write_files
from tests.whatif.helpers import SMALL

CliRun = Callable[..., Result]

MERGE = """
    name: Burgerzaken
    merge:
      - units: [bevolking, burgerlijke-stand]
        into: bevolking
"""
DOMAIN = """
    name: Ruimte
    domains: {milieu: ruimte}
"""


def scenario_files(tmp_path: Path, **texts: str) -> list[str]:
    write_files(tmp_path, {f"{name}.yaml": text for name, text in texts.items()})
    return [str(tmp_path / f"{name}.yaml") for name in texts]


def test_one_scenario_as_json_is_the_diff_with_the_scenario_and_its_findings(cli: CliRun, tmp_path: Path) -> None:
    (merge,) = scenario_files(tmp_path, merge=MERGE)
    result = cli("whatif", "--root", str(SMALL), merge, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["scenario"]["name"] == "Burgerzaken"
    assert document["units"]["merged"] == [{"id": "burgerlijke-stand", "into": "bevolking"}]
    assert document["totals"]["silo_handoffs"] == [10, 10] and document["totals"]["handoffs"] == [14, 10]
    # the ping-pongs via burgerlijke-stand in adres and via bevolking in trouwen are gone; the one via the
    # onthaal in trouwen now comes back to the merged unit
    assert {(f["code"], f["subject"]) for f in document["findings"]["disappeared"]} == {
        ("SVC302", "process:adres/step:bevestiging"),
        ("SVC302", "process:trouwen/step:dossier-klaar"),
    }
    assert [(f["code"], f["subject"], f["line"]) for f in document["findings"]["appeared"]] == [
        ("SVC302", "process:trouwen/step:dossier", 9)
    ]


def test_several_scenarios_side_by_side(cli: CliRun, tmp_path: Path) -> None:
    files = scenario_files(tmp_path, merge=MERGE, domain=DOMAIN)
    as_json = json.loads(cli("whatif", "--root", str(SMALL), *files, "--format", "json").stdout)
    assert [document["scenario"]["name"] for document in as_json] == ["Burgerzaken", "Ruimte"]
    text = cli("whatif", "--root", str(SMALL), *files).stdout
    table = text.split("\n\n")[1].splitlines()
    assert table[0].split() == ["now", "Burgerzaken", "Ruimte"]
    assert [row.split() for row in table[1:]] == [
        ["units", "6", "5", "(-1)", "6"],
        ["handoffs", "14", "10", "(-4)", "14"],
        ["silo", "handoffs", "10", "10", "7", "(-3)"],
        ["ping-pongs", "5", "4", "(-1)", "5"],
        ["contact", "moments", "7", "7", "7"],
    ]
    markdown = cli("whatif", "--root", str(SMALL), *files, "--format", "markdown").stdout
    assert "| whole catalog | now | Burgerzaken | Ruimte |" in markdown
    assert markdown.count("### svcmap whatif: ") == 3


def test_reports_go_to_files_whole(cli: CliRun, tmp_path: Path) -> None:
    (merge,) = scenario_files(tmp_path, merge=MERGE)
    out = tmp_path / "out"
    result = cli("whatif", "--root", str(SMALL), merge, "-o", str(out / "w.txt"), "--report", f"json:{out / 'w.json'}")
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads((out / "w.json").read_text(encoding="utf-8"))["scenario"]["name"] == "Burgerzaken"
    assert (out / "w.txt").read_text(encoding="utf-8").startswith("svcmap whatif: Burgerzaken")


def test_a_scenario_that_cannot_be_applied_is_a_usage_error_at_its_line(cli: CliRun, tmp_path: Path) -> None:
    (bad,) = scenario_files(
        tmp_path, bad="move:\n  - step: adres/akte\n    to: onthal\n  - step: trouwn\n    to: milieu\n"
    )
    result = cli("whatif", "--root", str(SMALL), bad)
    assert result.exit_code == 2 and result.stdout == ""
    assert [line.split(" ")[:2] for line in result.stderr.splitlines()] == [
        [f"{bad}:3:9:", "SVC101"],
        [f"{bad}:4:11:", "SVC104"],
    ]


def test_a_catalog_with_errors_stops_as_analyze_does(cli: CliRun, tmp_path: Path, catalog: Callable[..., Path]) -> None:
    root = catalog({"processes/adreswijziging.yaml": "id: adreswijziging\nname: x\nsteps: []\n"})
    (domain,) = scenario_files(tmp_path, domain="domains: {onthaal: x}\n")
    result = cli("whatif", "--root", str(root), domain)
    assert result.exit_code == 1 and "SVC002" in result.stderr


def test_untrusted_text_is_escaped(cli: CliRun, tmp_path: Path) -> None:
    (hostile,) = scenario_files(tmp_path, hostile='name: "<b>@team</b> \\e[31m"\ndomains: {milieu: ruimte}\n')
    text = cli("whatif", "--root", str(SMALL), hostile).stdout
    assert "\x1b" not in text
    markdown = cli("whatif", "--root", str(SMALL), hostile, "--format", "markdown").stdout
    assert "<b>" not in markdown and "@team" not in markdown


def test_the_example_scenarios_apply_to_the_example_catalog(cli: CliRun) -> None:
    from tests.whatif.helpers import EXAMPLE

    scenarios = sorted(str(path) for path in (EXAMPLE / "scenarios").glob("*.yaml"))
    assert len(scenarios) == 2
    documents = json.loads(cli("whatif", "--root", str(EXAMPLE), *scenarios, "--format", "json").stdout)
    assert [document["scenario"]["name"] for document in documents] == ["Omgevingsloket", "Sociaal Huis"]
    omgevingsloket, sociaal_huis = (document["totals"] for document in documents)
    assert omgevingsloket["silo_handoffs"][1] < omgevingsloket["silo_handoffs"][0]
    assert sociaal_huis["handoffs"][1] < sociaal_huis["handoffs"][0]
