"""An English and a Dutch run of the same command on the same catalog differ only in words (issue 13, item 1):
the same exit code, the same lines, the same numbers in the same order — and the words are Dutch where
svcmap translates them. Run on the example catalog (which speaks Dutch by its .svcmap.yaml; `--lang` wins)
and on broken copies of it, for analyze, diff, whatif, render, fmt, import and export."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from svcmap import i18n
from tests.conftest import write_files

EXAMPLE = Path(__file__).parents[2]
NUMBER = re.compile(r"\d+")

CliRun = Callable[..., Result]


def example_copy(folder: Path) -> Path:
    """The example catalog, its config and its scenarios, in `folder` (commands that write need a copy)."""
    for part in ("catalog", "processes", "scenarios"):
        shutil.copytree(EXAMPLE / part, folder / part)
    shutil.copy(EXAMPLE / ".svcmap.yaml", folder / ".svcmap.yaml")
    return folder


def both(cli: CliRun, *args: str) -> tuple[Result, Result]:
    """The command run in English, then in Dutch, each from a fresh start (as two processes would)."""
    runs = []
    for language in ("en", "nl"):
        i18n.reset()
        runs.append(cli("--lang", language, *args))
    return runs[0], runs[1]


def assert_same_but_words(english: str, dutch: str) -> None:
    """Lines and numbers agree; a text with words differs."""
    assert len(dutch.splitlines()) == len(english.splitlines())
    assert NUMBER.findall(dutch) == NUMBER.findall(english)


def assert_runs_agree(english: Result, dutch: Result) -> None:
    assert dutch.exit_code == english.exit_code
    assert_same_but_words(english.stdout, dutch.stdout)
    assert_same_but_words(english.stderr, dutch.stderr)


def blocks(text: str) -> list[str]:
    return text.split("\n\n")


def uncut(text: str) -> str:
    """A text table without the cells cut to fit the width (…): a longer header leaves a text column less room."""
    return "\n".join(line.rsplit("  ", 1)[0] if line.endswith("…") else line for line in text.splitlines())


# --- analyze --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("by", ["process", "product", "unit", "life-event", "matrix", "channel"])
def test_analyze_text_has_the_same_tables_in_dutch(cli: CliRun, by: str) -> None:
    english, dutch = both(cli, "analyze", str(EXAMPLE), "--by", by)
    assert english.exit_code == dutch.exit_code == 0
    assert NUMBER.findall(uncut(dutch.stdout)) == NUMBER.findall(uncut(english.stdout))
    # a legend is wrapped to the width, and Dutch words are longer: the tables are compared line by line
    assert len(blocks(dutch.stdout)) == len(blocks(english.stdout))
    for ours, theirs in zip(blocks(english.stdout), blocks(dutch.stdout)):
        if "---" in ours:
            assert len(theirs.splitlines()) == len(ours.splitlines())
    assert dutch.stdout != english.stdout
    assert "slechtste eerst" in dutch.stdout or "meeste" in dutch.stdout or "Kanaalmix" in dutch.stdout


def test_analyze_by_process_speaks_the_catalogs_dutch_without_lang(cli: CliRun) -> None:
    """The example catalog's .svcmap.yaml says `language: nl`: no --lang needed."""
    dutch = cli("analyze", str(EXAMPLE)).stdout
    assert dutch.startswith("Processen (25), slechtste eerst: silo-overdrachten")
    assert dutch.splitlines()[2].split()[:3] == ["proces", "stappen", "diensten"]
    assert "\ntotaal " in dutch


def test_analyze_markdown_has_the_same_lines_in_dutch(cli: CliRun) -> None:
    english, dutch = both(cli, "analyze", str(EXAMPLE), "--format", "markdown", "--by", "product")
    assert_runs_agree(english, dutch)
    assert "| silo handoffs |" in english.stdout and "| silo-overdrachten |" in dutch.stdout


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_csv_and_json_are_data_the_same_in_every_language(cli: CliRun, output_format: str) -> None:
    english, dutch = both(cli, "analyze", str(EXAMPLE), "--format", output_format)
    assert dutch.stdout == english.stdout


