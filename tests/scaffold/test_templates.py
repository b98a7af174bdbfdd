"""The templates' helpers: values spelt as fmt spells them, ids made from names."""

from __future__ import annotations

import pytest

from svcmap.catalog import reader
from svcmap.fmt.canonical import format_text
from svcmap.scaffold.templates import id_from, scalar


@pytest.mark.parametrize(
    "value, spelt",
    [("Gemeente Zottegem", "Gemeente Zottegem"), ("no", '"no"'), ("2024", '"2024"'), ("Stad: Gent", '"Stad: Gent"')],
)
def test_a_value_is_plain_unless_yaml_would_read_something_else(value: str, spelt: str) -> None:
    assert scalar(value) == spelt


@pytest.mark.parametrize("value", ["A #1", 'say "hi"', "- x", "[x]", "~", "é\\\u2028", "'q'", "a: b # c", "x\ty"])
def test_a_value_reads_back_as_itself_and_is_fmts_spelling(value: str) -> None:
    line = f"name: {scalar(value)}\n"
    assert reader.load(line)["name"] == value
    assert format_text(line, "product") == line


@pytest.mark.parametrize(
    "text, ident",
    [
        ("Gemeente Zottegem", "gemeente-zottegem"),
        ("Stad Sint-Niklaas", "stad-sint-niklaas"),
        ("Één -- twee!", "een-twee"),
        ("!!!", ""),
    ],
)
def test_an_id_is_made_from_a_name(text: str, ident: str) -> None:
    assert id_from(text) == ident
