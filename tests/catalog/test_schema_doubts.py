"""Keys that are not text and numbers that are not finite are schema violations where they stand, never a crash."""

from __future__ import annotations

import pytest

from svcmap.catalog import reader, schema

PRODUCT = """\
id: adreswijziging
name: Adreswijziging
owner: burgerzaken
process: adreswijziging
channels: [web]
"""
PROCESS = """\
id: adreswijziging
name: Adreswijziging
steps:
  - id: aangifte
    name: Aangifte
    unit: onthaal
    next: einde
  - id: einde
    name: Einde
    unit: onthaal
"""


def errors(kind: str, text: str) -> list[tuple[tuple, int, int, str | None]]:
    """(path, line, column, subject) of every schema error: what these tests assert on, not the wording."""
    return [(error.path, error.line, error.column, error.subject) for error in schema.check(kind, reader.load(text))]


@pytest.mark.parametrize(
    ("written", "key"),
    [("1", 1), ("true", True), ("1.5", 1.5), ("0x10", 16), ("~", None), ("null", None), ("!!null ''", None)],
)
def test_non_text_key_at_the_top_is_an_unknown_key(written: str, key: object) -> None:
    text = PRODUCT.replace("owner:", f"{written}: x\nowner:")
    assert errors("product", text) == [((key,), 3, 1, "product:adreswijziging")]


def test_nan_key_is_an_unknown_key() -> None:
    [error] = schema.check("product", reader.load(PRODUCT + ".nan: x\n"))
    assert (error.line, error.column, error.subject) == (6, 1, "product:adreswijziging")


def test_a_null_key_shifts_nothing() -> None:
    """Before, `~: x` made `x` a key and every later value the previous key's: owner became 'process'."""
    text = PRODUCT.replace("owner:", "~: x\nowner:")
    assert errors("product", text) == [((None,), 3, 1, "product:adreswijziging")]


def test_non_text_key_inside_identifiers() -> None:
    """`identifiers` takes any text as key, so quoting the key is the fix the message offers."""
    text = PRODUCT + "identifiers:\n  ipdc: '12345'\n  1: x\n"
    [error] = schema.check("product", reader.load(text))
    assert (error.path, error.line, error.column) == (("identifiers", 1), 8, 3)
    assert '"1"' in error.message


def test_non_text_key_in_a_step_is_the_steps() -> None:
    text = PROCESS.replace("    next: einde\n", "    next: einde\n    true: x\n")
    assert errors("process", text) == [(("steps", 0, True), 8, 5, "process:adreswijziging/step:aangifte")]


def test_non_text_key_in_a_unit() -> None:
    text = "organisation: {id: g, name: G}\nunits:\n  - id: burgerzaken\n    name: B\n    office: back\n    0x10: y\n"
    assert errors("organisation", text) == [(("units", 0, 16), 6, 5, "unit:burgerzaken")]


def test_non_text_keys_come_with_the_other_errors() -> None:
    text = PRODUCT.replace("channels: [web]", "channels: [fax]") + "1: x\n"
    assert errors("product", text) == [
        (("channels", 0), 5, 12, "product:adreswijziging"),
        ((1,), 6, 1, "product:adreswijziging"),
    ]


@pytest.mark.parametrize("written", [".inf", "-.inf", ".nan", "1e400", "!!float .nan"])
def test_cost_amount_must_be_finite(written: str) -> None:
    text = PRODUCT + f"cost:\n  amount: {written}\n  currency: EUR\n"
    assert errors("product", text) == [(("cost", "amount"), 7, 11, "product:adreswijziging")]


def test_finite_amount_passes() -> None:
    assert errors("product", PRODUCT + "cost: {amount: 12.5, currency: EUR}\n") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PRODUCT.replace("name: Adreswijziging", "name: .inf"), [(("name",), 2, 7)]),
        (PRODUCT + "lead_time_days: .nan\n", [(("lead_time_days",), 6, 17)]),
        (PRODUCT + "cost: [.inf]\n", [(("cost",), 6, 7)]),
        (PRODUCT + "kost: {amount: .inf}\n", [(("kost",), 6, 1)]),
        (PRODUCT.replace("channels: [web]", "channels: [.nan]"), [(("channels", 0), 5, 12)]),
    ],
    ids=["as a name", "as an integer", "inside a wrong type", "inside an unknown key", "outside a vocabulary"],
)
def test_a_non_finite_value_the_schema_already_refuses_is_reported_once(text: str, expected: list) -> None:
    assert [(path, line, column) for path, line, column, _ in errors("product", text)] == expected


def test_a_missing_key_does_not_hide_an_infinite_amount() -> None:
    text = PRODUCT + "cost:\n  amount: .inf\n"
    assert [(path, line) for path, line, _, _ in errors("product", text)] == [(("cost",), 7), (("cost", "amount"), 7)]


@pytest.mark.parametrize("kind", ["product", "process", "organisation", "config"])
def test_every_kind_checks_without_crashing_on_non_text_keys(kind: str) -> None:
    text = "1: a\ntrue: b\n~: c\n.nan: d\nx:\n  2: e\n"
    found = schema.check(kind, reader.load(text))
    assert {(error.line, error.column) for error in found} >= {(1, 1), (2, 1), (3, 1), (4, 1)}
