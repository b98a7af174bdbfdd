"""New units go into organisation.yaml without changing a byte of what is there: comments, blank lines,
layout and the existing units stay; and the new process files are in canonical layout."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from svcmap.catalog import reader
from svcmap.fmt.canonical import format_text
from svcmap.imports.units import NewUnit
from svcmap.imports.writing import organisation_text, process_text

REPO = Path(__file__).resolve().parents[2]
UNITS = [NewUnit("wethouder", "Wethouder", "back", False), NewUnit("loket", "Loket: balie", "front", True)]
REMARK = "units imported by svcmap import bpmn from aanvraag.bpmn"
ADDED = [
    {"id": "wethouder", "name": "Wethouder", "office": "back"},
    {"id": "loket", "name": "Loket: balie", "office": "front", "external": True},
]


def inserted_lines(before: str, after: str) -> list[str]:
    """The lines of `after` that are not in `before`, checking that every line of `before` stays, in order."""
    old, new = before.splitlines(), after.splitlines()
    added: list[str] = []
    position = 0
    for line in new:
        if position < len(old) and line == old[position]:
            position += 1
        else:
            added.append(line)
    assert position == len(old), "a line of the original was changed or lost"
    return added


def test_the_example_organisation_keeps_every_line_and_stays_canonical() -> None:
    original = (REPO / "catalog/organisation.yaml").read_text(encoding="utf-8")
    text = organisation_text(original, UNITS, REMARK)
    assert inserted_lines(original, text) == [
        f"  # {REMARK}",
        "  - id: wethouder",
        "    name: Wethouder",
        "    office: back",
        "  - id: loket",
        '    name: "Loket: balie"',
        "    office: front",
        "    external: true",
    ]
    assert text.index("  - id: wethouder") > text.index("  - id: kinderopvang-aanbieders")  # after the last unit
    assert text.index("  - id: wethouder") < text.index("\n\nlife_events:")  # before the blank line that follows it
    assert format_text(text, "organisation") == text
    assert reader.load(text)["units"][-2:] == ADDED


@pytest.mark.parametrize(
    "layout",
    [
        # the list's items at the key's column, an end-of-line comment on the last unit, no final line break
        "organisation: {id: g, name: G}\nunits:\n- id: a\n  name: A\n  office: back  # de enige\n",
        "organisation: {id: g, name: G}\nunits:\n- id: a\n  name: A\n  office: back",
        # Windows line breaks
        "organisation:\r\n  id: g\r\n  name: G\r\nunits:\r\n  - id: a\r\n    name: A\r\n    office: back\r\n",
        # a block scalar ends the last unit
        "organisation: {id: g, name: G}\nunits:\n  - id: a\n    name: >-\n      Dienst\n      A\n\n    office: back\n",
        # units in flow style, or none yet: through ruamel.yaml's round trip, comments kept
        "# de organisatie\norganisation: {id: g, name: G}\nunits: []  # nog niets\n",
        "# de organisatie\norganisation: {id: g, name: G}\nunits: [{id: a, name: A, office: back}]\n",
    ],
)
def test_any_layout_of_units_keeps_its_lines_and_gains_the_new_units(layout: str) -> None:
    text = organisation_text(layout, UNITS, REMARK)
    before = reader.load(layout)
    after = reader.load(text)
    assert after["units"] == [*before["units"], *ADDED]
    assert after["organisation"] == before["organisation"]
    comments = [line.split("#", 1)[1] for line in layout.splitlines() if "#" in line]
    assert all(comment in text for comment in comments)
    if "\r\n" in layout:
        assert "\n" not in text.replace("\r\n", "")


def test_a_process_file_is_canonical_and_starts_with_its_schema_line_and_header() -> None:
    data = {
        "id": "p",
        "name": "P: een proces",
        "steps": [
            {"id": "a", "name": "no", "unit": "u", "decision": "Ok?", "next": [{"to": "b", "when": "ja"}, {"to": "a"}]},
            {"id": "b", "name": "B #1", "unit": "u", "office": "front"},
        ],
    }
    text = process_text(
        data, ["Imported by `svcmap import bpmn` from x.bpmn, pool 'P'.", "Approximated:", "  line 3: x"]
    )
    assert text.splitlines()[:4] == [
        "# yaml-language-server: $schema=../schemas/process.schema.json",
        "# Imported by `svcmap import bpmn` from x.bpmn, pool 'P'.",
        "# Approximated:",
        "#   line 3: x",
    ]
    assert format_text(text, "process") == text
    assert reader.load(text) == data
    assert textwrap.dedent(text).count('"no"') == 1  # quoted where YAML 1.1 would read a boolean