def test_analyze_on_a_catalog_with_errors_stops_alike(cli: CliRun, tmp_path: Path) -> None:
    root = example_copy(tmp_path)
    write_files(root, {"processes/eid.yaml": "id: eid\nname: [broken\n"})
    english, dutch = both(cli, "analyze", str(root))
    assert english.exit_code == 1
    assert_runs_agree(english, dutch)


# --- diff and whatif ------------------------------------------------------------------------------------


def test_diff_of_a_reorganisation_reads_the_same_in_dutch(cli: CliRun, tmp_path: Path) -> None:
    old, new = example_copy(tmp_path / "old"), example_copy(tmp_path / "new")
    assert cli("whatif", "--root", str(new), str(new / "scenarios/sociaal-huis.yaml"), "--apply").exit_code == 0
    for output_format in ("text", "markdown"):
        english, dutch = both(cli, "diff", "--root", str(new), str(old), str(new), "--format", output_format)
        assert_runs_agree(english, dutch)
        assert "Whole catalog" in english.stdout or "whole catalog" in english.stdout
        assert "Hele catalogus" in dutch.stdout or "hele catalogus" in dutch.stdout
    english, dutch = both(cli, "diff", "--root", str(new), str(old), str(new), "--fail-on", "removed")
    assert english.exit_code == 1
    assert_runs_agree(english, dutch)
    assert "removed: unit" in english.stderr and "verwijderd: dienst" in dutch.stderr


def test_whatif_reads_the_same_in_dutch(cli: CliRun) -> None:
    scenario = str(EXAMPLE / "scenarios/sociaal-huis.yaml")
    for output_format in ("text", "markdown"):
        english, dutch = both(cli, "whatif", "--root", str(EXAMPLE), scenario, "--format", output_format)
        assert english.exit_code == 0
        assert_runs_agree(english, dutch)
        assert "Findings: " in english.stdout and "Bevindingen: " in dutch.stdout


def test_a_scenario_that_cannot_be_applied_fails_alike(cli: CliRun, tmp_path: Path) -> None:
    typo = """
        merge:
          - units: [sociale-dienst, bcds]
            into: sociale-dienst
        move:
          - step: leefloon/huisbezoek
            to: onthal
        """
    scenario = write_files(tmp_path, {"typo.yaml": typo}) / "typo.yaml"
    english, dutch = both(cli, "whatif", "--root", str(EXAMPLE), str(scenario))
    assert english.exit_code == 2
    assert_runs_agree(english, dutch)
    assert "unknown unit 'bcds'; did you mean bcsd?" in english.stderr
    assert "onbekende dienst 'bcds'; bedoelt u bcsd?" in dutch.stderr


# --- render ---------------------------------------------------------------------------------------------


def test_the_diagram_captions_and_legend_are_dutch(cli: CliRun) -> None:
    english, dutch = both(cli, "render", "--root", str(EXAMPLE), "adreswijziging", "--format", "dot")
    assert english.exit_code == dutch.exit_code == 0
    assert len(dutch.stdout.splitlines()) == len(english.stdout.splitlines())
    # the legend's words are placed by their width: compare the numbers outside the background drawing
    drawn = [line for line in english.stdout.splitlines() if "_background" not in line]
    ours = [line for line in dutch.stdout.splitlines() if "_background" not in line]
    assert NUMBER.findall("\n".join(ours)) == NUMBER.findall("\n".join(drawn))
    for words in ("front office", "back office", "line of visibility", "handoff to another unit"):
        assert words in english.stdout
    for words in ("frontoffice", "backoffice", "zichtlijn", "overdracht naar andere dienst", "kanaal: "):
        assert words in dutch.stdout


@pytest.mark.parametrize("output_format", ["mermaid", "bpmn"])
def test_mermaid_and_bpmn_name_the_bands_in_dutch(cli: CliRun, output_format: str) -> None:
    english, dutch = both(cli, "render", "--root", str(EXAMPLE), "adreswijziging", "--format", output_format)
    assert english.exit_code == dutch.exit_code == 0
    assert_same_but_words(english.stdout, dutch.stdout)
    assert "Front office" in english.stdout and "Frontoffice" in dutch.stdout


def test_render_usage_errors_are_dutch(cli: CliRun) -> None:
    english, dutch = both(cli, "render", "--root", str(EXAMPLE))
    assert english.exit_code == 2
    assert_runs_agree(english, dutch)
    assert "Usage:" in english.stderr and "Gebruik:" in dutch.stderr
    assert "give one or more product or process ids" in english.stderr and "geef een of meer" in dutch.stderr


