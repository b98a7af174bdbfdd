"""Hypothesis strategies for fmt: schema-valid catalog files, written in many layouts, with comments.

A document is generated as data, then written by PyYAML (taught svcmap's YAML 1.2 scalars, so that what
it writes unquoted reads back as the same value) in a random layout: block or flow collections, 2–4
spaces, narrow widths that fold long names over several lines, random key order and quoting. Comments
and blank lines are then sprinkled over it; a sprinkle that changes the data (a `#` inside a folded
scalar is text, not a comment) is rejected with `assume`.
"""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import assume
from hypothesis import strategies as st

from svcmap.catalog import reader, schema

OFFICES = ["front", "back"]
CHANNELS = ["counter", "appointment", "phone", "web", "email", "mail", "home-visit", "chat"]
AUDIENCES = ["citizen", "business", "organisation"]
STATUSES = ["active", "planned", "retired"]

TRICKY = [
    "yes",
    "no",
    "on",
    "null",
    "Null",
    "~",
    "true",
    "False",
    "1_000",
    ".5e3",
    "+.5",
    "0o17",
    "0x1F",
    "012",
    "1e5",
    "2024-01-01",
    "12:30",
    "<<",
    "=",
    "#hashtag",
    "a # not a comment",
    "key: value",
    "- dash",
    "[flow]",
    "{flow}",
    "it's",
    'say "hi"',
    "back\\slash",
    "  leading",
    "trailing  ",
    "@at",
    "`tick",
    "%percent",
    "!bang",
    "&amp",
    "*star",
    "?",
    "|pipe",
    ">fold",
    "Één café, één ß",
    "tab\there",
    "two\nlines",
    "ends with newline\n",
    "ends with blank lines\n\n\n",
    "\n",
    "\n\n",
    " \n",
    "emoji 🏛️",
    "a" * 150,
    "Een heel lange Nederlandse zin over de aanvraag van een omgevingsvergunning die niet mag worden afgebroken",
]
"""Strings that tempt a YAML writer to change them: every one must come back as it was."""

_LETTERS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85\ufeff")
texts = st.one_of(st.sampled_from(TRICKY), st.text(_LETTERS, min_size=1, max_size=40))
ids = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,4}){0,2}\Z")
comment_texts = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"), max_size=20
)


@st.composite
def ordered(draw: st.DrawFn, fields: dict[str, Any]) -> dict[str, Any]:
    """The mapping with its keys in a random order: fmt must put them back in canonical order."""
    keys = draw(st.permutations(list(fields)))
    return {key: fields[key] for key in keys}


@st.composite
def optional(draw: st.DrawFn, required: dict[str, Any], extra: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    fields = dict(required)
    for key, strategy in extra.items():
        if draw(st.booleans()):
            fields[key] = draw(strategy)
    return draw(ordered(fields))


@st.composite
def products(draw: st.DrawFn) -> dict[str, Any]:
    status = draw(st.sampled_from(STATUSES))
    required: dict[str, Any] = {
        "id": draw(ids),
        "name": draw(texts),
        "owner": draw(ids),
        "channels": draw(st.lists(st.sampled_from(CHANNELS), min_size=1, max_size=4)),
    }
    if status != "planned" or draw(st.booleans()):
        required["process"] = draw(ids)
    if draw(st.booleans()):
        required["status"] = status
    elif status == "planned":
        required.setdefault("process", draw(ids))
    amounts = st.one_of(st.integers(0, 10_000), st.floats(0, 1e6, allow_nan=False, allow_infinity=False))
    cost = st.fixed_dictionaries({"amount": amounts, "currency": st.sampled_from(["EUR", "USD"])}).flatmap(ordered)
    return draw(
        optional(
            required,
            {
                "summary": texts,
                "audience": st.lists(st.sampled_from(AUDIENCES), max_size=3),
                "cost": cost,
                "lead_time_days": st.integers(0, 400),
                "legal_basis": st.lists(texts, max_size=3),
                "identifiers": st.dictionaries(st.sampled_from(["ipdc", "upl", "x-1"]), texts, max_size=3),
            },
        )
    )


@st.composite
def steps(draw: st.DrawFn) -> dict[str, Any]:
    target = st.one_of(
        ids,
        st.fixed_dictionaries({"to": ids}, optional={"when": texts}).flatmap(ordered),
    )
    return draw(
        optional(
            {"id": draw(ids), "name": draw(texts), "unit": draw(ids)},
            {
                "office": st.sampled_from(OFFICES),
                "channel": st.sampled_from(CHANNELS),
                "asks": st.lists(ids, max_size=4),
                "next": st.one_of(ids, st.lists(target, min_size=1, max_size=3)),
            },
        )
    )


@st.composite
def processes(draw: st.DrawFn) -> dict[str, Any]:
    return draw(
        optional(
            {"id": draw(ids), "name": draw(texts), "steps": draw(st.lists(steps(), min_size=1, max_size=4))},
            {"start": ids},
        )
    )


@st.composite
def organisations(draw: st.DrawFn) -> dict[str, Any]:
    unit = st.fixed_dictionaries(
        {"id": ids, "name": texts, "office": st.sampled_from(OFFICES)},
        optional={"domain": ids, "external": st.booleans()},
    ).flatmap(ordered)
    event = st.fixed_dictionaries({"id": ids, "name": texts, "products": st.lists(ids, max_size=4)}).flatmap(ordered)
    item = st.fixed_dictionaries({"id": ids, "name": texts}, optional={"held_by": texts}).flatmap(ordered)
    head = st.fixed_dictionaries({"id": ids, "name": texts}).flatmap(ordered)
    return draw(
        optional(
            {"organisation": draw(head), "units": draw(st.lists(unit, max_size=4))},
            {"life_events": st.lists(event, max_size=3), "data_items": st.lists(item, max_size=3)},
        )
    )


DOCUMENTS = {"product": products(), "process": processes(), "organisation": organisations()}


class _Core12Dumper(yaml.SafeDumper):
    """PyYAML's writer, quoting exactly the plain scalars that svcmap's reader would not read as strings."""


_Core12Dumper.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in reader.IMPLICIT] for first in "~nNtTfF-+.0123456789"
}
_Core12Dumper.yaml_implicit_resolvers[""] = [(tag, pattern) for tag, pattern in reader.IMPLICIT]


