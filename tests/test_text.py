"""svcmap.text: counts, did-you-mean, and that each escaper turns any text into literal text of its target."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcmap.text import (
    REPLACEMENT,
    did_you_mean,
    dot_label,
    dot_string,
    dot_tooltip,
    html_text,
    markdown_text,
    mermaid_text,
    one_line,
    plural,
    terminal_text,
    xml_text,
)

ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)
"""Every code point, surrogates and noncharacters included: what a YAML escape can put in a name."""
MARKUP_TEXT = st.lists(
    st.one_of(
        st.sampled_from(list("\\`*_~[]()<>!|#&;$@:/.-+=\"' \n\t0123456789aw") + ["http://", "www.", "GH-", "&amp;"]),
        st.characters(codec=None),
    ),
    max_size=30,
).map("".join)
"""Text dense in markup characters, so that every escape meets its neighbours."""
TEXTS = st.one_of(ANY_TEXT, MARKUP_TEXT)
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
ZERO_WIDTH_SPACE = "\u200b"


def test_plural() -> None:
    assert plural(1, "error") == "1 error"
    assert plural(2, "error") == "2 errors"
    assert plural(0, "process", "processes") == "0 processes"


def test_did_you_mean_names_close_matches_or_nothing() -> None:
    assert did_you_mean("unti", ["unit", "name", "next"]) == "did you mean 'unit'?"
    bare = did_you_mean("adreswijzging", ["adreswijziging", "zaalhuur"], limit=3, quote=False)
    assert bare == "did you mean adreswijziging?"
    assert did_you_mean("zzz", ["unit", "name"]) == ""
    assert did_you_mean("ab", ["abc", "abd"], limit=2) == did_you_mean("ab", ["abd", "abc", "abd"], limit=2)


# --- the one-line clean-up ---------------------------------------------------------------------------


def test_one_line_drops_control_characters_and_line_breaks() -> None:
    assert one_line("a\x00b\x1bc\u2028d\x85e") == "a b c d e"
    assert one_line("  spaced\t\nout ") == "spaced out"


def test_one_line_replaces_noncharacters_and_lone_surrogates() -> None:
    assert one_line("a \ufffe \uffff \U0001fffe \U0010ffff \ufdd0 \ud800 b") == "a " + f"{REPLACEMENT} " * 6 + "b"
    assert one_line("emoji 😀 \ufffd ok") == "emoji 😀 \ufffd ok"


@given(TEXTS)
def test_one_line_is_one_line_of_encodable_xml_characters(text: str) -> None:
    clean = one_line(text)
    clean.encode("utf-8")
    assert "\n" not in clean and clean == clean.strip() and "  " not in clean
    assert xml_text(clean) == clean
    assert one_line(clean) == clean


# --- a terminal and Mermaid -------------------------------------------------------------------------


@given(TEXTS)
def test_terminal_text_holds_nothing_a_terminal_acts_on(text: str) -> None:
    shown = terminal_text(text)
    shown.encode("utf-8")
    assert not re.search("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufffe\uffff]", shown)


def test_terminal_text_writes_escapes() -> None:
    assert terminal_text("a\x1b[31mb\u202ec\ufffe😀") == "a\\x1b[31mb\\u202ec\\ufffe😀"


@given(TEXTS)
def test_mermaid_text_is_letters_digits_plain_punctuation_and_entities(text: str) -> None:
    escaped = mermaid_text(text)
    assert all(char.isalnum() or char in " .,:'/-+?!=@$()" for char in re.sub(r"#\d+;", "", escaped))
    assert re.sub(r"#(\d+);", lambda match: chr(int(match.group(1))), escaped) == one_line(text)


# --- markdown ----------------------------------------------------------------------------------------


def _commonmark() -> Any:
    """A CommonMark parser (markdown-it-py) with GitHub's tables and strikethrough."""
    return pytest.importorskip("markdown_it").MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _only_text(tokens: list[Any]) -> str:
    """The text of inline tokens, failing on anything that is not plain text."""
    kinds = {token.type for token in tokens}
    assert kinds <= {"text"}, kinds
    return "".join(token.content for token in tokens)


def _github_would_link(text: str) -> bool:
    """What a git host's mention, issue-reference and autolink filters look for in the rendered text."""
    return bool(re.search(r"@[A-Za-z0-9]|#[0-9]|\bGH-[0-9]|://|\bwww\.", text, re.IGNORECASE))


@given(TEXTS)
@settings(max_examples=300)
def test_markdown_text_is_one_paragraph_of_literal_text(text: str) -> None:
    escaped = markdown_text(text)
    for document in (escaped, "paragraph before\n" + escaped):  # the second catches setext underlines
        blocks = _commonmark().parse(document)
        if not one_line(text):
            continue
        assert [token.type for token in blocks] == ["paragraph_open", "inline", "paragraph_close"]
        shown = _only_text([t for t in blocks[1].children or [] if t.type != "softbreak"])
        assert shown.removeprefix("paragraph before").replace(ZERO_WIDTH_SPACE, "") == one_line(text).replace(
            ZERO_WIDTH_SPACE, ""
        )
        assert not _github_would_link(shown)


@given(TEXTS, TEXTS)
def test_markdown_text_stays_in_its_table_cell(first: str, second: str) -> None:
    table = f"| a | b |\n| --- | --- |\n| {markdown_text(first)} | {markdown_text(second)} |\n"
    tokens = _commonmark().parse(table)
    cells = [index for index, token in enumerate(tokens) if token.type == "td_open"]
    assert len(cells) == 2
    for index, text in zip(cells, (first, second)):
        inline = tokens[index + 1]
        shown = _only_text(inline.children or []) if inline.type == "inline" else ""
        assert shown.replace(ZERO_WIDTH_SPACE, "") == one_line(text).replace(ZERO_WIDTH_SPACE, "")


