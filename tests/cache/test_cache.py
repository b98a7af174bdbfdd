"""The validate cache: unchanged catalogs answer from it; any change to files, config or tool re-checks,
and a file edited while a run reads the catalog never gets a stale result served."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from svcmap.cache import store as cache
from svcmap.cache.index import RACY_NS, StatIndex
from svcmap.cache.store import CACHE_DIR, content_key, files_digest
from svcmap.catalog.source import FolderSource
from svcmap.commands.validate import Report, validate
from svcmap.config import Config
from tests.conftest import write_files

PROCESS = "processes/adreswijziging.yaml"
UNUSED = {
    "processes/zaalhuur.yaml": "id: zaalhuur\nname: Z\nsteps:\n  - {id: a, name: A, unit: onthaal, channel: web}\n"
}


def run(root: Path, config: Config | None = None, use_cache: bool = True) -> tuple[list[str], bytes]:
    """The codes validate reports, and its report's bytes."""
    out = io.BytesIO()
    validate(root, config or Config(), [Report("json", out)], use_cache)
    data = out.getvalue()
    return [finding["code"] for finding in json.loads(data)["findings"]], data


def age(root: Path, seconds: float = 10) -> None:
    """Make every catalog file older than the racy window, as files are that were not just written."""
    past = os.stat(root).st_mtime - seconds
    for path in root.rglob("*.yaml"):
        os.utime(path, (past, past))


