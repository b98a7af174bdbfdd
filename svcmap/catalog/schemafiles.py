"""Where the JSON Schemas are: inside the installed package, or in a source checkout's `schemas/`.

A module of its own so that the cache can hash the schemas without importing the schema checker
(jsonschema-rs) on a warm run that checks nothing.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def schema_dir() -> Path:
    """The schemas shipped in the package, or the repository's own `schemas/` in a source checkout."""
    packaged = Path(str(resources.files("svcmap"))) / "schemas"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"
