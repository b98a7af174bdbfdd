"""`svcmap --version`: the version, and the folder of the JSON Schemas this installation checks against."""

from __future__ import annotations

from pathlib import Path

from svcmap import __version__
from svcmap.catalog.schemafiles import schema_dir


def test_version_names_the_schema_folder(cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.output.splitlines() == [f"svcmap {__version__}", f"schemas: {schema_dir()}"]
    folder = Path(result.output.splitlines()[1].removeprefix("schemas: "))
    assert sorted(path.name for path in folder.glob("*.schema.json")) == [
        "config.schema.json",
        "organisation.schema.json",
        "process.schema.json",
        "product.schema.json",
        "whatif.schema.json",
    ]


def test_version_comes_before_any_command(cli) -> None:
    """Eager, like --help: it answers even next to an unknown command, and runs none."""
    result = cli("--version", "no-such-command")
    assert result.exit_code == 0 and result.output.startswith(f"svcmap {__version__}\n")
