"""Reading a catalog out of a git revision: one listing, one batch read, never the working tree or the index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from svcmap.catalog.gitsource import GitRevisionSource, version_source
from svcmap.catalog.loader import load_catalog
from svcmap.catalog.source import FileText, FolderSource, ReadFailure
from svcmap.errors import SvcmapError
from tests.diff.gitrepo import Repo


def test_lists_and_reads_the_files_of_a_revision(repo) -> None:
    made: Repo = repo()
    source = GitRevisionSource.at(made.root, "HEAD")
    assert source.organisation_path() == "catalog/organisation.yaml"
    assert source.product_paths() == ["catalog/products/adreswijziging.yaml"]
    assert source.process_paths() == ["processes/adreswijziging.yaml"]
    got = source.read("processes/adreswijziging.yaml")
    assert isinstance(got, FileText)
    assert got.text == (made.root / "processes/adreswijziging.yaml").read_text(encoding="utf-8")


def test_a_revision_loads_like_its_checkout(repo) -> None:
    made: Repo = repo()
    from_git = load_catalog(GitRevisionSource.at(made.root, "main"))
    from_folder = load_catalog(FolderSource(made.root))
    assert from_git.digests == from_folder.digests
    assert [(p.id, p.name, p.steps) for p in from_git.catalog.processes.values()] == [
        (p.id, p.name, p.steps) for p in from_folder.catalog.processes.values()
    ]
    assert from_git.findings == from_folder.findings == []


def test_the_revision_not_the_working_tree_is_read(repo) -> None:
    made: Repo = repo()
    first = made.git("rev-parse", "HEAD")
    made.commit("more", {"catalog/products/extra.yaml": "id: extra\nname: X\nowner: onthaal\nchannels: [web]\n"})
    made.write({"catalog/products/uncommitted.yaml": "id: u\n"})
    assert GitRevisionSource.at(made.root, first).product_paths() == ["catalog/products/adreswijziging.yaml"]
    assert GitRevisionSource.at(made.root, "HEAD").product_paths() == [
        "catalog/products/adreswijziging.yaml",
        "catalog/products/extra.yaml",
    ]


def test_root_in_a_subfolder_of_the_repository(repo) -> None:
    made: Repo = repo("gemeente/catalogus")
    made.write({"README.md": "not the catalog\n"})
    source = GitRevisionSource.at(made.root, "HEAD")
    assert source.repository.prefix == "gemeente/catalogus"
    assert source.product_paths() == ["catalog/products/adreswijziging.yaml"]
    assert isinstance(source.read("catalog/organisation.yaml"), FileText)
    assert load_catalog(source).findings == []


def test_nothing_in_the_repository_changes(repo) -> None:
    made: Repo = repo()
    made.write({"catalog/products/adreswijziging.yaml": "id: changed-in-the-working-tree\n"})
    index = made.top / ".git" / "index"
    before = (made.git("status", "--porcelain"), index.stat().st_mtime_ns, index.read_bytes())
    load_catalog(GitRevisionSource.at(made.root, "HEAD"))
    after = (made.git("status", "--porcelain"), index.stat().st_mtime_ns, index.read_bytes())
    assert before == after
    assert (made.root / "catalog/products/adreswijziging.yaml").read_text() == "id: changed-in-the-working-tree\n"


@pytest.mark.parametrize("revision", ["-x", "--output=/tmp/owned", "-", ""])
def test_a_revision_starting_with_a_dash_is_refused(repo, revision: str) -> None:
    made: Repo = repo()
    with pytest.raises(SvcmapError, match="may not be empty or start with '-'"):
        GitRevisionSource.at(made.root, revision)
    with pytest.raises(SvcmapError, match="may not be empty or start with '-'"):
        version_source(made.root, revision)


@pytest.mark.parametrize("revision", ["nope", "HEAD~5", "HEAD:catalog", "main..HEAD"])
def test_an_unknown_revision_is_a_clear_error(repo, revision: str) -> None:
    made: Repo = repo()
    with pytest.raises(SvcmapError, match="no such revision"):
        GitRevisionSource.at(made.root, revision)


def test_a_root_outside_any_repository(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    with pytest.raises(SvcmapError, match="not inside a git repository"):
        GitRevisionSource.at(tmp_path / "plain", "HEAD")
    with pytest.raises(SvcmapError, match="is not a folder, and it cannot be a revision"):
        version_source(tmp_path / "plain", "main")


def test_version_source_prefers_an_existing_folder(repo, tmp_path: Path) -> None:
    made: Repo = repo()
    assert isinstance(version_source(made.root, str(made.root)), FolderSource)
    assert isinstance(version_source(made.root, "main"), GitRevisionSource)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(SvcmapError, match="not a folder"):
        version_source(made.root, str(tmp_path / "a-file"))


def test_files_that_cannot_be_read_in_a_revision(repo) -> None:
    made: Repo = repo()
    made.write(
        {
            "processes/latin1.yaml": "id: caf\xe9\n".encode("latin-1"),
            "processes/folder.yaml/inner.txt": "x\n",
            "processes/nested/deeper.yaml": "id: deeper\n",
            "catalog/products/notes.txt": "not yaml\n",
        }
    )
    os.symlink("adreswijziging.yaml", made.root / "processes" / "link.yaml")
    os.symlink("missing.yaml", made.root / "processes" / "dangling.yaml")
    os.symlink("loop-b.yaml", made.root / "processes" / "loop-a.yaml")
    os.symlink("loop-a.yaml", made.root / "processes" / "loop-b.yaml")
    os.symlink("/etc/hostname", made.root / "processes" / "outside.yaml")
    made.commit("odd files")
    source = GitRevisionSource.at(made.root, "HEAD")
    assert source.process_paths() == [
        "processes/adreswijziging.yaml",
        "processes/dangling.yaml",
        "processes/folder.yaml",
        "processes/latin1.yaml",
        "processes/link.yaml",
        "processes/loop-a.yaml",
        "processes/loop-b.yaml",
        "processes/outside.yaml",
    ]
    assert source.product_paths() == ["catalog/products/adreswijziging.yaml"]
    read = {path: source.read(path) for path in source.process_paths()}
    assert isinstance(read["processes/link.yaml"], FileText)
    assert read["processes/link.yaml"].text == read["processes/adreswijziging.yaml"].text  # type: ignore[union-attr]
    failures = {path: got for path, got in read.items() if isinstance(got, ReadFailure)}
    assert set(failures) == {
        "processes/dangling.yaml",
        "processes/folder.yaml",
        "processes/latin1.yaml",
        "processes/loop-a.yaml",
        "processes/loop-b.yaml",
        "processes/outside.yaml",
    }
    assert (failures["processes/latin1.yaml"].line, failures["processes/latin1.yaml"].column) == (1, 8)
    assert "folder" in failures["processes/folder.yaml"].message
    # the same files on disk give the same findings (but a link out of the repository is read on disk)
    on_disk = load_catalog(FolderSource(made.root)).findings
    in_git = load_catalog(source).findings
    outside = "processes/outside.yaml"
    assert [(p.code, p.file, p.line, p.column) for p in in_git if p.file != outside] == [
        (p.code, p.file, p.line, p.column) for p in on_disk if p.file != outside
    ]


PLANNED = "name: P\nowner: onthaal\nchannels: [web]\nstatus: planned\n"


def test_many_files_are_read_through_one_git_process(repo, monkeypatch: pytest.MonkeyPatch) -> None:
    made: Repo = repo()
    made.commit(
        "many",
        {f"catalog/products/p{index}.yaml": f"id: p{index}\n{PLANNED}" for index in range(300)},
    )
    import subprocess

    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def counting_popen(args, *rest, **options):  # type: ignore[no-untyped-def]
        started.append(list(args))
        return real_popen(args, *rest, **options)

    monkeypatch.setattr(subprocess, "Popen", counting_popen)
    loaded = load_catalog(GitRevisionSource.at(made.root, "HEAD"))
    assert len(loaded.catalog.products) == 301
    git_commands = [args[3] for args in started if args[0] == "git"]
    assert git_commands.count("cat-file") == 1
    assert len(git_commands) <= 4  # rev-parse (repository), rev-parse (revision), ls-tree, cat-file
