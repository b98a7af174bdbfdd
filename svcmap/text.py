"""How svcmap writes a count in its messages, reports and diagrams."""

from __future__ import annotations


def plural(count: int, word: str, words: str | None = None) -> str:
    """`1 error`, `2 errors`, `2 processes`."""
    return f"{count} {word if count == 1 else (words or word + 's')}"
