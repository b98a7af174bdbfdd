"""A rule's documentation in the language in use: prose and headings translated, the YAML examples kept."""

from __future__ import annotations

import re

import pytest

from svcmap import i18n
from svcmap.rules.registry import RULES, doc_pieces

CODE_BLOCK = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("code", sorted(RULES))
def test_the_pieces_join_back_into_the_documentation(code: str) -> None:
    doc = RULES[code].source_doc
    assert "".join(text for _translated, text in doc_pieces(doc)) == doc
    assert RULES[code].doc == doc  # in English


@pytest.mark.parametrize("code", sorted(RULES))
def test_in_dutch_the_words_change_and_the_examples_do_not(code: str) -> None:
    rule = RULES[code]
    i18n.use("nl")
    dutch = rule.doc
    assert CODE_BLOCK.findall(dutch) == CODE_BLOCK.findall(rule.source_doc)
    assert [line for line in dutch.splitlines() if line.startswith("## ")] == [
        "## Wat de regel doet",
        "## Waarom is dit een probleem?",
        "## Voorbeeld",
        "## Beter zo",
    ]
    assert rule.summary != rule.source_doc.splitlines()[0]
    assert "\n" not in rule.summary
