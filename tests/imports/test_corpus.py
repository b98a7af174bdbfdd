"""Real BPMN files of 17 modelling tools, Dutch municipal case models among them (issue 11, item 3): each
imports without a traceback into a catalog that has no schema or reference error and is in canonical layout,
and gives what corpus/corpus.json expects of it (processes and their steps, the citizen, new units, a
branch or two with its `when`, a decision, a note at its line).

The files are not kept in git (their origin, commit and licence are in corpus/README.md and corpus.json);
a file that is not in corpus/files/ is skipped with the reason, and one that is there must be the very file
the manifest names (its SHA-256).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from svcmap.catalog import reader
from svcmap.catalog.source import FolderSource
from svcmap.config import Config
from svcmap.fmt.formatter import format_catalog
from svcmap.rules.engine import validate
from tests.imports.bpmnfiles import targets

CORPUS = Path(__file__).parent / "corpus"
MANIFEST: list[dict[str, Any]] = json.loads((CORPUS / "corpus.json").read_text(encoding="utf-8"))


def test_the_readme_names_every_file_of_the_manifest_with_its_origin_and_licence() -> None:
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for entry in MANIFEST:
        row = next((line for line in readme.splitlines() if f"`{entry['file']}`" in line), "")
        assert entry["repo"] in row and entry["licence"] in row and entry["commit"][:12] in row, entry["file"]


@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["file"] for entry in MANIFEST])
def test_a_real_file_imports_as_expected(import_files, entry: dict[str, Any]) -> None:
    path = CORPUS / "files" / entry["file"]
    if not path.is_file():
        pytest.skip(f"{entry['file']} is not in {CORPUS / 'files'}: corpus/README.md says where it comes from")
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry["sha256"], "not the file the manifest names"
    result, root = import_files({entry["file"]: data})
    (file,) = result.files
    assert file.error == ""
    expect = entry["expect"]
    written = {process.id: process for process in file.written}
    processes = {
        ident: dict(reader.load((root / process.path).read_text(encoding="utf-8")))
        for ident, process in written.items()
    }
    assert {ident: len(process["steps"]) for ident, process in processes.items()} == expect["processes"]
    assert list(file.citizen_pools) == expect["citizen"]
    assert [unit.id for unit in result.new_units] == expect["new_units"]
    for process, step, branches in expect["next"]:
        assert targets(processes[process], step) == [tuple(branch) for branch in branches]
    for process, step, decision in expect["decisions"]:
        assert next(s for s in processes[process]["steps"] if s["name"] == step)["decision"] == decision
    notes = {(note.line, note.text) for process in file.written for note in process.notes} | {
        (note.line, note.text) for note in file.notes
    }
    assert {tuple(note) for note in expect["notes"]} <= notes
    findings = validate(FolderSource(root), Config()).findings
    assert [f for f in findings if f.code < "SVC2"] == [f for f in findings if f.code == "SVC105"]  # no SVC0xx, SVC1xx
    assert not format_catalog(root, check=True).failed()
