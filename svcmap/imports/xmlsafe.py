"""Reading an XML file that nobody vouches for: a size cap, no DTD at all, no entity, no network, positions in errors.

A BPMN file comes from a modelling tool, a colleague's mailbox or a public repository, so it is read as
hostile. lxml (libxml2) parses it with entity substitution, DTD loading and network access off and with
libxml2's own limits on depth and text size (`huge_tree=False`). Before that, the prolog is read by hand
and any `<!DOCTYPE` is refused at its line and column: BPMN 2.0 needs no DTD, and a DTD is what external
entities (XXE) and entity expansion ("billion laughs") come in by, so refusing it leaves neither a way in,
and gives a clearer message than a parser stopping half-way through an expansion. Files are read as
bytes, so the XML declaration decides the encoding (UTF-8, UTF-16, ISO-8859-1, windows-1252 …).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree

from svcmap.errors import EXIT_FINDINGS, SvcmapError
from svcmap.i18n import _

MAX_BYTES = 16 * 1024 * 1024
"""The largest file read: 16 MiB. Real models are far smaller (the largest of the test corpus, exported by
ADONIS with every attribute, is 180 kB); a larger file is refused before it is parsed."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE_WITHOUT_BOM = ((b"<\0?\0", "utf-16-le"), (b"\0<\0?", "utf-16-be"))
_PROLOG_PART = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.DOTALL)
_LOCATION_SUFFIX = re.compile(r", line \d+, column \d+$")


class UnreadableInput(SvcmapError):
    """An input file that cannot be read as what it should be: SPEC §6, an import exits 1 for it."""

    exit_code = EXIT_FINDINGS


def problem(name: str, line: int, column: int, message: str) -> UnreadableInput:
    """The one shape of an input error: `file:line:col: message`."""
    return UnreadableInput(f"{name}:{line}:{column}: {message}")


def read_xml(path: Path, name: str, max_bytes: int = MAX_BYTES) -> etree._Element:
    """The root element of the XML file at `path` (called `name` in messages), or UnreadableInput saying where
    and why: too large, not XML, a DTD, a byte the declared encoding does not allow, a tag left open."""
    data = _read_capped(path, name, max_bytes)
    doctype = _doctype_position(data)
    if doctype is not None:
        raise problem(
            name,
            *doctype,
            _(
                "a DTD (<!DOCTYPE …>) is refused: BPMN needs none, and entities declared in one could read files or "
                "expand without end; export the model again without it"
            ),
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (1, 1)
        message = _LOCATION_SUFFIX.sub("", error.msg or "not well-formed")
        raise problem(name, line or 1, column or 1, _("not readable XML: {error}").format(error=message)) from None
    except ValueError as error:  # lxml refuses some inputs before libxml2 sees them
        raise problem(name, 1, 1, _("not readable XML: {error}").format(error=error)) from None
    if root.getroottree().docinfo.internalDTD is not None:  # the prolog check above should have caught it
        raise problem(name, 1, 1, _("a DTD (<!DOCTYPE …>) is refused: BPMN needs none"))
    return root


def _read_capped(path: Path, name: str, max_bytes: int) -> bytes:
    """The file's bytes, reading at most one byte past the cap (a device or a pipe has no honest size)."""
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except IsADirectoryError:
        raise UnreadableInput(_("{file}: a folder, not a file").format(file=name)) from None
    except OSError as error:
        raise UnreadableInput(
            _("{file}: cannot read it: {error}").format(file=name, error=error.strerror or error)
        ) from None
    if len(data) > max_bytes:
        raise UnreadableInput(
            _("{where}: larger than {size} MiB, the most svcmap reads of a BPMN file").format(
                where=f"{name}:1:1", size=max_bytes // (1024 * 1024)
            )
        )
    return data


def _doctype_position(data: bytes) -> tuple[int, int] | None:
    """Line and column of a `<!DOCTYPE` in the prolog (before the root element), or None.

    The prolog is read as text in the encoding its first bytes show: a byte order mark, UTF-16 without
    one, else as Latin-1, which maps every byte to one character and so keeps `<!DOCTYPE` findable in
    every encoding that extends ASCII. What is skipped — white space, the XML declaration, processing
    instructions, comments — is what XML allows before a DTD.
    """
    text = _as_text(data)
    position = 0
    while True:
        part = _PROLOG_PART.match(text, position)
        if part is None:
            break
        position = part.end()
    if not text.startswith("<!DOCTYPE", position):
        return None
    before = text[:position]
    line = before.count("\n") + 1
    return line, position - (before.rfind("\n") + 1) + 1


def _as_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    for start, encoding in _WIDE_WITHOUT_BOM:
        if data.startswith(start):
            return data.decode(encoding, errors="replace")
    return data.decode("latin-1")
