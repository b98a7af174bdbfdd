"""Numbers that are not finite are kept, and noted as Doubts at their position, however they are written."""

from __future__ import annotations

import math

import pytest

from svcmap.catalog import reader


def doubts(text: str) -> list[tuple[str, tuple, int, int, str]]:
    return [(d.kind, d.path, d.line, d.column, d.text) for d in reader.load(text).doubts]


@pytest.mark.parametrize(
    "written", [".inf", "-.inf", "+.inf", ".Inf", "-.INF", ".nan", ".NaN", ".NAN", "1e400", "-1e999"]
)
def test_non_finite_value_is_a_doubt(written: str) -> None:
    text = f"id: a\ncost:\n  amount: {written}\n  currency: EUR\n"
    assert not math.isfinite(reader.load(text)["cost"]["amount"])
    assert doubts(text) == [(reader.NON_FINITE_NUMBER, ("cost", "amount"), 3, 11, written)]


def test_tagged_and_aliased_non_finite_values() -> None:
    text = "a: !!float .inf\nb: &x .nan\nc: [1, *x]\n"
    assert doubts(text) == [
        (reader.NON_FINITE_NUMBER, ("a",), 1, 4, ".inf"),
        (reader.NON_FINITE_NUMBER, ("b",), 2, 4, ".nan"),
        (reader.NON_FINITE_NUMBER, ("c", 1), 3, 8, "*x"),
    ]


def test_items_of_lists_have_their_index() -> None:
    assert doubts("a:\n  - [0, .inf]\n  - -.inf\n") == [
        (reader.NON_FINITE_NUMBER, ("a", 0, 1), 2, 9, ".inf"),
        (reader.NON_FINITE_NUMBER, ("a", 1), 3, 5, "-.inf"),
    ]


@pytest.mark.parametrize("written", ["1.5", "0.0", "-2e3", "1e308", "'.inf'", "inf", "nan", "!!str .nan"])
def test_finite_numbers_and_text_are_no_doubt(written: str) -> None:
    assert doubts(f"a: {written}\n") == []
