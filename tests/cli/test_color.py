"""`--color auto|always|never` and NO_COLOR (https://no-color.org) for the text of validate and diff: colour on
a terminal, never in a pipe or a file unless asked, and never in a report file."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reporters.catalogs import FILES

ESC = "\x1b["


def on_a_terminal(argv: list[str], no_color: str | None, cwd: Path) -> str:
    """What `svcmap ARGV` writes to standard output when that is a terminal (a pseudo-terminal here)."""
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "svcmap", *argv], stdout=follower, stderr=subprocess.DEVNULL, cwd=cwd, env=env
        )
    finally:
        os.close(follower)
    output = bytearray()
    try:
        while chunk := os.read(leader, 65536):
            output += chunk
    except OSError:  # EIO: the terminal's other side closed
        pass
    finally:
        os.close(leader)
    assert process.wait(timeout=60) == 1
    return output.decode("utf-8")


@pytest.mark.parametrize(
    ("color", "no_color", "coloured"),
    [
        ("auto", None, True),
        ("auto", "1", False),
        ("auto", "", True),  # set but empty: as if unset
        ("always", "1", True),  # asked for on the command line: NO_COLOR yields
        ("never", None, False),
    ],
)
def test_validate_on_a_terminal(catalog, tmp_path: Path, color: str, no_color: str | None, coloured: bool) -> None:
    root = catalog(FILES)
    output = on_a_terminal(["validate", str(root), "--no-cache", "--color", color], no_color, tmp_path)
    assert "SVC101" in output
    assert (ESC in output) is coloured


def test_diff_on_a_terminal_honours_no_color(catalog, tmp_path: Path) -> None:
    new = catalog({"processes/adreswijziging.yaml": None})
    old = tmp_path / "old"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "minimal", old)
    argv = ["diff", "--root", str(new), str(old), str(new), "--fail-on", "removed"]
    assert ESC in on_a_terminal(argv, None, tmp_path)
    assert ESC not in on_a_terminal(argv, "1", tmp_path)
    assert ESC in on_a_terminal([*argv, "--color", "always"], "1", tmp_path)


def test_auto_is_plain_in_a_pipe_and_always_colours_it(catalog, cli) -> None:
    root = str(catalog(FILES))
    assert ESC not in cli("validate", root).stdout
    coloured = cli("validate", root, "--color", "always").stdout
    assert f"{ESC}1;31mSVC101{ESC}0m" in coloured and f"{ESC}33mSVC105{ESC}0m" in coloured
    assert ESC not in cli("validate", root, "--color", "never").stdout


def test_files_are_never_coloured(catalog, cli, tmp_path: Path) -> None:
    root = str(catalog(FILES))
    result = cli("validate", root, "--color", "always", "--report", f"text:{tmp_path / 'log.txt'}")
    assert ESC in result.stdout
    assert (tmp_path / "log.txt").read_text(encoding="utf-8") == cli("validate", root).stdout
    cli("validate", root, "--color", "always", "-o", str(tmp_path / "out.txt"))
    assert ESC not in (tmp_path / "out.txt").read_text(encoding="utf-8")


def test_the_cache_keeps_coloured_and_plain_text_apart(catalog, cli) -> None:
    root = str(catalog(FILES))
    plain, coloured = cli("validate", root).stdout, cli("validate", root, "--color", "always").stdout
    assert cli("validate", root).stdout == plain and ESC not in plain
    assert cli("validate", root, "--color", "always").stdout == coloured and ESC in coloured


def test_colour_is_not_a_choice_of_analyze(catalog, cli) -> None:
    assert cli("analyze", str(catalog()), "--color", "always").exit_code == 2  # its reports have no colours