# --- fmt ------------------------------------------------------------------------------------------------


def test_fmt_check_reads_the_same_in_dutch(cli: CliRun, tmp_path: Path) -> None:
    english, dutch = both(cli, "fmt", "--check", str(EXAMPLE))
    assert english.exit_code == 0
    assert_runs_agree(english, dutch)
    assert "already formatted" in english.stdout and "al opgemaakt" in dutch.stdout
    root = example_copy(tmp_path)
    eid = root / "processes/eid.yaml"
    write_files(root, {"processes/eid.yaml": eid.read_text(encoding="utf-8").replace("  ", "    ", 1)})
    write_files(root, {"processes/huwelijk.yaml": "id: huwelijk\nname: [broken\n"})
    english, dutch = both(cli, "fmt", "--check", str(root))
    assert english.exit_code == 1
    assert_runs_agree(english, dutch)
    assert "(not formatted)" in english.stdout and "(niet opgemaakt)" in dutch.stdout


# --- import and export ----------------------------------------------------------------------------------


def test_import_errors_and_reports_read_the_same_in_dutch(cli: CliRun, tmp_path: Path) -> None:
    root = example_copy(tmp_path / "catalog-root")
    broken = write_files(tmp_path, {"kapot.bpmn": "<definitions", "leeg.jsonld": "{}"})
    english, dutch = both(cli, "import", "bpmn", str(broken / "kapot.bpmn"), "--root", str(root))
    assert english.exit_code == 1
    assert_runs_agree(english, dutch)
    assert "not readable XML" in english.stderr and "geen leesbare XML" in dutch.stderr
    english, dutch = both(cli, "import", "lpdc", str(broken / "leeg.jsonld"), "--root", str(root))
    assert english.exit_code == 1
    assert_runs_agree(english, dutch)
    english, dutch = both(cli, "import", "bpmn", "--into", "Geen Id", str(broken / "kapot.bpmn"), "--root", str(root))
    assert english.exit_code == 2
    assert_runs_agree(english, dutch)
    assert "is geen geldige proces-id" in dutch.stderr


def test_export_errors_read_the_same_in_dutch(cli: CliRun, tmp_path: Path) -> None:
    english, dutch = both(cli, "export", "cpsv-ap", "--root", str(EXAMPLE), "--base-url", "niet-absoluut")
    assert english.exit_code == 2
    assert_runs_agree(english, dutch)
    assert "must be an absolute IRI" in english.stderr and "moet een absolute IRI zijn" in dutch.stderr
    english, dutch = both(cli, "export", "cpsv-ap", "--root", str(EXAMPLE), "--out", str(tmp_path))
    assert english.exit_code == 2
    assert_runs_agree(english, dutch)
    out = tmp_path / "catalogus.ttl"
    english, dutch = both(cli, "export", "cpsv-ap", "--root", str(EXAMPLE), "--out", str(out))
    assert english.exit_code == dutch.exit_code == 0
    assert english.stdout.startswith(f"wrote {out} (turtle, ") and dutch.stdout.startswith(f"{out} geschreven")
    assert NUMBER.findall(dutch.stdout) == NUMBER.findall(english.stdout)


def test_a_catalog_with_errors_is_not_exported_in_either_language(cli: CliRun, tmp_path: Path) -> None:
    root = example_copy(tmp_path)
    write_files(root, {"catalog/products/eid.yaml": "id: eid\nname: [broken\n"})
    english, dutch = both(cli, "export", "cpsv-ap", "--root", str(root))
    assert english.exit_code == 1
    assert_runs_agree(english, dutch)


def test_click_speaks_english_again_after_a_dutch_run(cli: CliRun) -> None:
    """click's lookups follow svcmap's language (svcmap/cli/clicktext.py), and English gives the environment
    back its own LANGUAGE."""
    assert "Ontbrekend argument 'OLD'" in cli("--lang", "nl", "diff").stderr
    i18n.reset()
    english = cli("diff").stderr
    assert "Missing argument 'OLD'" in english and "Usage:" in english
    assert os.environ.get("LANGUAGE") != "nl"
