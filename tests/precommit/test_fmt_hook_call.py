"""The svcmap-fmt hook as pre-commit calls it: `svcmap fmt` and the changed files, named from the repository's root."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES

HOOKS = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"
PRODUCT = "catalog/products/adreswijziging.yaml"
PROCESS = "processes/adreswijziging.yaml"
UNFORMATTED = (
    "name: Adreswijziging doorgeven\nid: adreswijziging\nowner: burgerzaken\nprocess: adreswijziging\n"
    "channels:\n- web\n"
)


def hook_arguments(*file_names: str) -> list[str]:
    """The command line pre-commit runs for svcmap-fmt, less the program name: entry, args, file names."""
    hook = next(hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8")) if hook["id"] == "svcmap-fmt")
    program, *entry = shlex.split(hook["entry"])
    assert program == "svcmap" and hook["pass_filenames"] is True
    return [*entry, *hook.get("args", []), *file_names]


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding a catalog at its root and two in subfolders; the current folder is its root."""
    for folder in (tmp_path, tmp_path / "gemeente-a", tmp_path / "regio" / "gemeente-b"):
        shutil.copytree(FIXTURES / "minimal", folder, dirs_exist_ok=True)
        (folder / PRODUCT).write_text(UNFORMATTED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_changed_files_of_a_catalog_in_a_subfolder_are_formatted(repository: Path, cli) -> None:
    result = cli(*hook_arguments(f"gemeente-a/{PRODUCT}", f"gemeente-a/{PROCESS}"))
    assert result.exit_code == 0
    assert result.output.splitlines() == [f"reformatted {PRODUCT}", "1 file reformatted, 1 unchanged"]
    assert (repository / "gemeente-a" / PRODUCT).read_text(encoding="utf-8").startswith("id: adreswijziging\n")
    assert (repository / PRODUCT).read_text(encoding="utf-8") == UNFORMATTED  # not named: not touched


def test_changed_files_of_several_catalogs_are_each_formatted_in_their_own(repository: Path, cli) -> None:
    names = [PRODUCT, f"regio/gemeente-b/{PRODUCT}", f"gemeente-a/{PROCESS}"]
    result = cli(*hook_arguments(*names, "--check"))
    assert result.exit_code == 1
    assert sorted(result.output.splitlines()[:-1]) == sorted(
        [f"would reformat {PRODUCT}", f"would reformat regio/gemeente-b/{PRODUCT}"]
    )
    assert result.output.splitlines()[-1] == "2 files would be reformatted, 1 already formatted"
    assert cli(*hook_arguments(*names)).exit_code == 0
    assert cli(*hook_arguments(*names, "--check")).exit_code == 0


def test_a_broken_changed_file_is_named_from_the_repository_root(repository: Path, cli) -> None:
    (repository / "gemeente-a" / PROCESS).write_text("id: adreswijziging\nname: [x\n", encoding="utf-8")
    result = cli(*hook_arguments(f"gemeente-a/{PROCESS}", PRODUCT))
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(f"gemeente-a/{PROCESS}:3:1: SVC001 ")