def files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths FolderSource reads from now on, in order (the list grows as they are read)."""
    read: list[str] = []
    original = FolderSource.read

    def counting(self: FolderSource, path: str):  # type: ignore[no-untyped-def]
        read.append(path)
        return original(self, path)

    monkeypatch.setattr(FolderSource, "read", counting)
    return read


def reports(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR / "validate-json").glob("*.txt"))


def test_a_warm_run_answers_from_the_cache_with_the_same_report(catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    root = catalog(UNUSED)
    age(root)
    codes, cold = run(root)
    assert codes == ["SVC105"] and len(reports(root)) == 1

    def no_loading(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("a warm run must not load the catalog")

    monkeypatch.setattr("svcmap.rules.engine.check_source", no_loading)
    assert run(root)[1] == cold


def test_a_warm_run_reads_no_file_whose_stat_is_unchanged(catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    root = catalog()
    age(root)
    run(root)
    read = files_read(monkeypatch)
    run(root)
    assert read == []
    write_files(root, {PROCESS: (root / PROCESS).read_text() + "\n"})
    run(root)
    assert PROCESS in read


def test_racy_files_are_hashed_again(catalog) -> None:
    # A file changed within the timestamp granularity of being read could keep its stat: files whose
    # mtime is that close to the index's own writing are always read again.
    root = catalog()
    for path in root.rglob("*.yaml"):
        os.utime(path)  # written just now
    run(root)
    index = StatIndex.load(root / CACHE_DIR / "stat-index")
    assert index.entries
    racy = [path for path, (stat, _) in index.entries.items() if stat[1] >= index.written_ns - RACY_NS]
    assert racy, "the fixture's files were just written"
    text = (root / PROCESS).read_text()
    stat = os.stat(root / PROCESS)
    (root / PROCESS).write_text(text.replace("unit: politie", "unit: wijkagn"))  # same size
    os.utime(root / PROCESS, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert run(root)[0] == ["SVC101"]


def test_a_file_edited_during_the_run_is_never_served_stale(catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    # Between the cache look-up (stat and hash) and the loader reading the files, a file changes: the
    # result must be stored under the key of what was parsed, and the next run must see the new content.
    root = catalog()
    age(root)
    run(root)  # fills the index
    original = FolderSource.read
    edited = []

    def edit_first(self: FolderSource, path: str):  # type: ignore[no-untyped-def]
        if path == PROCESS and not edited:
            edited.append(path)
            got = original(self, path)  # the loader parses the old content ...
            write_files(root, {PROCESS: (root / PROCESS).read_text().replace("unit: politie", "unit: wijkagent")})
            return got  # ... and the file changes right after it was read
        return original(self, path)

    write_files(
        root,
        {"catalog/products/adreswijziging.yaml": (root / "catalog/products/adreswijziging.yaml").read_text() + "\n"},
    )
    monkeypatch.setattr(FolderSource, "read", edit_first)
    assert run(root)[0] == []  # what was parsed had no error
    monkeypatch.setattr(FolderSource, "read", original)
    assert run(root)[0] == ["SVC101"]  # the edit is seen, not the stale result
    assert run(root)[0] == ["SVC101"]


def test_an_edit_before_the_loader_reads_is_stored_under_the_new_content(
    catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog()
    age(root)
    run(root)
    import svcmap.rules.engine as command

    original = command.check_source

    def edit_then_check(source, config, **options):  # type: ignore[no-untyped-def]
        write_files(root, {PROCESS: (root / PROCESS).read_text().replace("unit: politie", "unit: wijkagent")})
        return original(source, config, **options)

    write_files(
        root,
        {"catalog/products/adreswijziging.yaml": (root / "catalog/products/adreswijziging.yaml").read_text() + "\n"},
    )
    monkeypatch.setattr(command, "check_source", edit_then_check)
    assert run(root)[0] == ["SVC101"]
    monkeypatch.setattr(command, "check_source", original)
    assert run(root)[0] == ["SVC101"]
    write_files(root, {PROCESS: (root / PROCESS).read_text().replace("unit: wijkagent", "unit: politie")})
    assert run(root)[0] == []


def test_a_changed_file_is_checked_again(catalog) -> None:
    root = catalog()
    assert run(root)[0] == []
    text = (root / PROCESS).read_text().replace("unit: politie", "unit: wijkagent")
    write_files(root, {PROCESS: text})
    assert run(root)[0] == ["SVC101"]


def test_cross_file_rules_stay_right_when_only_another_file_changes(catalog) -> None:
    root = catalog()
    assert run(root)[0] == []
    organisation = (root / "catalog/organisation.yaml").read_text()
    write_files(root, {"catalog/organisation.yaml": organisation.replace("id: politie", "id: wijkteam")})
    assert run(root)[0] == ["SVC101"]


def test_added_and_removed_files_are_noticed(catalog) -> None:
    root = catalog()
    run(root)
    write_files(
        root,
        {"processes/extra.yaml": "id: extra\nname: E\nsteps:\n  - {id: a, name: A, unit: onthaal, channel: web}\n"},
    )
    assert run(root)[0] == ["SVC105"]
    write_files(root, {"processes/extra.yaml": None})
    assert run(root)[0] == []


def test_config_is_part_of_the_key(catalog) -> None:
    root = catalog(UNUSED)
    assert run(root)[0] == ["SVC105"]
    assert run(root, Config(ignore=("SVC105",)))[0] == []


def test_tool_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    digests = {"catalog/organisation.yaml": b"x" * 16}
    before = content_key("validate", files_digest(digests))
    monkeypatch.setattr(cache, "__version__", "99.0")
    cache.tool_digest.cache_clear()
    try:
        assert content_key("validate", files_digest(digests)) != before
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
    for entry in (root / CACHE_DIR / "validate-json").glob("*.json"):
        entry.write_text("{not json")
    (root / CACHE_DIR / "stat-index").write_bytes(b"svcmap stat index 1\n{broken")
    assert run(root) == first


def test_an_unwritable_cache_folder_is_skipped(catalog) -> None:
    root = catalog()
    (root / CACHE_DIR).write_text("a file where the folder should be")
    assert run(root)[0] == []


def test_cli_no_cache_flag(catalog, cli) -> None:
    root = catalog()
    assert cli("validate", str(root), "--no-cache").exit_code == 0
    assert not (root / CACHE_DIR).exists()
    assert cli("validate", str(root)).exit_code == 0
    assert (root / CACHE_DIR).is_dir()
    assert cli("validate", str(root)).exit_code == 0


def test_the_stat_check_shared_with_a_child_finds_the_one_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At 200,000 files the stat calls are a warm run's time, so a forked child takes part of them; the
    # positions it reports must be those of the files that changed, wherever in the listing they are.
    from svcmap.cache import index as stat_index

    monkeypatch.setattr(stat_index, "STAT_CHUNK", 1)  # one task per file: 300 tasks, enough to fork
    names = [f"processes/p{number:03}.yaml" for number in range(300)]
    write_files(tmp_path, {name: f"id: p{number:03}\n" for number, name in enumerate(names)})
    age(tmp_path)
    source = FolderSource(tmp_path)
    index = StatIndex(tmp_path / "index")
    index.update(
        {name: stat_index.STAT.pack(*source.read(name).stat) for name in names},  # type: ignore[misc]
        {name: source.read(name).digest for name in names},  # type: ignore[union-attr]
    )
    index.save()
    index = StatIndex.load(tmp_path / "index")
    unchanged = index.files_digest(source, names)
    assert unchanged == index.listing_digest
    changed = tmp_path / names[211]
    old = os.stat(changed).st_mtime
    changed.write_text("id: changed\n")
    os.utime(changed, (old, old))  # not racy: only its size, and ctime, tell
    assert stat_index._changed(source.prefix, names, index.body, index.written_ns - RACY_NS) == [211]
    assert index.files_digest(source, names) not in (unchanged, b"")


def test_a_first_run_reads_each_file_once(catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    # With no index there is no cached report to find: the files are not read to look for one.
    root = catalog()
    read = files_read(monkeypatch)
    run(root)
    assert read and len(read) == len(set(read))


def test_a_warm_run_of_unchanged_folders_takes_the_listing_from_the_index(
    catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = catalog(UNUSED)
    age(root)
    _, cold = run(root)

    def no_listing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the folders are unchanged: no sorted listing is needed")

    monkeypatch.setattr("svcmap.commands.checking.listing", no_listing)
    assert run(root)[1] == cold


def test_a_file_added_while_the_catalog_is_loaded_is_seen_by_the_next_run(
    catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The listing's fingerprint the index keeps is that of the load's own listing, not of the folders
    # after it: a file that appeared meanwhile makes the next run list the folders again, and check it.
    root = catalog()
    age(root)
    original = FolderSource.read

    def adding(self: FolderSource, path: str):  # type: ignore[no-untyped-def]
        if path == PROCESS:
            write_files(root, UNUSED)
        return original(self, path)

    monkeypatch.setattr(FolderSource, "read", adding)
    assert run(root)[0] == []
    monkeypatch.setattr(FolderSource, "read", original)
    assert run(root)[0] == ["SVC105"]
