"""`svcmap import bpmn` as a user runs it: what it says, exit codes (SPEC §6: 1 only for an input that cannot be
read), never overwriting a file, --into, and a catalog that validates and is in canonical layout afterwards."""

from __future__ import annotations

from pathlib import Path

from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.rules.engine import validate
from tests.imports.bpmnfiles import SIMPLE, catalog_root, definitions
from tests.imports.test_hostile_xml import BILLION_LAUGHS

FIXTURE = Path(__file__).parent / "fixtures" / "omgevingsvergunning.bpmn"


def bpmn_file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_a_simple_model_says_what_it_wrote_and_what_to_do_next(tmp_path: Path, cli) -> None:
    root = catalog_root(tmp_path)
    model = bpmn_file(tmp_path, "melding.bpmn", definitions(SIMPLE, exporter="Camunda Modeler"))
    result = cli("import", "bpmn", str(model), "--root", str(root))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{model.as_posix()}, written by Camunda Modeler:",
        "  wrote processes/melding-behandelen.yaml  pool 'Melding behandelen': 2 steps over 1 unit",
        "    approximated:",
        f"      {model.as_posix()}:3: no lanes: every step is done by 'Melding behandelen'",
        "added 1 unit to catalog/organisation.yaml: melding-behandelen",
        "",
        "next:",
        "  svcmap validate    what to add: a channel where a step meets the citizen (SVC402) …",
        "  name each new process in a product (`process: melding-behandelen`), or run"
        " `svcmap new product ID --process melding-behandelen`",
    ]
    assert result.stderr == ""


def test_the_imported_catalog_validates_without_errors_and_is_canonical(tmp_path: Path, cli) -> None:
    root = catalog_root(tmp_path)
    assert cli("import", "bpmn", str(FIXTURE), "--root", str(root)).exit_code == 0
    findings = validate(FolderSource(root), Config()).findings
    assert {finding.code for finding in findings} == {"SVC105", "SVC301", "SVC302", "SVC402"}  # warnings only
    checked = cli("fmt", "--check", str(root))
    assert checked.exit_code == 0 and "0 files would be reformatted" in checked.output


def test_an_existing_process_is_never_overwritten_but_skipped_and_said(tmp_path: Path, cli) -> None:
    root = catalog_root(tmp_path)
    model = bpmn_file(tmp_path, "melding.bpmn", definitions(SIMPLE))
    assert cli("import", "bpmn", str(model), "--root", str(root)).exit_code == 0
    before = {path: path.read_bytes() for path in root.rglob("*.yaml")}
    again = cli("import", "bpmn", str(model), "--root", str(root))
    assert again.exit_code == 0
    assert (
        "  skipped process 'melding-behandelen' (pool 'Melding behandelen') already exists"
        " (processes/melding-behandelen.yaml): not overwritten; import it under another id with --into ID"
    ) in again.stdout
    assert {path: path.read_bytes() for path in root.rglob("*.yaml")} == before


def test_into_names_the_process_and_is_checked(tmp_path: Path, cli) -> None:
    root = catalog_root(tmp_path)
    model = bpmn_file(tmp_path, "melding.bpmn", definitions(SIMPLE))
    result = cli("import", "bpmn", str(model), "--root", str(root), "--into", "melding-defect")
    assert result.exit_code == 0 and "wrote processes/melding-defect.yaml" in result.stdout
    taken = cli("import", "bpmn", str(model), "--root", str(root), "--into", "adreswijziging")
    assert taken.exit_code == 0 and "not overwritten; choose another id with --into" in taken.stdout
    bad = cli("import", "bpmn", str(model), "--root", str(root), "--into", "Melding Defect")
    assert bad.exit_code == 2 and "--into: 'Melding Defect' is not a valid process id" in bad.stderr
    several = cli("import", "bpmn", str(FIXTURE), "--root", str(root), "--into", "vergunning")
    assert several.exit_code == 2
    assert "--into names one process, but the files hold 2 (pools 'Gemeente Voorbeeld', 'Brandweer')" in several.stderr
    assert not (root / "processes/vergunning.yaml").exists()


def test_a_folder_without_a_catalog_is_svc004(tmp_path: Path, cli) -> None:
    model = bpmn_file(tmp_path, "melding.bpmn", definitions(SIMPLE))
    result = cli("import", "bpmn", str(model), "--root", str(tmp_path))
    assert result.exit_code == 1 and "SVC004" in result.stderr
    assert not (tmp_path / "processes").exists()


def test_each_bad_file_is_said_on_stderr_exit_1_and_the_good_ones_are_imported(tmp_path: Path, cli) -> None:
    root = catalog_root(tmp_path)
    good = bpmn_file(tmp_path, "melding.bpmn", definitions(SIMPLE))
    laughs = bpmn_file(tmp_path, "laughs.bpmn", BILLION_LAUGHS)
    text = bpmn_file(tmp_path, "notes.txt", b"hello\n")
    missing = tmp_path / "gone.bpmn"
    result = cli("import", "bpmn", str(laughs), str(good), str(text), str(missing), "--root", str(root))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"svcmap: {laughs.as_posix()}:2:1: a DTD (<!DOCTYPE …>) is refused: BPMN needs none, and entities declared"
        " in one could read files or expand without end; export the model again without it",
        f"svcmap: {text.as_posix()}:1:1: not readable XML: Start tag expected, '<' not found",
        f"svcmap: {missing.as_posix()}: cannot read it: No such file or directory",
    ]
    assert "wrote processes/melding-behandelen.yaml" in result.stdout
    assert (root / "processes/melding-behandelen.yaml").is_file()


def test_names_from_the_file_cannot_drive_the_terminal(tmp_path: Path, cli) -> None:
    root = catalog_root(tmp_path)
    body = SIMPLE.replace('name="Melding behandelen"', 'name="Melding &#x202E;nedlah&#x202C; behandelen"')
    result = cli("import", "bpmn", str(bpmn_file(tmp_path, "melding.bpmn", definitions(body))), "--root", str(root))
    assert result.exit_code == 0
    assert "\u202e" not in result.stdout and "\\u202e" in result.stdout
