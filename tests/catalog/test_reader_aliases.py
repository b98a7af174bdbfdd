"""Aliases may repeat values within a budget proportional to the text; a file built to expand is refused early."""

from __future__ import annotations

import pytest

from svcmap.catalog import reader


def refused_at(text: str) -> tuple[int, int]:
    with pytest.raises(reader.YamlProblem) as caught:
        reader.load(text)
    return caught.value.line, caught.value.column


def test_nine_hundred_thousand_aliases_of_a_step_are_refused_early() -> None:
    """The file of the issue (3.6 MB) passed the former budget; it is now refused before a tenth of it is read."""
    text = "id: p\nname: P\nsteps: [&s {id: a, name: b, unit: onthaal}" + ", *s" * 900_000 + "]\n"
    line, column = refused_at(text)
    assert line == 3 and column < len(text) / 10


def test_a_small_file_that_expands_past_the_minimum_is_refused() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(3)]
    assert refused_at("\n".join(levels) + "\n")[0] == 4  # 110 + 1,110 repeated values pass; 11,110 more do not


def test_realistic_anchors_load() -> None:
    """A process whose steps share their asks and a target list, and a product aliasing its channels."""
    steps = "".join(
        f"  - id: stap-{index}\n    name: Stap {index}\n    unit: burgerzaken\n"
        f"    asks: {'&asks [identity, new-address, income, household]' if index == 0 else '*asks'}\n"
        f"    next: {'&next [{to: einde, when: ok}, {to: weigering, when: niet ok}]' if index == 0 else '*next'}\n"
        for index in range(300)
    )
    process = reader.load(f"id: p\nname: P\nsteps:\n{steps}")
    assert [step["asks"] for step in process["steps"]] == [["identity", "new-address", "income", "household"]] * 300
    product = reader.load("id: p\nchannels: &kanalen [web, counter]\nlegal_basis: *kanalen\n")
    assert product["legal_basis"] == ["web", "counter"]


def test_the_budget_grows_with_the_text() -> None:
    """A long file may repeat more: what is refused in a short file passes with enough written text beside it."""
    repeats = "steps: [&s {id: a, name: b, unit: c}" + ", *s" * 2_000 + "]\n"  # 14,000 repeated values
    assert refused_at(repeats)[0] == 1
    filler = "".join(f"# {'x' * 76}\n" for _ in range(3_000))  # 240,000 characters of comments
    assert len(reader.load(filler + repeats)["steps"]) == 2_001


def test_writing_values_out_costs_nothing() -> None:
    """Only repeated values count: a dense file without aliases is never an alias bomb."""
    text = "a: [" + ", ".join(["x"] * 200_000) + "]\n"
    assert len(reader.load(text)["a"]) == 200_000
