"""Inline suppression: a comment `# svcmap: ignore[SVC302]` silences that finding on that line."""

from __future__ import annotations

from svcmap.catalog.directives import ALL, Directives


def silenced(directives: Directives, code: str, line: int) -> bool:
    """Whether a real comment on the line silences this code there (the loader keeps each file's)."""
    codes = directives.get(line)
    return codes is not None and (codes == ALL or code in codes)
