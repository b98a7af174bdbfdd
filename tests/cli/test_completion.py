"""Shell completion (click's `_SVCMAP_COMPLETE`) through the lazy command group: commands, options, choices."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcmap.cli import COMMANDS, main


def complete(words: str, shell: str = "bash") -> list[str]:
    """What `svcmap <words><TAB>` offers: COMP_CWORD points at the last word, or a new one after a space."""
    parts = words.split()
    cword = len(parts) if words.endswith(" ") else len(parts) - 1
    env = {"_SVCMAP_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    result = CliRunner().invoke(main, [], prog_name="svcmap", env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_every_command_is_offered() -> None:
    assert complete("svcmap ") == [f"plain,{name}" for name in COMMANDS]


def test_a_prefix_narrows_the_commands() -> None:
    assert complete("svcmap va") == ["plain,validate"]


def test_a_lazy_commands_options_and_choices() -> None:
    """The command's module is imported on demand, so its options and --format choices complete too."""
    assert "plain,--strict" in complete("svcmap validate --st")
    assert complete("svcmap diff --format ") == ["plain,text", "plain,json", "plain,markdown"]


def test_root_completes_as_a_path() -> None:
    assert complete("svcmap validate ") == ["file,"]


def test_zsh_shows_each_commands_short_help() -> None:
    short_help = importlib.import_module(COMMANDS["diff"]).command.get_short_help_str()
    assert short_help and complete("svcmap dif", shell="zsh") == ["plain", "diff", short_help]


def test_completing_one_commands_options_imports_only_that_command() -> None:
    """The lazy group's point (no Graphviz or ruamel.yaml for `validate` in CI) holds for completion too."""
    probe = (
        "import sys\nfrom svcmap.cli import main\ntry:\n    main(prog_name='svcmap')\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(name for name in sys.modules if name.startswith('svcmap.cli.'))))"
    )
    env = {**os.environ, "_SVCMAP_COMPLETE": "bash_complete", "COMP_WORDS": "svcmap validate --st", "COMP_CWORD": "2"}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    loaded = result.stdout.splitlines()[-1].split()
    assert "svcmap.cli.validate" in loaded
    assert not {"svcmap.cli.render", "svcmap.cli.report", "svcmap.cli.fmt"} & set(loaded)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_bash_script_completes_in_bash(tmp_path: Path) -> None:
    """End to end, as a user sets it up: source the generated script, then let its function fill COMPREPLY."""
    script = Path(sys.executable).with_name("svcmap")
    if not script.exists():
        pytest.skip(f"the console script is not installed next to {sys.executable}")
    source = subprocess.run(
        [script], env={**os.environ, "_SVCMAP_COMPLETE": "bash_source"}, capture_output=True, text=True, check=True
    ).stdout
    (tmp_path / "svcmap-complete.bash").write_text(source, encoding="utf-8")
    session = (
        f'source "{tmp_path / "svcmap-complete.bash"}"\n'
        "COMP_WORDS=(svcmap validate --format s); COMP_CWORD=3\n"
        "_svcmap_completion svcmap\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
        "complete -p svcmap\n"
    )
    env = {**os.environ, "PATH": f"{script.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", session], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["sarif", "complete -o nosort -F _svcmap_completion svcmap"]
