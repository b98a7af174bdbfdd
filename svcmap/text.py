"""Words and escaping: counts, did-you-mean hints, and the one strict escaper per output target.

Catalog text is untrusted: a name may hold markup, control characters, noncharacters (U+FFFE arrives
through a YAML escape) or lone surrogates. `one_line` is the clean-up that one-line targets start from; it
leaves only characters every target can hold. Each target then has exactly one escaper here:
`terminal_text` (and `Paint`, its colours), `markdown_text` (a pull-request comment: no markup, HTML,
links, @mentions or issue references), `html_text`, `xml_text` (for ElementTree, which escapes markup
itself but writes any character it is given), `mermaid_text`, and `dot_string`, `dot_label` and
`dot_tooltip` for Graphviz. A new output format adds its escaper here rather than writing its own.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from collections.abc import Iterable, Mapping

from svcmap.i18n import _

# --- words -------------------------------------------------------------------------------------------


def plural(count: int, word: str, words: str | None = None) -> str:
    """`1 error`, `2 errors`, `2 processes`."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def did_you_mean(wanted: str, known: Iterable[str], limit: int = 1, quote: bool = True) -> str:
    """`did you mean 'unit'?` naming up to `limit` close matches among `known`, or '' when none is close.

    One wording and one notion of "close" (difflib's ratio ≥ 0.6) for every message that suggests a
    key, id or code; `quote=False` names ids bare (`did you mean adreswijziging?`). The matches come
    best first, ties in a fixed order, so the message does not depend on the order of `known`.
    """
    close = difflib.get_close_matches(wanted, sorted(set(known)), n=limit, cutoff=0.6)
    if not close:
        return ""
    return _("did you mean {ids}?").format(ids=", ".join(repr(match) if quote else match for match in close))


# --- the clean-up every target starts from -----------------------------------------------------------

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
"""The 66 noncharacters: U+FDD0–U+FDEF, and the last two code points of every plane (U+FFFE, U+10FFFF …)."""
_NONCHARACTER = re.compile(f"[{_NONCHARACTERS}\ud800-\udfff]")
"""Characters no target may hold: noncharacters, and lone surrogates (which cannot be encoded as UTF-8)."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"
"""Stands where a character was that no output can hold, so the reader sees that something was there."""


def _without_noncharacters(text: str) -> str:
    return _NONCHARACTER.sub(REPLACEMENT, text)


def one_line(text: str) -> str:
    """Catalog text as one line that every target can hold: NFC, control characters and every run of white
    space (line and paragraph separators included) as one space, noncharacters and lone surrogates as U+FFFD.

    Graphviz refuses noncharacters in a label, XML 1.0 cannot hold U+FFFE, U+FFFF or control characters,
    YAML front matter (Mermaid's title) cannot hold them either, and a lone surrogate cannot be written as
    UTF-8 at all: so they are dealt with once, here, before any escaper sees the text.
    """
    text = _without_noncharacters(text)
    return " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", text)).split())


# --- a terminal -------------------------------------------------------------------------------------


_UNSHOWN = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))
"""Unicode categories a terminal acts on rather than shows: controls, format characters (bidi overrides,
zero-width), line and paragraph separators, surrogates."""


def terminal_text(text: str) -> str:
    """Text for a terminal, with every character of `_UNSHOWN` and every noncharacter as an escape (`\\x1b`,
    `\\u202e`): a name can neither drive the terminal nor reorder, break or fail to encode a line."""
    return "".join(_escaped(char) if _unshown(char) else char for char in text)


def _unshown(char: str) -> bool:
    return unicodedata.category(char) in _UNSHOWN or _NONCHARACTER.match(char) is not None


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class Paint:
    """ANSI colours for a terminal, or the text as it is when colour is off: one painter for every report.

    `styles` maps a report's own style names (`added`, `error`) to SGR codes (`32`, `1;31`). Text is
    painted after it was escaped (`terminal_text`), so the only escape sequences in the output are these.
    """

    def __init__(self, color: bool, styles: Mapping[str, str]) -> None:
        self.color = color
        self.styles = styles

    def __call__(self, style: str, text: str) -> str:
        return f"\x1b[{self.styles[style]}m{text}\x1b[0m" if self.color else text


# --- markdown ----------------------------------------------------------------------------------------

_ZERO_WIDTH_SPACE = "&#8203;"
"""After `@` or `#`: the mention, issue-reference and autolink filters of a git host see no name or number
behind it (they run on the rendered text, where backslash escapes and entities are already gone)."""
_MARKDOWN_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\\": "\\\\",
    "`": "\\`",
    "*": "\\*",
    "_": "\\_",
    "~": "\\~",
    "[": "\\[",
    "]": "\\]",
    "!": "\\!",
    "|": "\\|",
    "$": "\\$",
    "@": "@" + _ZERO_WIDTH_SPACE,
}
"""Characters that are markup anywhere in a line: HTML and autolinks (`<`, `&`), code spans, emphasis,
strikethrough, links and images, table cells, GitHub's math (`$`), mentions and email autolinks (`@`)."""
_BLOCK_START = re.compile(r"[-+=]|\d{1,9}[.)]")
"""What makes a line a list item, a setext heading's underline or a thematic break when it starts one."""
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=\bGH-)(?=\d)", re.IGNORECASE)
"""Where GitHub's extended autolinks (`https://`, `www.`) and `GH-123` references are broken up."""