@st.composite
def layouts(draw: st.DrawFn, data: dict[str, Any]) -> str:
    """The data written in one random layout (the data itself is unchanged)."""
    style = draw(st.sampled_from([None, '"', "'", "|"]))

    class Dumper(_Core12Dumper):
        pass

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, represent_str)
    return yaml.dump(
        data,
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, None, True])),
        indent=draw(st.integers(2, 4)),
        width=draw(st.sampled_from([20, 60, 4096])),
    )


@st.composite
def sprinkled(draw: st.DrawFn, text: str) -> str:
    """The text with own-line comments, end-of-line comments and blank lines added between its lines."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if line.strip() and draw(st.integers(0, 5)) == 0:
            indent = len(line) - len(line.lstrip(" "))
            indent = draw(st.sampled_from([indent, 0, indent + 2]))
            out.append(" " * indent + "#" + draw(comment_texts))
        if line.strip() and draw(st.integers(0, 7)) == 0:
            out.append("")
        if line.strip() and draw(st.integers(0, 4)) == 0:
            line = line + " " * draw(st.integers(1, 3)) + "#" + draw(comment_texts)
        elif line.rstrip().endswith(("|", "|-", "|+", ">", ">-", ">+")) and draw(st.booleans()):
            line = line + " #" + draw(comment_texts)  # a comment on a block scalar's header
        out.append(line)
    return "\n".join(out)


@st.composite
def shared(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """The data with some lists and mappings shared, so that the writer puts anchors and aliases in the text.

    A step's `asks` or `next` list becomes another step's (or the other key's of the same step), and a
    step may be listed twice; `cost` may be the `identifiers` of the product. The data read back is
    still the data: an alias reads as a copy.
    """
    steps = data.get("steps")
    if isinstance(steps, list) and steps:
        lists = [(step, key) for step in steps for key in ("asks", "next") if isinstance(step.get(key), list)]
        for step, key in lists:
            if draw(st.integers(0, 2)) == 0:
                source_step, source_key = draw(st.sampled_from(lists))
                if source_step[source_key] and (key == "asks") == (source_key == "asks"):
                    step[key] = source_step[source_key]
        for step in list(steps):
            if draw(st.integers(0, 3)) == 0:
                steps.insert(draw(st.integers(steps.index(step) + 1, len(steps))), step)
    return data


@st.composite
def catalog_files(draw: st.DrawFn, aliases: bool = False) -> tuple[str, str, Any]:
    """(kind, text, data): a schema-valid catalog file in a random layout with comments, and its data.

    With `aliases`, some of its lists and steps are written once with an anchor and then as aliases.
    """
    kind = draw(st.sampled_from(sorted(DOCUMENTS)))
    data = draw(DOCUMENTS[kind])
    if aliases:
        data = draw(shared(data))
    assume(not schema.check(kind, data))
    text = draw(layouts(data))
    assert comparable(reader.load(text)) == comparable(data), "the generator's own writer changed the data"
    if draw(st.booleans()):
        header = f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n"
        text = header + draw(sprinkled(text))
        assume(_reads_as(text, data))
    if draw(st.integers(0, 9)) == 0:
        text = text.replace("\n", "\r\n")  # written on Windows
    return kind, text, data


def _reads_as(text: str, data: Any) -> bool:
    try:
        return comparable(reader.load(text)) == comparable(data)
    except reader.YamlProblem:
        return False


def comparable(value: Any) -> Any:
    """Data with each scalar's type made explicit, so 1, 1.0 and True differ."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    return (type(value).__name__, value)


@st.composite
def shuffled(draw: st.DrawFn, value: Any) -> Any:
    """The same data with every mapping's keys in a random order."""
    if isinstance(value, dict):
        keys = draw(st.permutations(list(value)))
        return {key: draw(shuffled(value[key])) for key in keys}
    if isinstance(value, list):
        return [draw(shuffled(item)) for item in value]
    return value
