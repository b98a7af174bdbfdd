"""The diff reporters: colour only on request, hostile catalog text made inert in the terminal and in Markdown."""

from __future__ import annotations

import json

import pytest

from svcmap.catalog.source import FolderSource
from svcmap.reporters.diff import REPORTERS, as_dict, code, markdown, text
from svcmap.text import markdown_text, terminal_text
from svcmap.versions.diff import CatalogDiff, diff_snapshots
from svcmap.versions.snapshots import load_snapshots
from tests.diff.catalog_texts import PROCESS, PROCESS_TEXT, PRODUCT, PRODUCT_TEXT

HOSTILE = "Evil | <script>alert(1)</script> `rm -rf` @everyone [click](https://x) **bold** \x1b[31mred\u202e"


@pytest.fixture
def hostile_diff(folder) -> CatalogDiff:
    old = folder("old")
    new = folder(
        "new",
        {
            PRODUCT: PRODUCT_TEXT.replace("name: Adreswijziging doorgeven", f"name: {json.dumps(HOSTILE)}"),
            PROCESS: PROCESS_TEXT.replace("when: woonstcontrole positief", f"when: {json.dumps(HOSTILE)}"),
            "processes/bad|name`<x>.yaml": "id: [\n",
        },
    )
    old_snapshot, new_snapshot = load_snapshots(FolderSource(old), FolderSource(new), None)
    return diff_snapshots(old_snapshot, new_snapshot)


def test_markdown_escapes_everything_that_would_become_markup() -> None:
    escaped = markdown_text(HOSTILE)
    for raw in ("|", "<", ">", "`", "[", "]", "**", "\x1b", "\u202e", "@everyone"):
        assert raw not in escaped.replace("\\|", "").replace("\\[", "").replace("\\]", "").replace("\\*", "").replace(
            "\\`", ""
        )
    assert "\\|" in escaped and "&lt;script&gt;" in escaped and "\\`" in escaped and "@&#8203;everyone" in escaped
    assert markdown_text("a\nb\r\nc") == "a b c"


def test_code_spans_only_for_plain_text() -> None:
    assert code("processes/x.yaml") == "`processes/x.yaml`"
    assert code("bad|name`<x>.yaml") == "bad\\|name\\`&lt;x&gt;.yaml"


def test_markdown_of_hostile_text_keeps_tables_and_makes_no_html(hostile_diff: CatalogDiff) -> None:
    out = markdown(hostile_diff)
    assert "<script>" not in out and "@everyone" not in out and "[click](" not in out and "\x1b" not in out
    assert "`rm -rf`" not in out
    tables: list[list[int]] = [[]]
    for line in out.splitlines():
        if line.startswith("|"):
            tables[-1].append(line.replace("\\|", "").count("|"))
        elif tables[-1]:
            tables.append([])
    assert len(tables) >= 2 and all(len(set(cells)) == 1 for cells in tables if cells)  # no row gains a cell
    assert "bad\\|name\\`&lt;x&gt;.yaml" in out  # the broken file is named, escaped


def test_text_shows_control_characters_as_escapes(hostile_diff: CatalogDiff) -> None:
    out = text(hostile_diff)
    assert "\x1b" not in out and "\u202e" not in out
    assert "\\x1b[31mred\\u202e" in out
    assert terminal_text("a\tb\u200bc\ufffe") == "a\\x09b\\u200bc\\ufffe"


def test_colour_only_when_asked(hostile_diff: CatalogDiff) -> None:
    assert "\x1b[" not in text(hostile_diff, False)
    coloured = text(hostile_diff, True)
    assert "\x1b[33m  ~ adreswijziging\x1b[0m" in coloured
    assert coloured.count("\x1b[") > 4
    assert REPORTERS["json"](hostile_diff, True) == REPORTERS["json"](hostile_diff, False)


def test_json_keeps_the_text_as_data(hostile_diff: CatalogDiff) -> None:
    document = json.loads(REPORTERS["json"](hostile_diff, False))
    [product] = document["products"]["changed"]
    assert product == {
        "id": "adreswijziging",
        "fields": ["name"],
        "values": {"name": ["Adreswijziging doorgeven", HOSTILE]},
    }
    assert document == as_dict(hostile_diff)
    assert [p["file"] for p in document["problems"]] == ["processes/bad|name`<x>.yaml"]
