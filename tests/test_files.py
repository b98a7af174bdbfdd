"""svcmap.files: what a path names, without an OSError escaping, and ROOT / --root named too long for the system."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from svcmap.errors import SvcmapError
from svcmap.files import (
    FILE,
    FOLDER,
    MISSING,
    NAME_TOO_LONG,
    AtomicFile,
    check_output_folder,
    kind_of,
    repository_path,
    usable_kind,
    write_atomically,
)

TOO_LONG = "n" * 300
"""Longer than the 255 bytes a file system allows in one name: `Path.exists` raises ENAMETOOLONG for it."""


def test_kind_of_answers_for_every_path(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert kind_of(tmp_path) == FOLDER
    assert kind_of(tmp_path / "file") == FILE
    assert kind_of(tmp_path / "nowhere") == MISSING
    assert kind_of(tmp_path / "file" / "below") == MISSING  # a file taken for a folder: nothing is there
    assert kind_of(tmp_path / TOO_LONG) == NAME_TOO_LONG


def test_a_name_too_long_is_a_usage_error_where_it_must_name_a_folder(tmp_path: Path) -> None:
    with pytest.raises(SvcmapError, match="too long"):
        usable_kind(tmp_path / TOO_LONG)
    with pytest.raises(SvcmapError, match="too long"):
        check_output_folder(tmp_path / TOO_LONG)
    check_output_folder(tmp_path / "new")
    (tmp_path / "taken").write_text("x")
    with pytest.raises(SvcmapError, match="not a folder"):
        check_output_folder(tmp_path / "taken")


def test_a_long_path_of_short_names_is_an_ordinary_folder(tmp_path: Path) -> None:
    deep = tmp_path / ("a" * 120) / ("b" * 120) / ("c" * 120)
    deep.mkdir(parents=True)
    assert len(str(deep)) > 300 and kind_of(deep) == FOLDER


@pytest.mark.parametrize(
    "argv", [("validate",), ("validate", "--root"), ("analyze",), ("analyze", "--root"), ("fmt", "--root")]
)
def test_a_root_named_too_long_is_a_clear_usage_error(cli, tmp_path: Path, argv: tuple[str, ...]) -> None:
    result = cli(*argv, str(tmp_path / TOO_LONG))
    assert result.exit_code == 2
    assert "the name is too long" in result.stderr and "internal error" not in result.stderr


def test_an_atomic_file_appears_whole_on_commit_and_keeps_the_old_content_until_then(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    file = AtomicFile(target)
    file.write(b"new, ")
    file.write(b"in parts")
    file.flush()
    assert target.read_text() == "old"  # a reader meanwhile sees the old content
    file.commit()
    assert target.read_text() == "new, in parts"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json"]


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), AtomicFile(target) as file:
        file.write(b"half of it")
        raise RuntimeError("the reporter broke")
    assert target.read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.json"]
    with pytest.raises(ValueError, match="after commit or discard"):
        file.write(b"more")


def test_an_atomic_file_takes_the_mode_asked_for(tmp_path: Path) -> None:
    write_atomically(tmp_path / "private", "x", mode=0o600)
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o600


def test_repository_path_is_roots_place_below_the_git_top(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "catalogs" / ".hidden").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    assert repository_path(tmp_path / "repo") == ""
    assert repository_path(tmp_path / "repo" / "catalogs" / ".hidden") == "catalogs/.hidden"
    (tmp_path / "worktree").mkdir()
    (tmp_path / "worktree" / ".git").write_text("gitdir: ../repo/.git/worktrees/x\n")  # a worktree's .git is a file
    assert repository_path(tmp_path / "worktree") == ""
    assert repository_path(tmp_path / "elsewhere") in ("", "elsewhere")  # "" unless tmp_path is itself in a repo
