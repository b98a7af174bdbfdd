"""Defects that fuzzing found in fmt, each pinned by the smallest file that showed it."""

from __future__ import annotations

import pytest
import yaml

from svcmap.fmt import canonical

ALIASED_STEP = """\
id: p
steps:
  - &s
    # above the name
    name: N
    id: a   # on a's id
    unit: u   # on a's unit
  - *s
name: P
"""
"""A step listed twice (an anchor, then an alias), its keys out of order, comments on them."""


def test_a_comment_stays_on_its_key_when_a_step_is_repeated_by_an_alias() -> None:
    assert canonical.format_text(ALIASED_STEP, "process") == (
        "id: p\n"
        "name: P\n"
        "steps:\n"
        "  - &s\n"
        "    id: a   # on a's id\n"
        "    # above the name\n"
        "    name: N\n"
        "    unit: u   # on a's unit\n"
        "  - *s\n"
    )


def test_fmt_twice_is_fmt_once_when_a_step_is_repeated_by_an_alias() -> None:
    once = canonical.format_text(ALIASED_STEP, "process")
    assert canonical.format_text(once, "process") == once


@pytest.mark.parametrize(
    "key, tag", [("~", "null"), ("null", "null"), ("1", "int"), ("true", "bool"), ("1.5", "float")]
)
def test_a_key_that_is_not_text_is_refused_not_rewritten(key: str, tag: str) -> None:
    text = f"id: p\nname: P\nsteps:\n  - id: a\n    name: A\n    unit: u\n    {key}: x\n"
    with pytest.raises(canonical.LayoutError) as refused:
        canonical.format_text(text, "process")
    assert (refused.value.code, refused.value.line, refused.value.column) == ("SVC002", 7, 5)
    assert f"read as {tag}" in refused.value.message


def test_a_key_that_is_not_text_in_a_flow_mapping_is_refused() -> None:
    text = "id: x\nname: X\nowner: o\nprocess: x\nchannels: [web]\nidentifiers: {~: a}\n"
    with pytest.raises(canonical.LayoutError) as refused:
        canonical.format_text(text, "product")
    assert (refused.value.code, refused.value.line) == ("SVC002", 6)


@pytest.mark.parametrize("blank_lines", [1, 2])
def test_a_keep_block_scalar_with_a_commented_header_and_an_empty_body_is_formatted(blank_lines: int) -> None:
    # Keys out of order around `|+ # c` with nothing but blank lines after it: fmt once refused such a
    # file ("the canonical layout would change the file's data"); it must keep the value and be a fixpoint.
    text = "steps:\n  - name: |+ # c\n" + "\n" * blank_lines + "    id: a\n    unit: u\nid: q\nname: Q\n"
    once = canonical.format_text(text, "process")
    assert once.startswith("id: q\nname: Q\nsteps:\n  - id: a\n    name: |")
    assert yaml.safe_load(once) == yaml.safe_load(text)
    assert canonical.format_text(once, "process") == once


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_no_blank_line_is_put_after_a_keep_block_scalar_where_it_would_join_its_value(newline: str) -> None:
    # Found by fuzzing: `summary: |2+` holding one empty line, keys out of order, and the original's blank
    # line before `owner` put back after the moved scalar, which kept it as a second newline of its own.
    lines = ["id: x", "", "owner: u", "", "process: x", "#", "", "name: X", "", "summary: |2+", "", "channels: [web]"]
    text = newline.join([*lines, ""])
    once = canonical.format_text(text, "product")
    assert yaml.safe_load(once)["summary"] == "\n"
    assert yaml.safe_load(once) == yaml.safe_load(text)
    assert canonical.format_text(once, "product") == once


def test_a_keep_block_scalar_at_the_end_of_a_file_keeps_its_empty_lines() -> None:
    text = "owner: u\nid: x\nname: X\nprocess: x\nchannels: [web]\nsummary: |+\n  a\n\n\n"
    once = canonical.format_text(text, "product")
    assert yaml.safe_load(once) == yaml.safe_load(text)
    assert canonical.format_text(once, "product") == once
