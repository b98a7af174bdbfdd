"""Every word of the site is in site.po with its Dutch: the message ids are read from the site's code as
Babel reads them, so a text that Babel cannot see (a `_()` inside an f-string) fails here too."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "svcmap" / "reporters" / "site"
PO = REPO / "svcmap" / "locale" / "nl" / "LC_MESSAGES" / "site.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
CALL = re.compile(r"""\b(?:N_|_)\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\)""")


OTHER_AREAS = {"lifeevent.py"}
"""Site modules whose words another area holds (the life-event page: trajectory.po)."""


def _extracted(modules: tuple[Path, ...] | None = None) -> set[str]:
    found: set[str] = set()
    for module in modules or tuple(path for path in sorted(SITE.glob("*.py")) if path.name not in OTHER_AREAS):
        for _line, message, _comments, _context in extract_from_file("python", module, KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_of_the_site_has_its_dutch() -> None:
    with PO.open("rb") as file:
        catalog = read_po(file, locale="nl")
    extracted = _extracted()
    assert len(extracted) > 100
    missing = sorted(message for message in extracted if message not in catalog or not catalog[message].string)
    assert missing == []
    ids = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog if message.id}
    assert sorted(ids - extracted) == []  # nothing translated that the site no longer says


def test_babel_sees_every_message_written_in_the_code() -> None:
    """A single-line `_("…")` that Babel did not extract sits where it cannot look (an f-string)."""
    extracted = _extracted(tuple(sorted(SITE.glob("*.py"))))
    unseen = []
    for module in sorted(SITE.glob("*.py")):
        for match in CALL.finditer(module.read_text(encoding="utf-8")):
            message = match.group(1) if match.group(1) is not None else match.group(2)
            if message not in extracted:
                unseen.append(f"{module.name}: {message}")
    assert unseen == []
