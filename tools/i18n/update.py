"""Adds the messages of an area's code that its Dutch .po lacks, with an empty msgstr, for a translator to fill.

    .venv/bin/python tools/i18n/update.py AREA PATH...

e.g. `tools/i18n/update.py rules svcmap/rules svcmap/catalog svcmap/config.py`: every `_()`, `N_()` and
`ngettext()` of the Python files under the PATHs is extracted (with Babel, as tests/i18n/test_catalogs.py
does), and each message id that svcmap/locale/nl/LC_MESSAGES/AREA.po does not hold yet is appended to it
with its place (`#: file:line`) and an empty msgstr; what is there already, translations, comments and
order, is left as it is. The rules' documentation is docstrings, which no extractor sees: its headings and
paragraphs (svcmap.rules.registry.doc_messages) go with the area whose PATHs include svcmap/rules.
Then translate the empty msgstrs, run `make locale`, and `pytest tests/i18n` says what is still missing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
LOCALE = REPOSITORY / "svcmap" / "locale" / "nl" / "LC_MESSAGES"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
"""svcmap.i18n's three functions: a message, a marked message, and a singular and plural."""

Message = tuple[str, str | None]
"""(msgid, msgid_plural or None)."""


def extract(paths: Iterable[Path]) -> Iterator[tuple[Message, str]]:
    """Every message of the Python files under `paths`, with its place `file:line` (relative to the repository)."""
    from babel.messages.extract import extract_from_file

    for path in paths:
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            place = _shown(file)
            for line, message, _comments, _context in extract_from_file("python", file, keywords=KEYWORDS):
                if isinstance(message, tuple):
                    yield (message[0], message[1]), f"{place}:{line}"
                elif message:
                    yield (message, None), f"{place}:{line}"


def _shown(file: Path) -> str:
    """A file's place as a .po comment names it: from the repository's top where it is inside it."""
    resolved = file.resolve()
    return resolved.relative_to(REPOSITORY).as_posix() if resolved.is_relative_to(REPOSITORY) else str(file)


def rule_doc_messages() -> Iterator[tuple[Message, str]]:
    """The headings and paragraphs of every rule's documentation, placed at the rule's registry entry."""
    from svcmap.rules.registry import RULES, doc_messages

    for rule in RULES.values():
        for text in doc_messages(rule.source_doc):
            yield (text, None), f"rule {rule.code}"


def area_messages(paths: Iterable[Path]) -> dict[Message, list[str]]:
    """Every message of an area's files (and the rules' documentation when svcmap/rules is among them)."""
    paths = [path.resolve() for path in paths]
    found: dict[Message, list[str]] = {}
    messages = list(extract(paths))
    rules = (REPOSITORY / "svcmap" / "rules").resolve()
    if any(path == rules or rules in path.parents or path in rules.parents for path in paths):
        messages.extend(rule_doc_messages())
    for message, place in messages:
        found.setdefault(message, []).append(place)
    return found


def entry(message: Message, places: list[str]) -> str:
    """One untranslated .po entry, in the layout `msgfmt` and Babel read."""
    from babel.messages.pofile import normalize

    def field(name: str, text: str) -> str:
        return f"{name} {normalize(text, width=100)}\n"

    msgid, plural = message
    lines = "".join(f"#: {place}\n" for place in places[:3])
    if plural is None:
        return f'\n{lines}{field("msgid", msgid)}msgstr ""\n'
    return f'\n{lines}{field("msgid", msgid)}{field("msgid_plural", plural)}msgstr[0] ""\nmsgstr[1] ""\n'


def update(area: str, paths: Iterable[Path], locale: Path = LOCALE) -> list[Message]:
    """Append the area's new messages to its .po (in `locale`); returns those added."""
    from babel.messages.pofile import read_po

    po = locale / f"{area}.po"
    with po.open("rb") as file:
        known = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(file)}
    added = [(message, places) for message, places in area_messages(paths).items() if message[0] not in known]
    if added:
        with po.open("a", encoding="utf-8") as file:
            file.writelines(entry(message, places) for message, places in added)
    return [message for message, _places in added]


def main(arguments: list[str]) -> int:
    if len(arguments) < 2 or not (LOCALE / f"{arguments[0]}.po").is_file():
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        print(f"AREA is one of: {', '.join(sorted(po.stem for po in LOCALE.glob('*.po')))}", file=sys.stderr)
        return 2
    added = update(arguments[0], [Path(path) for path in arguments[1:]])
    print(f"{len(added)} new message(s) in {LOCALE.relative_to(REPOSITORY) / arguments[0]}.po to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
