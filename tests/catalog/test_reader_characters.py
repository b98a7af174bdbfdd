"""Characters libyaml refuses are a YamlProblem at their own line and column, never a crash of the reader."""

from __future__ import annotations

import pytest
import yaml

from svcmap.catalog import reader

REFUSED = [
    *range(0x00, 0x09),
    0x0B,
    0x0C,
    *range(0x0E, 0x20),
    0x7F,
    *range(0x80, 0x85),
    *range(0x86, 0xA0),
    0xFFFE,
    0xFFFF,
]
"""Every code point outside YAML's printable set: 0x09, 0x0A, 0x0D, 0x20-0x7E, 0x85, 0xA0-0xD7FF, 0xE000-0xFFFD, ..."""

PLACES = {
    "start": (lambda c: f"{c}id: a\nname: b\n", (1, 1)),
    "middle": (lambda c: f"id: é\nna{c}me: b\n", (2, 3)),
    "end": (lambda c: f"id: é\nname: b\n{c}", (3, 1)),
    "quoted": (lambda c: f'id: é\nnamé: "Café {c}"\n', (2, 13)),
    "after a byte-order mark": (lambda c: f"\ufeffid: a{c}\n", (1, 6)),
}
"""Where the character stands, and its 1-based (line, column); non-ASCII before it, so bytes are not columns."""


def where(text: str) -> tuple[int, int]:
    with pytest.raises(reader.YamlProblem) as caught:
        reader.load(text)
    return caught.value.line, caught.value.column


@pytest.mark.parametrize("code", REFUSED, ids=lambda code: f"U+{code:04X}")
@pytest.mark.parametrize("place", list(PLACES))
def test_refused_character_is_a_problem_at_its_position(code: int, place: str) -> None:
    make, position = PLACES[place]
    assert where(make(chr(code))) == position


@pytest.mark.parametrize("code", [0x01, 0x1B, 0x7F, 0xFFFE])
def test_the_problem_names_the_code_point(code: int) -> None:
    """Only the message can tell which invisible character it is: it gives the code point."""
    with pytest.raises(reader.YamlProblem) as caught:
        reader.load(f"name: a{chr(code)}\n")
    assert f"U+{code:04X}" in caught.value.message


@pytest.mark.parametrize("loader", [reader.BaseLoader, yaml.SafeLoader], ids=["libyaml", "pure-python"])
def test_yaml_problem_handles_both_readers(loader: type) -> None:
    """libyaml gives the code point and a byte offset, PyYAML's own reader a character and a character offset."""
    text = "id: é\nname: ca\x1bfé\n"
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.compose(text, Loader=loader)
    problem = reader.yaml_problem(text, caught.value)
    assert (problem.line, problem.column) == (2, 9)


def test_lone_surrogate_in_a_string_is_a_problem() -> None:
    """No file decoded as UTF-8 holds one, but a str handed to the reader may."""
    assert where("id: é\nname: a\ud800b\n") == (2, 8)


@pytest.mark.parametrize("code", [0x09, 0xA0, 0xE000, 0xFFFD, 0x10000, 0x1F600])
def test_allowed_characters_still_read(code: int) -> None:
    assert reader.load(f'name: "a{chr(code)}b"\n') == {"name": f"a{chr(code)}b"}
