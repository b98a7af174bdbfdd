"""svcmap.files: what a path names, without an OSError escaping, and ROOT / --root named too long for the system."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcmap.errors import SvcmapError
from svcmap.files import FILE, FOLDER, MISSING, NAME_TOO_LONG, check_output_folder, kind_of, usable_kind

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
