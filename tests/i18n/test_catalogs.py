"""Every message svcmap can say has its Dutch: the .po files of svcmap/locale/nl hold a translation of every
message id in the code, with the same placeholders, none fuzzy, one translation per id across the areas."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import click
import pytest
from babel.messages.catalog import Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from svcmap.rules.registry import RULES, doc_messages

PACKAGE = Path(__file__).resolve().parents[2] / "svcmap"
DUTCH = PACKAGE / "locale" / "nl" / "LC_MESSAGES"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
"""svcmap.i18n's `_`, `N_` and `ngettext` (singular, plural)."""
CALL = re.compile(r"""\b(?:N_|_)\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")
"""A one-line `_("…")` or `N_("…")` as written in the code."""


@cache
def code_messages() -> dict[str, str]:
    """msgid → where it is first used (`svcmap/...py:line`, or `rule SVC302` for a rule's documentation)."""
    found: dict[str, str] = {}
    for file, line, message, _comments, _context in extract_from_dir(PACKAGE, keywords=KEYWORDS):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault(msgid, f"svcmap/{file}:{line}")
    for rule in RULES.values():  # docstrings, which no extractor sees: translated a paragraph at a time
        for text in doc_messages(rule.source_doc):
            found.setdefault(text, f"rule {rule.code}")
    return found


@cache
def click_messages() -> frozenset[str]:
    """click's own message ids, as Babel extracts them from the click installed."""
    found = extract_from_dir(Path(click.__file__).parent, keywords={"_": None, "ngettext": (1, 2)})
    return frozenset(message if isinstance(message, str) else message[0] for _f, _l, message, _c, _x in found)


def po_files() -> list[Path]:
    return sorted(DUTCH.glob("*.po"))


@cache
def area_entries(po: Path) -> tuple[Message, ...]:
    with po.open("rb") as file:
        return tuple(message for message in read_po(file, locale="nl", abort_invalid=True) if message.id)


def entries() -> Iterator[tuple[str, Message]]:
    for po in po_files():
        for message in area_entries(po):
            yield po.name, message


def msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def translations(message: Message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def placeholders(text: str) -> list[str]:
    """The `{name!r:spec}` fields of a message, sorted: what `.format` fills, which a translation must keep.

    A text that is no format string (libyaml's "did not find expected ',' or '}'") is never formatted: its
    braces are then what a translation keeps."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return [f"not formatted: {''.join(sorted(re.findall('[{}]', text)))}"]
    fields = []
    for _literal, name, spec, conversion in parsed:
        if name is not None:
            fields.append(f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
    return sorted(fields)


def test_every_area_parses() -> None:
    assert po_files(), f"no .po files in {DUTCH}"
    for po in po_files():
        assert area_entries(po) is not None, po.name


def test_every_message_id_has_its_dutch() -> None:
    translated = {msgid(message) for _area, message in entries() if all(translations(message))}
    missing = [f"{place}: {text!r}" for text, place in code_messages().items() if text not in translated]
    assert not missing, f"{len(missing)} message id(s) without Dutch in {DUTCH}/*.po:\n" + "\n".join(missing)


def test_no_area_keeps_a_message_the_code_no_longer_says() -> None:
    """Every entry is a message svcmap says, or one of click's, which the `cli` area carries for click's
    own lookups (svcmap.cli.clicktext): both sets as Babel extracts them from the code."""
    said = code_messages()
    assert len(said) > 500  # the extraction found the code
    known = said.keys() | click_messages()
    stale = [f"{area}: {msgid(message)!r}" for area, message in entries() if msgid(message) not in known]
    assert not stale, "translated, but said nowhere any more:\n" + "\n".join(stale)


def test_babel_sees_every_message_written_in_the_code() -> None:
    """A one-line `_("…")` that Babel did not extract sits where it cannot look (an f-string), so its
    Dutch would never be asked for."""
    unseen = []
    for module in sorted(PACKAGE.rglob("*.py")):
        if module.name == "i18n.py":  # its docstring shows `_()` at work
            continue
        for match in CALL.finditer(module.read_text(encoding="utf-8")):
            text = match.group(1) if match.group(1) is not None else match.group(2)
            if text not in code_messages():
                unseen.append(f"{module.relative_to(PACKAGE.parent)}: {text}")
    assert unseen == []


def test_no_translation_is_fuzzy() -> None:
    fuzzy = [f"{area}: {msgid(message)!r}" for area, message in entries() if message.fuzzy]
    assert not fuzzy, "fuzzy entries are left out of the compiled catalog:\n" + "\n".join(fuzzy)


def test_a_translation_keeps_the_placeholders_of_its_id() -> None:
    wrong = []
    for area, message in entries():
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        for index, translation in enumerate(translations(message)):
            if not translation:
                continue
            source = sources[min(index, len(sources) - 1)]
            if placeholders(translation) != placeholders(source):
                wrong.append(f"{area}: {source!r} has {placeholders(source)}, its Dutch {placeholders(translation)}")
    assert not wrong, "\n".join(wrong)


def test_an_id_in_two_areas_has_one_translation() -> None:
    seen: dict[str, tuple[str, tuple[str, ...]]] = {}
    differing = []
    for area, message in entries():
        if not all(translations(message)):
            continue
        earlier = seen.setdefault(msgid(message), (area, translations(message)))
        if earlier[1] != translations(message):
            differing.append(f"{msgid(message)!r}: {earlier[0]} says {earlier[1]}, {area} {translations(message)}")
    assert not differing, "\n".join(differing)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("step {step!r} goes to {target}", ["{step!r}", "{target}"]),
        ("{size:,} bytes of {limit:,}", ["{limit:,}", "{size:,}"]),
        ("a pattern [a-z]{{2,}} has no field", []),
        ("did not find expected ',' or '}'", ["not formatted: }"]),
    ],
)
def test_placeholders_are_the_format_fields(text: str, expected: list[str]) -> None:
    assert placeholders(text) == expected
