"""fmt on generated catalog files: the data never changes, comments survive, and twice is once."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcmap.catalog import reader
from svcmap.fmt import canonical, writer
from svcmap.fmt.canonical import SHAPES, Shape
from svcmap.fmt.formatter import kind_of
from tests.fmt.catalog_documents import catalog_files, comparable, layouts, shuffled

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
FIXTURE_FILES = ["catalog/organisation.yaml", "catalog/products/adreswijziging.yaml", "processes/adreswijziging.yaml"]

PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)


@PROPERTY
@given(catalog_files())
def test_fmt_never_changes_the_data(case: tuple[str, str, object]) -> None:
    kind, text, data = case
    assert comparable(reader.load(canonical.format_text(text, kind))) == comparable(data)


@PROPERTY
@given(catalog_files())
def test_fmt_twice_is_fmt_once(case: tuple[str, str, object]) -> None:
    kind, text, _ = case
    once = canonical.format_text(text, kind)
    assert canonical.format_text(once, kind) == once


@PROPERTY
@given(catalog_files())
def test_every_comment_survives(case: tuple[str, str, object]) -> None:
    kind, text, _ = case
    before = Counter(comment.text for comment in writer.comments(text)[0])
    after = Counter(comment.text for comment in writer.comments(canonical.format_text(text, kind))[0])
    assert after == before


@PROPERTY
@given(catalog_files())
def test_keys_come_in_canonical_order(case: tuple[str, str, object]) -> None:
    kind, text, _ = case
    assert_canonical_order(reader.load(canonical.format_text(text, kind)), SHAPES[kind])


def assert_canonical_order(value: object, shape: Shape) -> None:
    if isinstance(value, dict):
        known = [key for key in value if key in shape.order]
        assert known == sorted(known, key=shape.order.index)
        for key, item in value.items():
            assert_canonical_order(item, shape.fields.get(key, Shape()))
    elif isinstance(value, list):
        for item in value:
            assert_canonical_order(item, shape.items or Shape())


@PROPERTY
@given(st.sampled_from(FIXTURE_FILES), st.data())
def test_any_layout_of_a_formatted_file_formats_back_to_it(path: str, draw: st.DataObject) -> None:
    formatted = (FIXTURE / path).read_text(encoding="utf-8")
    data = json.loads(json.dumps(reader.load(formatted)))
    scrambled = draw.draw(layouts(draw.draw(shuffled(data))))
    assert canonical.format_text(scrambled, kind_of(path)) == formatted
