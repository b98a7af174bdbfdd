"""Inline suppression comments, `# svcmap: ignore[SVC302]`: only real YAML comments count.

The loader keeps these and nothing else of a file's text. A `#` inside a quoted or block scalar is
text, not a comment: `name: "a # svcmap: ignore"` silences nothing. libyaml's scanner tells the two
apart (a comment lies between tokens), and it only runs on the rare file that holds the word.
"""

from __future__ import annotations

import re

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

DIRECTIVE = re.compile(r"#\s*svcmap:\s*ignore(?:\[([A-Za-z0-9,\s]*)\])?")
ALL: tuple[str, ...] = ()
"""The codes of a bare `# svcmap: ignore`: every finding on its line."""

Directives = dict[int, tuple[str, ...]]
"""Per 1-based line, the codes silenced there (`ALL` for every code)."""


def ignore_directives(text: str) -> Directives:
    """The suppression comments of a readable YAML text, by line."""
    if "svcmap:" not in text:
        return {}
    candidates: dict[int, list[tuple[int, tuple[str, ...]]]] = {}
    line_starts = [0] + [match.end() for match in re.finditer("\n", text)]
    for number, start in enumerate(line_starts, start=1):
        end = line_starts[number] if number < len(line_starts) else len(text)
        line = text[start:end]
        if "svcmap:" not in line:
            continue
        for match in DIRECTIVE.finditer(line):
            codes = match.group(1)
            parsed = tuple(sorted({c.strip().upper() for c in codes.split(",") if c.strip()})) if codes else ALL
            candidates.setdefault(number, []).append((start + match.start(), parsed))
    if not candidates:
        return {}
    inside = _token_spans(text)
    found: Directives = {}
    for number, matches in candidates.items():
        for offset, codes in matches:
            if not any(start <= offset < end for start, end in inside):
                found[number] = codes
                break
    return found


def _token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the scalar tokens, where a `#` is text rather than a comment."""
    spans = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.ScalarToken):
                start = token.start_mark.index
                if token.style in ("|", ">"):  # a comment may follow the header `|` on its line
                    newline = text.find("\n", start)
                    start = len(text) if newline < 0 else newline
                spans.append((start, token.end_mark.index))
    except yaml.YAMLError:
        pass  # the tokens up to the fault are known; the file is an SVC001 finding anyway
    return spans
