"""The templates of init and new: package data files with `{{name}}` placeholders, filled, laid out, checked.

Every value goes in as fmt spells it (`scalar`): plain where that reads back as the same string, quoted
where YAML would read something else (a name with `: `, an id such as `no` or `2024` that YAML takes
for a boolean or a number). The filled file is then laid out by fmt, so a new file is in canonical
layout by construction and `svcmap fmt --check` passes on it, and checked against its schema, so that
a value the schema refuses (a name of 3,000 characters) is an error before any file is written.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from svcmap.catalog import reader, schema
from svcmap.errors import SvcmapError
from svcmap.fmt.canonical import format_text
from svcmap.i18n import _

TEMPLATES = Path(__file__).resolve().parent / "templates"
_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template's text with each `{{name}}` replaced by `values[name]`, as given (see `scalar`)."""
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], text)


def scalar(value: str) -> str:
    """`value` as fmt writes it as a mapping's value: the judgement of where quotes are needed stays fmt's.

    JSON's string syntax is YAML's double-quoted style, so fmt is given a value that reads back as
    exactly `value`, and answers with its canonical spelling. Filling a template with that spelling
    rather than the quoted one keeps the template's end-of-line comments where they are written.
    """
    return format_text(f"name: {json.dumps(value)}\n", "product").removeprefix("name: ").removesuffix("\n")


def catalog_text(kind: str, template: str, values: Mapping[str, str]) -> str:
    """A catalog file of `kind` (organisation, product, process) from its template, in canonical layout and
    valid against its schema; a value the schema refuses is a usage error saying where."""
    text = format_text(fill(template, values), kind)
    errors = schema.check(kind, reader.load(text))
    if errors:
        first = errors[0]
        raise SvcmapError(
            _("the new {kind} file would not be valid: line {line}: {message}").format(
                kind=kind, line=first.line, message=first.message
            )
        )
    return text


def id_pattern() -> re.Pattern[str]:
    """The id pattern of SPEC §2, as the schemas define it (one definition, theirs)."""
    return re.compile(schema.load_schema("product")["$defs"]["id"]["pattern"])


def id_from(text: str) -> str:
    """An id made from a name or a near-id: `Stad Sint-Niklaas` → `stad-sint-niklaas`, accents dropped; '' when
    nothing of it is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
