"""The rule registry: unique codes, the codes SPEC §4 requires, and documentation in the fixed shape."""

from __future__ import annotations

import re

import pytest

from svcmap.rules.registry import RULES

SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
SPEC_CODES = {
    "SVC001",
    "SVC002",
    "SVC003",
    "SVC004",
    "SVC101",
    "SVC102",
    "SVC103",
    "SVC104",
    "SVC105",
    "SVC106",
    "SVC201",
    "SVC202",
}


def test_codes_follow_the_numbering_scheme() -> None:
    assert all(re.fullmatch(r"SVC[0-5]\d\d", code) for code in RULES)
    assert all(rule.code == code for code, rule in RULES.items())


def test_the_spec_rules_exist() -> None:
    assert SPEC_CODES <= set(RULES)


def test_names_are_unique_kebab_case() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)


@pytest.mark.parametrize("code", sorted(RULES))
def test_documentation_has_every_section(code: str) -> None:
    doc = RULES[code].doc
    assert doc.splitlines()[0].endswith("."), "the first line is a one-sentence summary"
    positions = [doc.find(section) for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions)