@pytest.mark.parametrize(
    "text",
    [
        "@user",
        "ping @octocat please",
        "@org/team",
        "cc @svcmap/maintainers, @everyone",
        "mail burgerzaken@gemeente.be",
        "fixes #123",
        "org/repo#12",
        "GH-42",
        "see https://example.org/x and www.example.org",
        "<https://example.org>",
    ],
)
def test_markdown_text_mentions_and_links_no_one(text: str) -> None:
    blocks = _commonmark().parse(markdown_text(text))
    shown = _only_text(blocks[1].children or [])
    assert not _github_would_link(shown)
    assert shown.replace(ZERO_WIDTH_SPACE, "") == text


def test_markdown_text_keeps_plain_words_plain() -> None:
    plain = "Adreswijziging doorgeven (burgerzaken) 1.5 dagen"
    assert markdown_text(plain) == plain
    assert markdown_text("# kop") == "\\# kop"
    assert markdown_text("1. lijst") == "1\\. lijst"
    assert markdown_text("- punt") == "\\- punt"


# --- HTML and XML ------------------------------------------------------------------------------------


class _Collector(HTMLParser):
    """Every piece an HTML parser sees: only text and the one wrapping element may come out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, object]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", (tag, attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        self.events.append(("data", data))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data))

    def handle_decl(self, decl: str) -> None:
        self.events.append(("decl", decl))

    def handle_pi(self, data: str) -> None:
        self.events.append(("pi", data))

    def unknown_decl(self, data: str) -> None:
        self.events.append(("unknown", data))


@given(TEXTS)
@settings(max_examples=300)
def test_html_text_is_only_text_in_content_and_attributes(text: str) -> None:
    escaped = html_text(text)
    parser = _Collector()
    parser.feed(f'<p title="{escaped}">{escaped}</p>')
    parser.close()
    start, *data, end = parser.events
    assert start == ("start", ("p", [("title", xml_text(text))]))
    assert end == ("end", "p")
    assert all(kind == "data" for kind, _ in data)
    assert "".join(str(piece) for _, piece in data) == xml_text(text)


@given(TEXTS)
@settings(max_examples=300)
def test_xml_text_is_well_formed_in_elementtree_text_and_attributes(text: str) -> None:
    element = ET.Element("name", {"value": xml_text(text)})
    element.text = xml_text(text)
    read = ET.fromstring(ET.tostring(element, encoding="utf-8"))
    assert read.get("value") == xml_text(text)
    assert (read.text or "") == xml_text(text).replace("\r\n", "\n").replace("\r", "\n")  # XML's line-end rule


def test_xml_text_keeps_line_breaks_and_replaces_what_xml_cannot_hold() -> None:
    assert xml_text("a\nb\tc\x01d\ufffee\ud800f\U0001ffff") == "a\nb\tc?d?e?f?".replace("?", REPLACEMENT)


# --- DOT ---------------------------------------------------------------------------------------------

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


def _shown(svg: bytes) -> dict[str, tuple[list[str], list[str]]]:
    """Per node, the texts drawn and the tooltips, as an SVG reader sees them."""
    root = ET.fromstring(svg)
    nodes = {}
    for group in root.iter(f"{SVG}g"):
        if group.get("class") == "node":
            texts = [text.text or "" for text in group.iter(f"{SVG}text")]
            tooltips = [anchor.get(f"{XLINK}title") or "" for anchor in group.iter(f"{SVG}a")]
            nodes[group.findtext(f"{SVG}title") or ""] = (texts, tooltips)
    return nodes


@needs_dot
@given(st.lists(TEXTS, min_size=1, max_size=8))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_dot_is_accepted_by_graphviz_and_shows_the_text_literally(texts: list[str]) -> None:
    lines = ["digraph g {"]
    for index, text in enumerate(texts):
        lines.append(f"  {dot_string(f'html {index}')} [shape=plain, label=<{dot_label(text) or ' '}>]")
        lines.append(f'  {dot_string(f"tip {index}")} [shape=box, label="x", tooltip={dot_tooltip(text)}]')
        lines.append(f'  {dot_string(text + f" {index}")} [shape=box, label="y"]')
    lines.append("}")
    drawn = subprocess.run(["dot", "-Tsvg"], input="\n".join(lines).encode(), capture_output=True, check=False)
    assert drawn.returncode == 0, drawn.stderr
    nodes = _shown(drawn.stdout)  # parses: the SVG is well-formed
    for index, text in enumerate(texts):
        shown, _ = nodes[f"html {index}"]
        assert "".join(shown) == (one_line(text) or " ")  # an empty label is refused: a space stands in
        _, tooltips = nodes[f"tip {index}"]
        assert tooltips == ([one_line(text)] if one_line(text) else [])  # Graphviz leaves out an empty one
        name = one_line(text + f" {index}").replace("\\", "\\\\")  # the lexer keeps `\\` in an id
        assert name in nodes or name.startswith("%")  # Graphviz hides the names it keeps for anonymous objects


def test_dot_escapes_graphviz_escapes() -> None:
    assert dot_string('a "b" \\N &') == '"a \\"b\\" \\\\N &amp;"'
    assert dot_label("<b> & \\N") == "&lt;b&gt; &amp; \\\\N"
    assert dot_tooltip("a & \\N") == '"a &amp; \\\\\\\\N"'
