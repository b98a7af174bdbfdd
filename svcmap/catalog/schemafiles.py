"""Where the JSON Schemas are: inside the installed package, or in a source checkout's `schemas/`.

A module of its own so that the cache can hash the schemas without importing the schema checker
(jsonschema-rs) on a warm run that checks nothing.
"""

from __future__ import annotations

from pathlib import Path


def schema_dir() -> Path:
    """The schemas shipped in the package, or the repository's own `schemas/` in a source checkout."""
    packaged = Path(__file__).resolve().parents[1] / "schemas"  # not importlib.resources: 10 ms more per run
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "schemas"
