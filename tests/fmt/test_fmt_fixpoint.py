"""fmt on documents with aliases, block scalars and out-of-order keys: twice is once, and no comment changes key."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings

from svcmap.fmt import canonical, writer
from tests.fmt.catalog_documents import catalog_files

PROPERTY = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)


def keys_of_comments(text: str, leaders: set[object]) -> Counter[tuple[object, bool, str]]:
    """Each comment with the entry (path of keys and indexes) it belongs to, as fmt reads the text.

    A comment above (or at the end of the first line of) a list item or the document and one above (or
    after) its first key stand in the same place: both count as the item's; so does one after a
    one-line flow item that fmt writes as a block. Which key is first is the formatted text's (`leaders`).
    """
    node = writer.compose(text)
    assert node is not None
    comments, _ = writer.comments(text)
    placements = canonical._placements(comments, [], canonical._entries(node, writer.alias_lines(text)))
    found: Counter[tuple[object, bool, str]] = Counter()
    for placement in placements:
        anchor = placement.anchor
        while anchor in leaders:
            anchor = anchor[:-1]  # type: ignore[index]
        found[(anchor, placement.end_of_line, placement.text)] += 1
    return found


def leading_keys(text: str) -> set[object]:
    """The paths of the keys that come first in the document or in a list item: they share its line."""
    node = writer.compose(text)
    assert node is not None
    leaders: set[object] = set()
    firsts: set[object] = set()
    for entry in canonical._entries(node, writer.alias_lines(text)):
        if entry.parent not in firsts:
            firsts.add(entry.parent)
            if entry.parent == () or isinstance(entry.parent[-1], int):
                leaders.add(entry.path)
    return leaders


@PROPERTY
@given(catalog_files(aliases=True))
def test_fmt_twice_is_fmt_once_with_aliases(case: tuple[str, str, object]) -> None:
    kind, text, _ = case
    once = canonical.format_text(text, kind)
    assert canonical.format_text(once, kind) == once


@PROPERTY
@given(catalog_files(aliases=True))
def test_no_comment_moves_to_another_key(case: tuple[str, str, object]) -> None:
    kind, text, _ = case
    formatted = canonical.format_text(text, kind)
    leaders = leading_keys(formatted)
    assert keys_of_comments(formatted, leaders) == keys_of_comments(text, leaders)
