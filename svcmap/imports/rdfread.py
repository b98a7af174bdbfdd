"""Reading LPDC/IPDC files into an RDF graph, offline: JSON-LD with the vendored contexts, or Turtle.

LPDC's pages name their JSON-LD contexts by URL (`http://hostname/ipdc-lpdc-im.jsonld`). rdflib would fetch
them; instead every remote context is replaced by the copy shipped in `svcmap/catalog/lpdc_contexts/`
(SOURCE.md there says where they come from), found by the URL's last path segment, so a page served from
any host reads the same.
A context URL svcmap has no copy of is an error naming the file: guessing it would map terms wrongly.
Broken JSON or Turtle is an error with the file and line, never a traceback.
"""

from __future__ import annotations

import json
import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import rdflib

from svcmap.catalog.lpdc import CONTEXT_FILES, CONTEXTS_DIR
from svcmap.i18n import _
from svcmap.imports.xmlsafe import MAX_BYTES, UnreadableInput

_TURTLE_LINE = re.compile(r"at line (\d+)")


@cache
def vendored_context(name: str) -> Any:
    """The `@context` object of a shipped context file."""
    return json.loads((CONTEXTS_DIR / name).read_text(encoding="utf-8"))["@context"]


def read_graph(path: Path, name: str, max_bytes: int = MAX_BYTES) -> rdflib.Graph:
    """The triples of an LPDC/IPDC file: JSON-LD (`.json`, `.jsonld`, or any file starting with `{`/`[`),
    else Turtle. Raises UnreadableInput with `name:line:col: why`."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableInput(
            _("{file}: cannot be read: {error}").format(file=name, error=error.strerror or error)
        ) from None
    if len(raw) > max_bytes:
        raise UnreadableInput(_("{file}: larger than {size} bytes; not read").format(file=name, size=max_bytes))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableInput(_("{file}: byte {offset}: not UTF-8").format(file=name, offset=error.start)) from None
    if text.lstrip()[:1] in ("{", "["):
        return _json_ld(text, name)
    return _turtle(text, name)


def _json_ld(text: str, name: str) -> rdflib.Graph:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableInput(
            _("{where}: not JSON: {error}").format(where=f"{name}:{error.lineno}:{error.colno}", error=error.msg)
        ) from None
    documents = document if isinstance(document, list) else [document]
    graph = rdflib.Graph()
    for item in documents:
        if not isinstance(item, dict) or "@context" not in item:
            raise UnreadableInput(_("{where}: not LPDC JSON-LD: no `@context`").format(where=f"{name}:1:1"))
        item = dict(item)
        item["@context"] = _offline(item["@context"], name)
        base = item.get("@id") if isinstance(item.get("@id"), str) else None
        try:
            with warnings.catch_warnings():
                # rdflib 7's JSON-LD parser uses its own deprecated ConjunctiveGraph inside
                warnings.simplefilter("ignore", DeprecationWarning)
                graph.parse(data=json.dumps(item), format="json-ld", base=base)
        except Exception as error:  # rdflib raises many kinds for bad JSON-LD; all mean "cannot read it"
            raise UnreadableInput(
                _("{where}: not readable as JSON-LD: {error}").format(where=f"{name}:1:1", error=error)
            ) from None
    return graph


def _offline(context: Any, name: str) -> Any:
    """The context with every URL replaced by the vendored object; an unknown URL is an error."""
    if isinstance(context, list):
        return [_offline(item, name) for item in context]
    if isinstance(context, str):
        segment = urlparse(context).path.rsplit("/", 1)[-1]
        if segment in CONTEXT_FILES:
            return vendored_context(segment)
        known = ", ".join(CONTEXT_FILES)
        raise UnreadableInput(
            _("{where}: unknown JSON-LD context {context}: svcmap reads LPDC files offline with {known} only").format(
                where=f"{name}:1:1", context=repr(context), known=known
            )
        )
    return context


def _turtle(text: str, name: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    try:
        graph.parse(data=text, format="turtle")
    except Exception as error:  # rdflib's Turtle parser raises BadSyntax and others; all mean "cannot read it"
        found = _TURTLE_LINE.search(str(error))
        line = found.group(1) if found else "1"
        raise UnreadableInput(
            _("{where}: neither JSON-LD nor Turtle: {error}").format(where=f"{name}:{line}:1", error=_first_line(error))
        ) from None
    return graph


def _first_line(error: Exception) -> str:
    """The message of a parser error without rdflib's "at line N of <>:" and the dump of the text after it."""
    lines = [line for line in str(error).strip().splitlines() if line and not _TURTLE_LINE.match(line)]
    return lines[0].split(" at ^ in:")[0] if lines else type(error).__name__
