"""Keys that are not text stay out of the data (no other key shifts), and are noted as Doubts where they stand."""

from __future__ import annotations

import pytest

from svcmap.catalog import reader

NON_TEXT_KEYS = {
    "1": 1,
    "-1": -1,
    "0x10": 16,
    "0o17": 15,
    "1.5": 1.5,
    "true": True,
    "False": False,
    "~": None,
    "null": None,
    "NULL": None,
    "!!int '7'": 7,
    "!!null ''": None,
}
"""Keys as written, and what the YAML 1.2 core schema reads them as."""


def doubts(text: str) -> list[tuple[str, tuple, int, int]]:
    """(kind, path, line, column) of every Doubt, what these tests assert on."""
    return [(doubt.kind, doubt.path, doubt.line, doubt.column) for doubt in reader.load(text).doubts]


@pytest.mark.parametrize("written", list(NON_TEXT_KEYS))
def test_non_text_key_is_left_out_and_nothing_shifts(written: str) -> None:
    data = reader.load(f"id: a\n{written}: x\nname: b\nowner: c\n")
    assert data == {"id": "a", "name": "b", "owner": "c"}
    assert data.key_pos == {"id": (1, 1), "name": (3, 1), "owner": (4, 1)}
    assert data.value_pos == {"id": (1, 5), "name": (3, 7), "owner": (4, 8)}
    assert doubts(f"id: a\n{written}: x\nname: b\nowner: c\n") == [
        (reader.NON_TEXT_KEY, (NON_TEXT_KEYS[written],), 2, 1)
    ]


def test_nan_key_is_a_doubt() -> None:
    [doubt] = reader.load("id: a\n.nan: x\n").doubts
    assert (doubt.kind, doubt.line, doubt.column, doubt.text) == (reader.NON_TEXT_KEY, 2, 1, ".nan")
    assert doubt.value != doubt.value


def test_null_key_first_in_a_mapping_does_not_turn_its_value_into_a_key() -> None:
    """The reader used None as its 'expecting a key' mark, so `~: x` made `x` the next key."""
    assert reader.load("~: x\nid: a\nname: b\n") == {"id": "a", "name": "b"}
    assert reader.load("a:\n  null: [1, 2]\n  b: c\n") == {"a": {"b": "c"}}


def test_explicit_empty_key() -> None:
    assert reader.load("f:\n  ?\n  : 3\n  g: h\n") == {"f": {"g": "h"}}
    assert doubts("f:\n  ?\n  : 3\n  g: h\n") == [(reader.NON_TEXT_KEY, ("f", None), 2, 4)]


def test_nested_keys_have_their_path() -> None:
    text = (
        "id: a\n"
        "identifiers:\n"
        "  1: x\n"
        "  ipdc: '123'\n"
        "steps:\n"
        "  - id: s\n"
        "  - id: t\n"
        "    true: y\n"
        "    next: [{to: u, 0x10: v}]\n"
    )
    data = reader.load(text)
    assert data["identifiers"] == {"ipdc": "123"}
    assert data["steps"][1] == {"id": "t", "next": [{"to": "u"}]}
    assert doubts(text) == [
        (reader.NON_TEXT_KEY, ("identifiers", 1), 3, 3),
        (reader.NON_TEXT_KEY, ("steps", 1, True), 8, 5),
        (reader.NON_TEXT_KEY, ("steps", 1, "next", 0, 16), 9, 20),
    ]


def test_a_left_out_keys_value_is_read_but_not_doubted() -> None:
    """One finding for the key: what its (left out) value holds cannot matter."""
    text = "id: a\n1:\n  b: .inf\n  2: c\n  d: [e]\nname: n\n"
    assert reader.load(text) == {"id": "a", "name": "n"}
    assert doubts(text) == [(reader.NON_TEXT_KEY, (1,), 2, 1)]


def test_alias_as_a_key() -> None:
    text = "a: &one 1\n*one : x\nb: c\n"
    assert reader.load(text) == {"a": 1, "b": "c"}
    [doubt] = reader.load(text).doubts
    assert (doubt.path, doubt.line, doubt.column, doubt.text) == ((1,), 2, 1, "*one")


def test_text_keys_that_look_like_numbers_stay() -> None:
    assert reader.load("'1': x\n\"true\": y\n!!str 2: z\n") == {"1": "x", "true": "y", "2": "z"}
    assert reader.load("'1': x\n").doubts == ()


def test_duplicate_text_key_is_still_refused_after_a_left_out_key() -> None:
    with pytest.raises(reader.YamlProblem) as caught:
        reader.load("a: 1\n1: x\na: 2\n")
    assert (caught.value.line, caught.value.column) == (3, 1)


def test_collection_as_key_is_still_refused() -> None:
    with pytest.raises(reader.YamlProblem) as caught:
        reader.load("a: 1\n? [b]\n: c\n")
    assert caught.value.line == 2


def test_the_root_carries_the_doubts() -> None:
    """schema.check(kind, data) finds them there, whoever read the data; nothing else does."""
    data = reader.load("- {1: a}\n- b\n")
    assert data == [{}, "b"]
    assert [doubt.path for doubt in data.doubts] == [(0, 1)]
    assert data[0].doubts == ()
    assert reader.load("a: b\n").doubts == ()
