"""The validate cache: unchanged catalogs answer from it; any change to files, config or tool re-checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svcmap.cache import store as cache
from svcmap.cache.store import CACHE_DIR, validate_cached
from svcmap.config import Config
from svcmap.catalog.source import FolderSource
from tests.conftest import write_files

PROCESS = "processes/adreswijziging.yaml"


def run(root: Path, config: Config | None = None, use_cache: bool = True):
    return validate_cached(FolderSource(root), config or Config(), use_cache)


def entries(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR / "validate").glob("*.json"))


def test_a_warm_run_answers_from_the_cache_with_the_same_result(catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    root = catalog({"processes/zaalhuur.yaml": "id: zaalhuur\nname: Z\nsteps:\n  - {id: a, name: A, unit: onthaal, channel: web}\n"})
    cold = run(root)
    assert len(entries(root)) == 1

    def no_loading(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a warm run must not load the catalog")

    monkeypatch.setattr("svcmap.rules.engine.validate", no_loading)
    assert run(root) == cold
    assert [f.code for f in cold.findings] == ["SVC105"]


def test_a_changed_file_is_checked_again(catalog) -> None:
    root = catalog()
    assert run(root).findings == []
    text = (root / PROCESS).read_text().replace("unit: politie", "unit: wijkagent")
    write_files(root, {PROCESS: text})
    assert [f.code for f in run(root).findings] == ["SVC101"]


def test_cross_file_rules_stay_right_when_only_another_file_changes(catalog) -> None:
    root = catalog()
    assert run(root).findings == []
    organisation = (root / "catalog/organisation.yaml").read_text()
    write_files(root, {"catalog/organisation.yaml": organisation.replace("id: politie", "id: wijkteam")})
    assert [(f.code, f.file) for f in run(root).findings] == [("SVC101", PROCESS)]


def test_added_and_removed_files_are_noticed(catalog) -> None:
    root = catalog()
    run(root)
    write_files(root, {"processes/extra.yaml": "id: extra\nname: E\nsteps:\n  - {id: a, name: A, unit: onthaal, channel: web}\n"})
    assert [f.code for f in run(root).findings] == ["SVC105"]
    write_files(root, {"processes/extra.yaml": None})
    assert run(root).findings == []


def test_config_is_part_of_the_key(catalog) -> None:
    root = catalog({"processes/zaalhuur.yaml": "id: zaalhuur\nname: Z\nsteps:\n  - {id: a, name: A, unit: onthaal, channel: web}\n"})
    assert [f.code for f in run(root).findings] == ["SVC105"]
    assert run(root, Config(ignore=("SVC105",))).findings == []


def test_tool_version_is_part_of_the_key(catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    root = catalog()
    before = cache.cache_key(FolderSource(root), Config())
    monkeypatch.setattr(cache, "__version__", "99.0")
    cache.tool_digest.cache_clear()
    try:
        assert cache.cache_key(FolderSource(root), Config()) != before
    finally:
        cache.tool_digest.cache_clear()


def test_no_cache_writes_nothing(catalog) -> None:
    root = catalog()
    run(root, use_cache=False)
    assert not (root / CACHE_DIR).exists()


def test_cache_folder_ignores_itself_in_git(catalog) -> None:
    root = catalog()
    run(root)
    assert (root / CACHE_DIR / ".gitignore").read_text().splitlines()[-1] == "*"


def test_a_corrupt_entry_is_a_miss_not_an_error(catalog) -> None:
    root = catalog()
    first = run(root)
    for entry in entries(root):
        entry.write_text("{not json")
    assert run(root) == first
    json.loads(entries(root)[0].read_text())


def test_an_unwritable_cache_folder_is_skipped(catalog) -> None:
    root = catalog()
    (root / CACHE_DIR).write_text("a file where the folder should be")
    assert run(root).findings == []


def test_cli_no_cache_flag(catalog, cli) -> None:
    root = catalog()
    assert cli("validate", str(root), "--no-cache").exit_code == 0
    assert not (root / CACHE_DIR).exists()
    assert cli("validate", str(root)).exit_code == 0
    assert (root / CACHE_DIR).is_dir()
