"""networkx is loaded only by the commands that draw or analyse the unit network: `validate` (in CI, on every
push) and plain `analyze` do not pay for importing it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

_SCRIPT = """
import sys
from svcmap.cli import run
code = run(sys.argv[1:])
print(code, "networkx" in sys.modules)
"""


def loads_networkx(*args: str) -> tuple[int, bool]:
    done = subprocess.run([sys.executable, "-c", _SCRIPT, *args], capture_output=True, text=True, cwd=REPO, check=True)
    code, loaded = done.stdout.split()[-2:]
    return int(code), loaded == "True"


@pytest.mark.parametrize(
    "args",
    [
        ("validate", str(REPO)),
        ("analyze", str(REPO), "--no-cache"),
        ("analyze", str(REPO), "--by", "unit", "--no-cache"),
    ],
)
def test_validate_and_analyze_do_not_import_networkx(args: tuple[str, ...]) -> None:
    assert loads_networkx(*args) == (0, False)


def test_analyze_by_network_does(tmp_path: Path) -> None:
    """The check above can see networkx: the command that needs it loads it."""
    assert loads_networkx("analyze", str(REPO), "--by", "network", "-o", str(tmp_path / "network.txt")) == (0, True)