def markdown_text(text: str) -> str:
    """Catalog text as inert Markdown on one line: it shows literally in CommonMark and on a git host.

    No HTML, entity, link or autolink (`<…>`, `https://`, `www.`, an email address), image, code span,
    emphasis, strikethrough, math, heading, list, block quote, table-cell break or line break, and no
    `@user` / `@org/team` mention or `#123` / `GH-123` issue reference: a pull-request comment made of
    catalog text notifies no one and links nothing. Format characters (bidi overrides, zero-width) are
    written as numeric entities, so they are visible in the Markdown source.
    """
    out: list[str] = []
    clean = one_line(text)
    for index, char in enumerate(clean):
        if char in _MARKDOWN_ESCAPES:
            out.append(_MARKDOWN_ESCAPES[char])
        elif char == "#":
            following = clean[index + 1 : index + 2]
            out.append("\\#" + (_ZERO_WIDTH_SPACE if following.isdigit() else ""))
        elif unicodedata.category(char) == "Cf":
            out.append(f"&#x{ord(char):x};")
        else:
            out.append(char)
    escaped = _AUTOLINK.sub(_ZERO_WIDTH_SPACE, "".join(out))
    block = _BLOCK_START.match(escaped)
    if block is None:
        return escaped
    marker = block.group()  # `1.` → `1\.`, `-` → `\-`: the marker is the last character
    return f"{marker[:-1]}\\{marker[-1]}{escaped[len(marker) :]}"


# --- HTML and XML ------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""What XML 1.0's `Char` production leaves out: C0 controls but tab, newline and carriage return; U+FFFE,
U+FFFF; surrogates (a lone one in a Python string)."""


def xml_text(text: str) -> str:
    """Text that ElementTree can write as element text or an attribute value and any XML parser reads back.

    ElementTree escapes `&`, `<`, `>` and quotes itself, but writes every character it is given, and XML
    1.0 cannot hold control characters, U+FFFE, U+FFFF or lone surrogates: each becomes U+FFFD (other
    noncharacters too, which XML allows but discourages). Line breaks and tabs are kept.
    """
    return _NOT_XML.sub(REPLACEMENT, _without_noncharacters(text))


def html_text(text: str) -> str:
    """Text for HTML, in element content or a quoted attribute value: markup and both quotes escaped, and
    what XML 1.0 cannot hold replaced (HTML parsers report those characters as errors, or drop them)."""
    return html.escape(xml_text(text), quote=True)


# --- Mermaid -----------------------------------------------------------------------------------------

_MERMAID_PLAIN = frozenset(" .,:'/-+?!=@$()")
"""Punctuation that means nothing inside a double-quoted Mermaid label."""


def mermaid_text(text: str) -> str:
    """Text for inside a double-quoted Mermaid label or a `%%` comment, shown literally on one line.

    Everything but letters, digits and plain punctuation becomes a decimal Mermaid entity (`#34;` for
    `"`): no quote, bracket, pipe, `#`, `;` or markup can end the label or start Mermaid's own syntax.
    """
    return "".join(char if char.isalnum() or char in _MERMAID_PLAIN else f"#{ord(char)};" for char in one_line(text))


# --- DOT (Graphviz) ----------------------------------------------------------------------------------


def dot_string(text: str) -> str:
    r"""A DOT quoted string of `text` on one line, for ids: no `"` or trailing `\` can end it early, and the
    SVG that Graphviz writes from it (a node's `<title>`) is well-formed and shows `&` literally.

    `"` is escaped for DOT's lexer, every `\` doubled and `&` written `&amp;`, because Graphviz copies
    into SVG anything that looks like an entity as it is (`&;` made the SVG unreadable). Two things no
    escape can change, which svcmap's ids never meet: the lexer keeps backslashes (so in an id one reads
    back doubled), and Graphviz hides a name starting with `%` (its names for anonymous objects). Text a reader sees
    goes into HTML-like labels (`dot_label`), the one place Graphviz shows any text literally.
    """
    return '"' + one_line(text).replace("\\", "\\\\").replace("&", "&amp;").replace('"', '\\"') + '"'


def dot_label(text: str) -> str:
    r"""Text for inside an HTML-like DOT label (`label=<…>`), shown literally on one line.

    Graphviz parses these labels as XML (so markup is escaped, and `one_line` leaves no character XML
    refuses), its own grammar then refuses a label that is only `]` or `]]` (so `]` is written `&#93;`),
    and it still expands escString sequences in the text: `\N` would show the node's id, so every
    backslash is doubled.
    """
    return html.escape(one_line(text), quote=True).replace("]", "&#93;").replace("\\", "\\\\")


def dot_tooltip(text: str) -> str:
    r"""A DOT quoted string for a `tooltip`, which SVG shows literally.

    Graphviz expands escString sequences in a tooltip twice (a backslash needs four), and copies it into
    the SVG leaving anything that looks like an entity (`&amp;`) as it is, so every `&` is written as
    `&amp;` first.
    """
    literal = one_line(text).replace("\\", "\\\\\\\\").replace("&", "&amp;")
    return '"' + literal.replace('"', '\\"') + '"'
