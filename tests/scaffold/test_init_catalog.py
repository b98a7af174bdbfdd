"""`svcmap init`: a new catalog that validates and is formatted at once, and never a file overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from svcmap.catalog import reader
from svcmap.config import load_config
from svcmap.rules.registry import RULES
from svcmap.scaffold import newfiles
from svcmap.scaffold.init import init_catalog
from tests.conftest import codes

REPOSITORY = Path(__file__).resolve().parents[2]
CATALOG_FILES = [
    "catalog/organisation.yaml",
    "catalog/products/uittreksel-strafregister.yaml",
    "processes/uittreksel-strafregister.yaml",
]
COMMON_FILES = {
    *CATALOG_FILES,
    ".svcmap.yaml",
    ".pre-commit-config.yaml",
    "README.md",
    "schemas/config.schema.json",
    "schemas/organisation.schema.json",
    "schemas/process.schema.json",
    "schemas/product.schema.json",
    "schemas/whatif.schema.json",
}
CI_FILE = {"github": ".github/workflows/svcmap.yml", "gitlab": ".gitlab-ci.yml"}


def files_under(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def new_catalog(tmp_path: Path, cli) -> Path:
    root = tmp_path / "gemeente-zottegem"
    result = cli("init", str(root), "--name", "Gemeente Zottegem")
    assert result.exit_code == 0, result.output
    return root


def test_a_new_catalog_validates_with_no_finding_at_all(new_catalog: Path, cli) -> None:
    assert codes(new_catalog) == []
    result = cli("validate", str(new_catalog), "--strict")
    assert result.exit_code == 0
    assert result.output == "0 errors, 0 warnings in 3 files (1 product, 1 process)\n"


def test_a_new_catalog_is_in_fmts_layout(new_catalog: Path, cli) -> None:
    result = cli("fmt", str(new_catalog), "--check")
    assert result.exit_code == 0, result.output
    assert result.output == "0 files would be reformatted, 3 already formatted\n"


@pytest.mark.parametrize("ci", ["github", "gitlab", "none"])
def test_the_files_written_are_the_catalog_its_config_and_the_chosen_ci_file(tmp_path: Path, cli, ci: str) -> None:
    result = cli("init", str(tmp_path / "new"), "--ci", ci)
    assert result.exit_code == 0
    expected = COMMON_FILES | ({CI_FILE[ci]} if ci in CI_FILE else set())
    assert files_under(tmp_path / "new") == expected
    assert all(f"wrote {path}" in result.output for path in expected)


def test_the_output_says_what_to_do_next(tmp_path: Path, cli) -> None:
    output = cli("init", str(tmp_path / "new")).output
    assert output.splitlines()[0] == f"a new catalog for Gemeente Voorbeeld in {tmp_path / 'new'}:"
    assert "next:" in output and "svcmap validate" in output and "pre-commit install" in output


def test_the_current_folder_is_the_default(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("init")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "a new catalog for Gemeente Voorbeeld in the current folder:"
    assert (tmp_path / "catalog" / "organisation.yaml").is_file()
    assert cli("validate").exit_code == 0


def test_the_name_is_kept_as_given_and_the_id_made_from_it(tmp_path: Path, cli) -> None:
    name = 'Stad: "Sint-Niklaas" # één'
    assert cli("init", str(tmp_path), "--name", name).exit_code == 0
    organisation = reader.load((tmp_path / "catalog/organisation.yaml").read_text(encoding="utf-8"))["organisation"]
    assert (organisation["id"], organisation["name"]) == ("stad-sint-niklaas-een", name)
    assert codes(tmp_path) == []
    assert cli("fmt", str(tmp_path), "--check").exit_code == 0


@pytest.mark.parametrize("name", ["", "   ", "x" * 2001])
def test_a_name_that_cannot_be_written_is_a_usage_error(tmp_path: Path, cli, name: str) -> None:
    result = cli("init", str(tmp_path / "new"), "--name", name)
    assert result.exit_code == 2
    assert "--name" in result.stderr or "would not be valid" in result.stderr
    assert not (tmp_path / "new").exists()


def test_every_file_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[Path] = []
    original = newfiles.write_atomically
    monkeypatch.setattr(newfiles, "write_atomically", lambda path, data: written.append(path) or original(path, data))
    result = init_catalog(tmp_path, ci="gitlab")
    assert sorted(written) == sorted(tmp_path / file.path for file in result.files)
    assert {path.relative_to(tmp_path).as_posix() for path in written} == files_under(tmp_path)


# --- never overwrite ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "present",
    ["catalog/organisation.yaml", "catalog/products/eid.yaml", "processes/eid.yaml", "README.md", ".svcmap.yaml"],
)
def test_a_folder_holding_a_catalog_file_or_a_file_init_writes_is_refused(tmp_path: Path, cli, present: str) -> None:
    (tmp_path / present).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / present).write_text("mine\n", encoding="utf-8")
    result = cli("init", str(tmp_path))
    assert result.exit_code == 2
    assert present in result.stderr and "overwrites nothing" in result.stderr
    assert files_under(tmp_path) == {present} and (tmp_path / present).read_text(encoding="utf-8") == "mine\n"


def test_a_second_init_is_refused_and_changes_nothing(new_catalog: Path, cli) -> None:
    before = {path: (new_catalog / path).read_bytes() for path in files_under(new_catalog)}
    result = cli("init", str(new_catalog))
    assert result.exit_code == 2 and "and 8 more" in result.stderr
    assert {path: (new_catalog / path).read_bytes() for path in files_under(new_catalog)} == before


def test_a_folder_with_other_files_is_fine(tmp_path: Path, cli) -> None:
    (tmp_path / "notes.txt").write_text("x\n", encoding="utf-8")
    assert cli("init", str(tmp_path), "--ci", "none").exit_code == 0


def test_a_file_in_place_of_the_folder_is_a_usage_error(tmp_path: Path, cli) -> None:
    (tmp_path / "file").write_text("x\n", encoding="utf-8")
    result = cli("init", str(tmp_path / "file"))
    assert result.exit_code == 2 and "not a folder" in result.stderr


# --- what each file holds ----------------------------------------------------------------------------


def test_the_catalog_files_start_with_a_schema_line_that_finds_its_schema(new_catalog: Path) -> None:
    for path in [*CATALOG_FILES, ".svcmap.yaml"]:
        first = (new_catalog / path).read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), path
        schema = (new_catalog / path).parent / first.removeprefix(prefix)
        assert json.loads(schema.read_text(encoding="utf-8"))["$schema"].startswith("https://json-schema.org/")


def test_the_schema_lines_are_those_of_the_repositorys_own_catalog(new_catalog: Path) -> None:
    for path in CATALOG_FILES:
        ours = (REPOSITORY / path.replace("uittreksel-strafregister", "adreswijziging")).read_text(encoding="utf-8")
        assert (new_catalog / path).read_text(encoding="utf-8").splitlines()[0] == ours.splitlines()[0]


def test_the_config_names_every_option_with_svcmaps_defaults(new_catalog: Path) -> None:
    schema = json.loads((REPOSITORY / "schemas/config.schema.json").read_text(encoding="utf-8"))
    text = (new_catalog / ".svcmap.yaml").read_text(encoding="utf-8")
    for option in schema["properties"]:
        assert f"\n# {option}: " in text and f"\n{option}: " in text, option
    config = load_config(new_catalog)
    defaults = {code: rule.options["threshold"] for code, rule in RULES.items() if "threshold" in rule.options}
    assert dict(config.thresholds) == defaults
    assert config.cache is True and all(config.enabled(code) for code in RULES)


def test_the_organisation_explains_every_key_it_holds(new_catalog: Path) -> None:
    text = (new_catalog / "catalog/organisation.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert len(data["units"]) == 2
    keys = {"units", "life_events", "data_items", "office", "domain", "external", "held_by", "products"}
    assert keys <= {key for unit in data["units"] for key in unit} | set(data) | {"held_by", "products"}
    for key in keys:
        line = next(line for line in text.splitlines() if line.lstrip(" -").startswith(f"{key}:"))
        preceding = text.splitlines()[text.splitlines().index(line) - 1]
        assert "#" in line or preceding.lstrip().startswith(f"# {key}:"), key


def hooks_of(path: Path) -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load(path.read_text(encoding="utf-8"))}


def test_the_pre_commit_hooks_are_the_repositorys_own(new_catalog: Path) -> None:
    config = yaml.safe_load((new_catalog / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repository] = config["repos"]
    hooks = {hook["id"]: hook for hook in repository["hooks"]}
    published = hooks_of(REPOSITORY / ".pre-commit-hooks.yaml")
    assert sorted(hooks) == sorted(published) == ["svcmap-fmt", "svcmap-validate"]
    for hook_id, hook in hooks.items():
        for key in ("entry", "pass_filenames", "files"):
            assert hook[key] == published[hook_id][key], (hook_id, key)


def test_the_github_workflow_installs_svcmap_and_validates(tmp_path: Path, cli) -> None:
    cli("init", str(tmp_path), "--ci", "github")
    workflow = yaml.safe_load((tmp_path / CI_FILE["github"]).read_text(encoding="utf-8"))
    [job] = workflow["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs == ['pip install "$SVCMAP"', "svcmap validate --format github", "svcmap fmt --check --diff"]
    assert workflow["env"]["SVCMAP"].startswith("svcmap==")


def test_the_gitlab_job_installs_svcmap_and_validates(tmp_path: Path, cli) -> None:
    cli("init", str(tmp_path), "--ci", "gitlab")
    [job] = yaml.safe_load((tmp_path / CI_FILE["gitlab"]).read_text(encoding="utf-8")).values()
    assert job["script"] == ['pip install "$SVCMAP"', "svcmap validate", "svcmap fmt --check --diff"]
    assert job["variables"]["SVCMAP"].startswith("svcmap==")
